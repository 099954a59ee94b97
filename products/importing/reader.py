"""Reads a decision file (CSV or XLSX) into validated `DecisionRow`s, or rejects it whole.

`read_decision_file` lists every problem it finds, each pointing at a row and column as the
editor sees them, with the closest valid value where there is one; it returns rows only when
there is none. Cells are kept as typed: a formula or a piece of HTML is text like any other
(the templates escape it, and exports neutralise it), never computed or stripped.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter
from rapidfuzz import fuzz, process
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NumberError
from stdnum.vn import mst

from core.text import fold_text, is_ascii_number, normalize_text
from core.validators import FIRST_YEAR, LAST_YEAR
from products.importing.columns import COLUMNS, COLUMNS_BY_KEY, HEADER_FORMS, Column, header_form
from products.importing.messages import problem
from products.importing.rows import DecisionRow, ImportProblem, ImportRejected
from products.importing.sheet import read_sheet
from products.importing.template import template_file
from products.models import AdministrativeUnit
from products.services import OFFICIAL_SECTORS

__all__ = ["COLUMNS", "read_decision_file", "template_file"]

# A decision number the source does not give is written as one of these, so that an empty
# cell (usually an oversight) is still caught.
UNKNOWN_DECISION = {"khong ro", "chua ro", "unknown"}
_TOP10 = {
    "yes": True,
    "co": True,
    "true": True,
    "1": True,
    "no": False,
    "khong": False,
    "false": False,
    "0": False,
    "": None,
    # as the decision number's "không rõ", and the old demo file's "unknown"
    "khong ro": None,
    "chua ro": None,
    "unknown": None,
}
_TOP10_WORDS = {"co": "có", "khong": "không", "yes": "yes", "no": "no"}  # to suggest
_ISO_DATE = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_VN_DATE = re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")
_WEB_ADDRESS = URLValidator(schemes=["http", "https"])
_SHOWN_CHARACTERS = 120  # a problem quotes at most this much of a cell
_SUGGESTION_CUTOFF = 70  # rapidfuzz WRatio below this suggests nothing


class _Invalid(Exception):
    """A cell's value is not acceptable; becomes an ImportProblem for its row and column."""

    def __init__(self, message: str | Promise, *, suggestion: str = "", **params):
        super().__init__(message)
        self.message = problem(message, **params)
        self.suggestion = suggestion


def read_decision_file(*, content: bytes, filename: str) -> list[DecisionRow]:
    """The rows of a decision file; raises ImportRejected listing every problem found."""
    sheet = read_sheet(content=content, filename=filename)
    header = _Header.read(sheet.header)
    problems = list(header.problems)
    vocabularies = _Vocabularies.load()
    rows, stray_columns = [], set()
    for line, cells in sheet.rows:
        stray_columns.update(header.stray(cells))
        row, row_problems = _read_row(line, cells, header, vocabularies)
        problems.extend(row_problems)
        if row is not None:
            rows.append(row)
    problems.extend(header.stray_problems(stray_columns))
    if header.complete:  # rows lacking a column would all look alike
        problems.extend(_contradictions(rows, header))
    if problems:
        raise ImportRejected(problems)
    return rows


# --- The header ------------------------------------------------------------------------


