"""The catalogue search, database path: the engine path's contract, answered with SQL.

Used when no engine is configured. It reads `search.models.CatalogueEntry` rows, built from
the same product documents the engine indexes (`search.catalogue.source`), and answers in the
contract's shape (`search.catalogue.contract`), so a view cannot tell the two paths apart.

How it approximates the engine, on SQLite and PostgreSQL alike:

- Words, not substrings: the match columns are space-separated words with a space at each
  end, so `LIKE '% den %'` is a whole-word match ("an" does not find "thanh").
- Accents: every query word is folded (`fold_text`: "Đèn" -> "den") and matched against
  `folded_text`; a query typed with its diacritics, found as typed in `text`, ranks first.
- Every word must match (AND); a synonym group swaps whole phrases, exactly as the engine's
  `expand_synonyms` does, and an entry matches if any spelling matches.
- English stems: the words of the fields the engine analyses as English (titles, summaries,
  descriptions and labels in English) are stored with their stems too, marked "~heater",
  from the engine's own algorithm (`english_stem`: Porter, snowballstemmer), and a query word
  also matches by its stem ("heaters", "heating" ~ "heater", "heat"). Only marked stems
  match stems, so a Vietnamese word is never stemmed into another ("máy" is not "mai").
- Typos: when no entry has every word, the query corrected from the names' vocabulary
  (`CatalogueNameWord`, one GROUP BY; rapidfuzz within the engine's fuzziness) is searched
  instead, and the answer says so ("showing results for"); failing that, on PostgreSQL,
  entries whose names are trigram-similar to the query (pg_trgm `word_similarity`), and on
  every database the entries with most of the words (`partial`).
- Facets: one statement over `CatalogueFacetValue`; each group is counted under every other
  group's filters (multi-select within a group, intersection across groups).

The words are found through an index (the words as lexemes on PostgreSQL, FTS5 on SQLite:
`fulltext`), the filters go in the same WHERE as the words, and the facets look each set of
entries up once: what a search reads grows with the entries it finds rather than with the
catalogue.

A search costs at most seven SQL queries whatever the catalogue's size: the count, the page,
the facets, and only when nothing matches: whether, without the filters, anything has the
words (with the filters), the suggestion's vocabulary, the corrected query's count, and when
that finds nothing, the similar entries' count (PostgreSQL) or the partial match's. Usually
it is three; five when a correction finds something.
"""

import datetime
import html
import operator
import os
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial, reduce
from itertools import islice
from multiprocessing import get_context
from uuid import UUID

import snowballstemmer
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connections, router, transaction
from django.db.models import Case, Count, F, FloatField, Min, Q, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest, Length
from django.db.models.lookups import GreaterThanOrEqual
from django.utils.module_loading import import_string
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from core.rows import insert_rows
from core.text import WORD, fold_text, fold_word, normalize_text
from core.treecache import cached
from core.workers import start_worker
from search.catalogue.contract import (
    FACETS,
    HIGHLIGHTED_NAMES,
    HIGHLIGHTS,
    IRREGULAR_PLURALS,
    LANGUAGES,
    MARK_CLOSE,
    MARK_OPEN,
    NAME_FIELDS,
    SHARED_TEXT_FIELDS,
    STATUS_CURRENT,
    STATUS_GROUP,
    TEXT_FIELDS,
    TOP10_VALUES,
    VIETNAMESE_ANALYSED,
    CatalogueQuery,
    decode_facet_value,
    document_result,
    expand_synonyms,
    facet_values,
    status_facet,
)
from search.catalogue.database import fulltext
from search.catalogue.drift import DriftReport, compare, expected_documents
from search.catalogue.source import BATCH, batches, catalogue_source
from search.models import (
    AbstractCatalogueEntry,
    CatalogueEntry,
    CatalogueFacetValue,
    CatalogueNameWord,
)

# The document fields whose text is searchable: the engine's text fields, both languages.
SEARCHABLE_FIELDS = (
    *TEXT_FIELDS["vi"],
    *TEXT_FIELDS["en"],
    *SHARED_TEXT_FIELDS,
    "hs_code",
)
# The names ("titles") that rank above body text and feed typo tolerance and suggestions:
# the fields the engine copies into `names_folded` and `suggest`.
NAME_KEYS = (*NAME_FIELDS["vi"], *NAME_FIELDS["en"], "company_legal_names", "company_brand")
# Product-type words are matched folded only, as the engine's exact clause leaves them out
# (EXACT_FIELDS): a water heater's "bình nóng lạnh" is the glossary's spelling, not the
# product's, and earns it no exact-spelling rank for "bình nóng lạnh".
PRODUCT_TYPE_KEYS = tuple(f"product_type_{language}" for language in LANGUAGES)
# The words "did you mean" may offer: the names, and a product's other names ("lamp" for
# "đèn"), as the engine's `suggest` field holds them. Not ranked as names: every lamp has the
# same ones.
VOCABULARY_KEYS = (*NAME_KEYS, *PRODUCT_TYPE_KEYS)
# The fields the engine analyses as English, stemming their words (mapping.en_text): the
# English text fields but the company's name, a proper name analysed as Vietnamese.
STEMMED_FIELDS = tuple(
    field for field in TEXT_FIELDS["en"] if field.rsplit("_", 1)[0] not in VIETNAMESE_ANALYSED
)
# Marks a stem in the match columns: no query word contains it (WORD has no "~"), so a stem
# only ever matches a stem. FTS5 reads "~heater" as the word "heater" (a superset, checked by
# the LIKEs); PostgreSQL's lexemes keep "~heater" as written.
STEM_MARK = "~"
# Copied into columns of their own, per language, for sorting and the vocabulary.
DISPLAY_FIELDS = ("title", "url", "summary", "company_name", "company_url", "sector_label")

