"""The company part of a catalogue answer, on the path that answered the products.

The service (`service.search`) calls `companies_for` once per search: one more engine request
(`engine/companies.py`), or one or two more SQL queries (`database/companies.py`). On the
products tab the answer holds the first COMPANY_PREVIEW companies; on the companies tab the
page the query asks for. An engine that fails for companies alone (the company index not yet
built after a deploy, say) leaves them to the database: the products' answer stands.
"""

import logging

from search.catalogue.company_contract import COMPANY_PREVIEW, company_answer
from search.catalogue.contract import CatalogueQuery
from search.catalogue.database.companies import (
    search_companies_database,
    suggest_companies_database,
)

logger = logging.getLogger(__name__)


def companies_for(
    query: CatalogueQuery, *, synonyms: dict[str, list[str]] | None, engine=None
) -> dict:
    """{"count", "results", "page", "num_pages", "exact"} of the companies matching *query*'s
    words; "exact": some has every word without a forgiven typo.

    *engine* is the engine path's companies module when the engine answered the products.
    """
    if query.tab == "companies":
        page, per_page = query.page, query.per_page
    else:
        page, per_page = 1, COMPANY_PREVIEW
    arguments = {"synonyms": synonyms, "start": (page - 1) * per_page, "size": per_page}
    found = None
    if engine is not None:
        try:
            found = engine.search_companies(query, **arguments)
        except engine.ENGINE_ERRORS:
            logger.warning("Company search failed on the engine; answering from the database")
    if found is None:
        found = search_companies_database(query, **arguments)
    count, results, exact = found
    return company_answer(count=count, results=results, page=page, per_page=per_page) | {
        "exact": exact
    }


def company_suggestions(*, q: str, lang: str, engine=None) -> list[dict]:
    """Company names for the autocomplete, from the engine when it answered the products."""
    if engine is not None:
        try:
            return engine.suggest_companies(q=q, lang=lang)
        except engine.ENGINE_ERRORS:
            logger.warning("Company suggestions failed on the engine", exc_info=True)
    return suggest_companies_database(q=q, lang=lang)
