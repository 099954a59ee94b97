"""Whether a recognition is still valid, shown on product and company pages in both languages,
with each decision linked and each source's note."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
import wagtail_factories
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from products.factories import DecisionFactory
from products.models import CompanyRecognition
from products.models.recognition import recognised_until
from programme.factories import DecisionIndexPageFactory
from tests.content import make_company, make_product, publish

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(*args):
    """Hà Nội's wall clock, frozen."""
    return time_machine.travel(datetime.datetime(*args, tzinfo=HANOI), tick=False)


# -- the rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # Three years from the decision, that day included (Civil Code 2015, art. 148).
        ({"year": 2021, "decided_on": datetime.date(2021, 11, 26)}, datetime.date(2024, 11, 26)),
        # 29 February has no match three years on.
        ({"year": 2020, "decided_on": datetime.date(2020, 2, 29)}, datetime.date(2023, 2, 28)),
        # The record's own date wins over the rule.
        (
            {
                "year": 2021,
                "decided_on": datetime.date(2021, 11, 26),
                "valid_until": datetime.date(2022, 6, 30),
            },
            datetime.date(2022, 6, 30),
        ),
        # No date for the decision: the end of the recognition's year + 3.
        ({"year": 2019}, datetime.date(2022, 12, 31)),
    ],
)
def test_a_recognition_is_valid_three_years_from_its_decision(rule, expected):
    assert recognised_until(**rule) == expected


# -- pages ------------------------------------------------------------------------------


@pytest.fixture
def decisions_page(site_tree):
    page = DecisionIndexPageFactory(parent=site_tree.programme)
    publish(page, {"Văn bản": "Decisions", "van-ban": "decisions"})
    return page


@pytest.fixture
def decision_5012(db):
    return DecisionFactory(
        number="5012/QĐ-UBND",
        signed_on=datetime.date(2021, 11, 26),
        year=2021,
        title="Công nhận 46 sản phẩm",
        title_en="Recognising 46 products",
    )


@pytest.fixture
def rang_dong(site_tree):
    return make_company(
        site_tree, title="Rạng Đông", slug="rang-dong", english={"Rạng Đông": "Rang Dong"}
    )


@pytest.fixture
def led(site_tree, rang_dong, decision_5012, decisions_page):
    return make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        english={"Đèn LED Rạng Đông": "Rạng Đông LED lamps", "den-led-rang-dong": "led-lamps"},
        recognitions=[
            {
                "year": 2021,
                "is_top10": True,
                "decision": decision_5012,
                "source_url": "https://example.com/quyet-dinh-5012",
                "note": "Nguồn chỉ nêu <b>thương hiệu</b> & chưa xác minh tên pháp lý.",
            }
        ],
    )


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_product_page_says_until_when_it_is_recognised_then_since_when_it_is_not(client, led):
    with at(2024, 11, 26, 23, 59):
        vietnamese = html(client, "/san-pham/den-led-rang-dong/")
        english = html(client, "/en/products/led-lamps/")
    assert (
        '<strong>Đang được công nhận đến</strong> <time datetime="2024-11-26">26/11/2024</time>'
    ) in vietnamese
    assert (
        '<strong>Recognised until</strong> <time datetime="2024-11-26">26 November 2024</time>'
    ) in english
    # 00:30 in Hà Nội is still the 26th in UTC: the day is Hà Nội's.
    with at(2024, 11, 27, 0, 30):
        vietnamese = html(client, "/san-pham/den-led-rang-dong/")
        english = html(client, "/en/products/led-lamps/")
    assert '<strong>Hết hiệu lực từ</strong> <time datetime="2024-11-27">27/11/2024</time>' in (
        vietnamese
    )
    assert '<strong>Expired on</strong> <time datetime="2024-11-27">27 November 2024</time>' in (
        english
    )
    assert "Đang được công nhận" not in vietnamese and "Recognised until" not in english


def test_a_later_recognition_keeps_the_product_current(client, site_tree, rang_dong):
    make_product(
        site_tree,
        company=rang_dong,
        title="Dây cáp điện",
        slug="day-cap-dien",
        recognitions=[{"year": 2019}, {"year": 2023}],
        translate=False,
    )
    with at(2025, 6, 1, 12, 0):
        page = html(client, "/san-pham/day-cap-dien/")
    # 2019 ended with 2022; 2023, undated, runs to the end of 2026.
    assert 'Đang được công nhận đến</strong> <time datetime="2026-12-31">31/12/2026' in page