# Words beyond this many are not matched: each word is a LIKE (times its forms, times the
# synonym spellings), and a query of 200 characters must not become thousands of them.
MAX_QUERY_WORDS = 12
# word_similarity() of the folded query to the folded names, from 0 to 1; 0.6 is pg_trgm's own
# default for its `%>` operator. Measured: one wrong letter in a long word ("vicostome" ~
# "vicostone") is 0.7, "den lde" ~ "den led" 0.63, while 0.5 already lets "dem" find "den".
TRIGRAM_THRESHOLD = 0.6
# "Did you mean": rapidfuzz ranks the names' words by `fuzz.ratio` (difflib's ratio from the
# longest common subsequence, times 100: "lde" ~ "led" is 67, "licostone" ~ "vicostone" 89),
# and a word is only replaced within the engine's fuzziness AUTO: one edit (OSA: a swap of
# neighbours is one) up to five letters, two beyond. Measured against difflib's
# get_close_matches with these cutoffs, on the relevance corpus's 425 name words and 955
# unknown words (every query word and three typos of each name word): the same suggestion
# for all 955, once ties go as difflib's did; a highlight marks the same words in all but 1
# of 342 975 pairs ("ngan" ~ "nang": difflib 0.5, rapidfuzz 75).
SUGGESTION_CUTOFF = 60
SUGGESTION_CANDIDATES = 5
FUZZY_MARK_CUTOFF = 75
MIN_FUZZY_WORD = 4

# Relevance as one integer (the trigram fallback ranks by similarity instead), so ordering
# needs one expression and `score` explains it:
# as typed with diacritics > any folded match of the query as typed > a synonym-only match;
# then the names matching the whole query as a phrase, then how many words are in the names
# (and among equals, the shorter name: see _ordering).
# With partial matching (no entry had every word), each word found weighs more than all the
# rest: the entries with the most of the query's words come first.
PARTIAL_WEIGHT = 10_000
# Partial matching starts at three words, so at least two must match: a Vietnamese word is
# often two syllables, and half of "tủ lạnh" (a fridge) is the "lạnh" of a water heater
# ("bình nóng lạnh"). The engine's partial query asks the same.
PARTIAL_MIN_WORDS = 3
EXACT_WEIGHT = 1000
TYPED_WEIGHT = 100
PHRASE_WEIGHT = 20  # > MAX_QUERY_WORDS, so a name-word count never outweighs a phrase


# -- writing entries --------------------------------------------------------------------


def sync_entry(translation_key: UUID | str) -> bool:
    """Write the entry of one product from its document, or delete it when it has none.

    Returns whether an entry exists now. Call it whenever a product or what its document
    includes (company, vocabularies, recognitions) is published, unpublished or deleted.
    """
    key = str(UUID(str(translation_key)))
    return write_entries([key], catalogue_source().documents([key])) == 1


def rebuild_workers() -> int:
    """How many worker processes a rebuild uses by default: one per CPU this process may run
    on, at most four (the writing stays in one process, which more could not keep up with)."""
    # process_cpu_count (Python 3.13) counts only the CPUs this process may use.
    cpus = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    return min(4, cpus or 1)


def rebuild_entries(*, progress: Callable[[int, int], None] | None = None, workers: int = 1) -> int:
    """Rewrite every live product's entry and delete the rest; return how many were written
    (*workers*: see rebuild_table)."""
    return rebuild_table(PRODUCT_ENTRIES, progress=progress, workers=workers)


def find_drift() -> DriftReport:
    """Compare the entries' documents with the documents the pages give today."""
    return table_drift(PRODUCT_ENTRIES)


def repair(report: DriftReport) -> None:
    """Rewrite (or delete) the entries *report* names, from their pages."""
    repair_table(PRODUCT_ENTRIES, report)


def write_entries(keys: list[str], documents: dict[str, dict]) -> int:
    """Upsert the entries of *documents*, delete those of *keys* without one; return the count."""
    return write_table(PRODUCT_ENTRIES, keys, documents)


@dataclass(frozen=True)
class ExtraRows:
    """Rows written with each entry of a table (the products' facet values, their names'
    words), replaced whenever the entry is: a model whose first column is the entry, and
    the rows (without it) of one document and its entry's fields."""

    model: type
    columns: tuple[str, ...]
    rows: Callable[[dict, dict], list[tuple]]


@dataclass(frozen=True)
class EntryTable:
    """One kind of the catalogue's search data on the database path (products, companies):
    its table, where its documents come from and how a document becomes a row. The writing,
    rebuilding, drift and repair below are the same for every kind."""

    # Where the table itself is imported from: the worker processes of a rebuild receive
    # this and import it (tests/search/test_rebuild_workers.py checks each path).
    path: str
    model: type[AbstractCatalogueEntry]
    keys: Callable[[], list[str]]
    documents: Callable[[Iterable[str]], dict[str, dict]]
    # Every document as a copy stores it (search.catalogue.drift).
    expected: Callable[[], dict[str, dict]]
    # The row's columns from a document, but its translation_key.
    fields: Callable[[dict], dict]
    extra: tuple[ExtraRows, ...] = ()


@dataclass(frozen=True)
class PreparedBatch:
    """What a batch of keys writes, computed before any write: plain data, so that a
    worker of a rebuild can compute it and hand it back."""

    keys: tuple[str, ...]
    fields: dict[str, dict]  # the entry's columns by key, for the keys that have a document
    extra: tuple[dict[str, list[tuple]], ...]  # per table.extra: the rows by key


def prepare_batch(table: EntryTable, keys: Iterable[str], documents: dict[str, dict]):
    """The entries (and their extra rows) of *documents*: the CPU-bound part of a write."""
    fields = {key: table.fields(document) for key, document in documents.items()}
    extra = tuple(
        {key: kind.rows(documents[key], fields[key]) for key in fields} for kind in table.extra
    )
    return PreparedBatch(keys=tuple(keys), fields=fields, extra=extra)


def write_table(table: EntryTable, keys: list[str], documents: dict[str, dict]) -> int:
    """Upsert the entries of *documents*, delete those of *keys* without one; return the count."""
    return write_batch(table, prepare_batch(table, keys, documents))


def write_batch(table: EntryTable, batch: PreparedBatch) -> int:
    """Write *batch*: upsert its entries, delete those of its keys without one, and replace
    their extra rows, in one transaction; return how many entries were written.

    An upsert on translation_key keeps an entry's id, as `update_or_create` would. The extra
    rows, about thirty an entry for the products, are written as plain rows (core.rows):
    through bulk_create, building and compiling them was half of a rebuild's time. One DELETE
    each: they have no delete signals (tests/search/test_fast_deletes.py), and deleting an
    entry deletes its rows by itself (ON DELETE CASCADE).
    """
    model = table.model
    entries = [model(translation_key=key, **fields) for key, fields in batch.fields.items()]
    with transaction.atomic():
        if missing := [key for key in batch.keys if key not in batch.fields]:
            model.objects.filter(translation_key__in=missing).delete()
        if not entries:
            return 0
        model.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=["translation_key"],
            update_fields=[
                field.name
                for field in model._meta.concrete_fields
                if field.name not in ("id", "translation_key")
            ],
        )
        if table.extra:
            ids = dict(
                model.objects.filter(translation_key__in=list(batch.fields)).values_list(
                    "translation_key", "pk"
                )
            )
            for kind, rows in zip(table.extra, batch.extra, strict=True):
                kind.model.objects.filter(entry_id__in=ids.values()).delete()
                insert_rows(
                    kind.model,
                    kind.columns,
                    [(ids[UUID(key)], *row) for key, found in rows.items() for row in found],
                )
    return len(entries)


