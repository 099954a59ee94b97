"""A synthetic catalogue for the search benchmark: N products and their companies, both languages.

Deterministic for a seed: the same `random.Random(seed)` draws in the same order, and every
translation key is a UUID5 of (seed, index), so a catalogue can be recognised later without any
bookkeeping table (`catalogue_matches`).

Fast enough for 100 000 products because nothing goes through `Page.add_child()`, model
instances or revisions: the treebeard paths are computed here (`Page._get_path`, the steps
treebeard itself takes), page ids are assigned in order, and the `wagtailcore_page` rows, the
`ProductPage`/`CompanyPage` rows and the inline rows (recognitions, certifications, markets)
are written as plain rows (`core.rows.insert_rows`). The pages are live and public with no
revisions, like imported content never edited since; the English pages are translations as
far as the site and search are concerned (same translation_key, English locale, synchronised
fields copied from the Vietnamese page), but have no wagtail-localize TranslationSource.
`manage.py fixtree` finds nothing to repair (tested).

Writes only what the benchmark database holds (the command checks the settings); a run with
another N or seed first deletes the previous synthetic products and companies.
"""

import html
import random
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import batched

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Max, Q
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from core.rows import insert_rows
from core.text import fold_text, normalize_text
from core.translation import translate_instance
from core.treecache import bump_tree_version
from home.factories import HomePageFactory
from home.models import HomeFeaturedProduct, HomePage
from lab.benchmark import vocabulary as words
from lab.benchmark.rows import delete_rows, reset_sequences
from products.factories import CompanyIndexPageFactory, ProductIndexPageFactory
from products.models import (
    AdministrativeUnit,
    Certification,
    CompanyIndexPage,
    CompanyPage,
    CompanyRecognition,
    IndustrialZone,
    Market,
    ProductCertification,
    ProductGalleryImage,
    ProductIndexPage,
    ProductMarket,
    ProductPage,
    ProductRecognition,
)
from products.services import ensure_official_sectors, sync_administrative_units
from search.catalogue.contract import LANGUAGES
from search.catalogue.database.query import rebuild_entries, rebuild_workers
from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord

# Never change: translation keys (and so `catalogue_matches`) are derived from it.
NAMESPACE = uuid.UUID("5b1d2f6e-8a43-4c3e-9f1a-2b7d0c6a9e41")
PRODUCTS_PER_ROUND = 2_000
INSERT_BATCH = 500
TOP10_SHARE = 0.2
UNKNOWN_TOP10_SHARE = 0.08

ENGLISH = {
    "Trang chủ": "Home",
    "trang-chu": "home",
    "Sản phẩm": "Products",
    "san-pham": "products",
    "Doanh nghiệp": "Companies",
    "doanh-nghiep": "companies",
    "Sản phẩm công nghiệp chủ lực thành phố Hà Nội": "Hà Nội's key industrial products",
}

Progress = Callable[[str], None]


