"""Company results on the database path: `CatalogueCompanyEntry` rows, searched with SQL.

The rules are the product path's (`database.query`), imported rather than restated: words
padded by spaces in the match columns, every word of a spelling must match, folded so that
"thuong dinh" finds "Thượng Đình", English stems in the fields the engine stems, synonym
spellings, and a query typed with its diacritics ranking first. Companies whose names hold
every word rank above those matched in their ward, zone or summary.

Typos: when nothing has every word, each query word may be a name's word within the engine's
fuzziness (AUTO: one edit up to five letters, two beyond; the first letter as typed), judged
with rapidfuzz over the company names, on SQLite and PostgreSQL alike. A catalogue has far
fewer companies than products (hundreds), so reading their names for that is cheap.

A search costs one SQL query (the page, with the count as a window function over it), two
when the page is empty (the count for a page past the end, or the names for the typo
fallback). The autocomplete costs one.
"""

import operator
from collections.abc import Callable
from functools import reduce

from django.db.models import Case, Count, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import Length
from rapidfuzz.distance import OSA

from core.text import fold_text
from search.catalogue.company_contract import (
    COMPANY_NAME_FIELDS,
    COMPANY_TEXT_FIELDS,
    company_result,
)
from search.catalogue.contract import LANGUAGES, CatalogueQuery
from search.catalogue.database.query import (
    MAX_QUERY_WORDS,
    EntryTable,
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


def rebuild_company_entries(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rewrite every live company's entry and delete the rest; return how many were written."""
    return rebuild_table(COMPANY_ENTRIES, progress=progress)


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
        condition = reduce(
            operator.or_, (_has_words("folded_text", terms, words) for words in terms.spellings)
        )
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
    companies whose names hold each word but for a typo). One query for either."""
    rows = list(
        CatalogueCompanyEntry.objects.annotate(
            matched=Case(When(condition, then=Value(1)), default=Value(0))
        )
        .order_by(*_ordering("name", lang=query.lang, queried=False))
        .values("matched", "folded_names", "document", "latest_year")
    )
    if matched := sum(row["matched"] for row in rows):
        return matched, [], True
    words = [word for spelling in terms.spellings for word in spelling][:MAX_QUERY_WORDS]
    found = []
    for row in rows:
        names = set(row["folded_names"].split())
        distances = [_typo_distance(word, names) for word in words]
        if names and all(distance is not None for distance in distances):
            found.append((sum(distances), row))
    if query.sort == "newest":
        found.sort(key=lambda item: (-(item[1]["latest_year"] or 0), item[0]))
    elif query.sort == "relevance":
        found.sort(key=lambda item: item[0])  # stable: by name among equals
    page = found[start : start + size]
    results = [company_result(row["document"], lang=query.lang) for _, row in page]
    return len(found), results, False


def _typo_distance(word: str, names: set[str]) -> int | None:
    """The fewest edits from *word* to a word of *names*, within the engine's AUTO fuzziness
    (none up to two letters, one up to five, two beyond) and with its first letter as typed
    (the engine's prefix_length 1); None when no word is that close."""
    if word in names:
        return 0
    allowed = 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2
    best = None
    for name in names:
        if not allowed or name[:1] != word[:1]:
            continue
        distance = OSA.distance(word, name, score_cutoff=allowed)
        if distance <= allowed and (best is None or distance < best):
            best = distance
    return best


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