def rebuild_table(
    table: EntryTable,
    *,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> int:
    """Rewrite every live entry of *table* and delete the rest; return how many were written.

    BATCH keys at a time: their documents are built together and their rows written in bulk,
    one transaction per batch (searches meanwhile see each one's old or new entry, never
    none). With *workers* > 1 the batches are prepared by that many worker processes while
    this one writes (see _prepared_batches). *progress* is called as `progress(done, total)`
    after each batch.
    """
    keys = table.keys()
    written = done = 0
    for batch in _prepared_batches(table, list(batches(keys)), workers=workers):
        written += write_batch(table, batch)
        done += len(batch.keys)
        if progress is not None:
            progress(done, len(keys))
    # Compared in Python, not `exclude(translation_key__in=keys)`: SQLite limits the number
    # of parameters a statement may have, and a large catalogue would exceed it.
    stored = {str(key) for key in table.model.objects.values_list("translation_key", flat=True)}
    iterator = iter(sorted(stored - set(keys)))
    while batch := list(islice(iterator, BATCH)):
        table.model.objects.filter(translation_key__in=batch).delete()
    _analyze(table)
    return written


def _analyze(table: EntryTable) -> None:
    """Refresh PostgreSQL's statistics of the rewritten tables now, not at autovacuum's next
    pass: the planner reads the facet rows' (group, value) statistics (migration 0008) to
    choose between the word index and testing each filtered entry's words."""
    connection = connections[router.db_for_write(table.model)]
    if connection.vendor != "postgresql":
        return
    tables = [table.model._meta.db_table, *(kind.model._meta.db_table for kind in table.extra)]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(map(connection.ops.quote_name, tables)))


def _prepare(path: str, keys: tuple[str, ...]) -> PreparedBatch:
    table = import_string(path)
    return prepare_batch(table, keys, table.documents(keys))


def _prepared_batches(table: EntryTable, chunks: list[tuple[str, ...]], *, workers: int):
    """The prepared *chunks*, in order: here, or by *workers* worker processes.

    Preparing a batch (documents, then folding every word) is CPU-bound Python and about
    two thirds of a rebuild: workers prepare the next batches while this process writes, at
    most two per worker ahead so that a large catalogue is never all in memory. The workers
    are fresh interpreters (spawned: forking a process that has threads can deadlock the
    child), which set Django up with this process's settings module and databases. Used
    only where they can read what this process sees: not inside a transaction, not on an
    in-memory SQLite database.
    """
    connection = connections[router.db_for_write(table.model)]
    if (
        workers < 2
        or len(chunks) < 2 * workers
        or connection.in_atomic_block
        or (connection.vendor == "sqlite" and connection.is_in_memory_db())
    ):
        for chunk in chunks:
            yield _prepare(table.path, chunk)
        return
    databases = {alias: dict(connections[alias].settings_dict) for alias in connections}
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=start_worker,
        initargs=(os.environ["DJANGO_SETTINGS_MODULE"], databases),
    ) as pool:
        remaining = iter(chunks)
        pending = deque(
            pool.submit(_prepare, table.path, chunk) for chunk in islice(remaining, 2 * workers)
        )
        while pending:
            batch = pending.popleft().result()
            if (chunk := next(remaining, None)) is not None:
                pending.append(pool.submit(_prepare, table.path, chunk))
            yield batch


def table_drift(table: EntryTable) -> DriftReport:
    """Compare the documents stored in *table* with the documents the pages give today."""
    stored = {
        str(key): document
        for key, document in table.model.objects.values_list(
            "translation_key", "document"
        ).iterator(chunk_size=BATCH)
    }
    return compare(table.expected(), stored)


def repair_table(table: EntryTable, report: DriftReport) -> None:
    """Rewrite (or delete) the entries of *table* that *report* names, from their pages."""
    for batch in batches(report.keys):
        write_table(table, batch, table.documents(batch))


# The columns of the rows written with each entry, as core.rows.insert_rows takes them.
FACET_COLUMNS = ("entry", "group", "value", "label_vi", "label_en", "sort_order")
NAME_WORD_COLUMNS = ("entry", "folded", "word", "occurrences")


def _entry_fields(document: dict) -> dict:
    searchable = [(key, _values(document, key)) for key in SEARCHABLE_FIELDS]
    names = [(key, _values(document, key)) for key in NAME_KEYS]
    vocabulary = [(key, _values(document, key)) for key in VOCABULARY_KEYS]
    display = {
        field: document.get(field) or ""
        for base in DISPLAY_FIELDS
        for field in [f"{base}_{language}" for language in LANGUAGES]
    }
    return display | {
        "sector": document.get("sector") or "",
        "top10": TOP10_VALUES.get(document.get("top10")),
        "latest_year": document.get("latest_year"),
        "recognised_until": _date(document.get("recognised_until")),
        **{
            f"sort_name_{language}": fold_text(document.get(f"sort_name_{language}") or "")[:255]
            for language in LANGUAGES
        },
        "names": "\n".join(text for _, texts in vocabulary for text in texts),
        "folded_names": _match_column(names, fold=True),
        "text": _match_column(
            [(key, texts) for key, texts in searchable if key not in PRODUCT_TYPE_KEYS], fold=False
        ),
        "folded_text": _match_column(searchable, fold=True),
        "document": document,
    }


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _values(document: dict, key: str) -> list[str]:
    value = document.get(key)
    if value in (None, "", []):
        return []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _match_column(fields: Iterable[tuple[str, list[str]]], *, fold: bool) -> str:
    """ " w1 w2  w3 w4 ~s3 ~s4 ": each text's words padded by spaces, texts side by side.

    Texts are kept apart by a double space, so a phrase cannot match across two fields (the
    end of a title and the start of a company name). A text of a field in STEMMED_FIELDS is
    followed by its words' stems, after its words so that its phrases stay whole.
    """
    return "".join(
        _column_text(text, stemmed=key in STEMMED_FIELDS, fold=fold)
        for key, texts in fields
        for text in texts
    )