def product_key(seed: int, index: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{seed}:product:{index}")


def company_key(seed: int, index: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{seed}:company:{index}")


@dataclass
class CatalogueTree:
    """The pages synthetic content hangs under, per language code."""

    homes: dict[str, Page]
    products: dict[str, Page]
    companies: dict[str, Page]


@dataclass
class GenerationReport:
    products: int = 0
    companies: int = 0
    pages: int = 0
    entries: int = 0
    seconds: float = 0.0
    skipped: bool = False
    timings: dict[str, float] = field(default_factory=dict)


# -- the site tree -----------------------------------------------------------------------


def ensure_catalogue_tree() -> CatalogueTree:
    """The bilingual home, catalogue and company index pages, made once if missing.

    The same skeleton the tests build (tests/sitetree.py), with the shared factories and a
    real wagtail-localize translation of each page; an existing tree (the test database's)
    is used as it is.
    """

    vi = Locale.objects.get_or_create(language_code="vi")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    home = HomePage.objects.filter(locale=vi, depth=2).first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node(), locale=vi)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.save()
            # Wagtail's placeholder "Welcome" page is not part of the site any more.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
    products = ProductIndexPage.objects.child_of(home).first() or ProductIndexPageFactory(
        parent=home, show_in_menus=True
    )
    companies = CompanyIndexPage.objects.child_of(home).first() or CompanyIndexPageFactory(
        parent=home, show_in_menus=True
    )
    translated = {}
    for page in (home, products, companies):
        target = page.get_translations().filter(locale=en).first()
        if target is None:
            target = translate_instance(
                page, locale=en, translate=lambda text: ENGLISH.get(text, text)
            )
        translated[page.pk] = Page.objects.get(pk=target.pk)
    fresh = {page.pk: Page.objects.get(pk=page.pk) for page in (home, products, companies)}
    return CatalogueTree(
        homes={"vi": fresh[home.pk], "en": translated[home.pk]},
        products={"vi": fresh[products.pk], "en": translated[products.pk]},
        companies={"vi": fresh[companies.pk], "en": translated[companies.pk]},
    )


def ensure_vocabularies() -> dict:
    """Sectors, wards, certifications, markets and zones, looked up (or made) by slug."""

    sectors = {sector.slug: sector for sector in ensure_official_sectors()}
    if not AdministrativeUnit.objects.filter(code__lt=90000).exists():
        sync_administrative_units()
    certifications = {
        slug: Certification.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en}
        )[0]
        for slug, name, name_en in words.CERTIFICATIONS
    }
    markets = {
        slug: Market.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[
            0
        ]
        for slug, name, name_en in words.MARKETS
    }
    zones = [
        IndustrialZone.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "kind": kind}
        )[0]
        for slug, name, name_en, kind in words.INDUSTRIAL_ZONES
    ]
    # Hà Nội's own units only (the tests' factories add codes from 90000), in a fixed order so
    # a seed picks the same wards on every database.
    units = list(AdministrativeUnit.objects.filter(code__lt=90000).order_by("code"))
    return {
        "sectors": sectors,
        "units": units,
        "certifications": certifications,
        "markets": markets,
        "zones": zones,
    }


# -- what is generated -------------------------------------------------------------------


@dataclass
class CompanySpec:
    index: int
    key: uuid.UUID
    sector: str
    brand: str
    initials: str
    title: dict[str, str]
    legal_name: dict[str, str]
    summary: dict[str, str]
    address: dict[str, str]
    tax_code: str
    unit: object
    zone: object | None
    website: str
    contact_email: str
    contact_phone: str
    published_at: datetime
    slugs: dict[str, str] = field(default_factory=dict)


@dataclass
class ProductSpec:
    index: int
    key: uuid.UUID
    company: CompanySpec
    sector: str
    title: dict[str, str]
    summary: dict[str, str]
    description: dict[str, str]
    hs_code: str
    standards: str
    certifications: list
    markets: list
    recognitions: list[tuple[int, bool | None]]
    published_at: datetime
    slugs: dict[str, str] = field(default_factory=dict)


