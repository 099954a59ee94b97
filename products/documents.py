"""One search document per product, and the source that hands them to the catalogue search.

Each product's document holds every live, public translation of it, side by side, and the
product-type words buyers use for it in each language (`products.product_types`).

A product's pages share a `translation_key`; wagtail-localize keeps the synchronised fields
(company link, sector, HS code, certifications, markets, recognitions) equal on all of them,
so those are read once, from the Vietnamese page when it is live. Translated text (title,
summary, description) and URLs are read per language, and the company's name and URL come
from the company page in each language (the product's company link always points at the
Vietnamese company page).

Documents are built for a batch of products at once (`product_documents`), with the same
nine SQL queries for one product or a thousand (tests/search/test_catalogue_documents.py): a
rebuild at 100 000 products must not cost a million queries. `product_document` is the
batch of one. Nothing is cached between calls: a web process that publishes for days must
never index an old URL or label.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from uuid import UUID

from django.db.models import Q
from wagtail import blocks
from wagtail.blocks import StreamValue

from products.company_documents import (
    company_documents,
    company_keys,
    company_keys_affected_by,
    company_keys_deleted_with,
)
from products.models import (
    AdministrativeUnit,
    Certification,
    CompanyIndexPage,
    CompanyPage,
    Market,
    ProductCertification,
    ProductIndexPage,
    ProductMarket,
    ProductPage,
    ProductRecognition,
    Sector,
)
from products.models.product import attach_pictures
from products.models.recognition import recognised_until
from products.page_rows import by_pk as _by_pk
from products.page_rows import clean as _clean
from products.page_rows import private_test as _private_test
from products.page_rows import source_row as _source
from products.page_rows import translations as _translations
from products.page_rows import url_builder as _url_builder
from products.product_types import product_types
from search.catalogue.contract import FACET_SEPARATOR, LANGUAGES

_PRODUCT_VALUES = (
    "summary",
    "description",
    "hs_code",
    "standards",
    "sector_id",
    "company_id",
    "company__translation_key",
)
_COMPANY_VALUES = ("brand_name", "legal_name", "unit_id")


def product_document(translation_key: UUID | str) -> dict | None:
    """The document for *translation_key*, or None when no translation is live and public."""
    key = str(UUID(str(translation_key)))
    return product_documents([key]).get(key)


def product_documents(translation_keys: Iterable[UUID | str]) -> dict[str, dict]:
    """The document of every product in *translation_keys* that has one, by key (as str).

    A fixed number of queries whatever the number of keys: pages, companies, their parents'
    URLs, view restrictions, recognitions, certifications, markets, sectors and units, each
    read for the whole batch and only for the rows the batch uses.
    """
    keys = list(translation_keys)
    if not keys:
        return {}
    # One view-restriction query for products and companies (each public() would read them).
    private = _private_test()
    # A restriction on any translation of a product or of its company, or above one, takes
    # the product out of the catalogue in every language: editors restrict "the product",
    # and the other language's page would otherwise keep listing what they meant to hide.
    products = {
        key: {code: page for code, page in pages.items() if code in LANGUAGES}
        for key, pages in _translations(ProductPage, keys, _PRODUCT_VALUES).items()
        if not any(private(page["path"]) for page in pages.values())
    }
    companies = _translations(
        CompanyPage,
        {
            _source(pages)["company__translation_key"]
            for pages in products.values()
            if pages and _source(pages)["company_id"]
        },
        _COMPANY_VALUES,
    )
    hidden = {
        key for key, pages in companies.items() if any(private(p["path"]) for p in pages.values())
    }
    products = {
        key: pages
        for key, pages in products.items()
        if pages and str(_source(pages)["company__translation_key"]) not in hidden
    }
    if not products:
        return {}
    sources = {key: _source(pages) for key, pages in products.items()}
    source_ids = [source["pk"] for source in sources.values()]

    records = defaultdict(list)
    for page_id, year, is_top10, valid_until, decided_on in ProductRecognition.objects.filter(
        page_id__in=source_ids
    ).values_list("page_id", "year", "is_top10", "valid_until", "decision__signed_on"):
        until = recognised_until(year=year, valid_until=valid_until, decided_on=decided_on)
        records[page_id].append((year, is_top10, until))
    certifications = _linked(ProductCertification, "certification", source_ids)
    markets = _linked(ProductMarket, "market", source_ids)
    sectors = _by_pk(Sector, {source["sector_id"] for source in sources.values()})

    units = _by_pk(AdministrativeUnit, {_source(pages)["unit_id"] for pages in companies.values()})
    url = _url_builder(
        [page for pages in (*products.values(), *companies.values()) for page in pages.values()]
    )
    company_fields = {
        key: _company_fields(pages, url=url, units=units) for key, pages in companies.items()
    }

    stream = ProductPage._meta.get_field("description")
    documents = {}
    for key, pages in products.items():
        source = sources[key]
        document = _page_fields(key, pages, url=url, stream=stream)
        if source["company_id"]:
            document |= company_fields.get(str(source["company__translation_key"]), {})
        if source["sector_id"]:
            sector = sectors[source["sector_id"]]
            document |= _labels("sector", sector, plural=False, order=sector.sort_order)
        for group, items in (
            ("certification", certifications[source["pk"]]),
            ("market", markets[source["pk"]]),
        ):
            for item in items:
                for name, value in _labels(group, item, plural=True).items():
                    document.setdefault(name, []).append(value)
        document |= _recognition_fields(records[source["pk"]])
        documents[key] = {
            name: value for name, value in document.items() if value not in (None, "", [])
        }
    return documents


def _linked(link_model, field: str, page_ids: list) -> dict[int, list]:
    """The vocabulary items linked to each page through *link_model*, in the editor's order."""
    linked = defaultdict(list)
    for link in (
        link_model.objects.filter(page_id__in=page_ids)
        .select_related(field)
        .order_by("page_id", "sort_order", "pk")
    ):
        linked[link.page_id].append(getattr(link, field))
    return linked