# Texts up to this length (names, labels, product-type terms, which many entries share) are
# turned into their column text once per process; longer ones (descriptions) are each
# product's own, and would only fill the cache.
SHARED_TEXT_LENGTH = 200


def _column_text(text: str, *, stemmed: bool, fold: bool) -> str:
    """ " w1 w2 ~s1 ~s2 ": one text's words, and after them their marked stems if *stemmed*
    (the engine stems the field), padded by spaces; "" for a text without words."""
    if len(text) <= SHARED_TEXT_LENGTH:
        return _shared_column_text(text, stemmed, fold)
    return _build_column_text(text, stemmed, fold)


def _build_column_text(text: str, stemmed: bool, fold: bool) -> str:
    words = _words(text, fold=fold)
    if not words:
        return ""
    if stemmed:
        written = _words(text, fold=False) if fold else words
        words = [*words, *dict.fromkeys(_stem_form(word, fold=fold) for word in written)]
    return f" {' '.join(words)} "


_shared_column_text = lru_cache(maxsize=50_000)(_build_column_text)


def _words(text: str, *, fold: bool) -> list[str]:
    """The words of *text*, lower-cased NFC (or folded)."""
    if fold:
        # Folded a whitespace-separated piece at a time through fold_word's cache: the same
        # words as folding the whole text (folding neither makes nor removes whitespace), and
        # a catalogue's entries repeat their words, so most pieces are folded once a rebuild.
        return [word for piece in text.split() for word in WORD.findall(fold_word(piece))]
    return WORD.findall(normalize_text(normalize_text(text).casefold()))


# The engine's English analysis (mapping.en_text) runs the `stemmer` filter with language
# "english", which is Lucene's PorterStemFilter, after a stemmer_override of
# IRREGULAR_PLURALS; snowballstemmer's "porter" is the same algorithm. Checked against the
# node's _analyze on the 2 255 distinct words of the relevance corpus, the benchmark
# vocabulary and the demo content: the same stem for every word but two, besides words of
# one or two letters, which Lucene leaves alone (so does english_stem): Lucene follows
# Porter's own later code, where "-bli" becomes "-ble" and "-logi" "-log" ("assembly" ->
# "assembl", "technology" -> "technolog"), snowballstemmer the published algorithm
# ("assembli", "technologi"). Either way "technology" and "technologies" share a stem.
_PORTER = snowballstemmer.stemmer("porter")
# The stemmer keeps the word it is working on in its own attributes: one word at a time.
_PORTER_LOCK = threading.Lock()


@lru_cache(maxsize=50_000)
def english_stem(word: str) -> str:
    """*word* (lower-case) as the engine's English analysis indexes it: "heaters" -> "heater",
    "batteries" and "battery" -> "batteri", "scarves" -> "scarf".

    Cached: a catalogue repeats its words, and the stemmer is pure Python (tens of
    microseconds a word).
    """
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if len(word) < 3:
        return word
    with _PORTER_LOCK:
        return _PORTER.stemWord(word)


def _stem_form(word: str, *, fold: bool) -> str:
    """The marked stem of *word* (lower-case, as written) for a match column: stemmed as
    written, as the engine stems, then folded for the folded columns ("máy" stays "~may",
    while "may" is "~mai")."""
    stem = english_stem(word)
    return STEM_MARK + (fold_word(stem) if fold else stem)


def name_words(names: str) -> list[tuple[str, str, int]]:
    """(folded, word, occurrences) for each distinct word of *names*, in order of appearance."""
    counts = Counter(_words(names, fold=False))
    return [(fold_word(word), word, occurrences) for word, occurrences in counts.items()]


def facet_rows(document: dict) -> list[tuple[str, str, str, str, int]]:
    """(group, value, label_vi, label_en, sort_order) for each facet value of *document*,
    read from the fields the engine aggregates.

    Encoded values are "slug<US>vi<US>en<US>order" (see documents._labels); years and top10
    are plain values.
    """
    rows = {}
    for group, facet in FACETS.items():
        for raw in _values(document, facet.facet_field):
            value, label_vi, label_en, order = decode_facet_value(group, raw)
            rows.setdefault((group, value), (group, value, label_vi, label_en, order))
    return list(rows.values())


PRODUCT_ENTRIES = EntryTable(
    path="search.catalogue.database.query.PRODUCT_ENTRIES",
    model=CatalogueEntry,
    keys=lambda: catalogue_source().keys(),
    documents=lambda keys: catalogue_source().documents(keys),
    expected=expected_documents,
    fields=_entry_fields,
    extra=(
        ExtraRows(CatalogueFacetValue, FACET_COLUMNS, lambda document, _: facet_rows(document)),
        ExtraRows(
            CatalogueNameWord, NAME_WORD_COLUMNS, lambda _, fields: name_words(fields["names"])
        ),
    ),
)


# -- the query --------------------------------------------------------------------------


def database_capabilities() -> frozenset[str]:
    """What the catalogue's database adds to the portable search: "trigram" on PostgreSQL.

    "suggestion" (rapidfuzz's "did you mean") works everywhere.
    """
    vendor = _catalogue_vendor()
    return frozenset({"suggestion", "trigram"} if vendor == "postgresql" else {"suggestion"})


@dataclass(frozen=True)
class _Terms:
    """The words a query is matched with.

    `typed` is the query's own words, lower-cased with their diacritics (for the exact-match
    rank); `spellings` the folded words of the query and of each synonym variant, the
    query's own first. `stems` gives each of those words its marked English stems, stemmed
    as written ("máy" -> "~may", "may" -> "~mai"): see `forms`.
    """

    typed: tuple[str, ...]
    spellings: tuple[tuple[str, ...], ...]
    stems: dict[str, tuple[str, ...]]

    def forms(self, word: str) -> tuple[str, ...]:
        """What a match column may hold for *word*: itself, or its stem after an English word."""
        return (word, *self.stems.get(word, ()))

    @property
    def folded_forms(self) -> set[str]:
        return {form for words in self.spellings for word in words for form in self.forms(word)}


