"""What a visitor sees on product, company and catalogue pages, in both languages."""

import pytest

from products.factories import SectorFactory
from tests.content import make_company, make_product


@pytest.fixture
def led(site_tree):
    company = make_company(
        site_tree,
        title="Rạng Đông",
        slug="rang-dong",
        tax_code="0101234567",
        english={"Doanh nghiệp sản xuất có sản phẩm được công nhận.": "A recognised maker."},
    )
    product = make_product(
        site_tree,
        company=company,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        summary="Đèn LED tiết kiệm điện.",
        hs_code="8539.52",
        english={
            "Đèn LED Rạng Đông": "Rạng Đông LED lamps",
            "den-led-rang-dong": "rang-dong-led-lamps",
            "Đèn LED tiết kiệm điện.": "Energy-saving LED lamps.",
        },
        recognitions=[
            {"year": 2021, "is_top10": True, "decision_reference": "5012/QĐ-UBND"},
            {"year": 2024, "is_top10": None},
        ],
    )
    return product


def test_product_page_shows_its_facts_in_vietnamese(client, led):
    response = client.get("/san-pham/den-led-rang-dong/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Đèn LED Rạng Đông</h1>" in html
    assert 'href="/doanh-nghiep/rang-dong/"' in html
    assert "5012/QĐ-UBND" in html
    assert "8539.52" in html
    # Top 10 is three-valued: 2021 yes, 2024 unknown (never shown as "no").
    assert "Chưa rõ" in html and "Không</td>" not in html


def test_english_product_page_links_the_english_company(client, led):
    response = client.get("/en/products/rang-dong-led-lamps/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Rạng Đông LED lamps</h1>" in html
    assert "Energy-saving LED lamps." in html
    assert 'href="/en/companies/rang-dong/"' in html
    assert "Unknown" in html  # the 2024 record's Top 10 flag
    assert '<html lang="en">' in html


def test_language_switcher_and_hreflang_link_the_translations(client, led):
    html = client.get("/san-pham/den-led-rang-dong/").content.decode()
    # On the Wagtail Site's host (core.metadata; tests/test_metadata.py parses them all).
    assert 'hreflang="en" href="http://localhost/en/products/rang-dong-led-lamps/"' in html
    assert 'href="/en/products/rang-dong-led-lamps/" hreflang="en"' in html
    english = client.get("/en/products/rang-dong-led-lamps/").content.decode()
    assert 'href="/san-pham/den-led-rang-dong/" hreflang="vi"' in english


def test_synchronised_fields_follow_the_vietnamese_page(client, led, english):
    from core.translation import translate_instance

    company = led.company
    company.tax_code = "0109876543-002"
    company.save_revision().publish()
    translate_instance(company, locale=english, translate=lambda text: text)
    english_company = company.get_translation(english)
    assert english_company.tax_code == "0109876543-002"
    assert "0109876543-002" in client.get("/en/companies/rang-dong/").content.decode()


def test_company_page_lists_its_products_in_each_language(client, led):
    vietnamese = client.get("/doanh-nghiep/rang-dong/").content.decode()
    assert "Đèn LED Rạng Đông" in vietnamese
    assert "0101234567" in vietnamese
    english = client.get("/en/companies/rang-dong/").content.decode()
    assert "Rạng Đông LED lamps" in english


def test_catalogue_lists_and_filters_products(client, site_tree, led):
    company = led.company
    make_product(
        site_tree,
        company=company,
        title="Ống thép inox",
        slug="ong-thep-inox",
        sector=SectorFactory(slug="co-khi-che-tao"),
        recognitions=[{"year": 2019}],
        translate=False,
    )
    everything = client.get("/san-pham/").content.decode()
    assert "Đèn LED Rạng Đông" in everything and "Ống thép inox" in everything
    by_sector = client.get("/san-pham/?sector=co-khi-che-tao").content.decode()
    assert "Ống thép inox" in by_sector and "Đèn LED Rạng Đông" not in by_sector
    by_year = client.get("/san-pham/?year=2021").content.decode()
    assert "Đèn LED Rạng Đông" in by_year and "Ống thép inox" not in by_year
    english = client.get("/en/products/").content.decode()
    assert "Rạng Đông LED lamps" in english
    # A product not yet translated stays in the English catalogue, linking its Vietnamese page.
    assert 'href="/san-pham/ong-thep-inox/"' in english


def test_catalogue_explains_a_bad_filter_and_keeps_listing(client, led):
    response = client.get("/san-pham/?sector=khong-co&year=1999")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Không có giá trị “khong-co” cho bộ lọc sector." in html
    assert "Đèn LED Rạng Đông" in html


@pytest.mark.parametrize("page", ["0", "2", "abc", "-1"])
def test_catalogue_answers_a_bad_page_with_404(client, led, page):
    assert client.get(f"/san-pham/?page={page}").status_code == 404
