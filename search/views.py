from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import override

from core.locales import active_locale
from search.forms import SiteSearchForm
from search.queries import promoted_pages, search_pages

RESULTS_PER_PAGE = 10


def search(request):
    form = SiteSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    locale = active_locale()
    results_page = None
    promoted = []
    if query:
        paginator = Paginator(search_pages(query=query, locale=locale), RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404("Không có trang kết quả này.") from error
        promoted = promoted_pages(query=query, locale=locale)
    translations = {}
    for code in ("vi", "en"):
        with override(code):
            suffix = f"?{request.GET.urlencode()}" if request.GET else ""
            translations[code] = reverse("search") + suffix
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": query,
            "results_page": results_page,
            "promoted": promoted,
            "translations": translations,
            "query_string": f"q={query}" if query else "",
        },
        status=200 if form.is_valid() else 400,
    )