@dataclass
class _Header:
    """Which column of the file holds which field, and what is wrong with the header."""

    names: list[str]  # as written in the file
    positions: dict[str, int]  # Column.key -> index in a row
    language: str  # the language most headers are written in
    problems: list[ImportProblem]

    @classmethod
    def read(cls, names: list[str]) -> "_Header":
        positions, languages, problems = {}, [], []
        for index, name in enumerate(names):
            if not name:
                continue
            column, language = HEADER_FORMS.get(header_form(name), (None, ""))
            if column is None:
                problems.append(_unknown_column(name))
            elif column.key in positions:
                problems.append(_repeated_column(name, positions[column.key]))
            else:
                positions[column.key] = index
                languages.append(language)
        language = "en" if languages.count("en") > languages.count("vi") else "vi"
        header = cls(names, positions, language, problems)
        header.problems.extend(header.missing())
        return header

    def missing(self) -> list[ImportProblem]:
        return [
            ImportProblem(
                message=problem(_("Thiếu cột “%(name)s”."), name=column.name(self.language)),
                line=1,
                column=column.name(self.language),
            )
            for column in COLUMNS
            if not column.optional and column.key not in self.positions
        ]

    @property
    def complete(self) -> bool:
        return all(column.optional or column.key in self.positions for column in COLUMNS)

    def name_of(self, key: str) -> str:
        return self.names[self.positions[key]]

    def stray(self, cells: list[object]) -> set[int]:
        """Positions of cells holding data under no header at all."""
        return {
            index
            for index, cell in enumerate(cells)
            if (index >= len(self.names) or not self.names[index]) and _text(cell)
        }

    def stray_problems(self, positions: set[int]) -> list[ImportProblem]:
        return [
            ImportProblem(
                message=problem(
                    _("Cột %(letter)s có dữ liệu nhưng không có tiêu đề."),
                    letter=get_column_letter(index + 1),
                ),
                line=1,
                column=get_column_letter(index + 1),
            )
            for index in sorted(positions)
        ]


def _unknown_column(name: str) -> ImportProblem:
    match = process.extractOne(
        header_form(name), list(HEADER_FORMS), scorer=fuzz.WRatio, score_cutoff=_SUGGESTION_CUTOFF
    )
    suggestion = ""
    if match is not None:
        column, language = HEADER_FORMS[match[0]]
        suggestion = column.name(language)
    return ImportProblem(
        message=problem(_("Cột không có trong mẫu nhập.")),
        line=1,
        column=name,
        value=name,
        suggestion=suggestion,
    )


def _repeated_column(name: str, first: int) -> ImportProblem:
    return ImportProblem(
        message=problem(
            _("Cột này trùng với cột %(letter)s."), letter=get_column_letter(first + 1)
        ),
        line=1,
        column=name,
        value=name,
    )


# --- Vocabularies: official sectors and wards/communes ------------------------------------


def _form(text: str) -> str:
    """How a vocabulary name is compared: folded words ("Điện, điện tử" -> "dien dien tu")."""
    return header_form(text)


@dataclass(frozen=True)
class _Vocabulary:
    values: dict[str, object]  # accepted form -> the value it stands for
    names: dict[str, str]  # accepted form -> the official name to suggest

    def find(self, text: str) -> object | None:
        return self.values.get(_form(text))

    def closest(self, text: str) -> str:
        match = process.extractOne(
            _form(text),
            list(self.names),
            # by shared words first: "textiles and garments" is nearer "textiles, garments,
            # leather and footwear" than "mechanical engineering and manufacturing"
            scorer=fuzz.token_set_ratio,
            score_cutoff=_SUGGESTION_CUTOFF,
        )
        return self.names[match[0]] if match else ""


@dataclass(frozen=True)
class _Vocabularies:
    sectors: _Vocabulary
    units: _Vocabulary

    @classmethod
    def load(cls) -> "_Vocabularies":
        """Loaded once per file: one query, however many rows."""
        return cls(sectors=_sector_vocabulary(), units=_unit_vocabulary())


def _sector_vocabulary() -> _Vocabulary:
    values, names = {}, {}
    for slug, name, name_en in OFFICIAL_SECTORS:
        short = re.sub(r"^Công nghiệp ", "", name)  # "Công nghiệp cơ khí…" = "Cơ khí…"
        for form, shown in ((name, name), (short, name), (name_en, name_en), (slug, name)):
            values[_form(form)] = slug
            names[_form(form)] = shown
    return _Vocabulary(values, names)


def _unit_vocabulary() -> _Vocabulary:
    values, names, short_forms = {}, {}, {}
    for code, name, name_en, slug in AdministrativeUnit.objects.values_list(
        "code", "name", "name_en", "slug"
    ):
        for form in (name, name_en, slug):
            values[_form(form)] = code
            names[_form(form)] = name
        # "Hoàn Kiếm" for "Phường Hoàn Kiếm", unless a ward and a commune share it.
        short = _form(re.sub(r"^(Phường|Xã|Đặc khu)\s+", "", name))
        short_forms.setdefault(short, []).append((code, name))
    for short, units in short_forms.items():
        if len(units) == 1 and short not in values:
            values[short], names[short] = units[0]
    return _Vocabulary(values, names)


