"""One search document per company, so that a company is a result of its own.

A company is found by what a buyer knows of it: its name, brand, registered (legal) name,
tax code, ward or commune, industrial zone or cluster. Many companies were recognised for a
product that has no page of its own (the record sits on `CompanyPage.recognitions`); a
search over products alone never finds them. So each live, public company gets a document
too, beside the product documents of `products.documents`, built the same way: every live
translation side by side, synchronised fields (brand, tax code, unit, zone, recognitions)
read once from the Vietnamese page, and a company restricted in any language (or below a
restricted page) left out in every language.

Documents are built for a batch of companies with the same eight SQL queries for one
company or a thousand (tests/search/test_company_results.py).
"""

from collections import defaultdict
from collections.abc import Iterable
from uuid import UUID

from django.db.models import Q

from products.models import (
    AdministrativeUnit,
    CompanyPage,
    CompanyRecognition,
    IndustrialZone,
    ProductPage,
    ProductRecognition,
)
from products.models.recognition import recognised_until
from products.page_rows import by_pk, clean, private_test, source_row, translations, url_builder
from search.catalogue.contract import LANGUAGES

_COMPANY_VALUES = (
    "legal_name",
    "brand_name",
    "tax_code",
    "summary",
    "unit_id",
    "industrial_zone_id",
)


def company_document(translation_key: UUID | str) -> dict | None:
    """The document of one company, or None when no translation is live and public."""
    key = str(UUID(str(translation_key)))
    return company_documents([key]).get(key)


def company_documents(translation_keys: Iterable[UUID | str]) -> dict[str, dict]:
    """The document of every company in *translation_keys* that has one, by key (as str)."""
    keys = [str(key) for key in translation_keys]
    if not keys:
        return {}
    private = private_test()
    companies = {
        key: {code: page for code, page in pages.items() if code in LANGUAGES}
        for key, pages in translations(CompanyPage, keys, _COMPANY_VALUES).items()
        if not any(private(page["path"]) for page in pages.values())
    }
    companies = {key: pages for key, pages in companies.items() if pages}
    if not companies:
        return {}
    sources = {key: source_row(pages) for key, pages in companies.items()}

    # The company's products: live and public in some language, counted once per product
    # (its translations share a key). Product links point at the Vietnamese company page,
    # so they are matched by the company's translation key.
    rows = list(
        ProductPage.objects.live()
        .filter(company__translation_key__in=list(companies))
        .values("pk", "translation_key", "path", "company__translation_key")
    )
    # A product restricted in any language is out of the catalogue in every language.
    hidden = {row["translation_key"] for row in rows if private(row["path"])}
    products: dict[str, set[str]] = defaultdict(set)
    product_pages = {}
    for row in rows:
        if row["translation_key"] not in hidden:
            company_key = str(row["company__translation_key"])
            products[company_key].add(str(row["translation_key"]))
            product_pages[row["pk"]] = company_key
    # Years and the last day recognised, of the company's own recognitions and its products'
    # (the company page's status counts both).
    years: dict[str, set[int]] = defaultdict(set)
    last_days: dict[str, set] = defaultdict(set)
    source_keys = {source["pk"]: key for key, source in sources.items()}
    for model, owners in (
        (ProductRecognition, product_pages),
        (CompanyRecognition, source_keys),
    ):
        for page_id, year, valid_until, decided_on in model.objects.filter(
            page_id__in=list(owners)
        ).values_list("page_id", "year", "valid_until", "decision__signed_on"):
            years[owners[page_id]].add(year)
            until = recognised_until(year=year, valid_until=valid_until, decided_on=decided_on)
            if until:
                last_days[owners[page_id]].add(until)

    units = by_pk(AdministrativeUnit, {source["unit_id"] for source in sources.values()})
    zones = by_pk(IndustrialZone, {source["industrial_zone_id"] for source in sources.values()})
    url = url_builder([page for pages in companies.values() for page in pages.values()])

    documents = {}
    for key, pages in companies.items():
        source = sources[key]
        recognised = sorted(years[key])
        document = {
            "translation_key": key,
            "languages": sorted(pages),
            "brand": clean(source["brand_name"]),
            "tax_code": clean(source["tax_code"]),
            "product_count": len(products[key]),
            "years": [str(year) for year in recognised],
            "latest_year": recognised[-1] if recognised else None,
            # Only the date, as on products: current or not depends on the day of the search.
            "recognised_until": max(last_days[key]).isoformat() if last_days[key] else None,
        }
        for language, page in pages.items():
            document |= {
                f"id_{language}": page["pk"],
                f"url_{language}": url(page),
                f"title_{language}": clean(page["title"]),
                f"summary_{language}": clean(page["summary"]),
                # Filled only once verified (CompanyPage.legal_name's rule).
                f"legal_name_{language}": clean(page["legal_name"]),
            }
        for language in LANGUAGES:
            titles = (document.get(f"title_{code}") for code in (language, *LANGUAGES))
            document[f"sort_name_{language}"] = next((title for title in titles if title), None)
        for name, item in (
            ("unit", units.get(source["unit_id"])),
            ("zone", zones.get(source["industrial_zone_id"])),
        ):
            if item is not None:
                document |= {
                    name: item.slug,
                    f"{name}_label_vi": clean(item.name),
                    f"{name}_label_en": clean(item.label_for("en")),
                }
        documents[key] = {
            name: value for name, value in document.items() if value not in (None, "", [])
        }
    return documents


def company_keys() -> list[str]:
    """The translation keys of every company that may have a document, sorted."""
    return [
        str(key)
        for key in CompanyPage.objects.live()
        .public()
        .order_by("translation_key")
        .values_list("translation_key", flat=True)
        .distinct()
    ]


def company_keys_affected_by(page) -> list[str]:
    """Companies at or below *page*, and those whose products are: a product's publication,
    move or restriction changes its company's number of products and years."""
    if not page.numchild and page.specific_class not in (ProductPage, CompanyPage):
        return []
    at_or_below = Q(path__startswith=page.path)
    keys = set(CompanyPage.objects.filter(at_or_below).values_list("translation_key", flat=True))
    keys |= set(
        ProductPage.objects.filter(at_or_below, company__isnull=False)
        .values_list("company__translation_key", flat=True)
        .distinct()
    )
    return sorted(str(key) for key in keys)


def company_keys_deleted_with(page) -> list[str]:
    """The company that goes with *page*, or the company of the product that does."""
    if isinstance(page, CompanyPage):
        return [str(page.translation_key)]
    if isinstance(page, ProductPage) and page.company_id:
        return [
            str(key)
            for key in CompanyPage.objects.filter(pk=page.company_id).values_list(
                "translation_key", flat=True
            )
        ]
    return []
