"""The decision file reader (products.importing.reader): what it accepts, and every way a
file is rejected, with the problem's row, column, value, message and suggestion."""

import csv
import datetime
import io
import unicodedata
import zipfile

import openpyxl
import pytest
from django.test import override_settings
from django.utils import translation

from home.demo.loader import IMPORT_PATH
from products.importing import sheet as sheet_module
from products.importing.columns import COLUMNS
from products.importing.reader import read_decision_file, template_file
from products.importing.rows import ImportRejected
from products.services import sync_administrative_units

DEMO_FILE = IMPORT_PATH
RESEARCH_FILE = IMPORT_PATH.parent / "recognized_products.csv"
KEYS = [column.key for column in COLUMNS]
HOAN_KIEM = 70  # the national code of Phường Hoàn Kiếm

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _units(db):
    sync_administrative_units()


def row(**changes) -> dict:
    """One valid row, as typed in a file; *changes* replace cells."""
    cells = {
        "year": "2021",
        "decision_number": "5012/QĐ-UBND",
        "decision_date": "26/11/2021",
        "product_name": "Đèn LED Rạng Đông",
        "product_name_en": "Rạng Đông LED lighting",
        "company_name": "Rạng Đông",
        "company_name_en": "Rang Dong",
        "tax_code": "0101245486",
        "sector": "Điện, điện tử",
        "top10": "có",
        "unit": "Phường Hoàn Kiếm",
        "address": "87 Hạ Đình",
        "website": "https://rangdong.com.vn",
        "summary": "Đèn LED.",
        "summary_en": "LED lighting.",
        "source_url": "https://tapchicongthuong.vn/bai-viet/a.htm",
        "note": "",
    }
    cells.update(changes)
    return cells


def csv_bytes(*rows: dict, header: list[str] | None = None, bom: bool = False) -> bytes:
    header = header or KEYS
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(header)
    for cells in rows:
        writer.writerow([cells.get(key, "") for key in KEYS][: len(header)])
    return ("\ufeff" if bom else "").encode() + output.getvalue().encode()


def read(content: bytes, filename: str = "quyet-dinh.csv"):
    return read_decision_file(content=content, filename=filename)


def problems_of(content: bytes, filename: str = "quyet-dinh.csv") -> list[tuple]:
    """(line, column, value, message, suggestion) of every problem; the file must be rejected."""
    with pytest.raises(ImportRejected) as rejected:
        read(content, filename)
    return [
        (p.line, p.column, p.value, str(p.message), p.suggestion) for p in rejected.value.problems
    ]


def only_problem(content: bytes, filename: str = "quyet-dinh.csv") -> tuple:
    problems = problems_of(content, filename)
    assert len(problems) == 1, problems
    return problems[0]


def xlsx_bytes(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header or KEYS)
    for cells in rows:
        sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- What is accepted -----------------------------------------------------------------------


def test_a_valid_row_is_typed_and_normalised():
    (result,) = read(csv_bytes(row(company_name=unicodedata.normalize("NFD", " Rạng Đông  "))))
    assert result.line == 2
    assert (result.year, result.decision_number, result.decision_date) == (
        2021,
        "5012/QĐ-UBND",
        datetime.date(2021, 11, 26),
    )
    assert result.company_name == "Rạng Đông"  # NFC and stripped
    assert unicodedata.is_normalized("NFC", result.company_name)
    assert (result.tax_code, result.sector_slug, result.top10, result.unit_code) == (
        "0101245486",
        "dien-dien-tu",
        True,
        HOAN_KIEM,
    )


def test_csv_reads_the_same_with_and_without_a_byte_order_mark():
    assert read(csv_bytes(row(), bom=True)) == read(csv_bytes(row()))


def test_a_semicolon_separated_csv_is_read():
    text = csv_bytes(row()).decode().replace(",", ";")
    assert read(text.encode())[0].company_name == "Rạng Đông"


def test_vietnamese_headers_match_with_or_without_diacritics_and_case():
    header = [column.name_vi for column in COLUMNS]
    header[0] = "NĂM"
    header[5] = "ten doanh nghiep"
    (result,) = read(csv_bytes(row(), header=header))
    assert (result.year, result.company_name) == (2021, "Rạng Đông")


