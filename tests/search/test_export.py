"""The catalogue as a download (`/api/catalogue/export/`): CSV, XLSX and JSON, on every path.

Each file is read back as a spreadsheet or a client would (csv, openpyxl, json): its rows,
the filters applied, the recognition status, headers in the language asked for, formulas
neutralised, the size limit and bad parameters. The database path runs on SQLite and
PostgreSQL, the engine path (marker `engine`) against the real node.
"""

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup

from core.tabular import neutralise
from products.factories import DecisionFactory, SectorFactory
from search.catalogue.database.companies import rebuild_company_entries
from search.catalogue.sync import update_products
from tests.content import make_company, make_product

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
EXPORT = "/api/catalogue/export/"
LED, HEATER, PIPE = "Đèn LED Rạng Đông", "Bình nước nóng Sơn Hà", '=HYPERLINK("x")+1'


@pytest.fixture
def catalogue(site_tree, path):
    """Three products: recognised until 1/12/2026, until 31/12/2022, until 30/6/2027; the
    third's title (and its company's name) is what a spreadsheet would run."""
    electrical = SectorFactory(slug="dien-dien-tu", name="Điện, điện tử", name_en="Electrical")
    mechanical = SectorFactory(slug="co-khi-che-tao", name="Cơ khí", name_en="Mechanical")
    decision = DecisionFactory(
        number="1234/QĐ-UBND", year=2023, signed_on=datetime.date(2023, 12, 1)
    )
    rang_dong = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    son_ha = make_company(site_tree, title="Sơn Hà", slug="son-ha")
    hostile = make_company(site_tree, title="@SUM(A1:A9)", slug="cong-ty-cong-thuc")
    products = [
        make_product(
            site_tree,
            company=rang_dong,
            title=LED,
            slug="den-led-rang-dong",
            sector=electrical,
            english={LED: "Rạng Đông LED lamps", "den-led-rang-dong": "led-lamps"},
            recognitions=[{"year": 2023, "decision": decision, "is_top10": True}],
        ),
        make_product(
            site_tree,
            company=son_ha,
            title=HEATER,
            slug="binh-nuoc-nong-son-ha",
            sector=electrical,
            recognitions=[{"year": 2019}],
        ),
        make_product(
            site_tree,
            company=hostile,
            title=PIPE,
            slug="ong-thep",
            sector=mechanical,
            summary="-2+3",
            recognitions=[{"year": 2021, "valid_until": datetime.date(2027, 6, 30)}],
        ),
    ]
    update_products([product.translation_key for product in products])
    rebuild_company_entries()
    if path == "engine":
        from search.catalogue.engine.companies import rebuild_companies
        from search.catalogue.engine.indexing import rebuild

        rebuild()
        rebuild_companies()
    with time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=HANOI), tick=False):
        yield products


