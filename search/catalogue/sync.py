"""Keeping the catalogue's search data in step with the pages, on both paths.

Publishing, unpublishing, moving or deleting a product, its company or any page above them,
and adding, changing or lifting a view restriction on any of those, update the search data
they affect once the change is committed: the products' database entries and (with
SEARCH_URL) engine documents, and their companies' (whose number of products and recognition
years change with them). Each kind of search data is a `SearchData`, `PRODUCTS` and
`COMPANIES`, kept by the same code. An engine failure never fails the editor's save: it is
logged, and `check_catalogue_index --repair` restores whatever was missed.
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from search.catalogue import service
from search.catalogue.database.companies import write_company_entries
from search.catalogue.database.query import write_entries
from search.catalogue.source import batches, catalogue_source

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SearchData:
    """One kind of the catalogue's search data (products, companies) and how a page change
    reaches it."""

    # Names it in logs ("product(s)") and in the receivers' dispatch_uid ("catalogue-sync").
    plural: str
    uid: str
    # The keys whose documents depend on a page (published, moved, restricted), and those
    # that change when a page is deleted.
    affected_by: Callable[[Page], list[str]]
    deleted_with: Callable[[Page], list[str]]
    documents: Callable[[Iterable[str]], dict[str, dict]]
    # Writes a batch's entries on the database path (and deletes the rest of its keys').
    write_entries: Callable[[list[str], dict[str, dict]], int]
    # The engine module and name of its `indexing.DocumentIndex`: imported only when an
    # engine is configured (the database path needs no client library).
    engine_index: tuple[str, str]

    def update(self, translation_keys: Iterable) -> None:
        """Rewrite the search data of these keys from their pages, BATCH at a time.

        Each batch's documents are built once and written to both paths; a key without a
        document (unpublished, deleted, restricted) leaves both.
        """
        try:
            self._update(translation_keys)
        finally:
            service.forget_answers()

    def _update(self, translation_keys: Iterable) -> None:
        for batch in map(list, batches(sorted({str(key) for key in translation_keys}))):
            documents = self.documents(batch)
            self.write_entries(batch, documents)
            if service.engine_enabled():
                errors = service.engine_module("client").ENGINE_ERRORS
                indexing = service.engine_module("indexing")
                module, name = self.engine_index
                try:
                    indexing.write_into(
                        getattr(service.engine_module(module), name), batch, documents
                    )
                except (*errors, indexing.IndexingError):
                    logger.warning(
                        "Could not update %d %s in the search engine, from %s",
                        len(batch),
                        self.plural,
                        batch[0],
                        exc_info=True,
                    )

    def after_commit(self, keys: list[str]) -> None:
        """Update *keys* once the transaction commits, with every other key it changed.

        One save can send several signals for the same pages (a restriction and its copies on
        the translations, core.privacy; a publish and a move): their keys join one set on the
        connection, and the first callback at commit takes them all, so each is rebuilt once.
        A callback dropped with a rolled-back savepoint leaves its keys to the next one;
        rebuilding what did not change is harmless.
        """
        if not keys:
            return
        connection = transaction.get_connection()
        pending_name = f"_pending_keys_{self.uid}"
        pending = getattr(connection, pending_name, None)
        if pending is None:
            pending = set()
            setattr(connection, pending_name, pending)
        pending.update(keys)

        def flush():
            if taken := getattr(connection, pending_name, None):
                setattr(connection, pending_name, None)
                self.update(taken)

        transaction.on_commit(flush)

    def on_page_change(self, sender, instance, **kwargs):
        self.after_commit(self.affected_by(instance))

    def on_page_delete(self, sender, instance, **kwargs):
        self.after_commit(self.deleted_with(instance))

    def on_restriction_change(self, sender, instance, **kwargs):
        # Any restriction hides a page from anonymous visitors, whatever its type or groups,
        # so its creation, change and deletion are what matter. The keys are read now: once
        # the restriction (or, in a cascade, its page) is deleted, it is too late.
        if page := Page.objects.filter(pk=instance.page_id).first():
            self.after_commit(self.affected_by(page))

    def connect(self) -> None:
        # Any page can hold products below it, so every page type (Wagtail sends these with
        # the page's specific class).
        for model in get_page_models():
            for signal in (page_published, page_unpublished, post_page_move):
                signal.connect(self.on_page_change, sender=model, dispatch_uid=self.uid)
        for model in catalogue_source().page_models:
            post_delete.connect(
                self.on_page_delete, sender=model, dispatch_uid=f"{self.uid}-delete"
            )
        for signal in (post_save, post_delete):
            signal.connect(
                self.on_restriction_change,
                sender=PageViewRestriction,
                dispatch_uid=f"{self.uid}-restriction-{id(signal)}",
            )


# The source is looked up at each call: it is named by a setting.
PRODUCTS = SearchData(
    plural="product(s)",
    uid="catalogue-sync",
    affected_by=lambda page: catalogue_source().keys_affected_by(page),
    deleted_with=lambda page: catalogue_source().keys_deleted_with(page),
    documents=lambda keys: catalogue_source().documents(keys),
    write_entries=write_entries,
    engine_index=("indexing", "PRODUCTS"),
)
COMPANIES = SearchData(
    plural="company(ies)",
    uid="catalogue-company-sync",
    affected_by=lambda page: catalogue_source().company_keys_affected_by(page),
    deleted_with=lambda page: catalogue_source().company_keys_deleted_with(page),
    documents=lambda keys: catalogue_source().company_documents(keys),
    write_entries=write_company_entries,
    engine_index=("companies", "COMPANIES"),
)

update_products = PRODUCTS.update
update_companies = COMPANIES.update


def connect() -> None:
    """Connect the receivers of both kinds (search.signals calls it from SearchConfig.ready()):
    a commit updates the products, then their companies."""
    PRODUCTS.connect()
    COMPANIES.connect()