def test_the_optional_columns_may_be_left_out():
    header = [key for key in KEYS if key not in {"source_url", "note"}]
    (result,) = read(csv_bytes(row(), header=header))
    assert (result.source_url, result.note) == ("", "")


def test_a_row_without_a_product_is_the_companys_own_recognition():
    (result,) = read(csv_bytes(row(product_name="", product_name_en="", sector="")))
    assert (result.product_name, result.sector_slug) == (None, "")


def test_empty_optional_cells():
    (result,) = read(
        csv_bytes(row(decision_date="", tax_code="", top10="", unit="", website="", note=""))
    )
    assert (result.decision_date, result.tax_code, result.top10, result.unit_code) == (
        None,
        "",
        None,
        None,
    )


def test_an_unknown_decision_number_is_written_as_such():
    (result,) = read(csv_bytes(row(decision_number="Không rõ", decision_date="")))
    assert result.decision_number == ""


@pytest.mark.parametrize(
    "text",
    [
        "Điện, điện tử",
        "dien dien tu",
        "ĐIỆN, ĐIỆN TỬ",
        "Electrical and electronics",
        "dien-dien-tu",
    ],
)
def test_sectors_by_official_name_english_name_or_slug(text):
    assert read(csv_bytes(row(sector=text)))[0].sector_slug == "dien-dien-tu"


def test_a_sector_may_carry_the_word_cong_nghiep():
    result = read(csv_bytes(row(sector="Công nghiệp cơ khí, chế tạo")))[0]
    assert result.sector_slug == "co-khi-che-tao"
    assert read(csv_bytes(row(sector="co khi, che tao")))[0].sector_slug == "co-khi-che-tao"


@pytest.mark.parametrize("text", ["Phường Hoàn Kiếm", "Hoàn Kiếm", "hoan kiem", "Hoan Kiem Ward"])
def test_units_with_or_without_their_kind_and_diacritics(text):
    assert read(csv_bytes(row(unit=text)))[0].unit_code == HOAN_KIEM


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("có", True),
        ("Có", True),
        ("co", True),
        ("yes", True),
        ("TRUE", True),
        ("1", True),
        ("không", False),
        ("no", False),
        ("false", False),
        ("0", False),
        ("", None),
        ("không rõ", None),
        ("unknown", None),
    ],
)
def test_top10_answers(text, value):
    assert read(csv_bytes(row(top10=text)))[0].top10 is value


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("0101245486", "0101245486"),
        ("0101245486-001", "0101245486-001"),
        ("0101245486001", "0101245486-001"),
        (" 0101 245 486 ", "0101245486"),
    ],
)
def test_tax_codes_are_stored_as_the_model_validates_them(text, stored):
    assert read(csv_bytes(row(tax_code=text)))[0].tax_code == stored


@pytest.mark.parametrize("text", ["2021-11-26", "26/11/2021", "26/11/2021 ".strip(), "2021-11-6"])
def test_decision_dates_in_both_forms(text):
    result = read(csv_bytes(row(decision_date=text)))[0].decision_date
    assert result.year == 2021 and result.month == 11


def test_formulas_and_html_are_kept_as_typed_text():
    typed = {
        "summary": "<script>alert('x')</script> <b>Đèn</b>",
        "summary_en": '=HYPERLINK("http://evil.example","click")',
        "address": "+cmd|' /C calc'!A0",
        "note": "@SUM(1+1)",
        "product_name_en": "=1+1",
    }
    (result,) = read(csv_bytes(row(**typed)))
    assert result.summary == "<script>alert('x')</script> <b>Đèn</b>"
    assert result.summary_en == '=HYPERLINK("http://evil.example","click")'
    assert (result.address, result.note, result.product_name_en) == (
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "=1+1",
    )


