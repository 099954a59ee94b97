"""Pages read as rows for the search documents: shared by the product and company documents.

Rows, not page instances: Wagtail's and modelcluster's __init__ cost more than the rest of a
document. `products.documents` and `products.company_documents` build their documents in
batches from these, with a fixed number of queries per batch.
"""

from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import quote

from wagtail.models import Page, PageViewRestriction

from core.text import normalize_text

SOURCE_LANGUAGE = "vi"

# Page columns read for products and companies alike.
PAGE_VALUES = ("pk", "translation_key", "locale__language_code", "title", "slug", "path")
# What Django's reverse() leaves unquoted in a path, as Wagtail's get_url() builds it.
_URL_SAFE = "!$&'()*+,;=/~:@"


def private_test():
    """A test of a page's `path`: is it, or any ancestor, behind a view restriction?

    Path prefixes, as Wagtail's `private_q()` builds them, read in one query and applied to
    the rows in Python, so that products and companies need no query of their own.
    """
    # The restricted pages looked up by id: as a join, SQLite scanned every page for
    # restrictions (13 ms a document at 100 000 products, for a table that is mostly empty).
    restricted = PageViewRestriction.objects.values("page_id")
    prefixes = tuple(
        Page.objects.filter(pk__in=restricted).order_by().values_list("path", flat=True)
    )
    return lambda path: bool(prefixes) and path.startswith(prefixes)


def translations(model, keys: Iterable, values: tuple) -> dict[str, dict[str, dict]]:
    """{key: {language: row}} of the live pages of *model* with those keys."""
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    keys = list(keys)
    if not keys:
        return found
    for page in (
        model.objects.live()
        .filter(translation_key__in=keys)
        .order_by("path")
        .values(*PAGE_VALUES, *values)
    ):
        found[str(page["translation_key"])][page["locale__language_code"]] = page
    return found


def source_row(pages: dict) -> dict:
    """The page synchronised fields are read from: the Vietnamese one, else the first."""
    return pages.get(SOURCE_LANGUAGE) or next(iter(pages.values()))


def by_pk(model, pks: set) -> dict:
    pks = pks - {None}
    return {item.pk: item for item in model.objects.filter(pk__in=pks)} if pks else {}


def url_builder(pages: list[dict]):
    """`get_url()` of page rows: their parent's URL (one query for all parents), then the slug.

    That is how Wagtail builds the URL of a page without custom routing (`url_path` is the
    parent's plus the slug); the slug is quoted as `reverse()` quotes it.
    """
    steplen = Page.steplen
    parents = {page["path"][:-steplen] for page in pages}
    parent_urls = {
        parent.path: parent.get_url() for parent in Page.objects.filter(path__in=parents)
    }

    def url(page: dict) -> str | None:
        parent = parent_urls.get(page["path"][:-steplen])
        return None if parent is None else f"{parent}{quote(page['slug'], safe=_URL_SAFE)}/"

    return url


def clean(text: str | None) -> str:
    return normalize_text(" ".join((text or "").split()))
