"""core.tabular: the writer of every download (CSV, XLSX, JSON), read back as a reader would."""

import csv
import io
import json

import openpyxl
import pytest

from core.tabular import Column, neutralise, table_response

COLUMNS = [Column("name", "Tên"), Column("count", "Số"), Column("tags", "Nhãn")]
HOSTILE = ["=1+1", "+84 24", "-5", "@SUM(A1)", "\tx", "\rx"]


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("text", HOSTILE)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["Hà Nội", "a=b", "", 5, -5, None])
def test_other_values_are_kept(value):
    assert neutralise(value) == value


def test_csv_has_a_bom_and_neutralised_cells_and_numbers_stay_numbers():
    rows = [{"name": text, "count": -3, "tags": ["a", "=b"]} for text in HOSTILE]
    response = table_response(format="csv", columns=COLUMNS, rows=iter(rows), filename="t")
    data = body(response)
    assert data.startswith("\ufeff".encode())
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert read[0] == ["Tên", "Số", "Nhãn"]
    assert [row[0] for row in read[1:]] == ["'" + text for text in HOSTILE]
    assert read[1][1:] == ["-3", "a; =b"]  # a list joined: it does not start a formula


def test_xlsx_cells_are_strings_never_formulas_and_xml_safe():
    rows = [{"name": text, "count": 7} for text in HOSTILE] + [{"name": "nul\x00here\x01"}]
    response = table_response(format="xlsx", columns=COLUMNS, rows=rows, filename="t")
    sheet = openpyxl.load_workbook(io.BytesIO(response.getvalue())).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    values = list(sheet.values)
    assert [row[0] for row in values[1:-1]] == ["'" + text for text in HOSTILE]
    assert values[1][1] == 7
    assert values[-1][0] == "nulhere"


def test_json_streams_rows_under_their_keys_as_written():
    rows = ({"name": text, "count": 1, "tags": []} for text in HOSTILE)
    response = table_response(
        format="json", columns=COLUMNS, rows=rows, filename="t", meta={"count": 6}
    )
    assert response["Content-Disposition"] == 'attachment; filename="t.json"'
    data = json.loads(body(response))
    assert data["meta"]["count"] == 6
    assert data["meta"]["fields"][0] == {"key": "name", "label": "Tên"}
    assert [row["name"] for row in data["results"]] == HOSTILE
