"""The open-data page: every full download of the site, with its licence and fields.

Editors write the introduction and the licence; the list of datasets (the catalogue of
products, the companies, the recognitions, the statistics per year and per sector), their
links in each format, their fields and the date of the last change come from the exports
themselves (search.catalogue.export, programme.exports), so the page never describes a
column a file does not have.
"""

from django.db.models import Max
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin, public
from core.tabular import FORMATS
from products.models import CompanyPage, ProductPage
from programme.columns import recognition_columns, sector_columns, year_columns
from programme.models.pages import INTRO_FEATURES
from search.catalogue.export import company_columns, product_columns

# What each field holds, by its key in the files (the same key in every format).
FIELD_DESCRIPTIONS = {
    "title": _("Tên trên trang của sản phẩm hoặc doanh nghiệp."),
    "company": _("Doanh nghiệp sản xuất hoặc được công nhận."),
    "sector": _("Nhóm ngành của chương trình."),
    "years": _("Các năm được công nhận, cách nhau bởi dấu chấm phẩy."),
    "year": _("Năm công nhận, hoặc năm của số liệu."),
    "top10": _("Thuộc Top 10 của năm: Có, Không, hoặc để trống khi nguồn không nêu."),
    "recognised_until": _("Ngày cuối cùng còn hiệu lực của lần công nhận gần nhất (YYYY-MM-DD)."),
    "status": _("Còn hiệu lực hay đã hết hiệu lực vào ngày tải về (giờ Hà Nội)."),
    "summary": _("Tóm tắt trên trang."),
    "url": _("Địa chỉ đầy đủ của trang trên cổng thông tin."),
    "company_url": _("Địa chỉ trang của doanh nghiệp."),
    "language": _("Ngôn ngữ của trang (vi, en): trang chưa dịch hiện bằng tiếng Việt."),
    "legal_name": _("Tên đăng ký kinh doanh, khi đã được xác minh."),
    "brand": _("Thương hiệu."),
    "tax_code": _("Mã số thuế."),
    "unit": _("Phường hoặc xã nơi doanh nghiệp đặt trụ sở."),
    "zone": _("Khu hoặc cụm công nghiệp."),
    "product_count": _("Số sản phẩm của doanh nghiệp trong danh mục."),
    "decision": _("Số quyết định công nhận."),
    "decision_date": _("Ngày ký quyết định (YYYY-MM-DD), khi đã biết."),
    "product": _("Sản phẩm được công nhận; để trống khi nguồn không nêu tên."),
    "product_url": _("Địa chỉ trang của sản phẩm, nếu có."),
    "source_url": _("Nguồn công bố."),
    "products": _("Số sản phẩm (theo số liệu công bố, hoặc trong danh mục)."),
    "companies": _("Số doanh nghiệp được công nhận theo số liệu công bố."),
    "registered": _("Số sản phẩm đăng ký xét chọn."),
    "revenue": _("Doanh thu của các sản phẩm được công nhận, tỷ đồng."),
    "exports": _("Kim ngạch xuất khẩu, triệu USD."),
    "catalogue_products": _("Sản phẩm được công nhận năm đó mà danh mục trên trang đang có."),
    "catalogue_companies": _("Doanh nghiệp của những sản phẩm đó."),
    "note": _("Ghi chú về số liệu."),
    "name": _("Tên nhóm ngành."),
}


class OpenDataPage(FoldedSearchMixin, FastServeMixin, Page):
    """The open-data page (/chuong-trinh/du-lieu-mo/): the full downloads of the catalogue,
    companies, recognitions and statistics, under the licence editors write here."""

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)
    licence = RichTextField(
        "Giấy phép",
        features=INTRO_FEATURES,
        blank=True,
        help_text="Điều kiện sử dụng lại dữ liệu, ví dụ: Creative Commons CC BY 4.0.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("licence")]
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [index.SearchField("intro"), index.SearchField("licence")]
    )
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang dữ liệu mở")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lang = self.locale.language_code
        updated = last_catalogue_change(locale=self.locale)
        catalogue = reverse("catalogue_export")
        datasets = [
            (
                pgettext_lazy("open data", "Danh mục sản phẩm"),
                _("Mỗi dòng một sản phẩm."),
                catalogue,
                {},
                product_columns(),
            ),
            (
                pgettext_lazy("open data", "Doanh nghiệp"),
                _("Mỗi dòng một doanh nghiệp."),
                catalogue,
                {"tab": "companies"},
                company_columns(),
            ),
            (
                pgettext_lazy("open data", "Các lần công nhận"),
                _("Mỗi dòng một lần công nhận: năm, quyết định, sản phẩm, doanh nghiệp."),
                reverse("recognitions_export"),
                {},
                recognition_columns(),
            ),
            (
                pgettext_lazy("open data", "Số liệu theo năm"),
                _("Số liệu công bố của từng đợt, cạnh số sản phẩm trong danh mục."),
                reverse("statistics_export"),
                {"table": "years"},
                year_columns(),
            ),
            (
                pgettext_lazy("open data", "Số liệu theo nhóm ngành"),
                _("Số sản phẩm trong danh mục của từng nhóm ngành."),
                reverse("statistics_export"),
                {"table": "sectors"},
                sector_columns(),
            ),
        ]
        context["datasets"] = [
            {
                "title": title,
                "description": description,
                "downloads": [
                    (name.upper(), f"{url}?{urlencode(params | {'lang': lang, 'format': name})}")
                    for name in FORMATS
                ],
                "fields": [
                    (column.label, FIELD_DESCRIPTIONS.get(column.key, "")) for column in columns
                ],
            }
            for title, description, url, params, columns in datasets
        ]
        context["updated"] = updated
        return context


def last_catalogue_change(*, locale):
    """When a public product or company of *locale* was last published (one query)."""
    pages = public(Page.objects.live().type(ProductPage, CompanyPage).filter(locale=locale))
    return pages.aggregate(last=Max("last_published_at"))["last"]
