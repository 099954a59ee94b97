from wagtail.models import Locale, Page

from core.pages import public


def news_list(*, parent: Page | None = None, locale: Locale | None = None):
    """Live, public articles, newest first; attach their renditions once evaluated."""
    from news.models import NewsPage

    articles = public(NewsPage.objects.live()).select_related("lead_image")
    if parent is not None:
        articles = articles.child_of(parent)
    if locale is not None:
        articles = articles.filter(locale=locale)
    return articles.order_by("-date", "-pk")
