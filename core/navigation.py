"""Site navigation, cached per language and rebuilt when the page tree changes."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.models import Locale, Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

_CACHE_KEY = "navigation:{locale}"
_TIMEOUT = 60 * 60


def menu_items(*, locale: Locale) -> list[dict]:
    """The home page's live, in-menu children in *locale*, as plain data."""
    key = _CACHE_KEY.format(locale=locale.language_code)
    items = cache.get(key)
    if items is None:
        home = Page.objects.filter(depth=2, locale=locale).first()
        items = []
        if home is not None:
            items = [{"title": home.title, "url": home.url, "path": home.url_path, "home": True}]
            items += [
                {"title": child.title, "url": child.url, "path": child.url_path, "home": False}
                for child in home.get_children().live().public().in_menu()
            ]
        cache.set(key, items, _TIMEOUT)
    return items


def clear_navigation_cache(**kwargs) -> None:
    cache.delete_many([_CACHE_KEY.format(locale=code) for code, _ in _languages()])


def _languages():
    from django.conf import settings

    return settings.WAGTAIL_CONTENT_LANGUAGES


for _signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
    _signal.connect(clear_navigation_cache, dispatch_uid=f"navigation-{_signal!r}")


@receiver(post_delete, dispatch_uid="navigation-delete")
def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        clear_navigation_cache()
