"""The site chrome's reads of the page tree, cached per tree version (core.treecache)."""

from wagtail.models import Locale, Page

from core.treecache import cached


def menu_items(*, locale: Locale) -> list[dict]:
    """The home page and its live, in-menu children in *locale*, as plain data."""

    def build():
        home = Page.objects.filter(depth=2, locale=locale, live=True).first()
        if home is None:
            return []
        items = [
            {
                "title": home.title,
                "url": home.url,
                "path": home.url_path,
                "home": True,
                "type": home.specific_class._meta.label_lower,
            }
        ]
        for child in home.get_children().live().public().in_menu().specific(defer=True):
            items.append(
                {
                    "title": child.title,
                    "url": child.url,
                    "path": child.url_path,
                    "home": False,
                    "type": child.specific_class._meta.label_lower,
                }
            )
        return items

    return cached(f"menu:{locale.language_code}", build)


def menu_url(*, locale: Locale, model_label: str) -> str | None:
    """The URL of the first menu page of a type ("products.productindexpage"), if any."""
    for item in menu_items(locale=locale):
        if item["type"] == model_label:
            return item["url"]
    return None


def breadcrumbs(page: Page) -> list[dict]:
    """Ancestors from the home page down, without *page* itself."""

    def build():
        ancestors = (
            page.get_ancestors()
            .filter(depth__gte=2)
            .only("id", "title", "url_path", "path", "depth", "locale_id")
        )
        return [{"title": ancestor.title, "url": ancestor.url} for ancestor in ancestors]

    if page.depth <= 2:
        return []
    return cached(f"breadcrumbs:{page.pk}", build)


def translation_urls(page: Page) -> dict[str, str]:
    """{language code: URL} of the page's live translations, itself included."""

    def build():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return {translation.locale.language_code: translation.url for translation in translations}

    return cached(f"translations:{page.translation_key}", build)
