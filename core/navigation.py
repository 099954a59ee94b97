"""The site chrome's reads of the page tree, cached per tree version (core.treecache)."""

from wagtail.models import Locale, Page

from core.pages import private_page_ids, public, unexpired
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


def route_translations(page: Page, words: dict[str, str]) -> dict[str, str]:
    """{language code: URL} of a view below *page* (a form or a tool at /dang-ky/, /register/)
    in each language of the page's live translations: that translation's URL and the
    language's word in *words*. The language switch and hreflang links of the view then lead
    to the same view, and its canonical address is its own."""
    return {
        code: f"{url}{words[code]}/"
        for code, url in translation_urls(page).items()
        if code in words
    }


def translated_links(keys, *, locale: Locale) -> list[dict]:
    """{title, url} of the live, public page in *locale* of each translation key, in the
    order of *keys*; a key without one is left out."""
    pages = unexpired(public(Page.objects.live().filter(locale=locale, translation_key__in=keys)))
    found = {
        page.translation_key: page
        for page in pages.only("title", "url_path", "translation_key", "locale_id", "path", "depth")
    }
    return [{"title": found[key].title, "url": found[key].url} for key in keys if key in found]


def site_map(*, locale: Locale) -> list[dict]:
    """Every public page of *locale*'s tree as nested {title, url, children}, in tree order
    (cached per tree version).

    Public as the XML sitemap has it (core.sitemaps): live, not expired, no view restriction
    on it or above it, and listed by its own `get_sitemap_urls` (a product of a private
    company is not).
    """

    def build():
        home = Page.objects.filter(depth=2, locale=locale, live=True).first()
        if home is None:
            return []
        pages = (
            unexpired(public(home.get_descendants(inclusive=True).live()))
            .exclude(pk__in=private_page_ids())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        roots, open_branches = [], []  # open_branches: (depth, node) from the top down
        for page in pages:
            if not page.get_sitemap_urls():
                continue
            node = {"title": page.title, "url": page.url, "children": []}
            while open_branches and open_branches[-1][0] >= page.depth:
                open_branches.pop()
            (open_branches[-1][1]["children"] if open_branches else roots).append(node)
            open_branches.append((page.depth, node))
        return roots

    return cached(f"site-map:{locale.language_code}", build)
