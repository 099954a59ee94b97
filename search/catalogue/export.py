"""A catalogue view as a download: every result of a search, as CSV, XLSX or JSON.

`GET /api/catalogue/export/?format=csv|xlsx|json&…` takes the catalogue API's parameters
(one form: `ExportQueryForm` is the catalogue's `CatalogueQueryForm` plus `format`) and
writes every result of that search, not one page: the products (with their recognition
status on the query's day) or, with `tab=companies`, the companies. The results are read
from the catalogue service (`service.search`, engine or database path as configured) a
hundred at a time while the body is sent (core.tabular), so memory stays flat.

An export holds at most `CATALOGUE_EXPORT_MAX_ROWS` rows. A search that finds more is refused
before anything is sent (a 400 saying how many it found and what the limit is), never cut
short: a file that silently lacks rows would be taken for the whole. `page` is accepted, as
the API accepts it, and has no effect: an export is every page.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.tabular import FORMATS, Column, format_field
from search.catalogue import service
from search.catalogue.contract import MAX_PER_PAGE, MAX_RESULT_WINDOW, CatalogueQuery
from search.catalogue.parameters import CatalogueQueryForm


class ExportQueryForm(CatalogueQueryForm):
    """The catalogue's parameters, and the format of the download."""

    format = format_field()

    def __init__(self, data, *, language: str | None = None):
        super().__init__(data, language=language)
        self._unknown = [name for name in self._unknown if name != "format"]

    def clean(self):
        cleaned = super().clean()
        cleaned["format"] = cleaned.get("format") or FORMATS[0]
        return cleaned


class ExportTooLarge(Exception):
    def __init__(self, count: int, limit: int):
        super().__init__(count, limit)
        self.count, self.limit = count, limit

    def message(self) -> str:
        return _(
            "Tìm kiếm này có %(count)s kết quả, nhiều hơn %(limit)s dòng một lần tải về được; "
            "hãy thu hẹp bằng từ khoá hoặc bộ lọc, hoặc tải toàn bộ ở trang Dữ liệu mở."
        ) % {"count": self.count, "limit": self.limit}


def max_rows() -> int:
    # The engine pages no deeper than its result window, so neither may an export.
    return min(settings.CATALOGUE_EXPORT_MAX_ROWS, MAX_RESULT_WINDOW)


@dataclass
class CatalogueExport:
    query: CatalogueQuery
    count: int
    columns: list[Column]
    rows: Iterator[dict]
    filename: str


def status_labels() -> dict:
    """A result's status in words, in the active language (a column's `text`)."""
    return {
        "current": pgettext("export", "Đang được công nhận"),
        "expired": pgettext("export", "Hết hiệu lực"),
    }


def yes_no() -> dict:
    return {True: pgettext("export", "Có"), False: pgettext("export", "Không")}


def product_columns() -> list[Column]:
    """The products' columns, headed in the active language.

    Headers have a context of their own ("Doanh nghiệp" is "Company" here, "Companies" on a
    tab). Cell words are translated now: rows are written after the view has returned,
    outside its language."""
    return [
        Column("title", pgettext("export column", "Sản phẩm")),
        Column("company", pgettext("export column", "Doanh nghiệp")),
        Column("sector", pgettext("export column", "Nhóm ngành")),
        Column("years", pgettext("export column", "Năm công nhận")),
        Column("top10", pgettext("export column", "Top 10"), yes_no().get),
        Column("recognised_until", pgettext("export column", "Công nhận đến")),
        Column("status", pgettext("export column", "Tình trạng"), status_labels().get),
        Column("summary", pgettext("export column", "Tóm tắt")),
        Column("url", pgettext("export column", "Địa chỉ trang")),
        Column("company_url", pgettext("export column", "Địa chỉ trang doanh nghiệp")),
        Column("language", pgettext("export column", "Ngôn ngữ")),
    ]