def download(client, **params):
    response = client.get(EXPORT, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def csv_rows(body: bytes) -> list[dict]:
    assert body.startswith(b"\xef\xbb\xbf"), "a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(body: bytes) -> tuple[list[dict], list]:
    workbook = openpyxl.load_workbook(io.BytesIO(body))
    sheet = workbook.worksheets[0]
    cells = list(sheet.iter_rows())
    header = [cell.value for cell in cells[0]]
    rows = [dict(zip(header, [cell.value for cell in row], strict=True)) for row in cells[1:]]
    return rows, [cell for row in cells for cell in row]


def test_csv_lists_every_product_with_its_status(client, catalogue):
    response, body = download(client, format="csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="spcncl-san-pham-2025-06-01.csv"'
    )
    rows = {row["Sản phẩm"]: row for row in csv_rows(body)}
    assert set(rows) == {LED, HEATER, neutralise(PIPE)}
    led = rows[LED]
    assert led["Doanh nghiệp"] == "Rạng Đông"
    assert led["Nhóm ngành"] == "Điện, điện tử"
    assert led["Năm công nhận"] == "2023"
    assert led["Top 10"] == "Có"
    assert led["Công nhận đến"] == "2026-12-01"
    assert led["Tình trạng"] == "Đang được công nhận"
    assert led["Địa chỉ trang"] == "http://localhost/san-pham/den-led-rang-dong/"
    assert led["Địa chỉ trang doanh nghiệp"] == "http://localhost/doanh-nghiep/rang-dong/"
    assert rows[HEATER]["Tình trạng"] == "Hết hiệu lực"
    assert rows[HEATER]["Công nhận đến"] == "2022-12-31"


def test_formulas_are_neutralised_in_csv_and_xlsx(client, catalogue):
    _response, body = download(client, format="csv")
    pipe = next(row for row in csv_rows(body) if "HYPERLINK" in row["Sản phẩm"])
    assert pipe["Sản phẩm"] == "'" + PIPE
    assert pipe["Doanh nghiệp"] == "'@SUM(A1:A9)"
    assert pipe["Tóm tắt"] == "'-2+3"

    response, body = download(client, format="xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows, cells = xlsx_rows(body)
    pipe = next(row for row in rows if "HYPERLINK" in row["Sản phẩm"])
    assert pipe["Sản phẩm"] == "'" + PIPE
    assert pipe["Doanh nghiệp"] == "'@SUM(A1:A9)"
    # No cell of the workbook is a formula: text is text.
    assert {cell.data_type for cell in cells if isinstance(cell.value, str)} == {"s"}
    assert not any(cell.data_type == "f" for cell in cells)

    # JSON is no spreadsheet: the title as the editor wrote it.
    _response, body = download(client, format="json")
    assert PIPE in [row["title"] for row in json.loads(body)["results"]]


def test_xlsx_and_json_hold_the_same_rows(client, catalogue):
    _response, body = download(client, format="xlsx", sort="name")
    rows, _cells = xlsx_rows(body)
    _response, body = download(client, format="json", sort="name")
    data = json.loads(body)

    assert data["meta"]["count"] == 3
    assert [row["key"] for row in data["meta"]["fields"]][:3] == ["title", "company", "sector"]
    assert [row["title"] for row in data["results"]] == [
        row["Sản phẩm"].removeprefix("'") for row in rows
    ]
    led = next(row for row in data["results"] if row["title"] == LED)
    assert led["status"] == "current"
    assert led["recognised_until"] == "2026-12-01"
    assert led["top10"] is True
    assert led["years"] == [2023]


def test_filters_and_words_narrow_the_export(client, catalogue):
    _response, body = download(client, format="csv", sector="co-khi-che-tao")
    assert [row["Sản phẩm"] for row in csv_rows(body)] == [neutralise(PIPE)]

    _response, body = download(client, format="json", status="current")
    data = json.loads(body)
    assert sorted(row["title"] for row in data["results"]) == sorted([LED, PIPE])
    assert data["meta"]["status"] == "current"

    _response, body = download(client, format="json", q="bình nước nóng")
    assert [row["title"] for row in json.loads(body)["results"]] == [HEATER]


def test_headers_and_words_in_english(client, catalogue):
    response, body = download(client, format="csv", lang="en", sector="dien-dien-tu")
    assert response["Content-Disposition"] == (
        'attachment; filename="spcncl-products-2025-06-01.csv"'
    )
    rows = {row["Product"]: row for row in csv_rows(body)}
    assert set(rows) == {"Rạng Đông LED lamps", HEATER}
    assert rows["Rạng Đông LED lamps"]["Status"] == "Currently recognised"
    assert rows["Rạng Đông LED lamps"]["Sector"] == "Electrical and electronics"
    assert rows["Rạng Đông LED lamps"]["Page address"] == "http://localhost/en/products/led-lamps/"
    assert rows[HEATER]["Status"] == "Expired"
    assert rows[HEATER]["Language"] == "en"

    _response, body = download(client, format="xlsx", lang="en")
    rows, _cells = xlsx_rows(body)
    assert list(rows[0])[:4] == ["Product", "Company", "Sector", "Years recognised"]


def test_the_companies_tab_downloads_companies(client, catalogue):
    response, body = download(client, format="csv", tab="companies", sort="name")
    assert "doanh-nghiep" in response["Content-Disposition"]
    rows = csv_rows(body)
    assert sorted(row["Doanh nghiệp"] for row in rows) == sorted(
        ["Rạng Đông", "Sơn Hà", "'@SUM(A1:A9)"]
    )
    son_ha = next(row for row in rows if row["Doanh nghiệp"] == "Sơn Hà")
    assert son_ha["Số sản phẩm"] == "1"
    assert son_ha["Địa chỉ trang"] == "http://localhost/doanh-nghiep/son-ha/"
    # A company's status is its products' and its own recognitions' (on 1 June 2025).
    status = {row["Doanh nghiệp"]: (row["Công nhận đến"], row["Tình trạng"]) for row in rows}
    assert status == {
        "Rạng Đông": ("2026-12-01", "Đang được công nhận"),
        "Sơn Hà": ("2022-12-31", "Hết hiệu lực"),
        "'@SUM(A1:A9)": ("2027-06-30", "Đang được công nhận"),
    }

    _response, body = download(client, format="json", tab="companies", q="rạng đông")
    [rang_dong] = json.loads(body)["results"]
    assert rang_dong["title"] == "Rạng Đông"
    assert (rang_dong["recognised_until"], rang_dong["status"]) == ("2026-12-01", "current")


def test_more_rows_than_the_limit_are_refused_in_the_language_asked_for(
    client, catalogue, settings
):
    settings.CATALOGUE_EXPORT_MAX_ROWS = 2
    response = client.get(EXPORT, {"format": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    (message,) = response.json()["errors"]
    assert "3 kết quả" in message and "2 dòng" in message

    response = client.get(EXPORT, {"format": "xlsx", "lang": "en"})
    assert response.status_code == 400
    (message,) = response.json()["errors"]
    assert "3 results" in message and "2 rows" in message

    # Narrowed to the limit, the export is whole.
    _response, body = download(client, format="csv", sector="dien-dien-tu")
    assert len(csv_rows(body)) == 2


def test_an_export_larger_than_a_page_reads_every_page(client, catalogue, site_tree, path):
    company = make_company(site_tree, title="Công ty Nhiều Sản Phẩm", slug="nhieu-san-pham")
    sector = SectorFactory(slug="det-may", name="Dệt may")
    products = [
        make_product(
            site_tree,
            company=company,
            title=f"Vải số {number}",
            slug=f"vai-{number}",
            sector=sector,
            translate=False,
            recognitions=[{"year": 2022}],
        )
        for number in range(105)
    ]
    update_products([product.translation_key for product in products])
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()
    _response, body = download(client, format="json", sector="det-may")
    titles = [row["title"] for row in json.loads(body)["results"]]
    assert len(titles) == 105
    assert len(set(titles)) == 105


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "pdf"}, "Định dạng tải về phải là csv, xlsx hoặc json."),
        ({"format": "csv", "sector": "khong-co"}, "Không có giá trị “khong-co” cho bộ lọc sector."),
        ({"format": "csv", "utm_source": "x"}, "Tham số “utm_source” không được hỗ trợ."),
        (
            {"format": "csv", "status": "expired"},
            "Tình trạng “expired” không hợp lệ; chỉ dùng current.",
        ),
        ({"format": "pdf", "lang": "en"}, "The download format must be csv, xlsx or json."),
    ],
)
def test_bad_parameters_are_the_apis_400_errors(client, catalogue, params, message):
    response = client.get(EXPORT, params)
    assert response.status_code == 400
    assert message in response.json()["errors"]
    # The catalogue API says the same of the same parameters (the format aside).
    api_params = {key: value for key, value in params.items() if key != "format"}
    if api_params.keys() - {"lang"}:
        api = client.get("/api/catalogue/", api_params).json()["errors"]
        assert api == response.json()["errors"]


