"""The catalogue's "currently recognised" filter (`?status=current`) on every path.

Run on SQLite and PostgreSQL (the database path) and, with `-m engine`, on the real node.
"""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
import time_machine

from products.factories import DecisionFactory, SectorFactory
from search.catalogue.sync import update_products
from tests.content import make_company, make_product

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    return time_machine.travel(datetime.datetime(*args, tzinfo=HANOI), tick=False)


@pytest.fixture
def catalogue(site_tree, path):
    """Recognised until 1/12/2026 (decision), 31/12/2022 (undated 2019), 30/6/2027 (record)."""
    electrical = SectorFactory(slug="dien-dien-tu", name="Điện, điện tử", name_en="Electrical")
    mechanical = SectorFactory(slug="co-khi-che-tao", name="Cơ khí", name_en="Mechanical")
    decision = DecisionFactory(
        number="1234/QĐ-UBND", year=2023, signed_on=datetime.date(2023, 12, 1)
    )
    rang_dong = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    son_ha = make_company(site_tree, title="Sơn Hà", slug="son-ha")
    led = make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        sector=electrical,
        english={"Đèn LED Rạng Đông": "Rạng Đông LED lamps", "den-led-rang-dong": "led-lamps"},
        recognitions=[{"year": 2023, "decision": decision}],
    )
    heater = make_product(
        site_tree,
        company=son_ha,
        title="Bình nước nóng Sơn Hà",
        slug="binh-nuoc-nong-son-ha",
        sector=electrical,
        recognitions=[{"year": 2019}],
    )
    pipe = make_product(
        site_tree,
        company=son_ha,
        title="Ống thép inox Sơn Hà",
        slug="ong-thep-inox-son-ha",
        sector=mechanical,
        recognitions=[{"year": 2021, "valid_until": datetime.date(2027, 6, 30)}],
    )
    update_products([product.translation_key for product in (led, heater, pipe)])
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()


def api(client, **params):
    response = client.get("/api/catalogue/", params)
    return response.status_code, json.loads(response.content)


def titles(data):
    return sorted(result["title"] for result in data["results"])


def status_facet(data):
    return {item["value"]: (item["count"], item["selected"]) for item in data["facets"]["status"]}


LED, HEATER, PIPE = "Đèn LED Rạng Đông", "Bình nước nóng Sơn Hà", "Ống thép inox Sơn Hà"


def test_the_filter_keeps_what_is_recognised_today_and_counts_it(client, catalogue):
    with at(2026, 11, 30, 10, 0):
        _, everything = api(client)
        _, current = api(client, status="current")
    assert everything["count"] == 3
    assert status_facet(everything) == {"current": (2, False)}
    assert titles(current) == [LED, PIPE]
    assert status_facet(current) == {"current": (2, True)}
    assert everything["facets"]["status"][0]["label"] == "Đang được công nhận"


def test_the_count_follows_the_other_filters_and_they_follow_it(client, catalogue):
    with at(2026, 11, 30, 10, 0):
        _, electrical = api(client, sector="dien-dien-tu")
        _, both = api(client, sector="dien-dien-tu", status="current")
        _, words = api(client, q="son ha", status="current", lang="en")
    assert status_facet(electrical) == {"current": (1, False)}
    assert titles(both) == [LED]
    sectors = {item["value"]: item["count"] for item in both["facets"]["sector"]}
    assert sectors == {"dien-dien-tu": 1, "co-khi-che-tao": 1}
    assert titles(words) == [PIPE]
    assert words["facets"]["status"][0]["label"] == "Currently recognised"


def test_results_carry_their_status_and_expiry_date(client, catalogue):
    with at(2026, 11, 30, 10, 0):
        _, data = api(client, sort="name")
    found = {r["title"]: (r["status"], r["recognised_until"]) for r in data["results"]}
    assert found == {
        LED: ("current", "2026-12-01"),
        HEATER: ("expired", "2022-12-31"),
        PIPE: ("current", "2027-06-30"),
    }


def test_the_day_is_judged_when_searching_not_when_indexing(client, catalogue):
    with at(2026, 12, 1, 23, 59):
        assert titles(api(client, status="current")[1]) == [LED, PIPE]
    # Nothing was re-indexed: only the date changed (Hà Nội's; UTC is still 1 December).
    with at(2026, 12, 2, 0, 1):
        _, current = api(client, status="current")
        _, everything = api(client)
    assert titles(current) == [PIPE]
    assert status_facet(everything) == {"current": (1, False)}
    assert {r["title"]: r["status"] for r in everything["results"]}[LED] == "expired"


def test_words_found_only_among_expired_products_are_not_corrected(client, catalogue):
    with at(2026, 11, 30, 10, 0):
        _, data = api(client, q="bình nước nóng", status="current")
    assert data["count"] == 0
    assert data["corrected"] is None and not data["partial"]
    # Still shown (and ticked), so the visitor can untick it.
    assert status_facet(data) == {"current": (0, True)}


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("vi", "Tình trạng “yes” không hợp lệ; chỉ dùng current."),
        ("en", "Status “yes” is not valid; the only status is current."),
    ],
)
def test_a_bad_status_is_explained(client, catalogue, lang, message):
    status, data = api(client, status="yes", lang=lang)
    assert (status, data) == (400, {"errors": [message]})


def test_the_catalogue_page_shows_the_filter_with_its_count(client, catalogue):
    with at(2026, 11, 30, 10, 0):
        page = client.get("/san-pham/").content.decode()
        ticked = client.get("/san-pham/?status=current").content.decode()
        english = client.get("/en/products/").content.decode()
        bad = client.get("/san-pham/?status=expired")
    assert "<legend>Tình trạng công nhận</legend>" in page
    assert (
        '<input type="checkbox" name="status" value="current"> Đang được công nhận '
        '<span class="card__meta">(2)</span>'
    ) in page
    assert 'name="status" value="current" checked> Đang được công nhận' in ticked
    assert HEATER not in ticked and LED in ticked
    assert "<legend>Recognition status</legend>" in english
    assert "Currently recognised" in english
    # A bad value is explained and left out: the whole catalogue, with a 400.
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Tình trạng “expired” không hợp lệ" in text and HEATER in text and LED in text


def test_a_kept_catalogue_page_is_not_served_with_yesterdays_count(client, catalogue, settings):
    settings.PAGE_CACHE_SECONDS = 300
    counted = '<input type="checkbox" name="status" value="current"> Đang được công nhận '
    with at(2026, 12, 1, 23, 59, 0):
        client.get("/san-pham/")
        assert f'{counted}<span class="card__meta">(2)</span>' in (
            client.get("/san-pham/").content.decode()
        )
    with at(2026, 12, 2, 0, 0, 30):
        page = client.get("/san-pham/").content.decode()
    assert f'{counted}<span class="card__meta">(1)</span>' in page
