"""Search suggestions as you type (static/js/autocomplete.js), as visitors meet them: with the
keyboard only, with a mouse, in both languages, with a screen reader's view of the widget
(the ARIA combobox state and axe-core), and without JavaScript, where the plain form remains.

The suggestions come from the real /api/catalogue/suggest/ endpoint on the database path.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}
HEADER_FIELD = "#site-search-q"


def _tab_to(page, element_id, *, limit):
    """Press Tab from where the focus is until *element_id* has it; return the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return presses
    focused = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"{limit} × Tab never reached #{element_id}; focus is on {focused}")


def _listbox(page, field):
    """The listbox the field controls (found through aria-controls, as assistive tech does)."""
    return page.locator(f"#{field.get_attribute('aria-controls')}")


def test_keyboard_only_pick_a_product_suggestion_and_open_it(page, catalogue):
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    # Enhanced into a combobox, closed until there is something to suggest.
    expect(field).to_have_attribute("role", "combobox")
    expect(field).to_have_attribute("aria-autocomplete", "list")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).to_have_attribute("autocomplete", "off")
    listbox = _listbox(page, field)
    expect(listbox).to_be_hidden()

    # Skip link, site name, then the search box.
    assert _tab_to(page, "site-search-q", limit=5) <= 3
    page.keyboard.type("den led")

    expect(listbox).to_be_visible()
    expect(field).to_have_attribute("aria-expanded", "true")
    product = listbox.get_by_role("group", name="Sản phẩm").get_by_role(
        "option", name="Đèn LED Rạng Đông"
    )
    expect(product).to_be_visible()
    # Typed without diacritics, the matching beginnings of words are still marked.
    expect(product.locator("mark")).to_have_text(["Đèn", "LED"])
    expect(page.get_by_role("status").filter(has_text="gợi ý")).to_have_text("1 gợi ý")
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile("."))

    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", product.get_attribute("id"))
    expect(product).to_have_attribute("aria-selected", "true")
    # The focus itself stays in the field: the option is only the active descendant.
    expect(field).to_be_focused()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/san-pham/den-led-rang-dong/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đèn LED Rạng Đông")


def test_arrow_keys_wrap_through_products_then_companies(page, catalogue):
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    field.focus()
    page.keyboard.type("thong nhat")
    listbox = _listbox(page, field)
    product = listbox.get_by_role("group", name="Sản phẩm").get_by_role(
        "option", name="Quạt điện Thống Nhất"
    )
    company = listbox.get_by_role("group", name="Doanh nghiệp").get_by_role(
        "option", name="Công ty Điện Cơ Thống Nhất"
    )
    expect(listbox.get_by_role("option")).to_have_count(2)
    expect(page.get_by_role("status").filter(has_text="gợi ý")).to_have_text("2 gợi ý")

    active = []
    for key in ("ArrowDown", "ArrowDown", "ArrowDown", "ArrowUp", "ArrowUp"):
        page.keyboard.press(key)
        active.append(field.get_attribute("aria-activedescendant"))
    product_id, company_id = product.get_attribute("id"), company.get_attribute("id")
    # Down past the last option comes back to the first, up past the first to the last.
    assert active == [product_id, company_id, product_id, company_id, product_id]
    expect(listbox.locator("[aria-selected=true]")).to_have_count(1)

    # Typing again leaves the options: no stale active descendant for Enter to follow.
    page.keyboard.type(" ")
    page.keyboard.press("Backspace")
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile("."))


def test_escape_closes_then_clears_and_tab_moves_on(page, catalogue):
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    field.focus()
    page.keyboard.type("den led")
    listbox = _listbox(page, field)
    expect(listbox).to_be_visible()
    page.keyboard.press("ArrowDown")

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(field).not_to_have_attribute("aria-activedescendant", re.compile("."))
    expect(field).to_have_value("den led")  # the first Escape only closes the list
    page.keyboard.press("Escape")
    expect(field).to_have_value("")

    page.keyboard.type("den led")
    expect(listbox).to_be_visible()
    page.keyboard.press("Tab")
    expect(listbox).to_be_hidden()
    # The focus goes where Tab always goes: the search button, next in the form.
    expect(page.locator(".site-search button[type=submit]")).to_be_focused()


