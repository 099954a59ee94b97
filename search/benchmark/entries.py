"""The database path's entries for a whole catalogue, built in batches.

`search.catalogue.database.rebuild_entries()` writes one product at a time through
`product_document()` (about ten SQL queries each: pages, view restrictions, company pages,
certifications, markets, recognitions, then the entry and its facet rows). That is right for
a publish, and too slow for 100 000 synthetic products. Here the same documents are built for
a batch of products with a handful of queries, and the entries and facet rows are bulk-
inserted with the database path's own `_entry_fields` and `_facet_rows`.

`product_documents()` mirrors `documents.product_document()` (reusing its helpers for
cleaning, stream text, labels and recognitions); tests/search/test_generate_catalogue.py
asserts that both give the same documents and the same entries, so the two cannot drift apart
silently.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context

from django.db import connections, router, transaction
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.models import Page

from search.catalogue.database import _entry_fields, _facet_rows, name_words
from search.catalogue.documents import (
    SOURCE_LANGUAGE,
    _clean,
    _labels,
    _recognition_fields,
    _stream_text,
)
from search.catalogue.mapping import FACET_SEPARATOR, LANGUAGES

BATCH = 1_000
_STEPLEN = Page.steplen


def product_documents(keys: Iterable) -> dict[str, dict]:
    """`product_document(key)` for every key with a live, public translation, by key.

    Rows are read with `values()`, not as page instances (Wagtail's and modelcluster's
    __init__ cost more than the rest of a document). A page's URL is its parent's URL plus
    its slug, which is how Wagtail's `get_url()` builds it for a page without custom routing;
    the parents' URLs come from `get_url()` itself.
    """
    from products.models import (
        AdministrativeUnit,
        Certification,
        CompanyPage,
        Market,
        ProductCertification,
        ProductMarket,
        ProductPage,
        ProductRecognition,
        Sector,
    )

    grouped: dict[str, dict] = defaultdict(dict)
    for page in (
        ProductPage.objects.live()
        .public()
        .filter(translation_key__in=list(keys))
        .order_by("path")
        .values(
            *_PAGE_VALUES,
            "summary",
            "description",
            "hs_code",
            "standards",
            "sector_id",
            "company_id",
            "company__translation_key",
        )
    ):
        if page["locale__language_code"] in LANGUAGES:
            grouped[str(page["translation_key"])][page["locale__language_code"]] = page
    sources = {
        key: pages.get(SOURCE_LANGUAGE) or next(iter(pages.values()))
        for key, pages in grouped.items()
    }
    source_ids = [source["pk"] for source in sources.values()]
    recognitions, certifications, markets = defaultdict(list), defaultdict(list), defaultdict(list)
    for page_id, year, is_top10 in ProductRecognition.objects.filter(
        page_id__in=source_ids
    ).values_list("page_id", "year", "is_top10"):
        recognitions[page_id].append(_Record(year=year, is_top10=is_top10))
    for links, model, column in (
        (certifications, ProductCertification, "certification_id"),
        (markets, ProductMarket, "market_id"),
    ):
        for page_id, item_id in (
            model.objects.filter(page_id__in=source_ids)
            .order_by("sort_order")
            .values_list("page_id", column)
        ):
            links[page_id].append(item_id)
    vocabularies = _vocabularies(Sector, Certification, Market, AdministrativeUnit)

    company_keys = {
        source["company__translation_key"] for source in sources.values() if source["company_id"]
    }
    companies: dict = defaultdict(dict)
    for company in (
        CompanyPage.objects.live()
        .public()
        .filter(translation_key__in=company_keys)
        .order_by("path")
        .values(*_PAGE_VALUES, "brand_name", "legal_name", "unit_id")
    ):
        companies[company["translation_key"]][company["locale__language_code"]] = company
    company_fields = {
        key: _company_fields(pages, units=vocabularies[AdministrativeUnit])
        for key, pages in companies.items()
    }
    stream = ProductPage._meta.get_field("description")

    documents = {}
    for key, pages in grouped.items():
        source = sources[key]
        document = {
            "translation_key": key,
            "languages": sorted(pages),
            "hs_code": source["hs_code"] or None,
            "standards": _clean(source["standards"]),
        }
        for language, page in pages.items():
            description = page["description"]
            if not isinstance(description, StreamValue):
                description = stream.to_python(description)
            document |= {
                f"id_{language}": page["pk"],
                f"url_{language}": _url(page),
                f"title_{language}": _clean(page["title"]),
                f"summary_{language}": _clean(page["summary"]),
                f"description_{language}": _clean(" ".join(_stream_text(description))),
            }
        for language in LANGUAGES:
            titles = (document.get(f"title_{code}") for code in (language, *LANGUAGES))
            document[f"sort_name_{language}"] = next((title for title in titles if title), None)
        if source["company_id"]:
            document |= company_fields.get(source["company__translation_key"], {})
        if source["sector_id"]:
            sector = vocabularies[Sector][source["sector_id"]]
            document |= _labels("sector", sector, plural=False, order=sector.sort_order)
        for group, model, ids in (
            ("certification", Certification, certifications[source["pk"]]),
            ("market", Market, markets[source["pk"]]),
        ):
            for item_id in ids:
                for name, value in _labels(
                    group, vocabularies[model][item_id], plural=True
                ).items():
                    document.setdefault(name, []).append(value)
        document |= _recognition_fields(_Recognised(recognitions[source["pk"]]))
        documents[key] = {
            name: value for name, value in document.items() if value not in (None, "", [])
        }
    return documents


_PAGE_VALUES = ("pk", "translation_key", "locale__language_code", "title", "slug", "path")


@dataclass(frozen=True)
class _Record:
    year: int
    is_top10: bool | None


class _Recognised:
    """What documents._recognition_fields reads of a product: `recognitions.all()`."""

    def __init__(self, records: list[_Record]):
        self.recognitions = self
        self._records = records

    def all(self) -> list[_Record]:
        return self._records


def _vocabularies(*models) -> dict:
    return {model: {item.pk: item for item in model.objects.all()} for model in models}


@lru_cache(maxsize=1024)
def _parent_url(parent_path: str) -> str | None:
    return Page.objects.get(path=parent_path).get_url()


def _url(page: dict) -> str | None:
    parent = _parent_url(page["path"][:-_STEPLEN])
    return None if parent is None else f"{parent}{page['slug']}/"


def _company_fields(companies: dict, *, units: dict) -> dict:
    """documents._company_fields for one company's pages (by language)."""
    source = companies.get(SOURCE_LANGUAGE) or next(iter(companies.values()))
    fields = {
        "company_brand": _clean(source["brand_name"]),
        "company_legal_names": sorted(
            {_clean(company["legal_name"]) for company in companies.values()} - {""}
        ),
    }
    for language in LANGUAGES:
        company = companies.get(language) or source
        name, url = _clean(company["title"]), _url(company)
        fields |= {
            f"company_name_{language}": name,
            f"company_url_{language}": url,
            f"company_key_{language}": f"{name}{FACET_SEPARATOR}{url}",
        }
    if source["unit_id"]:
        fields |= _labels("unit", units[source["unit_id"]], plural=False)
    return fields


