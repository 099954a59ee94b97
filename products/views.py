"""The catalogue page's request handling, on the shared catalogue search (search/catalogue)."""

from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from products.queries import attach_pictures
from search.catalogue import service
from search.catalogue.contract import CatalogueQuery
from search.catalogue.parameters import GROUPS, CatalogueQueryForm
from search.services import record_search

FACET_LABELS = {
    "sector": _("Nhóm ngành"),
    "year": _("Năm công nhận"),
    "certification": _("Chứng nhận"),
    "unit": _("Phường/xã"),
    "top10": _("Top 10"),
    "market": _("Thị trường xuất khẩu"),
}


def _without(query, *names):
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def catalogue_context(request) -> dict:
    """Search, filters and facets from the query string.

    Bad filter values are explained and left out (the page answers 400); a page number that
    does not exist is a 404. Unknown parameters (a campaign tag, say) are ignored here; the
    API refuses them.
    """
    known = request.GET.copy()
    for name in list(known):
        if name not in {"q", "sort", "page", *GROUPS}:
            known.pop(name)
    form = CatalogueQueryForm(known, language=get_language())
    if form.is_valid():
        query = form.query()
    else:
        if "page" in form.errors:
            raise Http404("Không có trang này.")
        # What was valid still narrows the page; the errors are shown above the results.
        query = CatalogueQuery(
            q=form.cleaned_data.get("q", ""),
            lang=get_language(),
            filters=form.cleaned_data.get("filters", {}),
            sort=form.cleaned_data.get("sort") or "relevance",
        )
    try:
        answer = service.search(query)
    except service.PageOutOfRange as error:
        raise Http404("Không có trang này.") from error
    attach_pictures(answer.data["results"])
    if form.is_valid():
        record_search(
            request=request,
            query=query.q,
            language=query.lang,
            result_count=answer.data["count"],
            path=answer.path,
            page=query.page,
            filters=query.filters,
        )
    facets = [
        {
            "name": group,
            "label": FACET_LABELS[group],
            "values": answer.data["facets"].get(group, []),
        }
        for group in GROUPS
    ]
    return {
        "form": form,
        "search": answer.data,
        "search_notice": answer.notice,
        "facets": [facet for facet in facets if facet["values"]],
        "query": query.q,
        "sort": query.sort,
        "filter_query": _without(request.GET, "page"),
    }