def test_blank_rows_are_skipped_and_lines_count_as_the_editor_sees_them():
    content = csv_bytes(row(), row(company_name="B", tax_code=""), row(company_name="C"))
    lines = content.decode().split("\r\n")
    content = "\r\n".join([lines[0], lines[1], ",,,", lines[2], lines[3]]).encode()
    problems = problems_of(content)
    # row 5 (C) repeats row 2's tax code with another company
    assert [(line, column) for line, column, *_ in problems] == [(5, "tax_code")]


def test_a_quoted_cell_over_several_lines_is_one_row():
    content = csv_bytes(row(note="dòng một\ndòng hai"), row(year="1999", company_name="B"))
    ((line, column, value, _message, _suggestion),) = problems_of(content)
    assert (line, column, value) == (3, "year", "1999")


# --- XLSX -----------------------------------------------------------------------------------


def test_a_real_spreadsheet_gives_proper_values():
    cells = row()
    typed = {
        "year": 2021.0,  # a number cell, as Excel stores it
        "decision_date": datetime.datetime(2021, 11, 26),
        "tax_code": 101245486,  # a number cell: its leading 0 is lost
        "top10": True,
        "summary": '=HYPERLINK("http://evil.example","click")',
        "note": "<script>alert(1)</script>",
    }
    cells.update(typed)
    content = xlsx_bytes([[cells[key] for key in KEYS], [], [cells[key] for key in KEYS]])
    problems = problems_of(content, "quyet-dinh.xlsx")
    # the blank row 3 is skipped; row 4 repeats row 2
    assert [(line, column) for line, column, *_ in problems] == [(4, "product_name")]
    (result,) = read(xlsx_bytes([[cells[key] for key in KEYS]]), "quyet-dinh.xlsx")
    assert (result.year, result.decision_date, result.top10) == (
        2021,
        datetime.date(2021, 11, 26),
        True,
    )
    assert result.tax_code == "0101245486"
    assert result.summary == '=HYPERLINK("http://evil.example","click")'  # never computed
    assert result.note == "<script>alert(1)</script>"


def test_a_spreadsheet_number_that_is_no_tax_code_even_with_its_zero():
    cells = row(tax_code=101245487)
    line, column, value, message, _suggestion = only_problem(
        xlsx_bytes([[cells[key] for key in KEYS]]), "a.xlsx"
    )
    assert (line, column, value) == (2, "tax_code", "101245487")
    assert message == "Mã số thuế sai chữ số kiểm tra (chữ số thứ 10)."


def test_a_spreadsheet_with_only_a_header_is_rejected():
    assert only_problem(xlsx_bytes([]), "a.xlsx")[3] == (
        "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."
    )


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(monkeypatch):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open a zip bomb")

    monkeypatch.setattr(sheet_module.openpyxl, "load_workbook", never)
    line, column, value, message, _suggestion = only_problem(output.getvalue(), "bom.xlsx")
    assert line is None
    assert message.startswith("Bảng tính này khi giải nén sẽ quá lớn (20,0\xa0MB)")


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"this is not a spreadsheet at all", "quyet-dinh.xlsx"),
        (b"year,decision_number\n2021,5012/QD-UBND\n", "quyet-dinh.xlsx"),  # a CSV named .xlsx
    ],
)
def test_an_xlsx_name_on_something_else_is_rejected(content, filename):
    assert only_problem(content, filename)[3].startswith(
        "Tệp có đuôi .xlsx nhưng không phải bảng tính Excel (XLSX)."
    )


def test_a_zip_that_is_not_a_spreadsheet_is_rejected():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    assert only_problem(output.getvalue(), "a.xlsx")[3] == (
        "Tệp nén này không phải bảng tính Excel (XLSX). Hãy tải lên tệp .xlsx hoặc CSV."
    )


def test_a_damaged_spreadsheet_is_rejected_clearly():
    content = xlsx_bytes([list(row().values())])
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as original,
        zipfile.ZipFile(output, "w") as damaged,
    ):
        for part in original.infolist():
            data = original.read(part)
            damaged.writestr(part, b"<oops" if part.filename == "xl/workbook.xml" else data)
    assert only_problem(output.getvalue(), "a.xlsx")[3] == (
        "Không đọc được bảng tính: tệp XLSX bị hỏng. Hãy mở bằng Excel và lưu lại."
    )


