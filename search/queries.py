"""Site-wide search over editorial pages with Wagtail's search (the active backend)."""

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page


def search_pages(*, query: str, locale: Locale):
    pages = Page.objects.live().public().filter(locale=locale).specific()
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
