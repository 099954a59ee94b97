"""Measure the catalogue search's ranking: mean reciprocal rank over the relevance queries.

The corpus (lab.relevance.corpus) is built through the real models, published and
translated as an editor would, so the search data comes from `product_document()` exactly
as in production. Every query then goes through `search.catalogue.service.search`, the
entry point the API and the pages use, on one path at a time.

The reciprocal rank of a query is 1/r for the rank r of the first expected product among the
first page of results (20), 0 when none is there; the mean over the queries is the figure
the issue sets a target for. `format_report` prints it overall and per category, with every
query that did not rank an expected product first.

Callers own the database: build in a rolled-back transaction or a throwaway database (the
test module and `manage.py measure_relevance` do), never in real content.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.test.utils import override_settings
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site

from core.text import clean_search_text, fold_text
from core.translation import translate_instance
from home.factories import HomePageFactory
from lab.relevance.corpus import CATEGORIES, COMPANIES, PRODUCTS, QUERIES, SYNONYMS, Query
from products.factories import (
    CompanyIndexPageFactory,
    CompanyPageFactory,
    ProductIndexPageFactory,
    ProductPageFactory,
)
from products.models import CompanyRecognition, Sector
from products.services import ensure_official_sectors
from search.catalogue import service
from search.catalogue.contract import CatalogueQuery
from search.catalogue.database.companies import rebuild_company_entries
from search.catalogue.database.query import sync_entry
from search.catalogue.engine.client import as_dict, get_client, index_name
from search.catalogue.engine.companies import company_index_name, rebuild_companies
from search.catalogue.engine.indexing import rebuild
from search.models import Synonym
from search.synonyms import forget_synonyms

# A company's page title in each language, as company results show it.
COMPANY_TITLES = {
    company.key: {"vi": company.name, "en": company.name_en or company.name}
    for company in COMPANIES
}

PATHS = ("engine", "database")
# MRR is counted on the first page of results: what a visitor sees without paging.
RANK_DEPTH = 20
# The targets.
# The MRR every category must reach (issue 11): the engine; the database path by the
# database it runs on, which decides what it can do (PostgreSQL's trigrams).
TARGETS = {"engine": 0.95, "postgresql": 0.90, "sqlite": 0.85}
# Wagtail's own search while the corpus is published: its rows live and die with the corpus.
LOCAL_WAGTAIL_SEARCH = {"default": {"BACKEND": "wagtail.search.backends.database"}}


@dataclass(frozen=True)
class Outcome:
    query: Query
    rank: int | None  # of the first expected product, 1-based; None: not on the first page
    top: tuple[str, ...]  # the titles of the first three results

    @property
    def reciprocal_rank(self) -> float:
        return 1 / self.rank if self.rank else 0.0


@dataclass
class Report:
    path: str
    database: str  # the database vendor, which decides what the database path can do
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def mrr(self) -> float:
        return _mean(outcome.reciprocal_rank for outcome in self.outcomes)

    @property
    def target(self) -> float:
        return TARGETS["engine" if self.path == "engine" else self.database]

    def categories_below_target(self) -> list[str]:
        return [category for category, (mrr, _) in self.by_category().items() if mrr < self.target]

    def by_category(self) -> dict[str, tuple[float, int]]:
        """{category: (MRR, number of queries)}, in the corpus's order of categories."""
        return {
            category: (_mean(o.reciprocal_rank for o in outcomes), len(outcomes))
            for category in CATEGORIES
            if (outcomes := [o for o in self.outcomes if o.query.category == category])
        }

    @property
    def misses(self) -> list[Outcome]:
        """Queries whose first result is not an expected product."""
        return [outcome for outcome in self.outcomes if outcome.rank != 1]

    @property
    def label(self) -> str:
        return self.path if self.path == "engine" else f"{self.path} ({self.database})"


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


# -- building the corpus ----------------------------------------------------------------


def build_skeleton():
    """The home page and the two catalogue index pages, in both languages, in an empty
    database (a fresh one has only Wagtail's root and welcome page); returns the Vietnamese
    product and company index pages."""

    english = Locale.objects.get_or_create(language_code="en")[0]
    ensure_official_sectors()
    home = HomePageFactory(parent=Page.get_first_root_node())
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    products = ProductIndexPageFactory(parent=home)
    companies = CompanyIndexPageFactory(parent=home)
    names = {"san-pham": "products", "doanh-nghiep": "companies", "trang-chu": "home"}
    for page in (home, products, companies):
        translate_instance(page, locale=english, translate=lambda text: names.get(text, text))
    return products, companies


def build_corpus(*, products_index, companies_index) -> dict[str, str]:
    """Create, publish and translate the corpus under the given index pages, create the
    synonyms, and write the catalogue's database entries; returns {product key:
    translation_key}. The engine index is built separately (`engine_index`): publishing
    here never writes to the configured engine, neither the catalogue index nor Wagtail's
    page index, which may be a real site's."""
    with override_settings(SEARCH_URL="", WAGTAILSEARCH_BACKENDS=LOCAL_WAGTAIL_SEARCH):
        return _build_corpus(products_index=products_index, companies_index=companies_index)


