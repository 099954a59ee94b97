"""Keeping the catalogue's search data in step with the pages, on both paths.

Publishing, unpublishing, moving or deleting a product, and editing its company, update the
affected products' database entries and (with SEARCH_URL) engine documents once the change
is committed. An engine failure never fails the editor's save: it is logged, and
`check_catalogue_index --repair` restores whatever was missed.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)


def update_products(translation_keys) -> None:
    from search.catalogue.database import sync_entry
    from search.catalogue.service import engine_enabled

    for key in {str(key) for key in translation_keys}:
        sync_entry(key)
        if engine_enabled():
            from search.catalogue.engine import ENGINE_ERRORS
            from search.catalogue.indexing import index_product

            try:
                index_product(key)
            except ENGINE_ERRORS:
                logger.warning(
                    "Could not update product %s in the search engine", key, exc_info=True
                )


def _affected_products(page) -> list[str]:
    from products.models import CompanyPage, ProductPage

    page = page.specific if hasattr(page, "specific") else page
    if isinstance(page, ProductPage):
        return [str(page.translation_key)]
    if isinstance(page, CompanyPage):
        return [
            str(key)
            for key in ProductPage.objects.filter(company__translation_key=page.translation_key)
            .values_list("translation_key", flat=True)
            .distinct()
        ]
    return []


def _on_page_change(sender, instance, **kwargs):
    keys = _affected_products(instance)
    if keys:
        transaction.on_commit(lambda: update_products(keys))


def _on_page_delete(sender, instance, **kwargs):
    from products.models import ProductPage

    if isinstance(instance, ProductPage):
        key = str(instance.translation_key)
        transaction.on_commit(lambda: update_products([key]))


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_change, dispatch_uid=f"catalogue-sync-{id(signal)}")
    post_delete.connect(_on_page_delete, dispatch_uid="catalogue-sync-delete")