def test_a_password_protected_workbook_is_rejected_clearly():
    # Excel stores an encrypted .xlsx (and an old .xls) as an OLE2 compound file.
    content = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512
    assert only_problem(content, "a.xlsx")[3].startswith(
        "Tệp là bảng tính Excel có đặt mật khẩu hoặc ở định dạng .xls cũ."
    )


# --- The file as a whole --------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\r\n"])
def test_an_empty_file_is_rejected(content):
    assert only_problem(content) == (None, "", "", "Tệp trống.", "")


def test_a_file_with_only_a_header_is_rejected():
    assert only_problem(csv_bytes())[3] == "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."


def test_a_file_over_the_size_limit_is_rejected():
    content = csv_bytes(row())
    with override_settings(RECOGNITION_IMPORT_MAX_BYTES=len(content) - 1):
        assert only_problem(content)[3] == (
            f"Tệp quá lớn ({len(content)}\xa0byte); giới hạn là {len(content) - 1}\xa0byte."
        )
    with override_settings(RECOGNITION_IMPORT_MAX_BYTES=len(content)):
        assert read(content)


@override_settings(RECOGNITION_IMPORT_MAX_ROWS=2)
def test_a_file_over_the_row_limit_is_rejected():
    content = csv_bytes(row(), row(company_name="B", tax_code=""), row(company_name="C"))
    assert only_problem(content)[3] == "Tệp có hơn 2 dòng dữ liệu; hãy chia thành nhiều tệp."


