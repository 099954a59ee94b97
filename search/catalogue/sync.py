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
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.catalogue.source import batches, catalogue_source

logger = logging.getLogger(__name__)


def update_products(translation_keys: Iterable) -> None:
    """Rewrite the search data of these products from their pages, BATCH at a time.

    Each batch's documents are built once and written to both paths; a product without a
    document (unpublished, deleted, restricted) leaves both.
    """
    from search.catalogue.database.query import write_entries
    from search.catalogue.service import engine_enabled

    source = catalogue_source()
    for batch in batches(sorted({str(key) for key in translation_keys})):
        documents = source.documents(batch)
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


def _after_commit(keys: list[str]) -> None:
    if keys:
        transaction.on_commit(lambda: update_products(keys))


def _on_page_change(sender, instance, **kwargs):
    _after_commit(catalogue_source().keys_affected_by(instance))


def _on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _after_commit(catalogue_source().keys_deleted_with(instance))


def _on_restriction_change(sender, instance, **kwargs):
    # Any restriction hides a page from anonymous visitors, whatever its type or groups, so
    # its creation, change and deletion are what matter. The products are read now: once the
    # restriction (or, in a cascade, its page) is deleted, it is too late.
    if page := Page.objects.filter(pk=instance.page_id).first():
        _after_commit(catalogue_source().keys_affected_by(page))


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_change, dispatch_uid=f"catalogue-sync-{id(signal)}")
    post_delete.connect(_on_page_delete, dispatch_uid="catalogue-sync-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"catalogue-sync-restriction-{id(signal)}",
        )
