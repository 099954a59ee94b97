"""The one seam through which the catalogue search receives product data.

`search` sits below the content apps and never imports them. The app that owns the
products (today `products`, see `products.documents.ProductCatalogueSource`) hands over its
documents, keys, vocabulary and pictures through a small object named by the setting
`SEARCH_CATALOGUE_SOURCE`, as cfgov's search app receives its content apps' documents.
Everything the two search paths, the index commands and the sync need from products goes
through `catalogue_source()`.
"""

from collections.abc import Iterable
from functools import cache
from itertools import batched
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

# Products per batch in rebuilds and syncs: large enough that the per-batch queries vanish,
# small enough that every `IN (...)` list stays under SQLite's parameter limit.
BATCH = 500


class CatalogueSource(Protocol):
    """What the catalogue search needs from the app that owns the products."""

    #: The page models the catalogue search covers; the site search leaves them out.
    page_models: tuple[type, ...]

    def keys(self) -> list[str]:
        """The translation keys of every product that may have a document, sorted."""

    def documents(self, keys: Iterable[str]) -> dict[str, dict]:
        """The document of each product of *keys* that has one (live, public), by key."""

    def keys_affected_by(self, page) -> list[str]:
        """The products whose documents depend on *page* (published, moved, restricted)."""

    def keys_deleted_with(self, page) -> list[str]:
        """The products that go with *page* when it is deleted."""

    def facet_slugs(self) -> dict[str, set[str]]:
        """The slugs each vocabulary facet group accepts (sector, certification, ...)."""

    def attach_images(self, results: list[dict]) -> None:
        """Give each search result (a dict with the page `id`) its product image."""

    # Companies are results of their own (search.catalogue.companies): one document each.
    def company_keys(self) -> list[str]:
        """The translation keys of every company that may have a document, sorted."""

    def company_documents(self, keys: Iterable[str]) -> dict[str, dict]:
        """The document of each company of *keys* that has one (live, public), by key."""

    def company_keys_affected_by(self, page) -> list[str]:
        """The companies whose documents depend on *page* (its products count too)."""

    def company_keys_deleted_with(self, page) -> list[str]:
        """The companies whose documents change when *page* is deleted."""


@cache
def _source_for(path: str) -> CatalogueSource:
    return import_string(path)()


def catalogue_source() -> CatalogueSource:
    """The configured source (one instance per process, per setting value)."""
    return _source_for(settings.SEARCH_CATALOGUE_SOURCE)


def batches(keys: Iterable[str]) -> Iterable[tuple[str, ...]]:
    """*keys* BATCH at a time (BATCH read now, so a test may lower it)."""
    return batched(keys, BATCH)
