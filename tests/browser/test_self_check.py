"""A company, keyboard only on a 320 px phone, checks its eligibility: from the criteria page
to the self-check, picks its product type, answers, reads what it misses and by how much, and
the dossier checklist (axe clean at each step, no horizontal scrolling)."""

import re

import pytest
from playwright.sync_api import expect

from programme.factories import CriteriaPageFactory, GuidancePageFactory, published_thresholds
from tests.browser.test_inquiry import assert_axe_clean, tab_to
from tests.content import publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def criteria(site_tree):
    page = CriteriaPageFactory(parent=site_tree.programme, thresholds=published_thresholds())
    publish(page, {"Tiêu chí xét chọn": "Selection criteria", "tieu-chi": "criteria"})
    guidance = GuidancePageFactory(
        parent=site_tree.programme,
        documents=[
            (
                "required_document",
                {
                    "name": "Báo cáo sản xuất, kinh doanh",
                    "description": "Doanh thu các năm gần nhất.",
                    "template_document": None,
                },
            )
        ],
    )
    publish(guidance, {"huong-dan": "how-to-apply"})
    return page


def assert_fits_320(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def test_a_company_checks_its_eligibility_with_the_keyboard_on_a_phone(page, criteria):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/chuong-trinh/tieu-chi/")
    start = page.get_by_role("link", name="Tự kiểm tra điều kiện tham gia")
    tab_to(page, start)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/chuong-trinh/tieu-chi/tu-kiem-tra/$"))
    assert_axe_clean(page)
    assert_fits_320(page)

    # Step one: the product type (arrow keys move within the radio group, as in any form).
    high_tech = page.get_by_label("Sản phẩm công nghệ cao")
    tab_to(page, page.locator("input[name=type]").first)
    page.keyboard.press("Space")
    while not high_tech.is_checked():
        page.keyboard.press("ArrowDown")
    tab_to(page, page.get_by_role("button", name="Tiếp tục"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?type=high_tech$"))

    # Step two: that type's questions; a mistyped amount is explained, what was typed kept.
    revenue = page.get_by_label("Doanh thu của sản phẩm năm gần nhất")
    tab_to(page, page.locator("#hanoi_presence-yes"))
    page.keyboard.press("Space")
    tab_to(page, revenue)
    page.keyboard.type("bảy tỷ rưỡi")
    tab_to(page, page.get_by_role("button", name="Kiểm tra"))
    page.keyboard.press("Enter")
    expect(page.locator("#revenue_vnd-error")).to_contain_text("Không đọc được số này")
    expect(revenue).to_have_value("bảy tỷ rưỡi")
    expect(page.locator("#hanoi_presence-yes")).to_be_checked()
    assert_axe_clean(page)

    tab_to(page, revenue)
    page.keyboard.press("Control+A")
    page.keyboard.type("7,5 tỷ")
    tab_to(page, page.get_by_role("button", name="Kiểm tra"))
    page.keyboard.press("Enter")
    results = page.locator(".self-check__results")
    expect(results).to_contain_text("Chưa đáp ứng (thiếu 2,5 tỷ đồng)")
    expect(results).to_contain_text("Sản phẩm chưa đáp ứng 1 điều kiện.")
    expect(page.locator(".self-check__checklist")).to_contain_text("Báo cáo sản xuất, kinh doanh")
    assert_axe_clean(page)
    assert_fits_320(page)
