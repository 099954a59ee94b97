"""Site-wide search over editorial pages with Wagtail's search (the active backend)."""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from core.pages import public
from core.pagination import page_or_404
from core.text import fold_text, words
from core.treecache import tree_version
from search.catalogue import service
from search.catalogue.source import catalogue_source

logger = logging.getLogger(__name__)


def search_pages(*, query: str, locale: Locale, backend: str = "default"):
    """Editorial pages (news, programme, events…); the catalogue has its own search."""
    # Base pages are enough for a result line (title, URL, description, type): no
    # per-type queries, so the cost stays the same whatever kinds of page match.
    pages = public(Page.objects.live()).filter(locale=locale)
    pages = pages.not_type(*catalogue_source().page_models)
    # Words only: Wagtail's SQLite backend passes a plain-text query's quotes and operators
    # to FTS5 as syntax (an unbalanced `"` was a 500), and visitors never mean them as such.
    text = " ".join(words(query))
    if not text:
        return pages.none()
    return pages.search(either_form(text, backend=backend), backend=backend)


def either_form(text: str, *, backend: str = "default"):
    """The query as typed or folded: "hội chợ" finds "Hội chợ" and, ranked below, "hồi chờ".

    The folded form meets the pages' folded copies (core.pages.FoldedSearchMixin) on the
    database backend, which does not fold; a page that has the words as typed matches both
    forms and ranks above one that only has them folded. Each backend keeps its own operator
    for the words (all of them on the database, any on the engine), as with a plain string.
    """
    operator = get_search_backend(backend).query_compiler_class.DEFAULT_OPERATOR.lower()
    folded = fold_text(text)
    if folded == text.casefold():
        return PlainText(text, operator=operator)
    return Or([PlainText(text, operator=operator), PlainText(folded, operator=operator)])


def editorial_results(*, query: str, locale: Locale, page: str | int, per_page: int):
    """One page of editorial results; with the engine unavailable, from the database backend.

    Returns (page, answered_by_the_engine). A page number that does not exist is a 404.
    A page of results is kept in the process's memory for the tree's version (at most
    service.ANSWER_SECONDS): only publishing changes what the search finds. One answered by
    the database because the engine failed is not kept.
    """
    where = hashlib.sha1(repr((query, locale.pk, str(page), per_page)).encode()).hexdigest()
    key = f"editorial:{tree_version()}:{where}"
    kept = caches["loaded-pages"].get(key)
    if kept is not None:
        pages, count, number = kept
        results = Paginator(range(count), per_page).page(number)
        results.object_list = pages
        return results, True
    results, from_engine = _search_editorial(
        query=query, locale=locale, page=page, per_page=per_page
    )
    if from_engine:
        kept = (results.object_list, results.paginator.count, results.number)
        caches["loaded-pages"].set(key, kept, service.ANSWER_SECONDS)
    return results, from_engine


def _search_editorial(*, query: str, locale: Locale, page: str | int, per_page: int):
    engine_errors = service.engine_path()[0].ENGINE_ERRORS if service.engine_enabled() else ()
    backends = (
        ["default", "database"] if "database" in settings.WAGTAILSEARCH_BACKENDS else ["default"]
    )
    for backend in backends:
        pages = search_pages(query=query, locale=locale, backend=backend)
        try:
            return page_or_404(pages, page, per_page=per_page), backend == "default"
        except engine_errors:
            logger.warning("Site search engine unavailable; using the database", exc_info=True)
    raise RuntimeError("unreachable: the database backend does not raise engine errors")


def promoted_pages(*, query: str, locale: Locale) -> list[Page]:
    """The pages editors promoted for this query, in their order, in the visitor's language.

    A promotion names one page; visitors of the other language get its translation, so an
    editor promotes once. One query: the promotions' order is joined in by translation key.
    """
    promotions = SearchPromotion.objects.filter(
        query__query_string=query.lower(), page__isnull=False
    )
    order = promotions.filter(page__translation_key=OuterRef("translation_key")).order_by(
        "sort_order"
    )
    pages = public(Page.objects.live()).filter(
        locale=locale, translation_key__in=promotions.values("page__translation_key")
    )
    return list(
        pages.annotate(promotion_order=Subquery(order.values("sort_order")[:1])).order_by(
            "promotion_order", "pk"
        )
    )
