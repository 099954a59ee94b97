"""The programme in figures: the statistics page and the reads it draws from.

The official figures of each cohort (`CohortYear`) beside what the catalogue itself holds,
per year and per sector. The page sits above the catalogue (it reads products), which is why
it lives in programme and not in products.
"""

import functools

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin, public
from core.treecache import cached
from products.models import CompanyPage, CompanyRecognition, ProductPage, ProductRecognition, Sector
from programme.charts import statistics_charts
from programme.models.figures import CohortYear
from programme.models.pages import INTRO_FEATURES


class StatisticsPage(FoldedSearchMixin, FastServeMixin, Page):
    """The programme in figures: charts of the official cohort figures (`CohortYear`) beside
    what the catalogue itself holds, drawn on the server as accessible SVG (programme.charts).
    """

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + FOLDED_SEARCH_FIELDS + [index.SearchField("intro")]
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang số liệu chương trình")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Built only when the template's fragment of them is not kept (a callable context
        # value is called on first use; cache makes the later uses free).
        context["charts"] = functools.cache(
            lambda: statistics_charts(statistics_figures(locale=self.locale))
        )
        return context


# Decision 496/QĐ-UBND (2018) started the current programme; its plan runs to 2025. Later
# cohorts (in CohortYear or the catalogue) extend the range on their own.
FIRST_COHORT_YEAR = 2018
LAST_PLANNED_YEAR = 2025


def official_cohort_series() -> list[dict]:
    """The published figures of every cohort (CohortYear), oldest first, as plain data (one
    query). A figure left empty is None: nobody published it, which is not zero."""
    return [
        {
            "year": cohort.year,
            "products": cohort.products_recognised,
            "companies": cohort.companies_recognised,
            "registered": cohort.products_registered,
            "revenue": cohort.revenue_vnd_billion,
            "exports": cohort.exports_usd_million,
            "note": cohort.note,
            "note_en": cohort.note_en,
            "source_url": cohort.source_url,
        }
        for cohort in CohortYear.objects.order_by("year")
    ]


def catalogue_cohort_series(*, locale: Locale) -> dict[int, dict]:
    """{year: {"products": n, "companies": n}} from what the catalogue in *locale* holds.

    Products: live, public product pages with a recognition that year. Companies: the
    distinct makers of those products, plus companies whose own page records a recognition
    of a product without a page of its own. Companies are told apart by translation key,
    since product links point at the source-language company. Two queries returning one
    row per (year, product), whatever the size of the catalogue's pages.
    """
    products = ProductPage.objects.live().visible().filter(locale=locale).values("pk")
    companies = public(CompanyPage.objects.live().filter(locale=locale)).values("pk")
    product_rows = (
        ProductRecognition.objects.filter(page__in=products)
        .values_list("year", "page_id", "page__company__translation_key")
        .distinct()
        .order_by()
    )
    company_rows = (
        CompanyRecognition.objects.filter(page__in=companies)
        .values_list("year", "page__translation_key")
        .distinct()
        .order_by()
    )
    years: dict[int, dict[str, set]] = {}
    for year, product_id, company_key in product_rows:
        counts = years.setdefault(year, {"products": set(), "companies": set()})
        counts["products"].add(product_id)
        if company_key is not None:
            counts["companies"].add(company_key)
    for year, company_key in company_rows:
        years.setdefault(year, {"products": set(), "companies": set()})["companies"].add(
            company_key
        )
    return {
        year: {"products": len(counts["products"]), "companies": len(counts["companies"])}
        for year, counts in years.items()
    }


def sector_breakdown(*, locale: Locale) -> list[dict]:
    """Live, public products in *locale* per sector, most first; every official sector is
    listed, with 0 if the catalogue has none yet, and products without a sector last (two
    queries)."""
    counts = dict(
        ProductPage.objects.live()
        .visible()
        .filter(locale=locale)
        .order_by()
        .values("sector_id")
        .annotate(total=Count("pk"))
        .values_list("sector_id", "total")
    )
    rows = [
        {
            "slug": sector.slug,
            "name": sector.name,
            "name_en": sector.name_en,
            "products": counts.get(sector.pk, 0),
            "order": sector.sort_order,
        }
        for sector in Sector.objects.only("slug", "name", "name_en", "sort_order")
    ]
    rows.sort(key=lambda row: (-row["products"], row["order"], row["name"]))
    if counts.get(None):
        rows.append({"slug": "", "name": "", "name_en": "", "products": counts[None], "order": 0})
    return rows


def statistics_figures(*, locale: Locale) -> dict:
    """Everything the statistics page draws, cached with the page tree's version.

    Publishing or unpublishing a product bumps that version already; a CohortYear or a
    Sector that changes bumps it too (programme.signals), so a corrected figure shows at once.
    """

    def build():
        official = official_cohort_series()
        catalogue = catalogue_cohort_series(locale=locale)
        last = max(
            [LAST_PLANNED_YEAR]
            + [row["year"] for row in official]
            + [year for year in catalogue if year >= FIRST_COHORT_YEAR]
        )
        years = list(range(FIRST_COHORT_YEAR, last + 1))
        empty = {"products": 0, "companies": 0}
        return {
            "years": years,
            "official": [row for row in official if row["year"] >= FIRST_COHORT_YEAR],
            "catalogue": {year: catalogue.get(year, empty) for year in years},
            "sectors": sector_breakdown(locale=locale),
        }

    return cached(f"programme-statistics:{locale.pk}", build)
