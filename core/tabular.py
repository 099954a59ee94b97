"""Tables as downloads: CSV, XLSX and JSON, streamed, safe to open in a spreadsheet.

Every export of the site (the catalogue, recognitions, statistics) hands a list of columns
and an iterable of rows to `table_response`, which writes them in the format asked for:

- CSV: UTF-8 with a byte order mark (Excel otherwise reads Vietnamese as Windows-1252),
  streamed row by row (StreamingHttpResponse).
- XLSX: openpyxl's write-only workbook (rows go to a temporary file as they come, not into
  memory), sent as a file; text cells are strings, never formulas.
- JSON: streamed, `{"meta": {...}, "results": [...]}` with each row under its columns' keys.

A cell a spreadsheet would run as a formula (text starting with = + - @, a tab or a carriage
return: OWASP's "CSV injection") gets a leading apostrophe in CSV and XLSX; JSON keeps the
text as it is (no spreadsheet reads it).
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import FileResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMATS = ("csv", "xlsx", "json")


def format_field() -> forms.ChoiceField:
    """A download's `format` parameter: optional (the form's clean falls back to csv)."""
    return forms.ChoiceField(
        required=False,
        choices=[(name, name) for name in FORMATS],
        error_messages={
            "invalid_choice": gettext_lazy("Định dạng tải về phải là csv, xlsx hoặc json.")
        },
    )


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
# Rows a CSV chunk holds: fewer, larger writes than one per row.
_CSV_CHUNK = 200


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key, stable in every language
    label: str  # the CSV and XLSX header, in the language asked for
    # The cell a spreadsheet shows for the row's value (lists joined, booleans in words...).
    text: Callable[[Any], Any] | None = None


def neutralise(value):
    """*value*, with a leading apostrophe when it is text a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_cell(column: Column, value):
    """What a CSV or XLSX cell holds for *value*: text, a number or empty, never a formula."""
    if column.text is not None:
        value = column.text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    if isinstance(value, datetime.date):
        value = value.isoformat()
    return neutralise(value) if isinstance(value, str) else value


def table_response(
    *,
    format: str,
    columns: list[Column],
    rows: Iterable[Mapping],
    filename: str,
    meta: Mapping | None = None,
    sheet_title: str = "Data",
):
    """The download of *rows* as *format* ("csv", "xlsx" or "json"), named *filename*
    (without extension). *rows* may be a generator: it is read once, as the body is sent."""
    writers = {"csv": _csv_chunks, "json": _json_chunks}
    if format == "xlsx":
        response = FileResponse(
            _xlsx_file(columns, rows, sheet_title=sheet_title),
            content_type=CONTENT_TYPES["xlsx"],
        )
    else:
        response = StreamingHttpResponse(
            writers[format](columns, rows, meta or {}), content_type=CONTENT_TYPES[format]
        )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{filename}.{format}"
    )
    return response


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, text):
        return text


def _csv_chunks(columns, rows, meta) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield (BOM + writer.writerow([neutralise(column.label) for column in columns])).encode()
    chunk = []
    for row in rows:
        chunk.append(writer.writerow([spreadsheet_cell(c, row.get(c.key)) for c in columns]))
        if len(chunk) == _CSV_CHUNK:
            yield "".join(chunk).encode()
            chunk = []
    if chunk:
        yield "".join(chunk).encode()


def _json_chunks(columns, rows, meta) -> Iterator[bytes]:
    def dumps(value):
        return json.dumps(value, ensure_ascii=False, default=str)

    fields = [{"key": column.key, "label": column.label} for column in columns]
    yield f'{{"meta": {dumps({**meta, "fields": fields})}, "results": ['.encode()
    separator = ""
    for row in rows:
        yield (separator + dumps({c.key: row.get(c.key) for c in columns})).encode()
        separator = ", "
    yield b"]}"


def _xlsx_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=None)
    if isinstance(value, str):
        # openpyxl reads text starting with "=" as a formula and refuses control characters
        # that XML cannot hold: the text is set as a string, without them.
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value
    return cell


def _xlsx_file(columns, rows, *, sheet_title: str):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([_xlsx_cell(sheet, neutralise(column.label)) for column in columns])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, spreadsheet_cell(c, row.get(c.key))) for c in columns])
    # Past a megabyte the file goes to disk: a large export never sits whole in memory.
    # FileResponse closes it once sent, which a context manager here would do too soon.
    output = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return output
