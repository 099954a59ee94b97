"""A catalogue search as a request asks for it: parameters checked, searched, counted.

The API (`search.api`) and the catalogue page (`products.ProductIndexPage`) answer the same
parameters the same way; only what they do with a bad one differs. The API refuses any
parameter it does not know; the page ignores unknown ones (a campaign tag, say) and still
shows what the valid ones narrow, with the errors above the results.
"""

from dataclasses import dataclass

from search.catalogue import service
from search.catalogue.contract import CatalogueQuery
from search.catalogue.parameters import PARAMETERS, CatalogueQueryForm
from search.catalogue.service import CatalogueAnswer, PageOutOfRange
from search.services import record_search

__all__ = ["CatalogueSearch", "PageOutOfRange", "search_request"]


@dataclass(frozen=True)
class CatalogueSearch:
    form: CatalogueQueryForm
    query: CatalogueQuery | None  # None: nothing to search (the page number is wrong)
    answer: CatalogueAnswer | None


def search_request(request, *, language: str | None = None, lenient: bool = False):
    """Search the catalogue for *request*'s query string; raises PageOutOfRange.

    *lenient* (the HTML page): unknown parameters are ignored, and a form with errors still
    searches with what was valid, from its first page. A valid search is counted for the
    editors' statistics (search.services.record_search).
    """
    data = request.GET
    if lenient:
        data = data.copy()
        for name in list(data):
            if name not in PARAMETERS - {"lang"}:
                data.pop(name)
    form = CatalogueQueryForm(data, language=language)
    if form.is_valid():
        query = form.query()
    elif lenient and "page" not in form.errors:
        cleaned = form.cleaned_data
        query = CatalogueQuery(
            q=cleaned.get("q", ""),
            lang=language or "vi",
            filters=cleaned.get("filters", {}),
            sort=cleaned.get("sort") or "relevance",
            tab=cleaned.get("tab") or "products",
            status=cleaned.get("status") or "",
        )
    else:
        return CatalogueSearch(form=form, query=None, answer=None)
    answer = service.search(query)
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
    return CatalogueSearch(form=form, query=query, answer=answer)
