"""On a phone (375 × 812): the catalogue's first screen shows its search box and first results,
the filters fold behind one control that opens from the keyboard and apply as they are
ticked, and the header's navigation folds behind "Menu" (issue 11)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}
CATALOGUES = {
    "vi": {"url": "/san-pham/", "filters": "Bộ lọc", "menu": "Menu", "products": "Sản phẩm"},
    "en": {"url": "/en/products/", "filters": "Filters", "menu": "Menu", "products": "Products"},
}


@pytest.fixture
def phone(new_context):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def _top(locator) -> float:
    box = locator.bounding_box()
    assert box is not None, f"{locator} is not rendered"
    return box["y"]


def _serious_axe_violations(page) -> list[str]:
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_first_screen_shows_the_search_box_and_the_first_result(phone, catalogue, language):
    flow = CATALOGUES[language]
    phone.goto(flow["url"])
    search_box = phone.locator("#catalogue-q")
    first_card = phone.locator("[data-catalogue-results] .cards .card").first
    assert _top(search_box) < PHONE["height"]
    assert _top(first_card) < PHONE["height"]
    # The search box comes before the filters.
    filters = phone.locator("details.filters")
    assert _top(search_box) < _top(filters)
    # The filters are folded: no box shows until the control is opened.
    expect(filters).not_to_have_attribute("open", re.compile(".*"))
    expect(phone.locator('input[name="sector"]').first).to_be_hidden()
    assert not _serious_axe_violations(phone)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_filters_open_from_the_keyboard_and_apply_as_they_are_ticked(
    phone, catalogue, language
):
    flow = CATALOGUES[language]
    sector = catalogue["sectors"]["mechanical"].slug
    phone.goto(flow["url"])
    cards = phone.locator("[data-catalogue-results] .cards .card")
    expect(cards).to_have_count(3)

    toggle = phone.locator("details.filters > summary")
    expect(toggle).to_have_text(flow["filters"])
    toggle.focus()
    phone.keyboard.press("Enter")
    expect(phone.locator("details.filters")).to_have_attribute("open", "")
    box = phone.locator(f'input[name="sector"][value="{sector}"]')
    expect(box).to_be_visible()

    # Ticked with the keyboard: the results change without a page load, the address says
    # what is shown, the focus stays on the box and the new count is announced.
    phone.evaluate("window.loadedOnce = true")
    box.focus()
    phone.keyboard.press("Space")
    expect(cards).to_have_count(1)
    expect(phone).to_have_url(re.compile(rf"[?&]sector={sector}\b"))
    assert phone.evaluate("window.loadedOnce") is True, "the page reloaded"
    expect(phone.locator(f'input[name="sector"][value="{sector}"]')).to_be_focused()
    expect(phone.locator(f'input[name="sector"][value="{sector}"]')).to_be_checked()
    status = phone.locator("[data-catalogue-status]")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text(re.compile(r"^1 "))
    assert not _serious_axe_violations(phone)

    # Reloading the address shows the same filtered results.
    phone.reload()
    expect(cards).to_have_count(1)
    expect(phone.locator(f'input[name="sector"][value="{sector}"]')).to_be_checked()


def test_without_javascript_the_filters_open_and_apply_with_the_button(new_context, catalogue):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    sector = catalogue["sectors"]["mechanical"].slug
    page.goto("/en/products/")
    page.locator("details.filters > summary").click()
    page.locator(f'input[name="sector"][value="{sector}"]').check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(rf"[?&]sector={sector}\b"))
    expect(page.locator("[data-catalogue-results] .cards .card")).to_have_count(1)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_header_is_compact_and_its_menu_opens_from_the_keyboard(phone, catalogue, language):
    flow = CATALOGUES[language]
    phone.goto(flow["url"])
    header = phone.locator("header.site-header").bounding_box()
    # Measured before: about 300 px of header (404 px with the sample-data notice).
    assert header["height"] < 220, header
    navigation = phone.locator("nav.main-nav")
    expect(navigation).to_be_hidden()
    menu = phone.locator("details.site-menu > summary")
    expect(menu).to_have_text(flow["menu"])
    menu.focus()
    phone.keyboard.press("Enter")
    expect(navigation).to_be_visible()
    link = navigation.get_by_role("link", name=flow["products"], exact=True)
    expect(link).to_be_visible()
    expect(link).to_have_attribute("aria-current", "page")
    expect(phone.locator(".language-switcher")).to_be_visible()
    assert not _serious_axe_violations(phone)
    phone.keyboard.press("Enter")
    expect(navigation).to_be_hidden()


def test_on_a_wide_screen_the_navigation_and_filters_show_without_a_click(page, catalogue):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/products/")
    expect(page.locator("nav.main-nav")).to_be_visible()
    expect(page.locator("details.site-menu > summary")).to_be_hidden()
    expect(page.locator('input[name="sector"]').first).to_be_visible()
    expect(page.locator("details.filters > summary")).to_be_hidden()


@pytest.mark.parametrize("url", ["/", "/en/", "/san-pham/den-led-rang-dong/"])
def test_home_and_product_pages_on_a_phone(phone, catalogue, url):
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(phone.locator("#site-search-q")).to_be_visible()
    assert not _serious_axe_violations(phone)
