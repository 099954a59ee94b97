"""Company results on the database path: `CatalogueCompanyEntry` rows, searched with SQL.

The rules are the product path's (`database.query`), imported rather than restated: words
padded by spaces in the match columns, every word of a spelling must match, folded so that
"thuong dinh" finds "Thượng Đình", English stems in the fields the engine stems, synonym
spellings, and a query typed with its diacritics ranking first. Companies whose names hold
every word rank above those matched in their ward, zone or summary.

Typos: when nothing has every word, each query word may be a name's word within the engine's
fuzziness (AUTO: one edit up to five letters, two beyond; the first letter as typed), judged
with rapidfuzz over the vocabulary of the company names (read once per tree version), on
SQLite and PostgreSQL alike; only the companies with a close word for every query word are
then read. Most product searches find no company by their words and take this path.

On SQLite the companies' entries have their own word index, as the products' do
(`fulltext`, migration 0007): it narrows the candidates before the LIKEs read any text.

A search costs one SQL query (the page, with the count as a window function over it), two
when the page is empty (the typo fallback's companies; or, past the first page, the count).
The autocomplete costs one.
"""

import operator
from collections import defaultdict
from collections.abc import Callable
from functools import reduce

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Length
from rapidfuzz import process
from rapidfuzz.distance import OSA

from core.text import fold_text
from core.treecache import cached
from search.catalogue.company_contract import (
    COMPANY_NAME_FIELDS,
    COMPANY_TEXT_FIELDS,
    company_result,
)
from search.catalogue.contract import LANGUAGES, CatalogueQuery
from search.catalogue.database import fulltext
from search.catalogue.database.query import (
    MAX_QUERY_WORDS,
    EntryTable,
    _any_group,
    _has_words,
    _match_column,
    _terms,
    _values,
    rebuild_table,
    repair_table,
    table_drift,
    write_table,
)
from search.catalogue.drift import DriftReport, expected_company_documents
from search.catalogue.source import catalogue_source
from search.models import CatalogueCompanyEntry

SEARCHABLE_FIELDS = (*COMPANY_TEXT_FIELDS, "tax_code")
NAME_WEIGHT = 100
EXACT_WEIGHT = 10


# -- writing entries --------------------------------------------------------------------


def write_company_entries(keys: list[str], documents: dict[str, dict]) -> int:
    """Upsert the entries of *documents*, delete those of *keys* without one; return the count."""
    return write_table(COMPANY_ENTRIES, keys, documents)


def rebuild_company_entries(
    *, progress: Callable[[int, int], None] | None = None, workers: int = 1
) -> int:
    """Rewrite every live company's entry and delete the rest; return how many were written
    (*workers*: see database.query.rebuild_table)."""
    return rebuild_table(COMPANY_ENTRIES, progress=progress, workers=workers)


def find_company_drift() -> DriftReport:
    """Compare the company entries' documents with the documents the pages give today."""
    return table_drift(COMPANY_ENTRIES)


def repair_companies(report: DriftReport) -> None:
    repair_table(COMPANY_ENTRIES, report)


def _entry_fields(document: dict) -> dict:
    searchable = [(key, _values(document, key)) for key in SEARCHABLE_FIELDS]
    names = [(key, _values(document, key)) for key in COMPANY_NAME_FIELDS]
    return {
        "title_vi": document.get("title_vi") or "",
        "title_en": document.get("title_en") or "",
        **{
            f"sort_name_{language}": fold_text(document.get(f"sort_name_{language}") or "")[:255]
            for language in LANGUAGES
        },
        "latest_year": document.get("latest_year"),
        "product_count": document.get("product_count") or 0,
        "names": "\n".join(text for _, texts in names for text in texts),
        "folded_names": _match_column(names, fold=True),
        "text": _match_column(searchable, fold=False),
        "folded_text": _match_column(searchable, fold=True),
        "document": document,
    }


COMPANY_ENTRIES = EntryTable(
    path="search.catalogue.database.companies.COMPANY_ENTRIES",
    model=CatalogueCompanyEntry,
    keys=lambda: catalogue_source().company_keys(),
    documents=lambda keys: catalogue_source().company_documents(keys),
    expected=expected_company_documents,
    fields=_entry_fields,
)


# -- searching --------------------------------------------------------------------------


def search_companies_database(
    query: CatalogueQuery, *, synonyms: dict[str, list[str]] | None, start: int, size: int
) -> tuple[int, list[dict], bool]:
    """(how many companies match *query*'s words, the *size* of them from *start*, whether
    they have every word as typed rather than with a typo forgiven)."""
    # The words that narrow: "cable supplier" looks for cable makers (contract.narrowing_text).
    terms = _terms(query.text, synonyms) if query.text else None
    if terms is not None and not terms.spellings:
        return 0, [], False  # only punctuation: nothing matches, as on the engine
    condition = Q()
    if terms is not None:
        condition = _any_group(terms, terms.spellings, entries=fulltext.COMPANY_ENTRIES).where()
    rows = list(
        CatalogueCompanyEntry.objects.filter(condition)
        .annotate(score=_score(terms), total=Window(Count("pk")))
        .order_by(*_ordering(query.sort, lang=query.lang, queried=terms is not None))
        .values("document", "score", "total")[start : start + size]
    )
    if rows:
        results = [
            company_result(row["document"], lang=query.lang, score=row["score"]) for row in rows
        ]
        return rows[0]["total"], results, terms is not None
    if terms is None:
        return (CatalogueCompanyEntry.objects.count() if start else 0), [], False
    return _without_results(terms, condition=condition, query=query, start=start, size=size)


