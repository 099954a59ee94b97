"""The open-data page and its full downloads: the catalogue, companies, recognitions and
statistics, with licence, last update and field descriptions, in both languages."""

import csv
import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command

from products.factories import DecisionFactory
from products.models import CompanyRecognition
from programme.factories import OpenDataPageFactory
from programme.models import OpenDataPage
from search.catalogue.database.companies import rebuild_company_entries
from search.catalogue.database.query import rebuild_entries
from tests.content import make_company, make_product, publish

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
VI_URL = "/chuong-trinh/du-lieu-mo/"
EN_URL = "/en/programme/open-data/"
ENGLISH = {
    "Dữ liệu mở": "Open data",
    "du-lieu-mo": "open-data",
    "Dữ liệu được cung cấp theo giấy phép Creative Commons Ghi công 4.0 (CC BY 4.0).": (
        "The data is provided under the Creative Commons Attribution 4.0 licence (CC BY 4.0)."
    ),
}


@pytest.fixture
def open_data(site_tree, settings):
    settings.SEARCH_URL = ""
    page = OpenDataPageFactory(parent=site_tree.programme)
    publish(page, ENGLISH)
    return page


@pytest.fixture
def catalogue(site_tree):
    decision = DecisionFactory(
        number="1234/QĐ-UBND", year=2023, signed_on=datetime.date(2023, 12, 1)
    )
    rang_dong = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    son_ha = make_company(site_tree, title="Sơn Hà", slug="son-ha")
    make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        english={"Đèn LED Rạng Đông": "Rạng Đông LED lamps", "den-led-rang-dong": "led-lamps"},
        recognitions=[{"year": 2023, "decision": decision, "is_top10": True}, {"year": 2019}],
    )
    # A recognition whose product has no page: on the company.
    CompanyRecognition.objects.create(
        page=son_ha, year=2021, product_description="+Bồn inox", decision_reference="99/QĐ"
    )
    publish(son_ha)
    rebuild_entries()
    rebuild_company_entries()
    with time_machine.travel(datetime.datetime(2025, 6, 1, 12, tzinfo=HANOI), tick=False):
        yield


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def datasets(soup) -> dict[str, dict]:
    """{title: {"links": {format: url}, "fields": {label: description}}} of the page."""
    found = {}
    for section in soup.select("section.dataset"):
        links = {a.get_text(" ", strip=True).split()[0]: a["href"] for a in section.select("a")}
        fields = {
            row.th.get_text(strip=True): row.td.get_text(strip=True)
            for row in section.select("tbody tr")
        }
        found[section.h2.get_text(strip=True)] = {"links": links, "fields": fields}
    return found