class CatalogueDrawer:
    """Draws companies and products from one seeded generator, always in the same order."""

    def __init__(self, *, seed: int, vocabularies: dict):
        self.seed = seed
        self.rng = random.Random(seed)
        self.vocabularies = vocabularies
        self.slugs: dict[tuple[str, str], set[str]] = {}

    def specs(self, products: int) -> Iterator[tuple[CompanySpec, list[ProductSpec]]]:
        """Companies with their 3 to 5 products each, until *products* have been drawn."""
        made, company_index = 0, 0
        while made < products:
            company = self.company(company_index)
            count = min(self.rng.randint(3, 5), products - made)
            yield company, [self.product(made + offset, company) for offset in range(count)]
            made += count
            company_index += 1

    def _slug(self, kind: str, language: str, text: str) -> str:
        used = self.slugs.setdefault((kind, language), set())
        base = slugify(fold_text(text))[:80].strip("-") or kind
        slug, number = base, 1
        while slug in used:
            number += 1
            slug = f"{base}-{number}"
        used.add(slug)
        return slug

    def company(self, index: int) -> CompanySpec:
        rng = self.rng
        sector = rng.choice(sorted(words.PRODUCT_TYPES))
        form_vi, form_en = _weighted(rng, [(f[:2], f[2]) for f in words.LEGAL_FORMS])
        line_vi, line_en = rng.choice(words.COMPANY_LINES[sector])
        first = rng.choice(words.BRAND_FIRST)
        second = rng.choice([word for word in words.BRAND_SECOND if word != first])
        brand = f"{first} {second}"
        suffix = rng.choice(words.COMPANY_SUFFIXES) if rng.random() < 0.3 else None
        title_vi = " ".join(filter(None, [form_vi, line_vi, brand, suffix and suffix[0]]))
        title_en = " ".join(filter(None, [brand, suffix and suffix[1], line_en, form_en]))
        verified = rng.random() < 0.7
        unit = rng.choice(self.vocabularies["units"])
        zone = rng.choice(self.vocabularies["zones"]) if rng.random() < 0.35 else None
        number, street = rng.randint(1, 399), rng.choice(words.STREETS)
        street_name = street.split(" ", 1)[1]
        domain = slugify(fold_text(brand)).replace("-", "")
        year = rng.choice(words.RECOGNITION_YEARS)
        spec = CompanySpec(
            index=index,
            key=company_key(self.seed, index),
            sector=sector,
            brand=brand,
            initials="".join(part[0] for part in fold_text(brand).upper().split()),
            title={"vi": title_vi, "en": title_en},
            legal_name={"vi": title_vi, "en": title_en} if verified else {"vi": "", "en": ""},
            summary={
                "vi": f"Doanh nghiệp {line_vi.lower()} tại {unit.name}, Hà Nội, có sản phẩm được "
                "công nhận là sản phẩm công nghiệp chủ lực thành phố.",
                "en": f"A {line_en.lower()} company in {unit.label_for('en')}, Hà Nội, whose "
                "products are recognised as Hà Nội key industrial products.",
            },
            address={
                "vi": f"Số {number} {street}",
                "en": f"{number} {street_name} Street",
            },
            tax_code=f"01{rng.randrange(10**8):08d}",
            unit=unit,
            zone=zone,
            website=f"https://{domain}{index}.example.vn",
            contact_email=f"lienhe@{domain}{index}.example.vn",
            contact_phone=f"024 {rng.randint(3000, 3999)} {rng.randint(1000, 9999)}",
            published_at=_moment(rng, year),
        )
        _nfc(spec, "title", "legal_name", "summary", "address")
        spec.slugs = {
            language: self._slug("company", language, spec.title[language])
            for language in LANGUAGES
        }
        return spec

    def product(self, index: int, company: CompanySpec) -> ProductSpec:
        rng = self.rng
        vocabularies = self.vocabularies
        sector = company.sector if rng.random() < 0.85 else rng.choice(sorted(words.PRODUCT_TYPES))
        type_vi, type_en, hs_code = rng.choice(words.PRODUCT_TYPES[sector])
        qualifier = rng.choice(words.QUALIFIERS[sector]) if rng.random() < 0.6 else None
        series = f"{company.initials}-{rng.randint(100, 9999)}" if rng.random() < 0.4 else None
        title_vi = " ".join(filter(None, [type_vi, qualifier and qualifier[0], company.brand]))
        title_en = " ".join(filter(None, [company.brand, qualifier and qualifier[1], type_en]))
        if series:
            title_vi, title_en = f"{title_vi} {series}", f"{title_en} {series}"

        first_year = rng.choice(words.RECOGNITION_YEARS)
        years = [first_year]
        while years[-1] + 3 <= words.RECOGNITION_YEARS[-1] and rng.random() < 0.5:
            years.append(years[-1] + 3)
        draw = rng.random()
        if draw < TOP10_SHARE:
            top10_year = rng.choice(years)
            recognitions = [(year, year == top10_year) for year in years]
        elif draw < 1 - UNKNOWN_TOP10_SHARE:
            recognitions = [(year, False) for year in years]
        else:
            recognitions = [(year, None) for year in years]
        is_top10 = any(flag for _, flag in recognitions)

        certification_slugs = rng.sample(
            words.SECTOR_CERTIFICATIONS[sector],
            rng.randint(0, min(3, len(words.SECTOR_CERTIFICATIONS[sector]))),
        )
        certifications = [vocabularies["certifications"][slug] for slug in certification_slugs]
        markets = []
        if rng.random() < 0.45:
            slugs = rng.sample([slug for slug, *_ in words.MARKETS], rng.randint(1, 3))
            markets = [vocabularies["markets"][slug] for slug in slugs]
        standards = (
            f"TCVN {rng.randint(1000, 13999)}:{rng.randint(2010, 2023)}"
            if rng.random() < 0.4
            else ""
        )
        feature_vi, feature_en = rng.choice(words.FEATURES[sector])
        years_vi = ", ".join(str(year) for year in years)
        unit, zone = company.unit, company.zone
        kind_vi = " ".join(filter(None, [type_vi, qualifier and qualifier[0]]))
        kind_en = " ".join(filter(None, [qualifier and qualifier[1], type_en]))
        description_vi = (
            f"{title_vi} được sản xuất với {feature_vi}"
            + (f" tại {zone.name}" if zone else "")
            + "."
            + (
                f" Sản phẩm đạt {', '.join(c.name for c in certifications)}."
                if certifications
                else ""
            )
            + (f" Xuất khẩu sang {', '.join(m.name for m in markets)}." if markets else "")
        )
        description_en = (
            f"{title_en} is made with {feature_en}"
            + (f" at {zone.name_en}" if zone else "")
            + "."
            + (
                f" It holds {', '.join(c.label_for('en') for c in certifications)}."
                if certifications
                else ""
            )
            + (f" Exported to {', '.join(m.label_for('en') for m in markets)}." if markets else "")
        )
        spec = ProductSpec(
            index=index,
            key=product_key(self.seed, index),
            company=company,
            sector=sector,
            title={"vi": title_vi, "en": title_en},
            summary={
                "vi": f"{kind_vi[0].upper()}{kind_vi[1:]} của {company.title['vi']}, sản xuất tại "
                f"{unit.name}, Hà Nội. Được công nhận sản phẩm công nghiệp chủ lực thành phố Hà "
                f"Nội năm {years_vi}" + (" và thuộc Top 10." if is_top10 else "."),
                "en": f"{kind_en[0].upper()}{kind_en[1:]} by {company.title['en']}, made in "
                f"{unit.label_for('en')}, Hà Nội. Recognised as a Hà Nội key industrial product "
                f"in {years_vi}" + (" and placed in the Top 10." if is_top10 else "."),
            },
            description={"vi": description_vi, "en": description_en},
            hs_code=hs_code,
            standards=standards,
            certifications=certifications,
            markets=markets,
            recognitions=recognitions,
            published_at=_moment(rng, first_year),
        )
        _nfc(spec, "title", "summary", "description")
        spec.slugs = {
            language: self._slug("product", language, spec.title[language])
            for language in LANGUAGES
        }
        return spec


