from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404


def page_or_404(items, number, *, per_page: int) -> Page:
    """Page *number* of *items*, evaluated; a bad or out-of-range number is a 404.

    Not `Paginator.get_page`, which answers any such number with the last page: a shared link
    to page 7 of a list that has shrunk must say that page is gone, not show another one.
    """
    try:
        page = Paginator(items, per_page).page(number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("Không có trang này.") from error
    page.object_list = list(page.object_list)
    return page
