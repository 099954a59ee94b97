"""What a visitor does: browse the catalogue, filter it, follow a product to its company,
search with the keyboard only, and switch language without losing their place."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CATALOGUE_FLOWS = {
    "vi": {
        "home": "/",
        "catalogue_link": "Sản phẩm",
        "catalogue": "/san-pham/",
        "filter": "Áp dụng bộ lọc",
        "product": "Đèn LED Rạng Đông",
        "product_url": "/san-pham/den-led-rang-dong/",
        "hidden": ["Máy biến áp Đông Anh", "Quạt điện Thống Nhất"],
        "company": "Công ty Rạng Đông",
        "company_url": "/doanh-nghiep/rang-dong/",
    },
    "en": {
        "home": "/en/",
        "catalogue_link": "Products",
        "catalogue": "/en/products/",
        "filter": "Apply filters",
        "product": "Rang Dong LED lamps",
        "product_url": "/en/products/rang-dong-led-lamps/",
        "hidden": ["Dong Anh transformers", "Thong Nhat electric fans"],
        "company": "Rang Dong Company",
        "company_url": "/en/companies/rang-dong/",
    },
}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_home_catalogue_filters_product_company(page, catalogue, language):
    flow = CATALOGUE_FLOWS[language]
    sector = catalogue["sectors"]["electrical"].slug

    page.goto(flow["home"])
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_role("navigation", name=re.compile("Điều hướng chính|Main navigation")).get_by_role(
        "link", name=flow["catalogue_link"], exact=True
    ).click()
    expect(page).to_have_url(re.compile(re.escape(flow["catalogue"]) + "$"))

    # Tick one sector and one year, then submit the filter form (a plain GET form).
    page.locator(f'input[type=checkbox][name=sector][value="{sector}"]').check()
    page.locator('input[type=checkbox][name=year][value="2023"]').check()
    page.get_by_role("button", name=flow["filter"]).click()
    expect(page).to_have_url(re.compile(rf"[?&]sector={sector}\b"))
    expect(page).to_have_url(re.compile(r"[?&]year=2023\b"))
    # The choices survive the round trip, and only the product matching both is listed.
    expect(page.locator(f'input[name=sector][value="{sector}"]')).to_be_checked()
    expect(page.locator('input[name=year][value="2023"]')).to_be_checked()
    results = page.locator("#results-heading ~ ul.cards")
    expect(results.get_by_role("link", name=flow["product"])).to_be_visible()
    for other in flow["hidden"]:
        expect(page.get_by_role("link", name=other)).to_have_count(0)

    results.get_by_role("link", name=flow["product"]).click()
    expect(page).to_have_url(re.compile(re.escape(flow["product_url"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(flow["product"])

    page.locator("aside.facts").get_by_role("link", name=flow["company"]).click()
    expect(page).to_have_url(re.compile(re.escape(flow["company_url"]) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(flow["company"])
    # The company lists its product, in the same language.
    expect(page.get_by_role("link", name=flow["product"])).to_be_visible()


def _press_tab_until(page, predicate_js, *, limit):
    """Press Tab until the focused element satisfies *predicate_js*; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => Boolean(el) && ({predicate_js}))(document.activeElement)"):
            return presses
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"{limit} × Tab never got there; focus is on {focused}")


# Type, Enter, Tab, Enter; picking a suggestion with the arrow keys is in test_autocomplete.py.
def test_keyboard_only_search(page, news_article):
    article_url, article_title = news_article.url, news_article.title
    page.goto("/")
    # The header search box comes right after the skip link and the site name.
    presses = _press_tab_until(page, "el.id === 'site-search-q'", limit=5)
    assert presses <= 3, f"the search box took {presses} Tab presses to reach"
    page.keyboard.type("hội chợ")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=h%E1%BB%99i\+ch%E1%BB%A3$"))
    expect(page.locator("#site-search-q")).to_have_value("hội chợ")

    # Skip the header with the skip link, then Tab forward to the article's result link.
    _press_tab_until(page, "el.classList.contains('skip-link')", limit=1)
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    _press_tab_until(page, f"el.getAttribute('href') === {article_url!r}", limit=15)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(article_url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(article_title)


def test_language_switcher_keeps_the_visitor_on_the_translated_page(page, catalogue):
    page.goto("/san-pham/den-led-rang-dong/")
    switcher = page.get_by_role("navigation", name="Ngôn ngữ")
    expect(switcher.locator("[aria-current]")).to_have_text("Tiếng Việt")
    switcher.locator("a[hreflang=en]").click()
    expect(page).to_have_url(re.compile(r"/en/products/rang-dong-led-lamps/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rang Dong LED lamps")

    switcher = page.get_by_role("navigation", name="Language")
    expect(switcher.locator("[aria-current]")).to_have_text("English")
    switcher.locator("a[hreflang=vi]").click()
    expect(page).to_have_url(re.compile(r"/san-pham/den-led-rang-dong/$"))
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đèn LED Rạng Đông")
