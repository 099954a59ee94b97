"""Bytes -> the cells of a decision file, CSV or XLSX, with every file-level check.

What comes out is still untyped (text from a CSV; text, numbers, dates or booleans from an
XLSX): `reader` gives the cells their meaning. The file's kind is decided by its content, not
its name; a name ending in ".xlsx" must be a real spreadsheet all the same, since an editor
who believes they uploaded one deserves to hear that they did not.
"""

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import openpyxl
from charset_normalizer import from_bytes
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from products.importing.messages import problem
from products.importing.rows import ImportProblem, ImportRejected

_ZIP_MAGIC = b"PK\x03\x04"
# An encrypted (password-protected) .xlsx, like an old .xls, is an OLE2 compound file.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A zip whose parts would expand past either limit is refused before openpyxl opens it. The
# declared sizes can be trusted: Python's zipfile stops at the declared size and checks the
# CRC, so a part that lies about its size fails to read rather than expanding further.
# Measured: a 10 000-row decision with long notes, written by openpyxl, is 0.8 MB; its sheet
# expands to 20 MB (1:27). A zip bomb's parts expand 1:1000 and more.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
_RATIO_APPLIES_FROM = 1024 * 1024  # tiny parts (styles, empty sheets) compress far better
_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class Sheet:
    """The header and the data rows of a file, blank rows left out, each with its row number."""

    header: list[str]
    rows: list[tuple[int, list[object]]]


def read_sheet(*, content: bytes, filename: str) -> Sheet:
    """The cells of *content*; raises ImportRejected for a file that cannot be read at all."""
    _check_size(content)
    if content.startswith(_ZIP_MAGIC):
        header, rows = _xlsx_rows(content)
    elif content.startswith(_OLE2_MAGIC):
        raise _rejected(
            _(
                "Tệp là bảng tính Excel có đặt mật khẩu hoặc ở định dạng .xls cũ. Hãy bỏ mật "
                "khẩu và lưu lại dạng .xlsx hoặc CSV UTF-8."
            )
        )
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise _rejected(
            _(
                "Tệp có đuôi .xlsx nhưng không phải bảng tính Excel (XLSX). Hãy mở tệp bằng "
                "Excel và lưu lại dạng .xlsx, hoặc đổi đuôi thành .csv nếu đó là tệp CSV."
            )
        )
    else:
        header, rows = _csv_rows(_decode(content))
    return _collect(header, rows)


def _rejected(message: str | Promise, **params) -> ImportRejected:
    return ImportRejected([ImportProblem(message=problem(message, **params))])


def check_file_size(size: int) -> None:
    """Raises ImportRejected for a file over the limit; the admin calls it before reading."""
    limit = settings.RECOGNITION_IMPORT_MAX_BYTES
    if size > limit:
        raise _rejected(
            _("Tệp quá lớn (%(size)s); giới hạn là %(limit)s."),
            size=filesizeformat(size),
            limit=filesizeformat(limit),
        )


def _check_size(content: bytes) -> None:
    check_file_size(len(content))
    if not content.strip(b"\xef\xbb\xbf \t\r\n"):
        raise _rejected(_("Tệp trống."))


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        match = from_bytes(content).best()
        raise _rejected(
            _(
                "Tệp không phải UTF-8 (phát hiện: %(encoding)s). Hãy lưu lại tệp dạng "
                "“CSV UTF-8” rồi tải lên lại."
            ),
            encoding=_encoding_name(match.encoding) if match else _("không xác định"),
        ) from None


def _encoding_name(codec: str) -> str:
    """Python's codec name as editors know it: "cp1258" -> "windows-1258"."""
    if codec.startswith("cp125"):
        return codec.replace("cp", "windows-")
    return codec.replace("_", "-").upper() if codec.startswith("utf") else codec


