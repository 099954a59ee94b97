from wagtail.models import Locale, Page

from core.images import CARD, CARD_2X, prefetch_renditions


def news_list(*, parent: Page | None = None, locale: Locale | None = None):
    """Live, public articles, newest first, with their card renditions in one query."""
    from news.models import NewsPage

    articles = NewsPage.objects.live().public().select_related("lead_image")
    if parent is not None:
        articles = articles.child_of(parent)
    if locale is not None:
        articles = articles.filter(locale=locale)
    return articles.order_by("-date", "-pk").prefetch_related(
        prefetch_renditions("lead_image", CARD, CARD_2X)
    )
