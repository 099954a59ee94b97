"""Companies as results of their own: what both paths search in a company, and the result.

A buyer looks for a supplier as well as a product: by its name or brand, its registered name,
its tax code, where it is (ward or commune, industrial zone or cluster). One document per
company (`catalogue_source().company_documents`) holds those; the engine indexes it in a
second index (`engine/companies.py`), the database path in `CatalogueCompanyEntry` rows
(`database/companies.py`). Both import their rules from here, as the product paths import
theirs from `contract`.

Companies answer the words of a query only: the facets (sector, year, certification, ...)
narrow products. On the products tab an answer holds the first COMPANY_PREVIEW companies; on
the companies tab (`tab=companies`) it holds a page of them.
"""

from collections.abc import Mapping

from search.catalogue.contract import shown_language

COMPANY_PREVIEW = 5

# The names a buyer types: they carry typo tolerance. Legal names and brands are proper
# names, analysed as Vietnamese in both languages.
COMPANY_NAME_FIELDS = ("title_vi", "title_en", "brand", "legal_name_vi", "legal_name_en")
# Every searchable text field of a company document, with its boost.
COMPANY_TEXT_FIELDS = {
    "title_vi": 8,
    "title_en": 8,
    "brand": 6,
    "legal_name_vi": 5,
    "legal_name_en": 5,
    "unit_label_vi": 2,
    "unit_label_en": 2,
    "zone_label_vi": 2,
    "zone_label_en": 2,
    "summary_vi": 1,
    "summary_en": 1,
}
# The fields analysed in English (stemmed) by the engine: the rest is Vietnamese or a name.
COMPANY_ENGLISH_FIELDS = ("summary_en", "zone_label_en")
# What a company result carries (besides `translation_key`, `id` and `score`).
COMPANY_RESULT_FIELDS = (
    "title",
    "url",
    "brand",
    "legal_name",
    "unit",
    "zone",
    "product_count",
    "years",
    "recognised_until",
    "status",
    "language",
)


def company_result(document: Mapping, *, lang: str, score: float | None = None) -> dict:
    """A company result from its document, the same on both paths.

    Title, URL, legal name and summary in the language shown (the visitor's, else the one the
    company exists in); the ward and zone labels in the visitor's language.
    """
    shown = shown_language(document, lang)
    return {
        "translation_key": document["translation_key"],
        "id": document.get(f"id_{shown}"),
        "language": shown,
        "title": document.get(f"title_{shown}", ""),
        "url": document.get(f"url_{shown}"),
        "summary": document.get(f"summary_{shown}", ""),
        "brand": document.get("brand", ""),
        "legal_name": document.get(f"legal_name_{shown}", ""),
        "tax_code": document.get("tax_code", ""),
        "unit": document.get(f"unit_label_{lang}") or document.get("unit_label_vi", ""),
        "zone": document.get(f"zone_label_{lang}") or document.get("zone_label_vi", ""),
        "product_count": document.get("product_count", 0),
        "years": sorted(int(year) for year in document.get("years", [])),
        # The service judges `status` from it on the query's day, as for products.
        "recognised_until": document.get("recognised_until"),
        "score": score,
    }


def company_answer(*, count: int, results: list[dict], page: int, per_page: int) -> dict:
    """The `companies` part of a catalogue answer."""
    return {
        "count": count,
        "results": results,
        "page": page,
        "num_pages": max(1, -(-count // per_page)),
    }