def test_enter_without_an_active_option_submits_the_search(page, catalogue):
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    field.focus()
    page.keyboard.type("den led")
    expect(_listbox(page, field)).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=den\+led$"))
    expect(page.get_by_role("link", name="Đèn LED Rạng Đông").first).to_be_visible()


def test_a_click_on_a_suggestion_opens_it_and_a_click_outside_closes_the_list(page, catalogue):
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    field.click()
    page.keyboard.type("thong nhat")
    listbox = _listbox(page, field)
    expect(listbox).to_be_visible()
    page.get_by_role("heading", level=1).click()
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")

    field.click()
    page.keyboard.press("ArrowDown")  # reopens the same suggestions
    expect(listbox).to_be_visible()
    listbox.get_by_role("option", name="Công ty Điện Cơ Thống Nhất").click()
    expect(page).to_have_url(re.compile(r"/doanh-nghiep/dien-co-thong-nhat/$"))


def test_the_english_site_suggests_in_english(page, catalogue):
    page.goto("/en/")
    field = page.locator(HEADER_FIELD)
    assert _tab_to(page, "site-search-q", limit=5) <= 3
    page.keyboard.type("rang dong")
    listbox = _listbox(page, field)
    expect(listbox).to_be_visible()
    product = listbox.get_by_role("group", name="Product").get_by_role(
        "option", name="Rang Dong LED lamps"
    )
    company = listbox.get_by_role("group", name="Company").get_by_role(
        "option", name="Rang Dong Company"
    )
    expect(product).to_be_visible()
    expect(company).to_be_visible()
    expect(listbox).not_to_contain_text("Đèn")
    expect(page.get_by_role("status").filter(has_text="suggestion")).to_have_text("2 suggestions")

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", company.get_attribute("id"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/companies/rang-dong/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rang Dong Company")


@pytest.mark.parametrize(
    ("url", "field_id", "typed", "suggestion"),
    [
        ("/tim-kiem/?q=qu%E1%BA%A1t", "search-q", "bien ap", "Máy biến áp Đông Anh"),
        ("/en/products/", "catalogue-q", "electric f", "Thong Nhat electric fans"),
    ],
)
def test_the_search_and_catalogue_pages_own_fields_suggest_too(
    page, catalogue, url, field_id, typed, suggestion
):
    page.goto(url)
    field = page.locator(f"#{field_id}")
    field.fill("")
    field.focus()
    page.keyboard.type(typed)
    listbox = _listbox(page, field)
    expect(listbox.get_by_role("option", name=suggestion)).to_be_visible()
    # Each field has its own list: the header's stays closed.
    expect(page.locator(HEADER_FIELD)).to_have_attribute("aria-expanded", "false")


def test_without_javascript_the_header_form_still_searches(new_context, catalogue):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    # Nothing pretends to be a combobox, and the browser's own form history is not turned off.
    expect(field).not_to_have_attribute("role", "combobox")
    expect(field).not_to_have_attribute("autocomplete", re.compile("."))
    expect(page.get_by_role("listbox")).to_have_count(0)
    field.fill("den led")
    field.press("Enter")
    expect(page).to_have_url(re.compile(r"/tim-kiem/\?q=den\+led$"))
    expect(page.get_by_role("link", name="Đèn LED Rạng Đông").first).to_be_visible()


def test_the_open_list_fits_a_320_px_screen(page, catalogue):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/")
    field = page.locator(HEADER_FIELD)
    field.focus()
    page.keyboard.type("thong nhat")
    listbox = _listbox(page, field)
    expect(listbox).to_be_visible()
    box = listbox.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize(("url", "typed"), [("/", "thong nhat"), ("/en/", "rang dong")])
def test_no_serious_axe_violations_with_the_list_open(page, catalogue, url, typed):
    page.goto(url)
    field = page.locator(HEADER_FIELD)
    field.focus()
    page.keyboard.type(typed)
    listbox = _listbox(page, field)
    expect(listbox.get_by_role("option")).to_have_count(2)
    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", re.compile("."))

    results = Axe().run(page)
    found = [
        f"{violation['id']} [{violation['impact']}] "
        f"{[' '.join(node['target']) for node in violation['nodes']]}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    assert not found, "axe-core found serious or critical problems:\n" + "\n".join(found)
    # axe did look at the open widget (it would pass a page where the list never opened).
    checked = {rule["id"] for rule in results.response["passes"]}
    assert {"aria-required-children", "aria-valid-attr-value"} <= checked, checked
