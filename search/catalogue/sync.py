"""Keeping the catalogue's search data in step with the pages, on both paths.

Publishing, unpublishing, moving or deleting a product, its company or any page above them,
and adding, changing or lifting a view restriction on any of those, update the affected
products' database entries and (with SEARCH_URL) engine documents once the change is
committed. An engine failure never fails the editor's save: it is logged, and
`check_catalogue_index --repair` restores whatever was missed.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from products.documents import BATCH, product_documents

logger = logging.getLogger(__name__)


def update_products(translation_keys: Iterable) -> None:
    """Rewrite the search data of these products from their pages, BATCH at a time.

    Each batch's documents are built once and written to both paths; a product without a
    document (unpublished, deleted, restricted) leaves both.
    """
    from search.catalogue.database.query import write_entries
    from search.catalogue.service import engine_enabled

    keys = sorted({str(key) for key in translation_keys})
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        documents = product_documents(batch)
        write_entries(batch, documents)
        if engine_enabled():
            from search.catalogue.engine.client import ENGINE_ERRORS
            from search.catalogue.engine.indexing import IndexingError, write_documents

            try:
                write_documents(batch, documents)
            except (*ENGINE_ERRORS, IndexingError):
                logger.warning(
                    "Could not update %d product(s) in the search engine, from %s",
                    len(batch),
                    batch[0],
                    exc_info=True,
                )


def products_under(page) -> list[str]:
    """The products whose documents depend on *page*: those at or below it, and those of the
    companies at or below it (a product's URL, visibility and company fields come from there).
    """
    from products.models import CompanyPage, ProductPage

    at_or_below = Q(path__startswith=page.path)
    if not page.numchild and page.specific_class not in (ProductPage, CompanyPage):
        return []
    companies = CompanyPage.objects.filter(at_or_below).values("translation_key")
    return [
        str(key)
        for key in ProductPage.objects.filter(
            at_or_below | Q(company__translation_key__in=companies)
        )
        .values_list("translation_key", flat=True)
        .distinct()
    ]


def _after_commit(keys: list[str]) -> None:
    if keys:
        transaction.on_commit(lambda: update_products(keys))


def _on_page_change(sender, instance, **kwargs):
    _after_commit(products_under(instance))


def _on_page_delete(sender, instance, **kwargs):
    from products.models import ProductPage

    if isinstance(instance, ProductPage):
        _after_commit([str(instance.translation_key)])


def _on_restriction_change(sender, instance, **kwargs):
    # Any restriction hides a page from anonymous visitors, whatever its type or groups, so
    # its creation, change and deletion are what matter. The products are read now: once the
    # restriction (or, in a cascade, its page) is deleted, it is too late.
    if page := Page.objects.filter(pk=instance.page_id).first():
        _after_commit(products_under(page))


def connect() -> None:
    """Connect the receivers above (search.signals calls it from SearchConfig.ready())."""
    # Any page can hold products below it, so every page type (Wagtail sends these with the
    # page's specific class).
    for model in get_page_models():
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(_on_page_change, sender=model, dispatch_uid="catalogue-sync")
    post_delete.connect(
        _on_page_delete, sender="products.ProductPage", dispatch_uid="catalogue-sync-delete"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"catalogue-sync-restriction-{id(signal)}",
        )
