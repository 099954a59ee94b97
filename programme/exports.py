"""The programme's full downloads besides the catalogue: recognitions and statistics.

- Recognitions: one row per recognition of a live, public product or company in the
  language asked for (year, decision, product, company, Top 10, last valid day, status on
  Hà Nội's today), the products' and then the companies' own (a product the source did not
  name has no page: its description stands in for it).
- Statistics: the figures the statistics page draws (`statistics_figures`), per year (the
  official cohort figures beside the catalogue's counts) or per sector.

Every table is written by core.tabular (CSV, XLSX or JSON; formulas neutralised), as the
catalogue's export (search.catalogue.export) is. The parameters are checked by one form;
a bad one is a 400 with the catalogue API's JSON errors.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy, pgettext
from wagtail.models import Locale

from core.api import LANGUAGES
from core.dates import today
from core.pages import public
from core.tabular import FORMATS, Column, format_field
from products.models import CompanyPage, CompanyRecognition, ProductPage, ProductRecognition
from products.models.product import localise_companies
from programme.columns import recognition_columns, sector_columns, year_columns
from programme.models.statistics import statistics_figures

STATISTICS_TABLES = ("years", "sectors")


class DownloadForm(forms.Form):
    """`format` and `lang` of a download, every other parameter refused (as the catalogue
    API refuses them)."""

    format = format_field()
    lang = forms.ChoiceField(
        required=False,
        choices=[(language, language) for language in LANGUAGES],
        error_messages={"invalid_choice": gettext_lazy("Ngôn ngữ phải là vi hoặc en.")},
    )
    parameters = {"format", "lang"}

    def __init__(self, data):
        self._unknown = sorted(set(data) - self.parameters)
        super().__init__(data)

    def clean(self):
        cleaned = super().clean()
        for name in self._unknown:
            self.add_error(
                None, gettext_lazy("Tham số “%(name)s” không được hỗ trợ.") % {"name": name}
            )
        cleaned["format"] = cleaned.get("format") or FORMATS[0]
        cleaned["lang"] = cleaned.get("lang") or LANGUAGES[0]
        return cleaned

    def messages(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]


class StatisticsDownloadForm(DownloadForm):
    table = forms.ChoiceField(
        required=False,
        choices=[(name, name) for name in STATISTICS_TABLES],
        error_messages={"invalid_choice": gettext_lazy("Bảng phải là years hoặc sectors.")},
    )
    parameters = {"format", "lang", "table"}

    def clean(self):
        cleaned = super().clean()
        cleaned["table"] = cleaned.get("table") or STATISTICS_TABLES[0]
        return cleaned


@dataclass
class Table:
    columns: list[Column]
    rows: list[dict]
    filename: str
    meta: dict


def _absolute(root: str, url: str | None) -> str:
    return f"{root}{url}" if url and url.startswith("/") else url or ""


def _recognition_row(record, *, product, company, product_url, company_url, on, root) -> dict:
    until = record.recognised_until
    return {
        "year": record.year,
        "decision": record.decision_label,
        "decision_date": record.decision.signed_on if record.decision_id else None,
        "product": product,
        "company": company,
        "top10": record.is_top10,
        "recognised_until": until,
        "status": None if until is None else ("current" if until >= on else "expired"),
        "product_url": _absolute(root, product_url),
        "company_url": _absolute(root, company_url),
        "source_url": record.source_url,
    }


def recognitions_table(*, lang: str, root: str) -> Table:
    """Every public recognition in *lang*, newest year first (four queries)."""
    locale = Locale.objects.get(language_code=lang)
    on = today()
    products = localise_companies(
        ProductPage.objects.live().visible().filter(locale=locale).select_related("company"),
        locale,
    )
    by_id = {product.pk: product for product in products}
    rows = []
    for record in ProductRecognition.objects.filter(page_id__in=by_id).select_related("decision"):
        product = by_id[record.page_id]
        company = product.display_company
        if company is not None and not company.live:
            company = None  # a company not (or no longer) published is not named
        rows.append(
            _recognition_row(
                record,
                product=product.title,
                company=company.title if company else "",
                product_url=product.url,
                company_url=company.url if company else "",
                on=on,
                root=root,
            )
        )
    companies = public(CompanyPage.objects.live().filter(locale=locale))
    for record in CompanyRecognition.objects.filter(page__in=companies).select_related(
        "decision", "page"
    ):
        rows.append(
            _recognition_row(
                record,
                product=record.product_description,
                company=record.page.title,
                product_url="",
                company_url=record.page.url,
                on=on,
                root=root,
            )
        )
    rows.sort(key=lambda row: (-row["year"], row["company"], row["product"]))
    name = pgettext("export file name", "cong-nhan")
    return Table(
        columns=recognition_columns(),
        rows=rows,
        filename=f"spcncl-{name}-{on.isoformat()}",
        meta={"count": len(rows), "lang": lang, "date": on.isoformat()},
    )


def statistics_table(*, table: str, lang: str) -> Table:
    """The statistics page's figures in *lang*: per year or per sector (cached with the page
    tree, as the page's are)."""
    locale = Locale.objects.get(language_code=lang)
    figures = statistics_figures(locale=locale)
    on = today()
    if table == "sectors":
        columns = sector_columns()
        rows = [
            {
                "sector": row["slug"],
                "name": (row["name_en"] or row["name"]) if lang == "en" else row["name"],
                "products": row["products"],
            }
            for row in figures["sectors"]
        ]
        name = pgettext("export file name", "so-lieu-theo-nhom-nganh")
    else:
        columns = year_columns()
        official = {row["year"]: row for row in figures["official"]}
        rows = []
        for year in figures["years"]:
            published = official.get(year, {})
            catalogue = figures["catalogue"][year]
            note = published.get("note_en") if lang == "en" else None
            rows.append(
                {
                    "year": year,
                    "products": published.get("products"),
                    "companies": published.get("companies"),
                    "registered": published.get("registered"),
                    "revenue": _number(published.get("revenue")),
                    "exports": _number(published.get("exports")),
                    "catalogue_products": catalogue["products"],
                    "catalogue_companies": catalogue["companies"],
                    "note": note or published.get("note") or "",
                    "source_url": published.get("source_url") or "",
                }
            )
        name = pgettext("export file name", "so-lieu-theo-nam")
    return Table(
        columns=columns,
        rows=rows,
        filename=f"spcncl-{name}-{on.isoformat()}",
        meta={"table": table, "lang": lang, "date": on.isoformat()},
    )


def _number(value):
    # Decimals as numbers a spreadsheet and JSON read (an int when whole).
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)