def _page_fields(key: str, pages: dict[str, dict], *, url, stream) -> dict:
    source = _source(pages)
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
            f"url_{language}": url(page),
            f"title_{language}": _clean(page["title"]),
            f"summary_{language}": _clean(page["summary"]),
            f"description_{language}": _clean(" ".join(_stream_text(description))),
        }
    for language in LANGUAGES:
        # Sorting by name in a language with no translation falls back to the other title.
        titles = (document.get(f"title_{code}") for code in (language, *LANGUAGES))
        document[f"sort_name_{language}"] = next((title for title in titles if title), None)
    types = product_types().terms(
        titles=[document[f"title_{language}"] for language in pages], hs_code=source["hs_code"]
    )
    for language in LANGUAGES:
        document[f"product_type_{language}"] = types[language]
    return document


def _stream_text(value) -> list[str]:
    """The readable text of a StreamField value.

    Not `get_searchable_content()` as is: that also returns choice labels such as a heading's
    level ("Tiêu đề cấp 2"), which are layout, not content, and would match searches.
    """
    return list(_block_text(value.stream_block, value))


def _block_text(block, value):
    if value is None or isinstance(block, blocks.ChoiceBlock):
        return
    if isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_text(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from _block_text(child_block, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_text(block.child_block, item)
    else:
        yield from block.get_searchable_content(value)


def _company_fields(companies: dict[str, dict], *, url, units: dict) -> dict:
    """The company fields of every product of one company, from its pages by language."""
    source = _source(companies)
    fields = {
        "company_brand": _clean(source["brand_name"]),
        "company_legal_names": sorted(
            {_clean(company["legal_name"]) for company in companies.values()} - {""}
        ),
    }
    for language in LANGUAGES:
        # A language without a company page shows the other one's name and link.
        company = companies.get(language) or source
        name, link = _clean(company["title"]), url(company)
        fields |= {
            f"company_name_{language}": name,
            f"company_url_{language}": link,
            f"company_key_{language}": f"{name}{FACET_SEPARATOR}{link}",
        }
    if source["unit_id"]:
        fields |= _labels("unit", units[source["unit_id"]], plural=False)
    return fields


def _labels(group: str, item, *, plural: bool, order: int = 0) -> dict:
    """The slug, both labels, and the encoded facet value of one vocabulary *item*."""
    name_vi = _clean(item.name)
    name_en = _clean(item.label_for("en"))
    values, labels = (f"{group}s", f"{group}_labels") if plural else (group, f"{group}_label")
    return {
        values: item.slug,
        f"{labels}_vi": name_vi,
        f"{labels}_en": name_en,
        f"{values}_facet": FACET_SEPARATOR.join([item.slug, name_vi, name_en, str(order)]),
    }


def _recognition_fields(records: list[tuple[int, bool | None, date | None]]) -> dict:
    """Years, the Top 10 flag and the last day recognised, from a product's (year,
    is_top10, recognised_until) recognition records."""
    years = sorted({year for year, _, _ in records})
    flags = {is_top10 for _, is_top10, _ in records}
    last = max((until for _, _, until in records if until), default=None)
    # Three-valued like the records: Top 10 in any year is "true"; "false" only when every
    # record says no; anything else is "unknown" (a silent source never means no).
    if True in flags:
        top10 = "true"
    elif flags == {False}:
        top10 = "false"
    else:
        top10 = "unknown"
    return {
        "years": [str(year) for year in years],
        "latest_year": years[-1] if years else None,
        "top10": top10,
        # Only the date: whether it is still current depends on the day of the search.
        "recognised_until": last.isoformat() if last else None,
    }


class ProductCatalogueSource:
    """What the catalogue search receives from this app (`search.catalogue.source`).

    Named by the setting SEARCH_CATALOGUE_SOURCE: the search app never imports products.
    """

    page_models = (ProductPage, CompanyPage, ProductIndexPage, CompanyIndexPage)

    def keys(self) -> list[str]:
        return [
            str(key)
            for key in ProductPage.objects.live()
            .public()
            .order_by("translation_key")
            .values_list("translation_key", flat=True)
            .distinct()
        ]

    def documents(self, keys: Iterable[UUID | str]) -> dict[str, dict]:
        return product_documents(keys)

    def keys_affected_by(self, page) -> list[str]:
        """Products at or below *page*, and those of the companies at or below it: a
        product's URL, visibility and company fields come from there.
        """
        if not page.numchild and page.specific_class not in (ProductPage, CompanyPage):
            return []
        at_or_below = Q(path__startswith=page.path)
        companies = CompanyPage.objects.filter(at_or_below).values("translation_key")
        return [
            str(key)
            for key in ProductPage.objects.filter(
                at_or_below | Q(company__translation_key__in=companies)
            )
            .values_list("translation_key", flat=True)
            .distinct()
        ]

    def keys_deleted_with(self, page) -> list[str]:
        return [str(page.translation_key)] if isinstance(page, ProductPage) else []

    def facet_slugs(self) -> dict[str, set[str]]:
        return {
            group: set(model.objects.values_list("slug", flat=True))
            for group, model in (
                ("sector", Sector),
                ("certification", Certification),
                ("market", Market),
                ("unit", AdministrativeUnit),
            )
        }

    def attach_images(self, results: list[dict]) -> None:
        attach_pictures(results)

    # Companies as results of their own: products.company_documents.
    def company_keys(self) -> list[str]:
        return company_keys()

    def company_documents(self, keys: Iterable[UUID | str]) -> dict[str, dict]:
        return company_documents(keys)

    def company_keys_affected_by(self, page) -> list[str]:
        return company_keys_affected_by(page)

    def company_keys_deleted_with(self, page) -> list[str]:
        return company_keys_deleted_with(page)