def _nfc(spec, *names: str) -> None:
    """Store text NFC-normalised, as every editor's text is (core.normalisation)."""
    for name in names:
        setattr(spec, name, {k: normalize_text(v) for k, v in getattr(spec, name).items()})


def _weighted(rng: random.Random, choices: list[tuple[object, int]]):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights=weights)[0]


def _moment(rng: random.Random, year: int) -> datetime:
    return datetime(year, rng.randint(1, 12), rng.randint(1, 28), 9, 0, tzinfo=UTC)


def _paragraphs(text: str, key: uuid.UUID, language: str) -> list:
    """The raw stream of one rich-text paragraph, as StreamField stores it."""
    return [
        {
            "type": "paragraph",
            "value": f"<p>{html.escape(text, quote=False)}</p>",
            "id": str(uuid.uuid5(key, language)),
        }
    ]


# -- writing -----------------------------------------------------------------------------


class TreeWriter:
    """Appends leaf pages under one parent per language, computing treebeard's paths.

    Page ids are assigned here too (one writer at a time: the command runs alone on the
    benchmark database), so child tables and inline rows can be written in the same pass
    without reading ids back; `finish()` moves PostgreSQL's sequence past them.
    """

    def __init__(self, parents: dict[str, Page], *, ids: "PageIds"):
        self.parents = parents
        self.ids = ids
        self.next_step = {}
        for language, parent in parents.items():
            last_path = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.next_step[language] = (
                Page._str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
            )

    def page(self, *, language: str, model, key, title: str, slug: str, published_at) -> tuple:
        """One wagtailcore_page row (PAGE_COLUMNS); its id is the first value."""
        parent = self.parents[language]
        step = self.next_step[language]
        self.next_step[language] = step + 1
        return (
            self.ids.take(),
            Page._get_path(parent.path, parent.depth + 1, step),
            parent.depth + 1,
            0,
            key,
            parent.locale_id,
            True,
            False,
            published_at,
            published_at,
            False,
            False,
            title,
            title,
            slug,
            ContentType.objects.get_for_model(model).pk,
            f"{parent.url_path}{slug}/",
            False,
            "",
            "",
        )

    def finish(self) -> None:
        for parent in self.parents.values():
            children = Page.objects.filter(
                path__startswith=parent.path, depth=parent.depth + 1
            ).count()
            Page.objects.filter(pk=parent.pk).update(numchild=children)


