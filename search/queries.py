"""Site-wide search over editorial pages with Wagtail's search (the active backend)."""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page

from core.pages import public


def search_pages(*, query: str, locale: Locale):
    # Base pages are enough for a result line (title, URL, description, type): no
    # per-type queries, so the cost stays the same whatever kinds of page match.
    pages = public(Page.objects.live()).filter(locale=locale)
    return pages.search(query)


def promoted_pages(*, query: str, locale: Locale) -> list[Page]:
    promotions = (
        SearchPromotion.objects.filter(
            query__query_string=query.lower(), page__live=True, page__locale=locale
        )
        .select_related("page")
        .order_by("sort_order")
    )
    return [promotion.page for promotion in promotions]
