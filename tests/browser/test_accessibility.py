"""Accessibility in a real browser: axe-core on every page type in both languages, and the
keyboard basics axe cannot judge (skip link, visible focus, labelled fields)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}


def test_no_serious_or_critical_axe_violations_on_any_page_type(page, every_page_type):
    axe = Axe()
    found = []
    for page_type, urls in every_page_type.items():
        for language, url in zip(("vi", "en"), urls, strict=True):
            page.goto(url)
            expect(page.locator("html")).to_have_attribute("lang", language)
            results = axe.run(page)
            for violation in results.response["violations"]:
                if violation["impact"] in BLOCKING_IMPACTS:
                    targets = [" ".join(node["target"]) for node in violation["nodes"]]
                    found.append(
                        f"{page_type} ({language}) {url}: {violation['id']} "
                        f"[{violation['impact']}] {targets}"
                    )
    assert not found, "axe-core found serious or critical problems:\n" + "\n".join(found)


# Tables are left out: WCAG 1.4.10 exempts content that needs two dimensions, and a wide
# table should scroll inside its own region (.table-scroll) rather than wrap.
WIDTH_WITHOUT_TABLES = """() => {
    document.querySelectorAll('table').forEach((table) => { table.style.display = 'none'; });
    return document.documentElement.scrollWidth;
}"""


def test_every_page_type_reflows_at_320_px_without_horizontal_scrolling(page, every_page_type):
    page.set_viewport_size({"width": 320, "height": 640})
    too_wide = []
    for urls in every_page_type.values():
        for url in urls:
            page.goto(url)
            width = page.evaluate(WIDTH_WITHOUT_TABLES)
            if width > 320:
                too_wide.append(f"{url}: {width}px")
    assert not too_wide, "pages wider than a 320 px screen:\n" + "\n".join(too_wide)


@pytest.mark.parametrize("url", ["/", "/en/"])
def test_skip_link_is_the_first_focusable_element_and_moves_focus_to_main(page, site_tree, url):
    page.goto(url)
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#main")
    # Hidden off-screen until focused, then shown at the top of the viewport.
    expect(skip_link).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    # The next Tab lands inside the main content, past the header and navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('#main').contains(document.activeElement)")


def _outline(page):
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {
                style: style.outlineStyle,
                width: parseFloat(style.outlineWidth),
                color: style.outlineColor,
                shadow: style.boxShadow,
                html: document.activeElement.outerHTML.slice(0, 120),
            };
        }"""
    )


def test_focused_links_have_a_visible_outline(page, site_tree):
    page.goto("/chuong-trinh/")
    # A link on the dark navigation bar and one on the white page (the breadcrumb).
    for selector in (".main-nav a", ".breadcrumbs a"):
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate(f"document.activeElement.matches({selector!r})"):
                break
        else:
            raise AssertionError(f"Tab never reached {selector}")
        outline = _outline(page)
        assert outline["style"] not in ("none", "hidden"), outline
        assert outline["width"] >= 2, outline
        assert outline["color"] not in ("transparent", "rgba(0, 0, 0, 0)"), outline
        # The light outline alone is faint on white; a dark ring around it keeps 3:1 there.
        assert outline["shadow"] != "none", outline


FIELD_NAMES = """() => {
    const fields = document.querySelectorAll(
        'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]),'
        + ' select, textarea'
    );
    return Array.from(fields, (field) => {
        const labelled = (field.getAttribute('aria-labelledby') || '')
            .split(/\\s+/).filter(Boolean)
            .map((id) => document.getElementById(id)?.textContent || '');
        const name = [
            ...Array.from(field.labels || [], (label) => label.textContent),
            ...labelled,
            field.getAttribute('aria-label') || '',
            field.getAttribute('title') || '',
        ].join(' ').trim();
        return {field: field.outerHTML.slice(0, 120), name};
    });
}"""


def test_every_form_field_on_search_and_catalogue_pages_has_a_label(page, catalogue):
    unlabelled = []
    for url in ("/tim-kiem/?q=%C4%91%C3%A8n", "/en/search/?q=lamps", "/san-pham/", "/en/products/"):
        page.goto(url)
        fields = page.evaluate(FIELD_NAMES)
        # At least the header search box and the page's own search box or filters.
        assert len(fields) >= 2, (url, fields)
        unlabelled += [f"{url}: {field['field']}" for field in fields if not field["name"]]
    assert not unlabelled, "fields without an accessible name:\n" + "\n".join(unlabelled)


def test_the_catalogue_states_axe_checks_are_the_ones_they_name(page, every_page_type):
    # The pages above hold what their names say, so axe has checked those parts.
    for url in every_page_type["catalogue-results"]:
        page.goto(url)
        expect(page.locator(".company-results .cards li").first).to_be_visible()
        expect(page.locator(".catalogue__results .cards li").first).to_be_visible()
    for url in every_page_type["catalogue-companies"]:
        page.goto(url)
        expect(page.locator('.catalogue-tabs a[aria-current="page"]')).to_contain_text("(1)")
        expect(page.locator(".cards--companies li")).to_have_count(1)
    for url in every_page_type["catalogue-corrected"]:
        page.goto(url)
        expect(page.locator(".search-correction")).to_be_visible()
