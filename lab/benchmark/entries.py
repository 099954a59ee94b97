"""The database path's entries for a freshly generated catalogue, built by forked workers.

`search.catalogue.database.query.rebuild_entries()` is the real command's rebuild: documents built
in batches (`documents.product_documents`) and written with a bulk upsert, in this process.
Building an entry is mostly CPU-bound Python (documents, then folding every word), so right
after `generate_catalogue` has filled an empty catalogue, the entries are built here by
WORKERS forked processes from the same documents, `_entry_fields` and `facet_rows`, and
inserted raw into emptied tables: about 1.8 times rebuild_entries()'s rate on 2 cores
(3 000 products in batches of 500: 1 100-1 200 entries/s, against 610-680).
tests/lab/test_generate_catalogue.py asserts that both write the same entries.
"""

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

from django.db import connections, router, transaction
from django.utils import timezone

from core.rows import insert_rows
from lab.benchmark.rows import delete_rows, reset_sequences
from products.documents import product_documents
from search.catalogue.database.query import (
    FACET_COLUMNS,
    NAME_WORD_COLUMNS,
    _entry_fields,
    facet_rows,
    name_words,
)
from search.catalogue.source import catalogue_source
from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord

BATCH = 1_000


def entry_rows(keys: list) -> list[tuple[str, dict, list[tuple], list[tuple]]]:
    """(key, entry fields, facet rows, name words) for each product, as the database path
    computes them."""

    rows = []
    for key, document in product_documents(keys).items():
        fields = _entry_fields(document)
        rows.append((key, fields, facet_rows(document), name_words(fields["names"])))
    return rows


def build_entries(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Replace every catalogue entry by one built from the live products; return the count.

    Building an entry is CPU-bound Python (documents, then folding every word), so a large
    catalogue is built by WORKERS forked processes while this one inserts what they return.
    """

    using = router.db_for_write(CatalogueEntry)
    keys = catalogue_source().keys()
    with transaction.atomic(using=using):
        for model in (CatalogueFacetValue, CatalogueNameWord, CatalogueEntry):
            delete_rows(model)
    chunks = [keys[start : start + BATCH] for start in range(0, len(keys), BATCH)]
    written, next_id, now = 0, 1, timezone.now()
    with _pool(len(chunks), using=using) as pool:
        for rows in pool.map(entry_rows, chunks):
            entries, facets, words = [], [], []
            for key, fields, facet_rows, word_rows in rows:
                entries.append((next_id, key, now, *fields.values()))
                facets += [(next_id, *facet) for facet in facet_rows]
                words += [(next_id, *word) for word in word_rows]
                next_id += 1
            if entries:
                columns = ("id", "translation_key", "updated_at", *rows[0][1])
                with transaction.atomic(using=using):
                    insert_rows(CatalogueEntry, columns, entries)
                    insert_rows(CatalogueFacetValue, FACET_COLUMNS, facets)
                    insert_rows(CatalogueNameWord, NAME_WORD_COLUMNS, words)
            written += len(entries)
            if progress is not None:
                progress(written, len(keys))
    reset_sequences(CatalogueEntry)
    return written


WORKERS = 2


class _Serial:
    """The pool's interface, in this process (small catalogues, in-memory test databases)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, function, items):
        return map(function, items)


def _pool(chunks: int, *, using: str):
    connection = connections[using]
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    if chunks < 2 * WORKERS or in_memory:
        return _Serial()
    # Forked workers must not share this process's database connection.
    connections.close_all()
    return ProcessPoolExecutor(max_workers=WORKERS, mp_context=get_context("fork"))