def body(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.getvalue()


def csv_rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_page_lives_once_under_the_programme(open_data, site_tree):
    assert OpenDataPage.can_exist_under(site_tree.programme)
    assert not OpenDataPage.can_create_at(site_tree.programme)
    assert not OpenDataPage.can_create_at(site_tree.home)


def test_the_page_lists_every_download_with_licence_update_and_fields(client, open_data, catalogue):
    soup = soup_of(client, VI_URL)
    assert "CC BY 4.0" in soup.find(id="licence-heading").find_parent("section").get_text()
    assert soup.find("time")["datetime"].startswith("20")  # the last publish of the catalogue
    found = datasets(soup)
    assert list(found) == [
        "Danh mục sản phẩm",
        "Doanh nghiệp",
        "Các lần công nhận",
        "Số liệu theo năm",
        "Số liệu theo nhóm ngành",
    ]
    for title, dataset in found.items():
        assert set(dataset["links"]) == {"CSV", "XLSX", "JSON"}, title
        assert all(dataset["fields"].values()), f"{title}: a field without a description"
    assert found["Danh mục sản phẩm"]["fields"]["Tình trạng"].startswith("Còn hiệu lực")

    # Each link gives the file whose columns the page describes, in the page's language.
    for title, dataset in found.items():
        rows = csv_rows(body(client, dataset["links"]["CSV"]))
        assert rows, title
        assert list(rows[0]) == list(dataset["fields"]), title
        query = parse_qs(urlsplit(dataset["links"]["JSON"]).query)
        assert query["lang"] == ["vi"]
        data = json.loads(body(client, dataset["links"]["JSON"]))
        assert [field["label"] for field in data["meta"]["fields"]] == list(dataset["fields"])
        sheet = openpyxl.load_workbook(io.BytesIO(body(client, dataset["links"]["XLSX"])))
        assert list(next(sheet.worksheets[0].values)) == list(dataset["fields"])


def test_the_english_page_links_english_files(client, open_data, catalogue):
    soup = soup_of(client, EN_URL)
    found = datasets(soup)
    assert list(found) == [
        "Catalogue of products",
        "Companies",
        "Recognitions",
        "Figures per year",
        "Figures per sector",
    ]
    assert "Status" in found["Catalogue of products"]["fields"]
    rows = csv_rows(body(client, found["Recognitions"]["links"]["CSV"]))
    led = next(row for row in rows if row["Product"] == "Rạng Đông LED lamps")
    assert led["Status"] == "Currently recognised"
    assert led["Page address"] == "http://localhost/en/products/led-lamps/"


def test_recognitions_are_one_row_each_with_decision_and_status(client, open_data, catalogue):
    data = json.loads(body(client, "/api/recognitions/export/?format=json"))
    rows = [
        (row["year"], row["decision"], row["product"], row["company"], row["status"])
        for row in data["results"]
    ]
    assert rows == [
        (2023, "1234/QĐ-UBND", "Đèn LED Rạng Đông", "Rạng Đông", "current"),
        (2021, "99/QĐ", "+Bồn inox", "Sơn Hà", "expired"),  # undated: to 31/12/2024
        (2019, "", "Đèn LED Rạng Đông", "Rạng Đông", "expired"),
    ]
    first = data["results"][0]
    assert first["decision_date"] == "2023-12-01"
    assert first["recognised_until"] == "2026-12-01"
    assert first["top10"] is True

    rows = csv_rows(body(client, "/api/recognitions/export/?format=csv"))
    assert rows[1]["Sản phẩm"] == "'+Bồn inox"  # neutralised for spreadsheets
    assert rows[1]["Địa chỉ trang doanh nghiệp"] == "http://localhost/doanh-nghiep/son-ha/"
    assert rows[2]["Tình trạng"] == "Hết hiệu lực"


def test_a_product_taken_offline_has_no_recognition_row(client, open_data, catalogue, site_tree):
    company = make_company(site_tree, title="Công ty Mới", slug="cong-ty-moi")
    draft = make_product(
        site_tree,
        company=company,
        title="Sản phẩm nháp",
        slug="san-pham-nhap",
        recognitions=[{"year": 2022}],
    )
    draft.unpublish()
    rows = csv_rows(body(client, "/api/recognitions/export/"))
    assert "Sản phẩm nháp" not in {row["Sản phẩm"] for row in rows}
    assert len(rows) == 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"format": "doc"}, "Định dạng tải về phải là csv, xlsx hoặc json."),
        ({"format": "doc", "lang": "en"}, "The download format must be csv, xlsx or json."),
        ({"q": "den"}, "Tham số “q” không được hỗ trợ."),
    ],
)
def test_bad_parameters_are_explained(client, open_data, params, message):
    response = client.get("/api/recognitions/export/", params)
    assert response.status_code == 400
    assert response.json() == {"errors": [message]}


def test_the_demo_loader_makes_the_page_in_both_languages(client, site_tree):
    call_command("load_demo", verbosity=0)
    page = OpenDataPage.objects.get(locale__language_code="vi")
    assert page.live and "CC BY 4.0" in page.licence
    english = OpenDataPage.objects.get(locale__language_code="en")
    assert english.live and english.title == "Open data"
    assert "Attribution" in english.licence
    soup = soup_of(client, english.url)
    assert len(soup.select("section.dataset")) == 5