def search_database(
    query: CatalogueQuery,
    *,
    synonyms: dict[str, list[str]] | None = None,
    fallbacks: bool = True,
) -> dict:
    """One catalogue search in the database, answered as the engine path answers it.

    When nothing has every word (whatever the filters), it tries, in order: entries whose
    names are similar (PostgreSQL's trigrams), the query with its typos corrected from the
    names' vocabulary ("showing results for", every database), and the entries with the most
    of the words (`partial`). Without *fallbacks*, none of them.
    """
    started = time.perf_counter()
    lang, selected = query.lang, query.filters
    terms = _terms(query.text, synonyms) if query.text else None

    status = _status_condition(query)
    filtered = _filters_condition(selected, field="pk") & status
    # The entries having the words, reused by every query below, with the filters in the
    # same WHERE: PostgreSQL then starts from whichever is the most selective.
    matching = _strict_match(terms) if terms is not None else _Match(Q())
    count = CatalogueEntry.objects.filter(matching.where(filtered)).count()
    fuzzy = partial = False
    suggestion = corrected = None
    if terms is not None and not count and fallbacks:
        anywhere, similar = _without_results(terms, matching=matching, filtered=filtered)
        if not anywhere:
            # Nothing has every word, whatever the filters: the query itself is the problem.
            suggestion = _suggestion(terms.typed)
            found = _corrected(suggestion, synonyms=synonyms, filtered=filtered)
            if found is not None:
                terms, matching, count = found
                corrected, suggestion = suggestion, None
            else:
                # Offered only when it finds something.
                suggestion = None
                if similar is not None:
                    # Facets then count the similar entries, even if the filters exclude
                    # them all.
                    count, fuzzy = similar()
                    if fuzzy:
                        matching = _Match(_fuzzy_condition(terms))
                if not fuzzy and terms.spellings and len(terms.spellings[0]) >= PARTIAL_MIN_WORDS:
                    loose = _partial_match(terms)
                    if found := CatalogueEntry.objects.filter(loose.where(filtered)).count():
                        matching, count, partial = loose, found, True

    start = query.start
    results = []
    if count > start:
        rows = (
            CatalogueEntry.objects.filter(matching.where(filtered))
            .annotate(score=_score(terms, fuzzy=fuzzy, partial=partial))
            .order_by(*_ordering(query.sort, lang=lang, queried=terms is not None))
            .values("document", "score")[start : start + query.per_page]
        )
        results = [
            _result(row["document"], score=row["score"], lang=lang, terms=terms, fuzzy=fuzzy)
            for row in rows
        ]
    return {
        "count": count,
        "results": results,
        "facets": _facets(
            matching if terms is not None else None,
            selected=selected,
            lang=lang,
            status=status,
            today=query.today,
        )
        if query.facets
        else {},
        "suggestion": suggestion,
        "corrected": corrected,
        "partial": partial,
        "took": round((time.perf_counter() - started) * 1000),
    }


def _corrected(
    suggestion: str | None, *, synonyms: dict[str, list[str]] | None, filtered: Q
) -> "tuple[_Terms, _Match, int] | None":
    """The terms, match and count of the corrected query, when it finds something."""
    if not suggestion:
        return None
    terms = _terms(suggestion, synonyms)
    matching = _strict_match(terms)
    count = CatalogueEntry.objects.filter(matching.where(filtered)).count()
    return (terms, matching, count) if count else None


def _without_results(
    terms: _Terms, *, matching: "_Match", filtered: Q
) -> tuple[bool, Callable[[], tuple[int, bool]] | None]:
    """When nothing has the words under the filters: whether anything has them at all, and
    on PostgreSQL a function giving the similar entries (their count under the filters,
    whether there are any).

    One query at most, for both, with filters; without, the count already said that nothing
    has the words, and the similar entries are counted only when asked (after a correction
    found nothing): the search keeps to its budget of queries.
    """
    trigram = bool(terms.spellings) and "trigram" in database_capabilities()
    if not filtered:
        if not trigram:
            return False, None

        def similar_entries() -> tuple[int, bool]:
            similar = CatalogueEntry.objects.filter(_fuzzy_condition(terms)).count()
            return similar, similar > 0

        return False, similar_entries
    if not trigram:
        return CatalogueEntry.objects.filter(matching.where()).exists(), None
    similar = _fuzzy_condition(terms)
    found = CatalogueEntry.objects.filter(matching.where() | similar).aggregate(
        anywhere=Count("pk", filter=matching.where()),
        similar=Count("pk", filter=similar & filtered),
        similar_anywhere=Count("pk", filter=similar),
    )
    counted = (found["similar"], found["similar_anywhere"] > 0)
    return found["anywhere"] > 0, lambda: counted


def _terms(q: str, synonyms: dict[str, list[str]] | None) -> _Terms:
    spellings, stems = [], defaultdict(dict)
    for spelling in [q, *expand_synonyms(q, synonyms)]:
        words = tuple(dict.fromkeys(_words(spelling, fold=True)))[:MAX_QUERY_WORDS]
        if words and words not in spellings:
            spellings.append(words)
        # Stemmed as written, then folded for the folded word (a word that folding merges
        # with its neighbours, in some other script, keeps no stem).
        for word in _words(spelling, fold=False):
            stems[word][_stem_form(word, fold=False)] = None
            stems[fold_word(word)][_stem_form(word, fold=True)] = None
    typed = tuple(dict.fromkeys(_words(q, fold=False)))[:MAX_QUERY_WORDS]
    return _Terms(
        typed=typed,
        spellings=tuple(spellings),
        stems={word: tuple(forms) for word, forms in stems.items()},
    )


def _has_word(field: str, forms: Iterable[str]) -> Q:
    """Any of *forms* (a word and its marked stems: `_Terms.forms`) is a word of *field*."""
    if _by_lexemes(field):
        return Q(fulltext.HasWords([[list(forms)]], column=field))
    return reduce(operator.or_, (Q(**{f"{field}__contains": f" {form} "}) for form in forms))


def _has_words(field: str, terms: _Terms, words: Iterable[str]) -> Q:
    if _by_lexemes(field):
        return Q(fulltext.HasWords([[terms.forms(word) for word in words]], column=field))
    return reduce(operator.and_, (_has_word(field, terms.forms(word)) for word in words))


