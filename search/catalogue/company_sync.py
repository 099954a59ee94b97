"""Keeping the company results in step with the pages, on both paths (as `sync` for products).

Publishing, unpublishing, moving, deleting or restricting a company, or a product (whose
company's number of products and recognition years change with it), or any page above them,
rewrites the affected companies' database entries and engine documents once the change is
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
from search.catalogue.database.companies import write_company_entries
from search.catalogue.source import batches, catalogue_source

logger = logging.getLogger(__name__)

# The companies a transaction changed, kept on its connection until it commits.
_PENDING = "_catalogue_pending_company_keys"


def update_companies(translation_keys: Iterable) -> None:
    """Rewrite the search data of these companies from their pages, BATCH at a time."""
    source = catalogue_source()
    for batch in batches(sorted({str(key) for key in translation_keys})):
        documents = source.company_documents(batch)
        write_company_entries(list(batch), documents)
        if service.engine_enabled():
            errors = service.engine_module("client").ENGINE_ERRORS
            companies = service.engine_module("companies")
            indexing = service.engine_module("indexing")
            try:
                companies.write_company_documents(list(batch), documents)
            except (*errors, indexing.IndexingError):
                logger.warning(
                    "Could not update %d company(ies) in the search engine, from %s",
                    len(batch),
                    batch[0],
                    exc_info=True,
                )


def _after_commit(keys: list[str]) -> None:
    """Update *keys* once the transaction commits, with every other company it changed
    (one save sends several signals: see `sync._after_commit`)."""
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
            update_companies(taken)

    transaction.on_commit(flush)


def _on_page_change(sender, instance, **kwargs):
    _after_commit(catalogue_source().company_keys_affected_by(instance))


def _on_page_delete(sender, instance, **kwargs):
    _after_commit(catalogue_source().company_keys_deleted_with(instance))


def _on_restriction_change(sender, instance, **kwargs):
    # Read now: once the restriction (or, in a cascade, its page) is deleted, it is too late.
    if page := Page.objects.filter(pk=instance.page_id).first():
        _after_commit(catalogue_source().company_keys_affected_by(page))


def connect() -> None:
    """Connect the receivers above (search.signals calls it from SearchConfig.ready())."""
    for model in get_page_models():
        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(_on_page_change, sender=model, dispatch_uid="catalogue-company-sync")
    for model in catalogue_source().page_models:
        post_delete.connect(
            _on_page_delete, sender=model, dispatch_uid="catalogue-company-sync-delete"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"catalogue-company-sync-restriction-{id(signal)}",
        )
