"""The downloadable template of a decision file: the header and one marked sample row.

The sample is valid (the reader accepts the template as it is, which the tests check), and
says in its names and its note that it is to be deleted.
"""

import csv
import datetime
import io

import openpyxl
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl.styles import Font

from products.importing.columns import COLUMNS

FORMATS = ("csv", "xlsx")
LANGUAGES = ("vi", "en")

_SAMPLE = {
    "vi": {
        "year": 2021,
        "decision_number": "0000/QĐ-UBND",
        "decision_date": "26/11/2021",
        "product_name": "Sản phẩm mẫu (xoá dòng này trước khi nhập)",
        "product_name_en": "Sample product (delete this row before importing)",
        "company_name": "Công ty mẫu (xoá dòng này trước khi nhập)",
        "company_name_en": "Sample Company",
        "tax_code": "0101234565",
        "sector": "Điện, điện tử",
        "top10": "không",
        "unit": "Phường Hoàn Kiếm",
        "address": "Số 1 phố Mẫu",
        "website": "https://example.com",
        "summary": "Tóm tắt mẫu về sản phẩm.",
        "summary_en": "A sample summary of the product.",
        "source_url": "https://example.com/cong-bo",
        "note": "DÒNG MẪU: xoá dòng này trước khi nhập.",
    },
    "en": {
        "year": 2021,
        "decision_number": "0000/QĐ-UBND",
        "decision_date": "2021-11-26",
        "product_name": "Sản phẩm mẫu (xoá dòng này trước khi nhập)",
        "product_name_en": "Sample product (delete this row before importing)",
        "company_name": "Công ty mẫu (xoá dòng này trước khi nhập)",
        "company_name_en": "Sample Company",
        "tax_code": "0101234565",
        "sector": "Electrical and electronics",
        "top10": "no",
        "unit": "Hoan Kiem Ward",
        "address": "Số 1 phố Mẫu",
        "website": "https://example.com",
        "summary": "Tóm tắt mẫu về sản phẩm.",
        "summary_en": "A sample summary of the product.",
        "source_url": "https://example.com/announcement",
        "note": "SAMPLE ROW: delete this row before importing.",
    },
}


def template_file(*, file_format: str, language: str) -> bytes:
    """The template in *file_format* ("csv" or "xlsx"), headers in *language* ("vi", "en")."""
    if file_format not in FORMATS or language not in LANGUAGES:
        raise ValueError(f"No template in {file_format!r} for {language!r}")
    header = [column.name(language) for column in COLUMNS]
    sample = [_SAMPLE[language][column.key] for column in COLUMNS]
    if file_format == "csv":
        return _csv(header, sample)
    return _xlsx(header, sample, language)


def _csv(header: list[str], sample: list[object]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(sample)
    # The BOM makes Excel open the file as UTF-8 rather than in the regional code page.
    return text.getvalue().encode("utf-8-sig")


def _xlsx(header: list[str], sample: list[object], language: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Quyết định" if language == "vi" else "Decision"
    sheet.append(header)
    sheet.append(sample)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=2, column=index)
        if column.key == "decision_date":
            cell.value = datetime.date(2021, 11, 26)
            cell.number_format = "DD/MM/YYYY"
        if column.key == "tax_code":
            cell.number_format = "@"  # text, so Excel keeps the leading 0
        sheet.column_dimensions[cell.column_letter].width = max(14, len(header[index - 1]) + 4)
    sheet.freeze_panes = "A2"
    _describe_columns(workbook, language)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _describe_columns(workbook, language: str) -> None:
    """A second sheet listing what each column accepts (the reader reads only the first)."""
    with translation.override(language):
        sheet = workbook.create_sheet(str(_("Hướng dẫn các cột")))
        sheet.append([str(_("Cột")), str(_("Bắt buộc")), str(_("Nhận giá trị"))])
        for column in COLUMNS:
            required = _("Có") if column.value_required else ""
            sheet.append([column.name(language), str(required), str(column.accepts)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["C"].width = 100