def test_company_page_is_current_through_its_own_or_its_products_recognitions(
    client, site_tree, led
):
    lone = make_company(site_tree, title="Sơn Hà", slug="son-ha")
    CompanyRecognition.objects.create(
        page=lone, year=2022, valid_until=datetime.date(2025, 12, 31), note="Không nêu sản phẩm"
    )
    publish(lone)
    with at(2024, 1, 10, 9, 0):
        by_product = html(client, "/doanh-nghiep/rang-dong/")
        by_itself = html(client, "/en/companies/son-ha/")
    assert '<time datetime="2024-11-26">26/11/2024</time>' in by_product
    assert "Đang được công nhận đến" in by_product
    assert '<strong>Recognised until</strong> <time datetime="2025-12-31">' in by_itself
    assert '<span class="recognition-note" lang="vi">Không nêu sản phẩm</span>' in by_itself
    with at(2026, 1, 1, 0, 1):
        assert "<strong>Hết hiệu lực từ</strong>" in html(client, "/doanh-nghiep/son-ha/")
        assert "<strong>Expired on</strong>" in html(client, "/en/companies/rang-dong/")


def test_the_source_note_is_shown_beside_the_source_as_plain_text(client, led):
    page = html(client, "/san-pham/den-led-rang-dong/")
    assert (
        '<a href="https://example.com/quyet-dinh-5012" rel="noopener">Xem nguồn'
        '<span class="visually-hidden"> 2021</span></a> — <span class="recognition-note" '
        'lang="vi">Nguồn chỉ nêu &lt;b&gt;thương hiệu&lt;/b&gt; &amp; chưa xác minh tên pháp '
        "lý.</span>"
    ) in page
    assert "<b>thương hiệu</b>" not in page


# -- decisions --------------------------------------------------------------------------


def test_a_decision_without_a_file_links_its_entry_on_the_decisions_list(
    client, led, decision_5012
):
    anchor = f"decision-{decision_5012.pk}"
    product = html(client, "/san-pham/den-led-rang-dong/")
    assert f'<a href="/chuong-trinh/van-ban/#{anchor}">5012/QĐ-UBND</a>' in product
    english = html(client, "/en/products/led-lamps/")
    assert f'<a href="/en/programme/decisions/#{anchor}">5012/QĐ-UBND</a>' in english
    listing = html(client, "/chuong-trinh/van-ban/")
    assert f'<tr id="{anchor}">' in listing and "Chưa công bố tệp văn bản" in listing
    assert "No file published yet" in html(client, "/en/programme/decisions/")


def test_a_decision_with_its_file_links_the_file(client, led, decision_5012):
    decision_5012.document = wagtail_factories.DocumentFactory(
        title="QĐ 5012", file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="qd-5012.pdf")
    )
    decision_5012.save()
    product = html(client, "/san-pham/den-led-rang-dong/")
    assert f'<a href="{decision_5012.document.url}">5012/QĐ-UBND</a>' in product
    listing = html(client, "/chuong-trinh/van-ban/")
    assert "Chưa công bố tệp văn bản" not in listing
    assert f'href="{decision_5012.document.url}"' in listing


def test_without_a_decisions_list_the_number_links_the_decisions_source(
    client, site_tree, rang_dong
):
    decision = DecisionFactory(
        number="2000/QĐ-UBND", year=2020, source_url="https://example.com/qd-2000"
    )
    make_product(
        site_tree,
        company=rang_dong,
        title="Ống thép",
        slug="ong-thep",
        recognitions=[{"year": 2020, "decision": decision}],
        translate=False,
    )
    page = html(client, "/san-pham/ong-thep/")
    assert '<a href="https://example.com/qd-2000">2000/QĐ-UBND</a>' in page


# -- the page cache turns at midnight -----------------------------------------------------


def test_a_kept_page_is_not_served_with_yesterdays_status(client, led, settings):
    settings.PAGE_CACHE_SECONDS = 300
    with at(2024, 11, 26, 23, 59, 0):
        assert "Đang được công nhận đến" in html(client, "/san-pham/den-led-rang-dong/")
        assert "Đang được công nhận đến" in html(client, "/san-pham/den-led-rang-dong/")
    # 90 seconds later, well within the five minutes a page is kept, but the next day.
    with at(2024, 11, 27, 0, 0, 30):
        page = html(client, "/san-pham/den-led-rang-dong/")
    assert "Hết hiệu lực từ" in page and "Đang được công nhận đến" not in page


# -- one company tree -------------------------------------------------------------------


def test_a_product_linked_to_an_english_company_page_is_refused(led, rang_dong, english):
    led.company = rang_dong.get_translation(english)
    with pytest.raises(ValidationError) as refused:
        led.full_clean()
    assert refused.value.message_dict["company"] == [
        "“Rang Dong” là trang doanh nghiệp bằng tiếng Anh. Hãy chọn trang tiếng Việt của "
        "doanh nghiệp: sản phẩm luôn liên kết tới trang tiếng Việt, và bản tiếng Anh của sản "
        "phẩm tự hiển thị doanh nghiệp bằng tiếng Anh."
    ]
    led.company = rang_dong
    led.full_clean()