def company_columns() -> list[Column]:
    return [
        Column("title", pgettext("export column", "Doanh nghiệp")),
        Column("legal_name", pgettext("export column", "Tên đăng ký")),
        Column("brand", pgettext("export column", "Thương hiệu")),
        Column("tax_code", pgettext("export column", "Mã số thuế")),
        Column("unit", pgettext("export column", "Phường/xã")),
        Column("zone", pgettext("export column", "Khu, cụm công nghiệp")),
        Column("product_count", pgettext("export column", "Số sản phẩm")),
        Column("years", pgettext("export column", "Năm công nhận")),
        Column("recognised_until", pgettext("export column", "Công nhận đến")),
        Column("status", pgettext("export column", "Tình trạng"), status_labels().get),
        Column("summary", pgettext("export column", "Tóm tắt")),
        Column("url", pgettext("export column", "Địa chỉ trang")),
        Column("language", pgettext("export column", "Ngôn ngữ")),
    ]


def _absolute(root: str, url: str | None) -> str:
    return f"{root}{url}" if url and url.startswith("/") else url or ""


def product_row(result: dict, *, root: str) -> dict:
    company = result.get("company") or {}
    sector = result.get("sector") or {}
    return {
        "title": result["title"],
        "company": company.get("name") or "",
        "sector": sector.get("label") or "",
        "years": result["years"],
        "top10": result["top10"],
        "recognised_until": result["recognised_until"],
        "status": result["status"],
        "summary": result.get("summary") or "",
        "url": _absolute(root, result["url"]),
        "company_url": _absolute(root, company.get("url")),
        "language": result["language"],
    }


# A company result's fields the export writes (company_columns' keys, the URL made absolute).
COMPANY_FIELDS = (
    "title",
    "legal_name",
    "brand",
    "tax_code",
    "unit",
    "zone",
    "product_count",
    "years",
    "recognised_until",
    "status",
    "summary",
    "language",
)


def company_row(result: dict, *, root: str) -> dict:
    return {key: result.get(key) for key in COMPANY_FIELDS} | {
        "url": _absolute(root, result["url"])
    }


def catalogue_export(query: CatalogueQuery, *, root: str) -> CatalogueExport:
    """Every result of *query* as rows (read a page at a time as they are consumed); raises
    ExportTooLarge past `max_rows()`. *root*: scheme and host that page URLs are made
    absolute with."""
    query = replace(query, page=1, per_page=MAX_PER_PAGE, facets=False)
    companies = query.tab == "companies"
    first = service.search(query)
    count = _shown(first.data, companies)["count"]
    if count > max_rows():
        raise ExportTooLarge(count, max_rows())

    def rows():
        answer, page = first, 1
        make_row = company_row if companies else product_row
        while True:
            shown = _shown(answer.data, companies)
            for result in shown["results"]:
                yield make_row(result, root=root)
            if page >= shown["num_pages"] or not shown["results"]:
                return
            page += 1
            try:
                answer = service.search(replace(query, page=page))
            except service.PageOutOfRange:
                # Products left the catalogue while the file was being written: it ends here.
                return

    if companies:
        tab = pgettext("export file name", "doanh-nghiep")
    else:
        tab = pgettext("export file name", "san-pham")
    return CatalogueExport(
        query=query,
        count=count,
        columns=company_columns() if companies else product_columns(),
        rows=rows(),
        filename=f"spcncl-{tab}-{query.today.isoformat()}",
    )


def _shown(data: dict, companies: bool) -> dict:
    return data["companies"] if companies else data


def export_meta(export: CatalogueExport) -> dict:
    """What a JSON export says about itself."""
    query = export.query
    return {
        "count": export.count,
        "lang": query.lang,
        "q": query.q,
        "filters": {group: list(values) for group, values in query.filters.items()},
        "status": query.status,
        "sort": query.sort,
        "tab": query.tab,
        "date": query.today.isoformat(),
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