def test_without_a_format_the_export_is_csv(client, catalogue):
    response, body = download(client)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(csv_rows(body)) == 3


@pytest.mark.parametrize(
    ("page", "language", "header"),
    [("/san-pham/", "vi", "Sản phẩm"), ("/en/products/", "en", "Product")],
)
def test_the_catalogue_page_links_its_downloads_with_its_filters(
    client, catalogue, page, language, header
):
    html = client.get(
        page, {"sector": "dien-dien-tu", "sort": "name", "utm_source": "x", "page": "1"}
    )
    links = {
        link.get_text(strip=True): link["href"]
        for link in BeautifulSoup(html.content, "html.parser").select(".catalogue-downloads a")
    }
    assert set(links) == {"CSV", "XLSX", "JSON"}
    assert "format=xlsx" in links["XLSX"] and f"lang={language}" in links["XLSX"]

    response, body = download_url(client, links["CSV"])
    assert response.status_code == 200
    rows = csv_rows(body)
    assert len(rows) == 2  # the two electrical products, as the page lists them
    assert header in rows[0]

    response, body = download_url(client, links["JSON"])
    assert json.loads(body)["meta"]["sort"] == "name"

    # The companies tab downloads companies.
    html = client.get(page, {"tab": "companies"})
    link = BeautifulSoup(html.content, "html.parser").select_one(".catalogue-downloads a")
    response, body = download_url(client, link["href"])
    assert len(csv_rows(body)) == 3


def download_url(client, url):
    response = client.get(url)
    return response, b"".join(response.streaming_content)