def _by_lexemes(field: str) -> bool:
    """Whether *field*'s words are matched through PostgreSQL's lexemes (`fulltext`)."""
    return field in fulltext.WORDS_COLUMNS and _catalogue_vendor() == "postgresql"


@dataclass(frozen=True)
class _Match:
    """The entries having a query's words, as conditions on entries.

    `words` decides. `index` is a superset found through an index, where the words' own
    conditions cannot use one: SQLite's FTS5 candidates (`fulltext`); nothing on PostgreSQL,
    where the words' condition is the index's own (`fulltext.HasWords`).
    """

    words: Q
    index: Q = field(default_factory=Q)

    def where(self, filters: Q | None = None) -> Q:
        # SQLite tests the conditions in the order written: the index's candidates, then the
        # filters (a lookup each), and last the LIKEs, which read an entry's whole text.
        return self.index & (filters or Q()) & self.words


def _strict_match(terms: _Terms) -> _Match:
    """Every word of at least one spelling is in the folded text."""
    return _any_group(terms, terms.spellings)


def _partial_match(terms: _Terms) -> _Match:
    """At least half the words (rounded up) of some spelling are in the folded text.

    Half, so that one common syllable ("so" of "hồ sơ") does not bring in everything; the
    engine's partial query asks the same (PARTIAL_MINIMUM_SHOULD_MATCH).
    """
    candidates = _any_group(
        terms, [(word,) for word in dict.fromkeys(w for words in terms.spellings for w in words)]
    )
    enough = reduce(
        operator.or_,
        (
            Q(GreaterThanOrEqual(_words_found(terms, words), -(-len(words) // 2) * PARTIAL_WEIGHT))
            for words in terms.spellings
        ),
    )
    return _Match(candidates.words & enough, index=candidates.index)


def _any_group(terms: _Terms, groups, *, entries: str = fulltext.ENTRIES) -> _Match:
    """Entries having every word of at least one of *groups*; *entries*: the entry table
    whose word index (fulltext) narrows them on SQLite."""
    if not groups:
        return _Match(Q(pk__in=[]))  # only punctuation: like the engine, nothing matches
    if _by_lexemes("folded_text"):
        return _Match(
            Q(fulltext.HasWords([[terms.forms(word) for word in words] for words in groups]))
        )
    words = reduce(operator.or_, (_has_words("folded_text", terms, words) for words in groups))
    if _catalogue_vendor() == "sqlite" and fulltext.available():
        # FTS5 reads "~heater" as the word "heater": its stem is looked up unmarked.
        expression = fulltext.match_expression(
            [
                [[form.removeprefix(STEM_MARK) for form in terms.forms(word)] for word in words]
                for words in groups
            ]
        )
        if expression is not None:
            table = fulltext.table(entries)
            indexed = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expression])
            return _Match(words, index=Q(pk__in=indexed))
    return _Match(words)


def _catalogue_vendor() -> str:
    return connections[router.db_for_read(CatalogueEntry)].vendor


def _similarity(terms: _Terms):
    similarities = [
        TrigramWordSimilarity(" ".join(words), F("folded_names")) for words in terms.spellings
    ]
    return similarities[0] if len(similarities) == 1 else Greatest(*similarities)


def _fuzzy_condition(terms: _Terms) -> Q:
    # `folded_names %> 'query'` is word_similarity('query', folded_names) >= pg_trgm's
    # word_similarity_threshold (0.6 unless configured otherwise, as TRIGRAM_THRESHOLD): the
    # operator form lets the trigram index on folded_names find the candidates; the explicit
    # comparison keeps TRIGRAM_THRESHOLD the rule.
    indexed = reduce(
        operator.or_,
        (Q(folded_names__trigram_word_similar=" ".join(words)) for words in terms.spellings),
    )
    return indexed & Q(GreaterThanOrEqual(_similarity(terms), TRIGRAM_THRESHOLD))


def _score(terms: _Terms | None, *, fuzzy: bool, partial: bool = False):
    if terms is None or not terms.spellings:
        return Value(0.0, output_field=FloatField())
    if fuzzy:
        return _similarity(terms)
    typed, *variants = terms.spellings
    if partial:
        found = [_words_found(terms, words) for words in terms.spellings]
        words_found = found[0] if len(found) == 1 else Greatest(*found)
        return words_found + _score(terms, fuzzy=False)

    def flag(condition: Q, weight: int):
        return Case(When(condition, then=Value(weight)), default=Value(0))

    # Every entry scored matches a spelling: with no synonym, the query's own, so its flag is
    # the same for all of them and needs no LIKE over every row's text.
    typed_flag = flag(_has_words("folded_text", terms, typed), TYPED_WEIGHT)
    parts = [typed_flag if variants else Value(TYPED_WEIGHT)]
    if terms.typed:
        parts.append(flag(_has_words("text", terms, terms.typed), EXACT_WEIGHT))
    phrases = [words for words in terms.spellings if len(words) > 1]
    if phrases:
        phrase = reduce(
            operator.or_,
            (Q(folded_names__contains=f" {' '.join(words)} ") for words in phrases),
        )
        parts.append(flag(phrase, PHRASE_WEIGHT))
    name_hits = [
        reduce(
            operator.add, (flag(_has_word("folded_names", terms.forms(word)), 1) for word in words)
        )
        for words in terms.spellings
    ]
    parts.append(name_hits[0] if len(name_hits) == 1 else Greatest(*name_hits))
    return reduce(operator.add, parts)


def _words_found(terms: _Terms, words: tuple[str, ...]):
    """PARTIAL_WEIGHT for each of *words* (folded) in the entry's text.

    A word typed with diacritics counts only as typed: once folded, "tủ" (a cabinet) is the
    "tử" of "điện tử" and would count for every electronic product.
    """
    accented = {fold_text(word): word for word in terms.typed if fold_text(word) != word}
    return reduce(
        operator.add,
        (
            Case(
                When(
                    _has_word("text", (accented[word],))
                    if word in accented
                    else _has_word("folded_text", terms.forms(word)),
                    then=Value(PARTIAL_WEIGHT),
                ),
                default=Value(0),
            )
            for word in words
        ),
    )


def _ordering(sort: str, *, lang: str, queried: bool = False) -> list:
    name = F(f"sort_name_{lang}").asc()
    latest = F("latest_year").desc(nulls_last=True)
    score = F("score").desc()
    # Among equal scores, the shorter name first: the words found are more of it (the
    # engine's BM25 normalises by length too). Measured: "bình nóng lạnh", a synonym of both,
    # ranked "Máy nước nóng năng lượng mặt trời" above "Máy nước nóng trực tiếp".
    if not queried:
        # Without words every score is 0: left out, the order is one an index holds (see
        # migration 0004), and a page of the whole catalogue needs no sort of all of it.
        return {
            "relevance": [latest, name, "translation_key"],
            "newest": [latest, name, "translation_key"],
            "name": [name, latest, "translation_key"],
        }[sort]
    return {
        "relevance": [score, Length(F(f"sort_name_{lang}")).asc(), latest, name, "translation_key"],
        "newest": [latest, score, name, "translation_key"],
        "name": [name, latest, "translation_key"],
    }[sort]


def _filters_condition(selected: dict[str, list[str]], *, field: str, skip: str = "") -> Q:
    """Entries (by *field*: "pk" or "entry_id") with a value of every selected group.

    Within a group any ticked value will do; across groups all must hold. *skip* leaves one
    group out, for that group's own counts.
    """
    conditions = [
        Q(
            **{
                f"{field}__in": CatalogueFacetValue.objects.filter(
                    group=group, value__in=values
                ).values("entry_id")
            }
        )
        for group, values in selected.items()
        if group != skip
    ]
    return reduce(operator.and_, conditions, Q())


def _status_condition(query: CatalogueQuery) -> Q:
    """The entries the status filter keeps: recognised on the query's day (none: all)."""
    return Q(recognised_until__gte=query.today) if query.status else Q()


def _facets(
    matching: _Match | None,
    *,
    selected: dict[str, list[str]],
    lang: str,
    status: Q,
    today: datetime.date,
) -> dict[str, list]:
    """Every group's values and counts in ONE query.

    A row of group G counts when its entry has the words (*matching*; None without words)
    and every group's filters but G's. Selected values are fetched even when nothing counts
    for them any more, so the visitor can see (and untick) what they chose. *status* (the
    status filter's condition on entries, or an empty Q) narrows every group; the entries
    recognised on *today* are counted under every other filter, in the same statement.
    """

    def entries(skip: str = "") -> Q:
        """The facet rows whose entry matches the words and every filter but *skip*'s.

        With words, a subquery of entries, words and filters together, looked up once per
        statement, rather than matching the words through a join for every facet row.
        """
        if matching is None and not status:
            return _filters_condition(selected, field="entry_id", skip=skip)
        found = CatalogueEntry.objects.filter(
            matching_entries(_filters_condition(selected, field="pk", skip=skip) & status)
        )
        return Q(entry_id__in=found.values("pk"))

    def matching_entries(filters: Q) -> Q:
        return filters if matching is None else matching.where(filters)

    fields = ("group", "value", "label_vi", "label_en", "sort_order")

    def counts(groups: Q, skip: str = ""):
        return (
            CatalogueFacetValue.objects.filter(groups, entries(skip))
            .values(*fields)
            .annotate(count=Count("pk"))
            .order_by()
        )

    # One SELECT per set of filters, joined by UNION ALL into one statement: each is a plain
    # semi-join of the facet rows to its entries. Their groups do not overlap, so no row is
    # counted twice. (As one SELECT, `WHERE (G AND entry IN A) OR (H AND entry IN B)` read
    # every facet row, and `COUNT(...) FILTER (WHERE ...)` ran the subqueries again.)
    parts = [counts(Q(group=group), skip=group) for group in selected]
    unselected = [group for group in FACETS if group not in selected]
    if unselected:
        # Nothing ticked: every row counts whatever its group. A condition on the group would
        # only make SQLite read every row through the group index.
        parts.append(counts(Q(group__in=unselected) if selected else Q()))
    if selected:
        chosen = reduce(
            operator.or_,
            (Q(group=group, value__in=values) for group, values in selected.items()),
        )
        parts.append(
            CatalogueFacetValue.objects.filter(chosen)
            .values(*fields)
            .annotate(count=Value(0))
            .distinct()
            .order_by()
        )
    # The status facet's count: entries, not facet rows, as one more row of the same shape
    # (constant columns, no GROUP BY: one row, its count possibly 0).
    parts.append(
        CatalogueEntry.objects.filter(
            matching_entries(
                _filters_condition(selected, field="pk") & Q(recognised_until__gte=today)
            )
        )
        .annotate(
            group=Value(STATUS_GROUP),
            value=Value(STATUS_CURRENT),
            label_vi=Value(""),
            label_en=Value(""),
            sort_order=Value(0),
        )
        .values(*fields)
        .annotate(count=Count("pk"))
        .order_by()
    )
    rows = parts[0].union(*parts[1:], all=True)
    values: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in rows:
        item = values[row["group"]].setdefault(row["value"], {**row, "count": 0, "_best": -1})
        item["count"] += row["count"]
        # Labels differ only while entries are being re-synced: show the most common one.
        if row["count"] > item["_best"]:
            item.update(label_vi=row["label_vi"], label_en=row["label_en"], _best=row["count"])
    current = values[STATUS_GROUP].get(STATUS_CURRENT, {}).get("count", 0)
    return {
        group: facet_values(
            group,
            (
                (value, row["label_vi"], row["label_en"], row["sort_order"], row["count"])
                for value, row in values[group].items()
            ),
            chosen=set(selected.get(group, ())),
            lang=lang,
        )
        for group in FACETS
    } | {STATUS_GROUP: status_facet(current, selected=bool(status), lang=lang)}


# -- suggestion -------------------------------------------------------------------------


def _suggestion(typed: tuple[str, ...]) -> str | None:
    """The query with each word unknown to the names replaced by the closest known word.

    The vocabulary is every word of every product and company name and product type,
    folded, each mapped to its most common spelling with diacritics, so "licostone" suggests
    "vicostone" and "thach anhh" suggests "thạch anh". A suggestion is made of the
    catalogue's own words, spelt as the catalogue spells them: when a word is neither known
    nor close to a known one ("ho so dang ky": "ho" and "so" are no name's words), there is
    no suggestion rather than a mix of what was typed and what was corrected. Restoring
    diacritics alone is no correction (the folded match already finds those words): None is
    returned unless some word was corrected.
    """
    if not typed:
        return None
    spellings = _vocabulary()
    vocabulary = list(spellings)
    words, changed = [], False
    for word in typed:
        folded = fold_text(word)
        if not folded.isalpha():
            words.append(word)  # numbers and codes ("t8", "600x600") as typed
            continue
        if folded in spellings:
            # Typed with diacritics: kept, it may be another word of the same letters ("mây",
            # not "máy"); typed without: offered with the catalogue's.
            words.append(word if word != folded else spellings[folded])
            continue
        if len(folded) < 3:
            return None
        similar = process.extract(
            folded, vocabulary, scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, limit=None
        )
        # An English inflection of a name's word ("heaters" of "heater") matches it by its
        # stem: known, not a typo. Only words the names write without diacritics count, so
        # that no Vietnamese syllable passes for another's inflection ("khay" for "khải").
        stem = _stem_form(word, fold=True)
        if any(spellings[c] == c and _stem_form(c, fold=True) == stem for c, *_ in similar):
            words.append(word)
            continue
        # rapidfuzz ranks the candidates, ties as difflib broke them (the later word in
        # alphabetical order); the engine's rule for how far a typo may go decides.
        candidates = sorted(similar, key=lambda match: (match[1], match[0]), reverse=True)
        allowed = 1 if len(folded) <= 5 else 2
        close = next(
            (
                candidate
                for candidate, *_ in candidates[:SUGGESTION_CANDIDATES]
                if OSA.distance(folded, candidate, score_cutoff=allowed) <= allowed
            ),
            None,
        )
        if close is None:
            return None
        words.append(spellings[close])
        changed = True
    return " ".join(words) if changed else None


def _vocabulary() -> dict[str, str]:
    """Every folded word of the names and its most common spelling, once per tree version.

    Kept with the page tree's version (core.treecache), which every publish, unpublish,
    move, deletion and restriction replaces. Should a search rebuild it in the moment between
    such a change and the entries' sync, it can only offer a word less, or one more: a
    correction is shown only when the corrected words find live, public entries, so a word
    of a product that has left is never shown for itself.
    """
    return cached("catalogue:vocabulary", _read_vocabulary)


def _read_vocabulary() -> dict[str, str]:
    """Every folded word of the names and its most common spelling, in one query.

    Among spellings as common as each other, the one of the oldest entry wins, then the first
    in alphabetical order: the same answer on every database, whatever the row order.
    """
    rows = (
        CatalogueNameWord.objects.values("folded", "word")
        .annotate(occurrences=Sum("occurrences"), first=Min("entry_id"))
        .order_by()
        .values_list("folded", "word", "occurrences", "first")
    )
    best: dict[str, tuple] = {}
    for folded, word, occurrences, first in rows:
        rank = (-occurrences, first, word)
        if folded not in best or rank < best[folded]:
            best[folded] = rank
    return {folded: word for folded, (_, _, word) in best.items()}


# -- results ----------------------------------------------------------------------------


def _result(document: dict, *, score, lang: str, terms: _Terms | None, fuzzy: bool) -> dict:
    """A result exactly as `query.parse_response` shapes an engine hit."""
    result = document_result(document, lang=lang)
    return {
        **result,
        "highlight": _highlight(
            document, shown=result["language"], lang=lang, terms=terms, fuzzy=fuzzy
        )
        if terms is not None
        else {},
        "score": float(score) if score is not None else None,
    }


def _highlight(
    document: dict, *, shown: str, lang: str, terms: _Terms, fuzzy: bool
) -> dict[str, list[str]]:
    """HTML fragments with the matched words in <mark>, everything else escaped.

    The text shown is marked: the title, summary and description in the language the result
    is shown in, the company name in the visitor's. A word is matched folded, so "den"
    marks "Đèn" as written, and in English text by its stem too, as the engine's English
    highlight does ("heater" for "heaters"); with the trigram fallback, names also mark words
    close to a query word.
    """
    forms = terms.folded_forms
    query_words = [
        word for words in terms.spellings for word in words if len(word) >= MIN_FUZZY_WORD
    ]

    def exact(word: str, *, stemmed: bool) -> bool:
        if fold_word(word) in forms:
            return True
        return stemmed and _stem_form(normalize_text(word.casefold()), fold=True) in forms

    def close(word: str, *, stemmed: bool) -> bool:
        return exact(word, stemmed=stemmed) or (
            process.extractOne(
                fold_word(word), query_words, scorer=fuzz.ratio, score_cutoff=FUZZY_MARK_CUTOFF
            )
            is not None
        )

    highlight = {}
    for base, name, fragments, size in HIGHLIGHTS:
        text = document.get(f"{base}_{lang if base == 'company_name' else shown}")
        if not text:
            continue
        matcher = close if fuzzy and base in HIGHLIGHTED_NAMES else exact
        stemmed = shown == "en" and base not in VIETNAMESE_ANALYSED
        matches = partial(matcher, stemmed=stemmed)
        marked = _fragments(text, matches=matches, count=fragments, size=size)
        if marked:
            highlight[name] = marked
    return highlight


def _fragments(
    text: str, *, matches: Callable[[str], bool], count: int, size: int | None
) -> list[str]:
    """Up to *count* marked pieces of about *size* characters (0: the whole text, marked):
    the words as written for which *matches* is true."""
    spans = [(m.start(), m.end()) for m in WORD.finditer(text) if matches(m[0])]
    if not spans:
        return []
    if not count or not size or len(text) <= size:
        return [_mark(text, spans)]
    fragments, covered = [], -1
    for start, end in spans:
        if start < covered:
            continue
        # A quarter of the window before the word, then cut at spaces, not inside words.
        begin = max(0, start - size // 4)
        if begin > 0 and (space := text.find(" ", begin, start)) != -1:
            begin = space + 1
        finish = min(len(text), begin + size)
        if finish < len(text) and (space := text.rfind(" ", end, finish)) != -1:
            finish = space
        finish = max(finish, end)
        inside = [(s - begin, e - begin) for s, e in spans if s >= begin and e <= finish]
        fragments.append(_mark(text[begin:finish], inside))
        covered = finish
        if len(fragments) == count:
            break
    return fragments


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    pieces, cursor = [], 0
    for start, end in spans:
        pieces += [html.escape(text[cursor:start]), MARK_OPEN, html.escape(text[start:end])]
        pieces.append(MARK_CLOSE)
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)