def cp1258(text: str) -> bytes:
    """*text* as a Windows Vietnamese (cp1258) editor saves it: tone marks stay combining."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    letters = []
    for character in text:
        base, *marks = unicodedata.normalize("NFD", character)
        kept = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in tones))
        letters.append(kept + "".join(m for m in marks if m in tones))
    return "".join(letters).encode("cp1258")


def test_a_windows_1258_file_is_rejected_naming_its_encoding():
    content = cp1258(csv_bytes(row(), row(product_name="Dây và cáp điện Cadisun")).decode())
    assert cp1258("Rạng Đông").decode("cp1258") != "Rạng Đông"  # really another encoding
    message = only_problem(content)[3]
    assert message == (
        "Tệp không phải UTF-8 (phát hiện: windows-1258). Hãy lưu lại tệp dạng “CSV UTF-8” "
        "rồi tải lên lại."
    )
    with translation.override("en"):
        assert str(problems_of_lazy(content)[0].message) == (
            "The file is not UTF-8 (detected: windows-1258). Save it again as “CSV UTF-8” "
            "and upload it again."
        )


def problems_of_lazy(content: bytes, filename: str = "quyet-dinh.csv"):
    with pytest.raises(ImportRejected) as rejected:
        read(content, filename)
    return rejected.value.problems


def test_messages_are_translated_when_shown_not_when_read():
    (problem,) = problems_of_lazy(csv_bytes(row(sector="Điện tư va mây")))
    assert str(problem.message) == "Nhóm ngành không có trong danh mục chính thức."
    with translation.override("en"):
        assert str(problem.message) == "This sector is not one of the official groups."


# --- The header -----------------------------------------------------------------------------


def test_an_unknown_column_is_named_with_the_closest_valid_one():
    header = list(KEYS)
    header[5] = "compnay_name"
    problems = problems_of(csv_bytes(row(), header=header))
    assert (1, "compnay_name", "compnay_name", "Cột không có trong mẫu nhập.", "company_name") in (
        problems
    )
    assert (1, "company_name", "", "Thiếu cột “company_name”.", "") in problems


def test_an_unknown_vietnamese_column_is_named_with_the_closest_vietnamese_one():
    header = [column.name_vi for column in COLUMNS]
    header[7] = "Mã thuế"
    problems = problems_of(csv_bytes(row(), header=header))
    assert (1, "Mã thuế", "Mã thuế", "Cột không có trong mẫu nhập.", "Mã số thuế") in problems
    assert (1, "Mã số thuế", "", "Thiếu cột “Mã số thuế”.", "") in problems


def test_a_file_in_the_old_demo_format_is_told_which_columns_to_rename():
    problems = problems_of(RESEARCH_FILE.read_bytes())
    assert (
        1,
        "product_name_vi",
        "product_name_vi",
        "Cột không có trong mẫu nhập.",
        "product_name",
    ) in problems
    assert (1, "decision_number", "", "Thiếu cột “decision_number”.", "") in problems
    assert all(line == 1 for line, *_ in problems)  # no row is blamed for its header


def test_a_column_given_twice_is_rejected():
    header = [*KEYS, "Năm"]
    assert problems_of(csv_bytes(row(), header=header)) == [
        (1, "Năm", "Năm", "Cột này trùng với cột A.", "")
    ]


def test_data_under_no_header_is_rejected():
    content = csv_bytes(row()).replace(b"\r\n", b",,extra\r\n").replace(b",,extra", b"", 1)
    assert only_problem(content) == (1, "S", "", "Cột S có dữ liệu nhưng không có tiêu đề.", "")


# --- Cells ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "column", "value", "message", "suggestion"),
    [
        ({"year": "2004"}, "year", "2004", "Năm phải trong khoảng 2005–2100.", ""),
        ({"year": "2101"}, "year", "2101", "Năm phải trong khoảng 2005–2100.", ""),
        ({"year": "20x1"}, "year", "20x1", "Năm phải là một số có 4 chữ số, ví dụ 2021.", ""),
        ({"year": "²⁰²¹"}, "year", "²⁰²¹", "Năm phải là một số có 4 chữ số, ví dụ 2021.", ""),
        ({"year": ""}, "year", "", "Thiếu năm công nhận.", ""),
        (
            {"decision_number": ""},
            "decision_number",
            "",
            "Thiếu số quyết định. Nếu nguồn không nêu, hãy ghi “không rõ”.",
            "không rõ",
        ),
        (
            {"decision_date": "31/02/2021"},
            "decision_date",
            "31/02/2021",
            "Ngày này không có trên lịch.",
            "",
        ),
        (
            {"decision_date": "2021/11/26"},
            "decision_date",
            "2021/11/26",
            "Ngày phải có dạng 26/11/2021 hoặc 2021-11-26.",
            "",
        ),
        (
            {"decision_date": "26/11/1999"},
            "decision_date",
            "26/11/1999",
            "Ngày phải trong khoảng năm 2005–2100.",
            "",
        ),
        (
            {"tax_code": "0101245487"},
            "tax_code",
            "0101245487",
            "Mã số thuế sai chữ số kiểm tra (chữ số thứ 10).",
            "",
        ),
        (
            {"tax_code": "101245486"},
            "tax_code",
            "101245486",
            "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
            "(ví dụ 0101245486 hoặc 0101245486-001).",
            "0101245486",
        ),
        (
            {"tax_code": "MST 12"},
            "tax_code",
            "MST 12",
            "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
            "(ví dụ 0101245486 hoặc 0101245486-001).",
            "",
        ),
        (
            {"sector": "Điện tư va mây"},
            "sector",
            "Điện tư va mây",
            "Nhóm ngành không có trong danh mục chính thức.",
            "Điện, điện tử",
        ),
        (
            {"sector": "Textiles and garments"},
            "sector",
            "Textiles and garments",
            "Nhóm ngành không có trong danh mục chính thức.",
            "Textiles, garments, leather and footwear",
        ),
        (
            {"sector": ""},
            "sector",
            "",
            "Thiếu nhóm ngành: bắt buộc khi dòng có tên sản phẩm.",
            "",
        ),
        (
            {"unit": "Hoàn Kiếmm"},
            "unit",
            "Hoàn Kiếmm",
            "Phường/xã không có trong danh mục phường/xã hiện hành của Hà Nội.",
            "Phường Hoàn Kiếm",
        ),
        (
            {"top10": "có lẽ"},
            "top10",
            "có lẽ",
            "Top 10 chỉ nhận “có”, “không” (yes/no) hoặc để trống nếu chưa rõ.",
            "có",
        ),
        (
            {"website": "javascript:alert(1)"},
            "website",
            "javascript:alert(1)",
            "Chỉ nhận địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://.",
            "",
        ),
        (
            {"website": "www.rangdong.com.vn"},
            "website",
            "www.rangdong.com.vn",
            "Chỉ nhận địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://.",
            "https://www.rangdong.com.vn",
        ),
        (
            {"source_url": "data:text/html,<script>alert(1)</script>"},
            "source_url",
            "data:text/html,<script>alert(1)</script>",
            "Chỉ nhận địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://.",
            "",
        ),
        ({"company_name": ""}, "company_name", "", "Thiếu tên doanh nghiệp.", ""),
        (
            {"product_name": "Đ" * 256},
            "product_name",
            "Đ" * 119 + "…",
            "Dài 256 ký tự; tối đa 255 ký tự.",
            "",
        ),
        (
            {"summary": "x" * 401},
            "summary",
            "x" * 119 + "…",
            "Dài 401 ký tự; tối đa 400 ký tự.",
            "",
        ),
        (
            {"note": "x" * 1001},
            "note",
            "x" * 119 + "…",
            "Dài 1001 ký tự; tối đa 1000 ký tự.",
            "",
        ),
    ],
)
def test_a_bad_cell_is_reported_at_its_row_and_column(cells, column, value, message, suggestion):
    content = csv_bytes(row(), row(**{"company_name": "Cadisun", "tax_code": "", **cells}))
    assert only_problem(content) == (3, column, value, message, suggestion)


def test_problems_name_the_column_as_the_file_does():
    header = [column.name_vi for column in COLUMNS]
    assert only_problem(csv_bytes(row(year="1999"), header=header))[:3] == (2, "Năm", "1999")


def test_every_problem_is_listed_and_nothing_is_returned():
    content = csv_bytes(
        row(year="1999"),
        row(company_name="B", tax_code="", sector="?", top10="maybe"),
        row(company_name="C", tax_code="", website="ftp://x"),
    )
    problems = problems_of(content)
    assert [(line, column) for line, column, *_ in problems] == [
        (2, "year"),
        (3, "sector"),
        (3, "top10"),
        (4, "website"),
    ]


def test_english_messages():
    content = csv_bytes(row(), row(company_name="B", tax_code="", year="1999"))
    with translation.override("en"):
        (problem,) = problems_of_lazy(content)
        assert str(problem.message) == "The year must be between 2005 and 2100."
        header = list(KEYS)
        header[5] = "compnay_name"
        messages = [str(p.message) for p in problems_of_lazy(csv_bytes(row(), header=header))]
        assert messages == [
            "This column is not one of the template's.",
            "The column “company_name” is missing.",
        ]


# --- Rows against each other ----------------------------------------------------------------


def test_a_duplicate_row_is_rejected_even_with_other_case_and_diacritics():
    content = csv_bytes(row(), row(product_name="đèn led rang dong", company_name="RẠNG ĐÔNG"))
    assert only_problem(content) == (
        3,
        "product_name",
        "đèn led rang dong",
        "Trùng với dòng 2: cùng năm, doanh nghiệp và sản phẩm.",
        "",
    )


def test_the_same_product_in_another_year_is_no_duplicate():
    content = csv_bytes(row(), row(year="2024", decision_number="không rõ", decision_date=""))
    assert [result.year for result in read(content)] == [2021, 2024]


def test_one_tax_code_for_two_companies_is_rejected():
    content = csv_bytes(row(), row(product_name="Phích nước", company_name="Cadisun"))
    assert only_problem(content) == (
        3,
        "tax_code",
        "0101245486",
        "Mã số thuế này đã dùng cho doanh nghiệp “Rạng Đông” ở dòng 2.",
        "",
    )


def test_one_company_with_two_tax_codes_is_rejected():
    content = csv_bytes(row(), row(product_name="Phích nước", tax_code="0100109106"))
    assert only_problem(content) == (
        3,
        "company_name",
        "Rạng Đông",
        "Doanh nghiệp này đã có mã số thuế 0101245486 ở dòng 2.",
        "",
    )


def test_a_company_may_give_its_tax_code_on_one_row_only():
    content = csv_bytes(row(), row(product_name="Phích nước", tax_code=""))
    assert len(read(content)) == 2


def test_one_decision_with_two_dates_is_rejected():
    content = csv_bytes(
        row(), row(product_name="Phích nước", decision_date="2021-11-27"), row(product_name="X")
    )
    assert only_problem(content) == (
        3,
        "decision_date",
        "27/11/2021",
        "Quyết định 5012/QĐ-UBND đã ghi ngày 26/11/2021 ở dòng 2.",
        "26/11/2021",
    )


def test_a_decision_may_give_its_date_on_one_row_only():
    content = csv_bytes(row(), row(product_name="Phích nước", decision_date=""))
    assert [result.decision_date for result in read(content)] == [
        datetime.date(2021, 11, 26),
        None,
    ]


def test_one_decision_in_two_years_is_rejected():
    content = csv_bytes(row(), row(product_name="Phích nước", year="2022", decision_date=""))
    assert only_problem(content) == (
        3,
        "year",
        "2022",
        "Quyết định 5012/QĐ-UBND đã ghi năm 2021 ở dòng 2.",
        "2021",
    )


def test_unknown_decision_numbers_do_not_contradict_each_other():
    content = csv_bytes(
        row(decision_number="không rõ", decision_date="2019-01-01", year="2019"),
        row(
            decision_number="không rõ", decision_date="", year="2022", company_name="B", tax_code=""
        ),
    )
    assert len(read(content)) == 2


def test_the_wards_are_read_once_per_file(django_assert_num_queries):
    content = csv_bytes(*(row(product_name=f"Sản phẩm {n}", unit="Hoàn Kiếm") for n in range(50)))
    with django_assert_num_queries(1):
        assert len(read(content)) == 50


# --- The template and the demo file ---------------------------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_template_reads_back_without_problems(file_format, language):
    content = template_file(file_format=file_format, language=language)
    (sample,) = read(content, f"mau.{file_format}")
    assert "xoá dòng này" in sample.company_name
    assert (sample.year, sample.decision_date, sample.unit_code) == (
        2021,
        datetime.date(2021, 11, 26),
        HOAN_KIEM,
    )
    if file_format == "csv":
        first_line = content.decode("utf-8-sig").split("\r\n")[0]
        assert first_line.split(",") == [column.name(language) for column in COLUMNS]


def test_the_xlsx_template_keeps_its_header_and_describes_the_columns():
    workbook = openpyxl.load_workbook(io.BytesIO(template_file(file_format="xlsx", language="vi")))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header == [column.name_vi for column in COLUMNS]
    guide = workbook.worksheets[1]
    assert guide.title == "Hướng dẫn các cột"
    assert [cell.value for cell in guide["A"]][1:] == header


def test_the_demo_file_keeps_the_research_it_was_made_from():
    """home/demo/recognitions.csv is recognized_products.csv (the research, with its sources)
    in the import's format: the same rows, sources and notes; no tax code, none given."""
    rows = read(DEMO_FILE.read_bytes(), DEMO_FILE.name)
    with RESEARCH_FILE.open(encoding="utf-8") as research_file:
        research = list(csv.DictReader(research_file))
    assert len(rows) == len(research) == 16
    assert [(r.year, r.source_url) for r in rows] == [
        (int(item["year"]), item["source_url"]) for item in research
    ]
    for row, item in zip(rows, research, strict=True):
        assert row.note.startswith(item["notes"])
        assert row.company_name in item["company_name_vi"]
    assert all(r.tax_code == "" for r in rows)
    assert rows[0].product_name == "Đèn LED Rạng Đông"
    assert (rows[0].sector_slug, rows[0].top10, rows[0].decision_number) == (
        "dien-dien-tu",
        True,
        "5012/QĐ-UBND",
    )
    assert sum(1 for r in rows if r.product_name is None) == 4
    innoviti = next(r for r in rows if r.company_name == "Innoviti-s")
    assert "tên DN không nêu" in innoviti.note and "suy luận" in innoviti.note
