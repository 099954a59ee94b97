"""The columns of the programme's downloads (programme.exports), which the open-data page
describes too (programme.models.open_data): headers in the active language."""

from django.utils.translation import pgettext

from core.tabular import Column


def recognition_columns() -> list[Column]:
    """Headed in the active language; cell words translated now (see core.tabular)."""
    statuses = {
        "current": pgettext("export", "Đang được công nhận"),
        "expired": pgettext("export", "Hết hiệu lực"),
    }
    yes_no = {True: pgettext("export", "Có"), False: pgettext("export", "Không")}
    return [
        Column("year", pgettext("export column", "Năm công nhận")),
        Column("decision", pgettext("export column", "Quyết định")),
        Column("decision_date", pgettext("export column", "Ngày quyết định")),
        Column("product", pgettext("export column", "Sản phẩm")),
        Column("company", pgettext("export column", "Doanh nghiệp")),
        Column("top10", pgettext("export column", "Top 10"), yes_no.get),
        Column("recognised_until", pgettext("export column", "Công nhận đến")),
        Column("status", pgettext("export column", "Tình trạng"), statuses.get),
        Column("product_url", pgettext("export column", "Địa chỉ trang")),
        Column("company_url", pgettext("export column", "Địa chỉ trang doanh nghiệp")),
        Column("source_url", pgettext("export column", "Nguồn")),
    ]


def year_columns() -> list[Column]:
    return [
        Column("year", pgettext("export column", "Năm")),
        Column("products", pgettext("export column", "Sản phẩm được công nhận (công bố)")),
        Column("companies", pgettext("export column", "Doanh nghiệp được công nhận (công bố)")),
        Column("registered", pgettext("export column", "Sản phẩm đăng ký")),
        Column("revenue", pgettext("export column", "Doanh thu (tỷ đồng)")),
        Column("exports", pgettext("export column", "Xuất khẩu (triệu USD)")),
        Column("catalogue_products", pgettext("export column", "Sản phẩm trong danh mục")),
        Column("catalogue_companies", pgettext("export column", "Doanh nghiệp trong danh mục")),
        Column("note", pgettext("export column", "Ghi chú")),
        Column("source_url", pgettext("export column", "Nguồn")),
    ]


def sector_columns() -> list[Column]:
    return [
        Column("sector", pgettext("export column", "Mã nhóm ngành")),
        Column("name", pgettext("export column", "Nhóm ngành")),
        Column("products", pgettext("export column", "Sản phẩm trong danh mục")),
    ]