# --- One row --------------------------------------------------------------------------------


def _read_row(
    line: int, cells: list[object], header: _Header, vocabularies: "_Vocabularies"
) -> tuple[DecisionRow | None, list[ImportProblem]]:
    """The row, or None with the problems of its cells."""
    values, problems = {}, []
    for column in COLUMNS:
        if column.key not in header.positions:
            values[column.key] = _EMPTY.get(column.key, "")
            continue
        index = header.positions[column.key]
        raw = cells[index] if index < len(cells) else None
        try:
            values[column.key] = _read_cell(column, raw, vocabularies)
        except _Invalid as invalid:
            problems.append(_cell_problem(line, header.name_of(column.key), raw, invalid))
    problems.extend(_missing_values(line, values, header))
    if problems:
        return None, problems
    values["sector_slug"] = values.pop("sector")
    values["unit_code"] = values.pop("unit")
    return DecisionRow(line=line, **values), []


# What a row holds for a column the file leaves out (only the optional ones can be: the
# others are reported missing and the file is rejected anyway).
_EMPTY = {"year": 0, "decision_date": None, "top10": None, "unit": None, "product_name": None}


def _cell_problem(line: int, column_name: str, raw: object, invalid: _Invalid) -> ImportProblem:
    return ImportProblem(
        message=invalid.message,
        line=line,
        column=column_name,
        value=_shown(_text(raw)),
        suggestion=invalid.suggestion,
    )


def _missing_values(line: int, values: dict, header: _Header) -> list[ImportProblem]:
    """Empty cells a row must fill (the decision number reports its own, see _decision_number).

    Only cells that were read count: a column left out is reported once, for the file.
    """
    missing = [key for key in ("year", "company_name") if key in values and not values[key]]
    if values.get("product_name") and values.get("sector") == "":
        missing.append("sector")
    return [
        ImportProblem(message=problem(_MISSING[key]), line=line, column=header.name_of(key))
        for key in missing
        if key in header.positions
    ]


_MISSING = {
    "year": _("Thiếu năm công nhận."),
    "company_name": _("Thiếu tên doanh nghiệp."),
    "sector": _("Thiếu nhóm ngành: bắt buộc khi dòng có tên sản phẩm."),
}


def _read_cell(column: Column, raw: object, vocabularies: _Vocabularies) -> object:
    if column.key in _TYPED_READERS:
        return _TYPED_READERS[column.key](raw)
    if column.key == "sector":
        return _vocabulary_value(raw, vocabularies.sectors, _UNKNOWN_SECTOR, empty="")
    if column.key == "unit":
        return _vocabulary_value(raw, vocabularies.units, _UNKNOWN_UNIT, empty=None)
    text = _bounded_text(raw, column)
    if column.key in {"website", "source_url"}:
        _check_web_address(text)
    if column.key == "product_name":
        return text or None
    return text


_UNKNOWN_SECTOR = _("Nhóm ngành không có trong danh mục chính thức.")
_UNKNOWN_UNIT = _("Phường/xã không có trong danh mục phường/xã hiện hành của Hà Nội.")


def _vocabulary_value(raw, vocabulary: _Vocabulary, message, *, empty):
    text = _text(raw)
    if not text:
        return empty
    value = vocabulary.find(text)
    if value is None:
        raise _Invalid(message, suggestion=vocabulary.closest(text))
    return value


# --- Cell values ------------------------------------------------------------------------------