def _score(terms):
    if terms is None:
        return Value(0, output_field=IntegerField())
    names = reduce(
        operator.or_, (_has_words("folded_names", terms, words) for words in terms.spellings)
    )
    score = Case(When(names, then=Value(NAME_WEIGHT)), default=Value(0))
    if terms.typed:
        exact = _has_words("text", terms, terms.typed)
        score = score + Case(When(exact, then=Value(EXACT_WEIGHT)), default=Value(0))
    return score


def _ordering(sort: str, *, lang: str, queried: bool) -> list:
    name = F(f"sort_name_{lang}").asc()
    latest = F("latest_year").desc(nulls_last=True)
    if sort == "name" or (sort == "relevance" and not queried):
        return [name, "translation_key"]
    if sort == "newest":
        return [latest, F("score").desc(), name, "translation_key"]
    return [F("score").desc(), Length(F(f"sort_name_{lang}")).asc(), name, "translation_key"]


def _without_results(terms, *, condition: Q, query: CatalogueQuery, start: int, size: int):
    """An empty page: past the end of the matches, or nothing has every word (then the
    companies whose names hold each word but for a typo)."""
    if start and (matched := CatalogueCompanyEntry.objects.filter(condition).count()):
        return matched, [], True
    words = [word for spelling in terms.spellings for word in spelling][:MAX_QUERY_WORDS]
    # Each query word's close name words, from the names' vocabulary; then only the
    # companies that have one for every word are read.
    close = [_close_name_words(word) for word in words]
    if not words or not all(close):
        return 0, [], False
    rows = (
        CatalogueCompanyEntry.objects.filter(
            reduce(
                operator.and_,
                (
                    reduce(operator.or_, (Q(folded_names__contains=f" {name} ") for name in near))
                    for near in close
                ),
            )
        )
        .order_by(*_ordering("name", lang=query.lang, queried=False))
        .values("folded_names", "document", "latest_year")
    )
    found = []
    for row in rows:
        names = set(row["folded_names"].split())
        distance = sum(min(d for name, d in near.items() if name in names) for near in close)
        found.append((distance, row))
    if query.sort == "newest":
        found.sort(key=lambda item: (-(item[1]["latest_year"] or 0), item[0]))
    elif query.sort == "relevance":
        found.sort(key=lambda item: item[0])  # stable: by name among equals
    page = found[start : start + size]
    results = [company_result(row["document"], lang=query.lang) for _, row in page]
    return len(found), results, False


def _close_name_words(word: str) -> dict[str, int]:
    """{name word: edits} for the words of the companies' names within the engine's AUTO
    fuzziness of *word* (none up to two letters, one up to five, two beyond) and with its
    first letter as typed (the engine's prefix_length 1)."""
    allowed = 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2
    by_initial = _name_words()
    if not allowed:
        return {word: 0} if word in by_initial.get(word[:1], ()) else {}
    return {
        name: distance
        for name, distance, _ in process.extract(
            word,
            by_initial.get(word[:1], ()),
            scorer=OSA.distance,
            score_cutoff=allowed,
            limit=None,
        )
    }


def _name_words() -> dict[str, tuple[str, ...]]:
    """Every folded word of the companies' names, by first letter, once per tree version.

    Kept with the page tree's version (core.treecache), as the products' vocabulary is
    (database.query._vocabulary): a word read in the moment between a publish and the
    entries' sync can only look for a company that is not there, and the companies are then
    read from their entries.
    """
    return cached("catalogue:company-name-words", _read_name_words)


def _read_name_words() -> dict[str, tuple[str, ...]]:
    words = set()
    for names in CatalogueCompanyEntry.objects.values_list("folded_names", flat=True):
        words.update(names.split())
    by_initial = defaultdict(list)
    for word in sorted(words):
        by_initial[word[:1]].append(word)
    return {initial: tuple(group) for initial, group in by_initial.items()}


# -- autocomplete -----------------------------------------------------------------------


def suggest_companies_database(*, q: str, lang: str, size: int = 8) -> list[dict]:
    """Companies with a name having a word that starts with each word typed; one query."""
    words = fold_text(q).split()
    if not words:
        return []
    entries = CatalogueCompanyEntry.objects.all()
    for word in words[:-1]:
        entries = entries.filter(folded_names__contains=f" {word} ")
    entries = entries.filter(folded_names__contains=f" {words[-1]}").order_by(
        f"sort_name_{lang}", "translation_key"
    )
    return [
        {"name": result["title"], "url": result["url"], "count": result["product_count"]}
        for result in (
            company_result(document, lang=lang)
            for document in entries.values_list("document", flat=True)[:size]
        )
    ]