def _csv_rows(text: str) -> tuple[list[object], Iterator[list[object]]]:
    first_line = text.split("\n", 1)[0]
    # Excel writes ";" where the list separator is "," in the regional settings; the header
    # holds no separators of its own, so the commonest candidate in it is the one.
    delimiter = max(_DELIMITERS, key=first_line.count)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(records, [])
    except csv.Error as error:
        raise _csv_error(error) from None
    return header, _guard_csv(records)


def _guard_csv(records: Iterable[list[str]]) -> Iterator[list[object]]:
    try:
        yield from records
    except csv.Error as error:
        raise _csv_error(error) from None


def _csv_error(error: csv.Error) -> ImportRejected:
    return _rejected(_("Không đọc được tệp CSV: %(error)s."), error=str(error))


def _xlsx_rows(content: bytes) -> tuple[list[object], Iterator[list[object]]]:
    _check_zip(content)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        header = list(next(sheet.iter_rows(max_row=1, values_only=True), ()))
        # Rows are padded to the sheet's declared width, which a file may set to 16 384
        # columns: read one column past the header, enough to notice a stray cell.
        rows = sheet.iter_rows(min_row=2, max_col=_width(header) + 1, values_only=True)
    # openpyxl reports a damaged workbook with whatever its parsers raise (KeyError, zip,
    # XML and defusedxml errors among them); each means the same thing to an editor.
    except Exception:  # noqa: BLE001
        raise _damaged() from None
    return header, _guard_xlsx(rows, workbook)


def _width(header: list[object]) -> int:
    """How many columns the header names (trailing empty cells do not count)."""
    named = [index for index, cell in enumerate(header, start=1) if not _blank(cell)]
    return named[-1] if named else 0


def _guard_xlsx(rows: Iterable[tuple], workbook) -> Iterator[list[object]]:
    try:
        for row in rows:
            yield list(row)
    except Exception:  # noqa: BLE001 (as in _xlsx_rows)
        raise _damaged() from None
    finally:
        workbook.close()


def _damaged() -> ImportRejected:
    return _rejected(_("Không đọc được bảng tính: tệp XLSX bị hỏng. Hãy mở bằng Excel và lưu lại."))


def _check_zip(content: bytes) -> None:
    try:
        parts = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile:
        raise _damaged() from None
    names = {part.filename for part in parts}
    if "xl/workbook.xml" not in names:
        raise _rejected(
            _("Tệp nén này không phải bảng tính Excel (XLSX). Hãy tải lên tệp .xlsx hoặc CSV.")
        )
    expanded = sum(part.file_size for part in parts)
    too_dense = any(
        part.file_size > _RATIO_APPLIES_FROM
        and part.file_size > MAX_COMPRESSION_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if expanded > MAX_EXPANDED_BYTES or too_dense:
        raise _rejected(
            _(
                "Bảng tính này khi giải nén sẽ quá lớn (%(size)s) hoặc bị nén bất thường, nên "
                "không được mở. Hãy lưu lại chỉ với dữ liệu của quyết định."
            ),
            size=filesizeformat(expanded),
        )


def _collect(header: list[object], rows: Iterator[list[object]]) -> Sheet:
    limit = settings.RECOGNITION_IMPORT_MAX_ROWS
    kept = []
    for line, cells in enumerate(rows, start=2):
        if all(_blank(cell) for cell in cells):
            continue
        if len(kept) == limit:
            raise _rejected(
                _("Tệp có hơn %(limit)s dòng dữ liệu; hãy chia thành nhiều tệp."),
                limit=limit,
            )
        kept.append((line, cells))
    names = [_header_text(cell) for cell in header]
    while names and not names[-1]:
        names.pop()
    if not names and not kept:
        raise _rejected(_("Tệp trống."))
    if not names:
        raise _rejected(_("Dòng đầu tiên của tệp phải là dòng tiêu đề, nhưng nó trống."))
    if not kept:
        raise _rejected(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    return Sheet(header=names, rows=kept)


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _header_text(cell: object) -> str:
    return "" if cell is None else " ".join(str(cell).split())