PAGE_COLUMNS = (
    "id",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "expired",
    "locked",
    "title",
    "draft_title",
    "slug",
    "content_type",
    "url_path",
    "show_in_menus",
    "seo_title",
    "search_description",
)


class PageIds:
    """Consecutive ids after the highest page id in the database."""

    def __init__(self):

        self.next = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    def take(self) -> int:
        value, self.next = self.next, self.next + 1
        return value


COMPANY_COLUMNS = (
    "page_ptr",
    "legal_name",
    "brand_name",
    "tax_code",
    "summary",
    "address",
    "unit",
    "industrial_zone",
    "website",
    "contact_email",
    "contact_phone",
    "contact_email_public",
    "contact_phone_public",
    "body",
)
PRODUCT_COLUMNS = (
    "page_ptr",
    "company",
    "summary",
    "description",
    "sector",
    "hs_code",
    "standards",
    "specifications",
)


def write_companies(specs: list[CompanySpec], writer: TreeWriter) -> dict[uuid.UUID, int]:
    """Both languages' company pages; returns the Vietnamese page id of each company."""

    pages, children, vi_ids = [], [], {}
    for spec in specs:
        for language in LANGUAGES:
            row = writer.page(
                language=language,
                model=CompanyPage,
                key=spec.key,
                title=spec.title[language],
                slug=spec.slugs[language],
                published_at=spec.published_at,
            )
            pages.append(row)
            if language == "vi":
                vi_ids[spec.key] = row[0]
            children.append(
                (
                    row[0],
                    spec.legal_name[language],
                    spec.brand,
                    spec.tax_code,
                    spec.summary[language],
                    spec.address[language],
                    spec.unit.pk,
                    spec.zone.pk if spec.zone else None,
                    spec.website,
                    spec.contact_email,
                    spec.contact_phone,
                    # Generated contacts are invented (example.vn): shown, as a company that
                    # agreed to publish them would have them.
                    True,
                    True,
                    _EMPTY_STREAM,
                )
            )
    insert_rows(Page, PAGE_COLUMNS, pages)
    insert_rows(CompanyPage, COMPANY_COLUMNS, children)
    return vi_ids


# An empty stream, as StreamField stores it (prepared like any JSON value by insert_rows).
_EMPTY_STREAM = []


def write_products(
    specs: list[ProductSpec], writer: TreeWriter, *, company_ids: dict, sectors: dict
) -> int:
    """Both languages' product pages with their recognitions, certifications and markets."""

    pages, children, recognitions, certifications, markets = [], [], [], [], []
    for spec in specs:
        for language in LANGUAGES:
            row = writer.page(
                language=language,
                model=ProductPage,
                key=spec.key,
                title=spec.title[language],
                slug=spec.slugs[language],
                published_at=spec.published_at,
            )
            pages.append(row)
            page_id = row[0]
            children.append(
                (
                    page_id,
                    # Synchronised fields: the English page links the Vietnamese company too.
                    company_ids[spec.company.key],
                    spec.summary[language],
                    _paragraphs(spec.description[language], spec.key, language),
                    sectors[spec.sector].pk,
                    spec.hs_code,
                    spec.standards,
                    _EMPTY_STREAM,
                )
            )
            recognitions += [
                (page_id, order, year, top10, "", "", "")
                for order, (year, top10) in enumerate(spec.recognitions)
            ]
            certifications += [
                (page_id, item.pk, order) for order, item in enumerate(spec.certifications)
            ]
            markets += [(page_id, item.pk, order) for order, item in enumerate(spec.markets)]
    insert_rows(Page, PAGE_COLUMNS, pages)
    insert_rows(ProductPage, PRODUCT_COLUMNS, children)
    insert_rows(
        ProductRecognition,
        ("page", "sort_order", "year", "is_top10", "decision_reference", "source_url", "note"),
        recognitions,
    )
    insert_rows(ProductCertification, ("page", "certification", "sort_order"), certifications)
    insert_rows(ProductMarket, ("page", "market", "sort_order"), markets)
    return len(pages)


