"""The catalogue search contract: parameters in, results + facets + suggestion out.

One entry point for the API, the catalogue page and the site search page. The path is chosen
by configuration, not by the caller: the engine when SEARCH_URL is set, the database
otherwise. When the engine fails or is too slow, the same request is answered from the
database path with a notice, so visitors never see an error page because of the engine.
"""

import logging
import math
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

PER_PAGE = 20
ENGINE_DOWN_NOTICE = _(
    "Máy tìm kiếm đang tạm gián đoạn; kết quả dưới đây được tìm trực tiếp trong cơ sở dữ liệu "
    "và có thể kém chính xác hơn."
)


@dataclass
class CatalogueAnswer:
    data: dict
    path: str  # "engine" or "database"
    notice: str | None = None


class PageOutOfRange(ValueError):
    pass


def engine_enabled() -> bool:
    return bool(settings.SEARCH_URL)


def synonym_groups() -> dict[str, list[str]]:
    from search.synonyms import synonym_groups as groups

    return groups()


def search(
    *, q: str, lang: str, filters: dict, sort: str, page: int, per_page: int = PER_PAGE
) -> CatalogueAnswer:
    """Search the catalogue; raises PageOutOfRange for a page past the last one."""
    arguments = {
        "q": q,
        "lang": lang,
        "filters": filters,
        "sort": sort,
        "page": page,
        "per_page": per_page,
        "synonyms": synonym_groups(),
    }
    answer = None
    if engine_enabled():
        from search.catalogue.engine.client import ENGINE_ERRORS
        from search.catalogue.engine.query import search_catalogue

        try:
            answer = CatalogueAnswer(search_catalogue(**arguments), "engine")
        except ENGINE_ERRORS:
            logger.warning(
                "Catalogue engine unavailable; answering from the database", exc_info=True
            )
            answer = None
    if answer is None:
        from search.catalogue.database.query import search_database

        answer = CatalogueAnswer(
            search_database(**arguments),
            "database",
            ENGINE_DOWN_NOTICE if engine_enabled() else None,
        )
    count = answer.data["count"]
    num_pages = max(1, math.ceil(count / per_page))
    if page > num_pages:
        raise PageOutOfRange(page)
    answer.data["page"] = page
    answer.data["num_pages"] = num_pages
    return answer


def suggest(*, q: str, lang: str) -> dict:
    """Autocomplete suggestions: {"suggestions": [{"text", "url", "type"}]}."""
    if engine_enabled():
        from search.catalogue.engine.client import ENGINE_ERRORS
        from search.catalogue.engine.query import suggest_names

        try:
            return _as_suggestions(suggest_names(q=q, lang=lang))
        except ENGINE_ERRORS:
            logger.warning("Catalogue engine unavailable for suggestions", exc_info=True)
    from search.catalogue.database.suggest import suggest_database

    return _as_suggestions(suggest_database(q=q, lang=lang))


def _as_suggestions(names: dict) -> dict:
    suggestions = [
        {"text": product["title"], "url": product["url"], "type": "product"}
        for product in names.get("products", [])
    ] + [
        {"text": company["name"], "url": company["url"], "type": "company"}
        for company in names.get("companies", [])
    ]
    return {"suggestions": suggestions}
