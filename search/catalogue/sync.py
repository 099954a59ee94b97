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
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.catalogue import service
from search.catalogue.database.query import write_entries
from search.catalogue.source import batches, catalogue_source

logger = logging.getLogger(__name__)

# The products a transaction changed, kept on its connection until it commits.
_PENDING = "_catalogue_pending_keys"


def update_products(translation_keys: Iterable) -> None:
    """Rewrite the search data of these products from their pages, BATCH at a time.

    Each batch's documents are built once and written to both paths; a product without a
    document (unpublished, deleted, restricted) leaves both.
    """
    source = catalogue_source()
    for batch in batches(sorted({str(key) for key in translation_keys})):
        documents = source.documents(batch)
        write_entries(batch, documents)
        if service.engine_enabled():
            errors = service.engine_module("client").ENGINE_ERRORS
            indexing = service.engine_module("indexing")
            try:
                indexing.write_documents(batch, documents)
            except (*errors, indexing.IndexingError):
                logger.warning(
                    "Could not update %d product(s) in the search engine, from %s",
                    len(batch),
                    batch[0],
                    exc_info=True,
                )


def _after_commit(keys: list[str]) -> None:
    """Update *keys* once the transaction commits, with every other key it changed.

    One save can send several signals for the same products (a restriction and its copies on
    the translations, core.privacy; a publish and a move): their keys join one set on the
    connection, and the first callback at commit takes them all, so each product is rebuilt
    once. A callback dropped with a rolled-back savepoint leaves its keys to the next one;
    rebuilding a product that did not change is harmless.
    """
    if not keys:
        return
    connection = transaction.get_connection()
    pending = getattr(connection, _PENDING, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING, pending)
    pending.update(keys)

    def flush():
        if taken := getattr(connection, _PENDING, None):
            setattr(connection, _PENDING, None)
            update_products(taken)

    transaction.on_commit(flush)


def _on_page_change(sender, instance, **kwargs):
    _after_commit(catalogue_source().keys_affected_by(instance))


def _on_page_delete(sender, instance, **kwargs):
    _after_commit(catalogue_source().keys_deleted_with(instance))


def _on_restriction_change(sender, instance, **kwargs):
    # Any restriction hides a page from anonymous visitors, whatever its type or groups, so
    # its creation, change and deletion are what matter. The products are read now: once the
    # restriction (or, in a cascade, its page) is deleted, it is too late.
    if page := Page.objects.filter(pk=instance.page_id).first():
        _after_commit(catalogue_source().keys_affected_by(page))


def connect() -> None:
    """Connect the receivers above (search.signals calls it from SearchConfig.ready())."""
    # Any page can hold products below it, so every page type (Wagtail sends these with the
    # page's specific class).
    for model in get_page_models():
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(_on_page_change, sender=model, dispatch_uid="catalogue-sync")
    for model in catalogue_source().page_models:
        post_delete.connect(_on_page_delete, sender=model, dispatch_uid="catalogue-sync-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"catalogue-sync-restriction-{id(signal)}",
        )