def _text(raw: object) -> str:
    """A cell as text, NFC and stripped; numbers and dates from a spreadsheet as written."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat() if raw.time() == datetime.time() else raw.isoformat(" ")
    return normalize_text(str(raw)).strip()


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN_CHARACTERS else text[: _SHOWN_CHARACTERS - 1] + "…"


def _bounded_text(raw: object, column: Column) -> str:
    text = _text(raw)
    if column.max_length and len(text) > column.max_length:
        raise _Invalid(
            _("Dài %(length)s ký tự; tối đa %(limit)s ký tự."),
            length=len(text),
            limit=column.max_length,
        )
    return text


def _year(raw: object) -> int:
    text = _text(raw)
    if not text:
        return 0  # reported as a missing value
    if isinstance(raw, bool | datetime.date) or not is_ascii_number(text):
        raise _Invalid(_("Năm phải là một số có 4 chữ số, ví dụ 2021."))
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _Invalid(
            _("Năm phải trong khoảng %(first)s–%(last)s."), first=FIRST_YEAR, last=LAST_YEAR
        )
    return year


def _decision_number(raw: object) -> str:
    text = _bounded_text(raw, COLUMNS_BY_KEY["decision_number"])
    if not text:
        raise _Invalid(
            _("Thiếu số quyết định. Nếu nguồn không nêu, hãy ghi “không rõ”."),
            suggestion="không rõ",
        )
    return "" if fold_text(text) in UNKNOWN_DECISION else text


def _decision_date(raw: object) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return _date_in_range(raw.date())
    if isinstance(raw, datetime.date):
        return _date_in_range(raw)
    text = _text(raw)
    if not text:
        return None
    match = _ISO_DATE.match(text) or _VN_DATE.match(text)
    if match is None:
        raise _Invalid(_("Ngày phải có dạng 26/11/2021 hoặc 2021-11-26."))
    try:
        date = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        raise _Invalid(_("Ngày này không có trên lịch.")) from None
    return _date_in_range(date)


def _date_in_range(date: datetime.date) -> datetime.date:
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise _Invalid(
            _("Ngày phải trong khoảng năm %(first)s–%(last)s."), first=FIRST_YEAR, last=LAST_YEAR
        )
    return date


def _tax_code(raw: object) -> str:
    """Empty, or the code as validate_tax_code stores it ("0101245486", "0101245486-001").

    A spreadsheet cell holding a number has lost the code's leading 0 (every code has 10 or
    13 digits and many begin with 0): such a 9- or 12-digit number gets its 0 back, and the
    check digit then decides. Typed as text, 9 digits is a mistake to show, not to mend.
    """
    text = _text(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool) and len(text) in (9, 12):
        text = "0" + text
    if not text:
        return ""
    try:
        return mst.format(mst.validate(text))
    except InvalidChecksum:
        raise _Invalid(_("Mã số thuế sai chữ số kiểm tra (chữ số thứ 10).")) from None
    except NumberError:
        raise _Invalid(
            _(
                "Mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số "
                "(ví dụ 0101245486 hoặc 0101245486-001)."
            ),
            suggestion=_restored_zero(text),
        ) from None


def _restored_zero(text: str) -> str:
    """ "101245486" -> "0101245486" when Excel most likely dropped that 0; else ""."""
    restored = "0" + text
    return mst.format(restored) if is_ascii_number(text) and mst.is_valid(restored) else ""


def _top10(raw: object) -> bool | None:
    if isinstance(raw, bool):
        return raw
    text = fold_text(_text(raw))
    if text not in _TOP10:
        match = process.extractOne(text, list(_TOP10_WORDS), scorer=fuzz.ratio, score_cutoff=50)
        raise _Invalid(
            _("Top 10 chỉ nhận “có”, “không” (yes/no) hoặc để trống nếu chưa rõ."),
            suggestion=_TOP10_WORDS[match[0]] if match else "",
        )
    return _TOP10[text]


def _check_web_address(text: str) -> None:
    if not text:
        return
    try:
        _WEB_ADDRESS(text)
    except ValidationError:
        raise _Invalid(
            _("Chỉ nhận địa chỉ web đầy đủ, bắt đầu bằng http:// hoặc https://."),
            suggestion=_with_scheme(text),
        ) from None


def _with_scheme(text: str) -> str:
    """ "www.misa.vn" -> "https://www.misa.vn"; nothing for "javascript:…" and the like."""
    if ":" in text.split("/", 1)[0]:
        return ""
    candidate = "https://" + text
    try:
        _WEB_ADDRESS(candidate)
    except ValidationError:
        return ""
    return candidate


_TYPED_READERS = {
    "year": _year,
    "decision_number": _decision_number,
    "decision_date": _decision_date,
    "tax_code": _tax_code,
    "top10": _top10,
}


# --- The whole file ---------------------------------------------------------------------------


def _contradictions(rows: list[DecisionRow], header: _Header) -> list[ImportProblem]:
    """Rows that repeat another, or contradict it (one tax code, two companies; …)."""
    problems = []
    first_of = {}  # (check, key) -> the first row with that key
    for row in rows:
        for check in _CHECKS:
            key = check.key(row)
            if key is None:
                continue
            first = first_of.setdefault((check.name, key), row)
            if first is not row and check.conflicts(first, row):
                problems.append(check.problem(first, row, header))
    return problems


@dataclass(frozen=True)
class _Check:
    """One rule across rows: rows sharing `key` must not `conflict`; the later one is shown."""

    name: str
    key: Callable[[DecisionRow], object]  # None: the row is not checked
    conflicts: Callable[[DecisionRow, DecisionRow], bool]  # (first, later)
    column: Callable[[DecisionRow], str]  # the column of the later row to point at
    message: str | Promise  # its parameters: "line" and those of `details(first)`
    details: Callable[[DecisionRow], dict] = lambda first: {}
    suggestion: Callable[[DecisionRow], str] = lambda first: ""

    def problem(self, first: DecisionRow, row: DecisionRow, header: _Header) -> ImportProblem:
        column = self.column(row)
        return ImportProblem(
            message=problem(self.message, line=first.line, **self.details(first)),
            line=row.line,
            column=header.name_of(column),
            value=_shown(_field_text(row, column)),
            suggestion=self.suggestion(first),
        )


def _field_text(row: DecisionRow, key: str) -> str:
    value = getattr(row, key)
    if isinstance(value, datetime.date):
        return _date_text(value)
    return "" if value is None else str(value)


def _date_text(date: datetime.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


_CHECKS = (
    _Check(
        name="duplicate",
        key=lambda row: (
            row.year,
            fold_text(row.company_name),
            fold_text(row.product_name or ""),
        ),
        conflicts=lambda first, row: True,
        column=lambda row: "product_name" if row.product_name else "company_name",
        message=_("Trùng với dòng %(line)s: cùng năm, doanh nghiệp và sản phẩm."),
    ),
    _Check(
        name="one tax code, one company",
        key=lambda row: row.tax_code or None,
        conflicts=lambda first, row: fold_text(first.company_name) != fold_text(row.company_name),
        column=lambda row: "tax_code",
        message=_("Mã số thuế này đã dùng cho doanh nghiệp “%(company)s” ở dòng %(line)s."),
        details=lambda first: {"company": first.company_name},
    ),
    _Check(
        name="one company, one tax code",
        key=lambda row: fold_text(row.company_name) if row.tax_code else None,
        conflicts=lambda first, row: first.tax_code != row.tax_code,
        column=lambda row: "company_name",
        message=_("Doanh nghiệp này đã có mã số thuế %(tax_code)s ở dòng %(line)s."),
        details=lambda first: {"tax_code": first.tax_code},
    ),
    _Check(
        name="one decision, one date",
        key=lambda row: row.decision_number if row.decision_number and row.decision_date else None,
        conflicts=lambda first, row: first.decision_date != row.decision_date,
        column=lambda row: "decision_date",
        message=_("Quyết định %(number)s đã ghi ngày %(date)s ở dòng %(line)s."),
        details=lambda first: {
            "number": first.decision_number,
            "date": _date_text(first.decision_date),
        },
        suggestion=lambda first: _date_text(first.decision_date),
    ),
    _Check(
        name="one decision, one year",
        key=lambda row: row.decision_number or None,
        conflicts=lambda first, row: first.year != row.year,
        column=lambda row: "year",
        message=_("Quyết định %(number)s đã ghi năm %(year)s ở dòng %(line)s."),
        details=lambda first: {"number": first.decision_number, "year": first.year},
        suggestion=lambda first: str(first.year),
    ),
)
