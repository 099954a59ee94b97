"""The columns of a decision file: their names in both languages and what each accepts.

Data, not template text: the reader matches headers against it, `template_file` writes its
header row from it, and the admin's import screen lists it for editors.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.text import fold_text, words
from products.models import CompanyPage, Decision, ProductPage, ProductRecognition


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


@dataclass(frozen=True)
class Column:
    """One column. `key` is its English header (and the `DecisionRow` field it fills)."""

    key: str
    name_vi: str  # the Vietnamese header
    value_required: bool  # a row must fill it
    accepts: str | Promise  # what a cell may hold, for editors (gettext, msgid Vietnamese)
    max_length: int | None = None  # text longer than the model field is a problem
    optional: bool = False  # the column may be left out of the file

    @property
    def name_en(self) -> str:
        return self.key

    def name(self, language: str) -> str:
        return self.name_vi if language == "vi" else self.name_en


_URL_LENGTH = _max_length(CompanyPage, "website")

COLUMNS: tuple[Column, ...] = (
    Column(
        "year",
        "Năm",
        True,
        _("Năm công nhận, 4 chữ số (2005–2100)."),
    ),
    Column(
        "decision_number",
        "Số quyết định",
        True,
        _("Số hiệu quyết định công nhận, ví dụ 5012/QĐ-UBND; ghi “không rõ” nếu nguồn không nêu."),
        _max_length(Decision, "number"),
    ),
    Column(
        "decision_date",
        "Ngày quyết định",
        False,
        _("Ngày ký quyết định, dạng 26/11/2021 hoặc 2021-11-26; có thể để trống."),
    ),
    Column(
        "product_name",
        "Tên sản phẩm",
        False,
        _("Tên sản phẩm được công nhận; để trống nếu nguồn chỉ nêu doanh nghiệp."),
        _max_length(ProductPage, "title"),
    ),
    Column(
        "product_name_en",
        "Tên sản phẩm (tiếng Anh)",
        False,
        _("Tên sản phẩm bằng tiếng Anh; có thể để trống."),
        _max_length(ProductPage, "title"),
    ),
    Column(
        "company_name",
        "Tên doanh nghiệp",
        True,
        _("Tên doanh nghiệp hoặc thương hiệu như nguồn nêu."),
        _max_length(CompanyPage, "title"),
    ),
    Column(
        "company_name_en",
        "Tên doanh nghiệp (tiếng Anh)",
        False,
        _("Tên doanh nghiệp bằng tiếng Anh; có thể để trống."),
        _max_length(CompanyPage, "title"),
    ),
    Column(
        "tax_code",
        "Mã số thuế",
        False,
        _(
            "10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (0101234565-001); để trống "
            "nếu nguồn không nêu. Trong Excel hãy định dạng ô là Văn bản để giữ số 0 ở đầu."
        ),
    ),
    Column(
        "sector",
        "Nhóm ngành",
        False,
        _(
            "Một trong tám nhóm ngành chính thức, có hoặc không dấu, tiếng Việt hoặc tiếng Anh; "
            "bắt buộc khi có tên sản phẩm."
        ),
    ),
    Column(
        "top10",
        "Top 10",
        False,
        _("có/không (yes/no); để trống nếu nguồn không nêu."),
    ),
    Column(
        "unit",
        "Phường/xã",
        False,
        _("Phường/xã hiện hành của Hà Nội, ví dụ “Phường Hoàn Kiếm” hoặc “Hoàn Kiếm”."),
    ),
    Column(
        "address",
        "Địa chỉ",
        False,
        _("Số nhà, đường."),
        _max_length(CompanyPage, "address"),
    ),
    Column(
        "website",
        "Trang web",
        False,
        _("Địa chỉ trang web của doanh nghiệp, bắt đầu bằng http:// hoặc https://."),
        _URL_LENGTH,
    ),
    Column(
        "summary",
        "Tóm tắt",
        False,
        _("Tóm tắt ngắn (văn bản thường)."),
        _max_length(ProductPage, "summary"),
    ),
    Column(
        "summary_en",
        "Tóm tắt (tiếng Anh)",
        False,
        _("Tóm tắt ngắn bằng tiếng Anh."),
        _max_length(ProductPage, "summary"),
    ),
    Column(
        "source_url",
        "Đường dẫn nguồn",
        False,
        _("Trang công bố việc công nhận, bắt đầu bằng http:// hoặc https://."),
        _max_length(ProductRecognition, "source_url"),
        optional=True,
    ),
    Column(
        "note",
        "Ghi chú",
        False,
        _("Điều nguồn nêu hoặc chưa nêu, ví dụ: chưa xác minh tên pháp lý."),
        _max_length(ProductRecognition, "note"),
        optional=True,
    ),
)

COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def header_form(text: str) -> str:
    """How a header is compared: "Tên sản phẩm (tiếng Anh)" -> "ten san pham tieng anh".

    Case, diacritics, brackets and "_" do not count ("product_name_en" = "Product name (EN)").
    """
    return " ".join(words(fold_text(text).replace("_", " ")))


# Each accepted header form -> (column, the language it is written in).
HEADER_FORMS: dict[str, tuple[Column, str]] = {
    header_form(column.name(language)): (column, language)
    for column in COLUMNS
    for language in ("vi", "en")
}