def entry_rows(keys: list) -> list[tuple[str, dict, list[tuple], list[tuple]]]:
    """(key, entry fields, facet rows, name words) for each product, as the database path
    computes them."""
    from search.models import CatalogueEntry

    rows = []
    for key, document in product_documents(keys).items():
        facets = [
            (row.group, row.value, row.label_vi, row.label_en, row.sort_order)
            for row in _facet_rows(entry=CatalogueEntry(), document=document)
        ]
        fields = _entry_fields(document)
        rows.append((key, fields, facets, name_words(fields["names"])))
    return rows


def build_entries(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Replace every catalogue entry by one built from the live products; return the count.

    Building an entry is CPU-bound Python (documents, then folding every word), so a large
    catalogue is built by WORKERS forked processes while this one inserts what they return.
    """
    from products.models import ProductPage
    from search.benchmark.generate import insert_rows, reset_sequences
    from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord

    _parent_url.cache_clear()
    using = router.db_for_write(CatalogueEntry)
    keys = list(
        ProductPage.objects.live()
        .public()
        .order_by("translation_key")
        .values_list("translation_key", flat=True)
        .distinct()
    )
    with transaction.atomic(using=using):
        CatalogueFacetValue.objects.all()._raw_delete(using)
        CatalogueNameWord.objects.all()._raw_delete(using)
        CatalogueEntry.objects.all()._raw_delete(using)
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
                    insert_rows(CatalogueFacetValue, _FACET_COLUMNS, facets)
                    insert_rows(CatalogueNameWord, _WORD_COLUMNS, words)
            written += len(entries)
            if progress is not None:
                progress(written, len(keys))
    reset_sequences(CatalogueEntry)
    return written


_FACET_COLUMNS = ("entry", "group", "value", "label_vi", "label_en", "sort_order")
_WORD_COLUMNS = ("entry", "folded", "word", "occurrences")
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