def _build_corpus(*, products_index, companies_index) -> dict[str, str]:

    english = Locale.objects.get(language_code="en")
    sectors = {sector.slug: sector for sector in Sector.objects.all()}

    def publish(page, translations: dict[str, str]):
        page.save_revision().publish()
        translate_instance(page, locale=english, translate=lambda t: translations.get(t, t))

    companies = {}
    for company in COMPANIES:
        page = CompanyPageFactory(
            parent=companies_index,
            title=company.name,
            slug=_slug(company.name),
            legal_name=company.legal_name,
            brand_name=company.name,
        )
        if company.year:
            CompanyRecognition.objects.create(page=page, year=company.year)
        publish(
            page,
            {company.name: company.name_en or company.name}
            | {company.legal_name: company.legal_name_en},
        )
        companies[company.key] = page
    keys = {}
    for product in PRODUCTS:
        page = ProductPageFactory(
            parent=products_index,
            title=product.title,
            slug=_slug(product.title),
            company=companies[product.company],
            sector=sectors[product.sector],
            summary=product.summary,
            hs_code=product.hs_code,
            recognitions=[{"year": product.year, "is_top10": product.top10}],
        )
        translations = {
            product.title: product.title_en,
            page.slug: _slug(product.title_en),
            product.summary: product.summary_en or product.summary,
        }
        publish(page, translations)
        keys[product.key] = str(page.translation_key)
    for term, alternatives in SYNONYMS.items():
        Synonym.objects.create(term=term, alternatives="\n".join(alternatives))
    forget_synonyms()
    # Written here rather than by the publish signals: those run after a commit, and the
    # corpus usually lives in a transaction that is rolled back.
    for key in keys.values():
        sync_entry(key)
    rebuild_company_entries()
    return keys


def _slug(text: str) -> str:
    return slugify(fold_text(text))[:80]


@contextmanager
def engine_index() -> Iterator[str]:
    """A catalogue index of its own (a unique prefix) holding the corpus, removed after."""

    if not settings.SEARCH_URL:
        raise RuntimeError("The engine path needs SEARCH_URL (a running search node).")
    prefix = f"{settings.SEARCH_INDEX_PREFIX}relevance_{uuid.uuid4().hex[:8]}_"
    with override_settings(SEARCH_INDEX_PREFIX=prefix):
        alias = index_name()
        try:
            rebuild()
            rebuild_companies()
            yield alias
        finally:
            client = get_client()
            for pattern in (f"{alias}*", f"{company_index_name()}*"):
                for name in as_dict(client.indices.get(index=pattern)):
                    client.indices.delete(index=name)


# -- measuring --------------------------------------------------------------------------


def measure(*, path: str, keys: dict[str, str]) -> Report:
    """Run every query on *path* and rank the expected products.

    For "engine", call inside `engine_index()`. An engine failure is an error here, not a
    quiet answer from the database (which `service.search` gives visitors).
    """

    if path not in PATHS:
        raise ValueError(f"Unknown path {path!r}; expected one of {', '.join(PATHS)}.")
    products = {translation_key: key for key, translation_key in keys.items()}
    report = Report(path=path, database=connection.vendor)
    search_url = settings.SEARCH_URL if path == "engine" else ""
    # Answers are kept by query, whichever path gave them (a process has one path): the
    # other path's must not answer this one's queries.
    service.forget_answers()
    with override_settings(SEARCH_URL=search_url):
        for query in QUERIES:
            # Cleaned as the parameter form cleans what a visitor types (NFD input too).
            answer = service.search(
                CatalogueQuery(
                    q=clean_search_text(query.text), lang=query.lang, per_page=RANK_DEPTH
                )
            )
            if answer.path != path:
                raise RuntimeError(f"{query.text!r} was answered by the {answer.path} path.")
            if query.expected_company_result:
                # Companies are matched by their page title in the query's language.
                wanted = COMPANY_TITLES[query.expected_company_result][query.lang]
                shown = answer.data["companies"]["results"]
                found = [result["title"] == wanted for result in shown]
                rank = next((rank for rank, hit in enumerate(found, start=1) if hit), None)
                top = tuple(result["title"] for result in shown[:3])
            else:
                found = [products.get(r["translation_key"]) for r in answer.data["results"]]
                rank = next(
                    (rank for rank, key in enumerate(found, start=1) if key in query.expected),
                    None,
                )
                top = tuple(result["title"] for result in answer.data["results"][:3])
            report.outcomes.append(Outcome(query=query, rank=rank, top=top))
    return report


def format_report(report: Report) -> str:
    """The figures as plain text: overall and per-category MRR, then the misses."""
    target = report.target
    verdict = "MISSES" if report.categories_below_target() else "meets"
    lines = [
        f"Catalogue relevance, {report.label}: MRR {report.mrr:.3f} over "
        f"{len(report.outcomes)} queries ({verdict} the target {target:.2f} in every category)",
        "",
        f"  {'category':<15}{'queries':>8}{'MRR':>8}  what",
    ]
    for category, (mrr, count) in report.by_category().items():
        lines.append(f"  {category:<15}{count:>8}{mrr:>8.3f}  {CATEGORIES[category]}")
    misses = report.misses
    lines += ["", f"  Misses ({len(misses)}): the first expected product was not ranked first"]
    if misses:
        lines.append(f"  {'query':<34}{'category':<15}{'rank':>5}  expected / ranked first")
    for outcome in misses:
        rank = str(outcome.rank) if outcome.rank else "-"
        expected = outcome.query.expected_company_result or ", ".join(outcome.query.expected[:2])
        first = outcome.top[0] if outcome.top else "(nothing)"
        lines.append(
            f"  {outcome.query.text!r:<34}{outcome.query.category:<15}{rank:>5}  "
            f"{expected} / {first}"
        )
    return "\n".join(lines)
