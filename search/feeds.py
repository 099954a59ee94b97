"""The catalogue as a feed: "new products in my sector", for any catalogue search.

The feed takes the parameters of `GET /api/catalogue/` and checks them with the same form
(search.catalogue.parameters); a bad one is a 400 that says which, in the feed's language,
as the API's is. Without `sort` it lists the most recently recognised products first. Reading
a feed is not a visitor's search, so it is not counted in the search statistics.
"""

from dataclasses import replace

from django.http import HttpResponse
from django.utils.translation import gettext
from wagtail.models import Page

from core.feeds import FEED_ITEMS, FeedContent, FeedItem, absolute, feed_response
from search.catalogue import service
from search.catalogue.parameters import CatalogueQueryForm, view_parameters
from search.catalogue.service import PageOutOfRange

FEED_SORT = "newest"


def carried_query(params) -> str:
    """*params* (a QueryDict) reduced to the catalogue parameters a view is made of."""
    return view_parameters(params).urlencode()


def _bad_request(messages) -> HttpResponse:
    return HttpResponse(
        "\n".join(messages) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def catalogue_feed(request, *, kind: str, title: str, url: str, language: str) -> HttpResponse:
    """The feed of the catalogue search *request* asks for, on the catalogue page at *url*."""
    form = CatalogueQueryForm(request.GET, language=language)
    if not form.is_valid():
        return _bad_request(form.messages())
    query = form.query(per_page=FEED_ITEMS)
    query = replace(query, sort=request.GET.get("sort") or FEED_SORT, facets=False)
    try:
        answer = service.search(query)
    except PageOutOfRange as error:
        return _bad_request(
            [gettext("Trang %(page)s không có: kết quả ít hơn.") % {"page": error.args[0]}]
        )
    results = answer.data["results"]
    published = {
        pk: (first, last)
        for pk, first, last in Page.objects.filter(
            pk__in=[result["id"] for result in results if result.get("id")]
        ).values_list("pk", "first_published_at", "last_published_at")
    }
    view_url = absolute(request, url)
    query_string = carried_query(request.GET)
    if query_string:
        view_url += f"?{query_string}"
    words = form.cleaned_data["q"]
    content = FeedContent(
        title=(f"{title}: {words}" if words else title) + f" · {gettext('SPCNCL Hà Nội')}",
        url=view_url,
        feed_url=absolute(request, request.get_full_path()),
        description=gettext("Sản phẩm mới được công nhận trong danh mục, theo bộ lọc đã chọn."),
        items=[_item(request, result, published.get(result.get("id"))) for result in results],
    )
    return feed_response(request, kind=kind, content=content)


def _item(request, result: dict, published) -> FeedItem:
    company = result.get("company") or {}
    parts = [result.get("summary") or ""]
    if company.get("name"):
        parts.append(f"{gettext('Doanh nghiệp')}: {company['name']}")
    if result.get("years"):
        parts.append(
            f"{gettext('Năm công nhận')}: {', '.join(str(year) for year in result['years'])}"
        )
    sector = result.get("sector") or {}
    first, last = published or (None, None)
    return FeedItem(
        title=result["title"],
        url=absolute(request, result["url"]),
        description=" · ".join(part for part in parts if part),
        published=first,
        updated=last,
        categories=(sector["label"],) if sector.get("label") else (),
    )