def clear_catalogue(tree: CatalogueTree) -> None:
    """Delete every product and company page under the tree, and every catalogue entry.

    Plain SQL deletes in dependency order (rows.delete_rows says why). Nothing else points at
    synthetic pages (no revisions, translation sources or featured products are made for
    them).
    """

    using = router.db_for_write(Page)
    leaves = Q(pk__in=[])
    for parent in [*tree.products.values(), *tree.companies.values()]:
        leaves |= Q(path__startswith=parent.path, depth=parent.depth + 1)
    page_ids = list(Page.objects.filter(leaves).values_list("pk", flat=True))
    with transaction.atomic(using=using):
        for model in (CatalogueFacetValue, CatalogueNameWord, CatalogueEntry):
            delete_rows(model)
        for chunk in batched(page_ids, INSERT_BATCH):
            delete_rows(HomeFeaturedProduct, column="product", values=chunk)
            for model in (
                ProductRecognition,
                ProductCertification,
                ProductMarket,
                ProductGalleryImage,
                CompanyRecognition,
            ):
                delete_rows(model, column="page", values=chunk)
            for model in (ProductPage, CompanyPage):
                delete_rows(model, column="page_ptr", values=chunk)
            delete_rows(Page, column="id", values=chunk)
        for parent in [*tree.products.values(), *tree.companies.values()]:
            Page.objects.filter(pk=parent.pk).update(numchild=0)


def catalogue_matches(tree: CatalogueTree, *, products: int, seed: int) -> bool:
    """Whether the database holds exactly the catalogue of *products* for *seed*, entries too."""

    if products < 1:
        return False
    vi_products = ProductPage.objects.child_of(tree.products["vi"])
    return (
        vi_products.count() == products
        and ProductPage.objects.child_of(tree.products["en"]).count() == products
        and vi_products.filter(
            translation_key__in=[product_key(seed, 0), product_key(seed, products - 1)]
        ).count()
        == 2
        and CatalogueEntry.objects.count() == products
    )


def generate_catalogue(
    *, products: int, seed: int, force: bool = False, progress: Progress | None = None
) -> GenerationReport:
    """Make the synthetic catalogue of *products* for *seed*, unless it is there already."""

    say = progress or (lambda message: None)
    report = GenerationReport()
    started = time.perf_counter()
    tree = ensure_catalogue_tree()
    vocabularies = ensure_vocabularies()
    if not force and catalogue_matches(tree, products=products, seed=seed):
        report.skipped = True
        report.products = products
        report.seconds = time.perf_counter() - started
        say(f"The catalogue of {products} products for seed {seed} is already there.")
        return report

    step = time.perf_counter()
    clear_catalogue(tree)
    report.timings["clear"] = time.perf_counter() - step
    say(f"Previous synthetic catalogue removed ({report.timings['clear']:.1f} s).")

    step = time.perf_counter()
    drawer = CatalogueDrawer(seed=seed, vocabularies=vocabularies)
    ids = PageIds()
    company_writer = TreeWriter(tree.companies, ids=ids)
    product_writer = TreeWriter(tree.products, ids=ids)
    pending: list[tuple[CompanySpec, list[ProductSpec]]] = []
    using = router.db_for_write(Page)

    def flush():
        with transaction.atomic(using=using):
            company_ids = write_companies([company for company, _ in pending], company_writer)
            report.pages += 2 * len(pending)
            report.pages += write_products(
                [product for _, items in pending for product in items],
                product_writer,
                company_ids=company_ids,
                sectors=vocabularies["sectors"],
            )
        report.companies += len(pending)
        report.products += sum(len(items) for _, items in pending)
        pending.clear()
        elapsed = time.perf_counter() - started
        say(
            f"  {report.products}/{products} products, {report.companies} companies "
            f"({elapsed:.0f} s)"
        )

    queued = 0
    for company, items in drawer.specs(products):
        pending.append((company, items))
        queued += len(items)
        if queued >= PRODUCTS_PER_ROUND:
            flush()
            queued = 0
    if pending:
        flush()
    company_writer.finish()
    product_writer.finish()
    reset_sequences(Page)
    report.timings["pages"] = time.perf_counter() - step

    bump_tree_version()

    step = time.perf_counter()
    say("Building the database path's search entries ...")
    report.entries = rebuild_entries(
        progress=lambda done, total: say(f"  {done}/{total} entries"), workers=rebuild_workers()
    )
    report.timings["entries"] = time.perf_counter() - step
    report.seconds = time.perf_counter() - started
    return report
