"""The catalogue search's entry point: a `CatalogueQuery` in, results + facets + suggestion out.

One entry point for the API, the catalogue page and the site search page. The path is chosen
by configuration, not by the caller: the engine when SEARCH_URL is set, the database
otherwise. When the engine fails or is too slow, the same query is answered from the
database path with a notice, so visitors never see an error page because of the engine.
"""

import hashlib
import logging
import math
from dataclasses import dataclass, replace
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext_lazy as _

from core.treecache import replace_shared_version, shared_version, tree_version
from search.catalogue.company_search import companies_for, company_suggestions
from search.catalogue.contract import CatalogueQuery, result_status
from search.catalogue.database.query import search_database
from search.catalogue.database.suggest import suggest_database
from search.synonyms import synonym_groups

logger = logging.getLogger(__name__)

ENGINE_DOWN_NOTICE = _(
    "Máy tìm kiếm đang tạm gián đoạn; kết quả dưới đây được tìm trực tiếp trong cơ sở dữ liệu "
    "và có thể kém chính xác hơn."
)


@dataclass
class CatalogueAnswer:
    data: dict
    path: str  # "engine" or "database"
    notice: str | None = None
    # Under which key the answer is kept (see search); None for one that is not kept, so a
    # page builds nothing from it to keep either.
    key: str | None = None


class PageOutOfRange(ValueError):
    pass


def engine_enabled() -> bool:
    return bool(settings.SEARCH_URL)


def engine_module(name: str):
    """A module of the engine path (client, query, indexing), imported when first needed.

    Imported here rather than at the top: the engine's client libraries are only needed when
    an engine is configured, and the database path must work without them.
    """
    return import_module(f"search.catalogue.engine.{name}")


def engine_path():
    """The engine path's client and query modules."""
    return engine_module("client"), engine_module("query")


# Answers kept in each process's memory (the "catalogue-answers" cache, bounded) for
# ANSWER_SECONDS, keyed by the whole query (its day included) and two shared versions: the
# tree's (restrictions, publishing) and the search data's, which `forget_answers` replaces
# after every write of search data (search.catalogue.sync, rebuilds, repairs) and every
# change of synonyms. The version is replaced once the data is written, not when the page
# is published, so an answer is never kept from between the two.
ANSWER_SECONDS = 300
_ANSWERS_VERSION_KEY = "catalogue:answers-version"


def forget_answers(**kwargs) -> None:
    """Make every process search afresh (also a signal receiver: search.signals)."""
    replace_shared_version(_ANSWERS_VERSION_KEY)


def _answer_key(query: CatalogueQuery) -> str:
    version = shared_version(_ANSWERS_VERSION_KEY)
    # The dataclass's repr names every field, filters and day included; hashed, as the
    # visitor's words may be long or hold any character.
    where = hashlib.sha1(repr(query).encode()).hexdigest()
    return f"answer:{tree_version()}:{version}:{where}"


def search(query: CatalogueQuery) -> CatalogueAnswer:
    """Search the catalogue; raises PageOutOfRange for a page past the last one.

    A search asked again is answered from memory (see ANSWER_SECONDS), unless the first
    answer came from the database path because the engine failed: that one is not kept, so
    the engine is asked again as soon as it is back.
    """
    key = _answer_key(query)
    kept = caches["catalogue-answers"].get(key)
    if kept is not None:
        if isinstance(kept, PageOutOfRange):
            raise PageOutOfRange(query.page)
        return kept
    try:
        answer = _search(query)
    except PageOutOfRange:
        caches["catalogue-answers"].set(key, PageOutOfRange(query.page), ANSWER_SECONDS)
        raise
    if answer.notice is None:
        answer.key = key
        # Django's cache backends keep a pickled copy, so what callers add to the answer's
        # data for their own page (pictures, links) never reaches the kept one.
        caches["catalogue-answers"].set(key, answer, ANSWER_SECONDS)
    return answer


def _search(query: CatalogueQuery) -> CatalogueAnswer:
    """The answer to *query*, searched now (see search).

    The answer holds the products and, under "companies", the companies the words find
    (search.catalogue.company_search): the first few on the products tab, the page asked for
    on the companies tab, whose "page" and "num_pages" are then the companies'.
    """
    synonyms = synonym_groups()
    # On the companies tab the products are only counted (and faceted): their first page.
    products = query if query.tab == "products" else replace(query, page=1)
    answer = _products(products, synonyms=synonyms)
    companies = companies_for(
        query,
        synonyms=synonyms,
        engine=engine_module("companies") if answer.path == "engine" else None,
    )
    if companies["exact"] and (answer.data["corrected"] or answer.data["partial"]):
        # The words name a company ("Thuong Dinh"), without a typo: no product has them, and
        # none should be shown for a correction ("thông minh") or for part of them. Rare, so
        # asked again rather than for every search. (A company found for a typo, "dai thanh
        # phta", leaves the products' correction, "đại thành phát", standing.)
        answer = _products(products, synonyms=synonyms, fallbacks=False)
    # Judged here, on the query's day, for both paths: documents hold only the date.
    for result in [*answer.data["results"], *companies["results"]]:
        result["status"] = result_status(result.get("recognised_until"), today=query.today)
    shown = companies if query.tab == "companies" else answer.data
    num_pages = max(1, math.ceil(shown["count"] / query.per_page))
    if query.page > num_pages:
        raise PageOutOfRange(query.page)
    answer.data |= {
        "page": query.page,
        "num_pages": num_pages,
        "tab": query.tab,
        "companies": companies,
    }
    return answer


def _products(
    query: CatalogueQuery, *, synonyms: dict[str, list[str]], fallbacks: bool = True
) -> CatalogueAnswer:
    """The products of *query*: from the engine, or the database when there is none or it
    fails. *fallbacks*: when nothing has every word, look for a correction, then for part of
    the words."""
    if engine_enabled():
        client, engine = engine_path()
        try:
            return CatalogueAnswer(
                engine.search_catalogue(query, synonyms=synonyms, fallbacks=fallbacks), "engine"
            )
        except client.ENGINE_ERRORS:
            logger.warning(
                "Catalogue engine unavailable; answering from the database", exc_info=True
            )
    return CatalogueAnswer(
        search_database(query, synonyms=synonyms, fallbacks=fallbacks),
        "database",
        ENGINE_DOWN_NOTICE if engine_enabled() else None,
    )


def suggest(*, q: str, lang: str) -> dict:
    """Autocomplete suggestions: {"suggestions": [{"text", "url", "type"}]}.

    Companies come from the companies' own search data, so that one without products is
    suggested too (search.catalogue.company_search).
    """
    names = None
    if engine_enabled():
        client, engine = engine_path()
        try:
            names = engine.suggest_names(q=q, lang=lang)
        except client.ENGINE_ERRORS:
            logger.warning("Catalogue engine unavailable for suggestions", exc_info=True)
    engine = engine_module("companies") if names is not None else None
    names = names if names is not None else suggest_database(q=q, lang=lang)
    return _as_suggestions(
        names | {"companies": company_suggestions(q=q, lang=lang, engine=engine)}
    )


def _as_suggestions(names: dict) -> dict:
    suggestions = [
        {"text": product["title"], "url": product["url"], "type": "product"}
        for product in names.get("products", [])
    ] + [
        {"text": company["name"], "url": company["url"], "type": "company"}
        for company in names.get("companies", [])
    ]
    return {"suggestions": suggestions}
