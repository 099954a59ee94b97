"""Importing a decision through the admin in a real browser: a bad file explained, then a good
one previewed, confirmed and published, and visitors find its products."""

import re

import pytest
from playwright.sync_api import expect

from core.editorial import MODERATORS
from products.services import sync_administrative_units
from tests.browser.test_moderation import log_in, member_of
from tests.products.test_import_reader import csv_bytes, row

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_moderator_imports_a_decision_and_visitors_find_it(new_context, site_tree):
    sync_administrative_units()
    member_of(MODERATORS, "nguoi-duyet")
    admin = new_context().new_page()
    log_in(admin, "nguoi-duyet")
    admin.get_by_role("link", name="Nhập quyết định").first.click()
    expect(admin.get_by_role("heading", name="Nhập quyết định công nhận")).to_be_visible()

    # A file with a wrong tax code: every problem listed, the closest value offered.
    bad = csv_bytes(row(tax_code="0101245487", sector="Dien dien tuu"))
    admin.get_by_label("Tệp quyết định (CSV hoặc XLSX)").set_input_files(
        {"name": "qd-5012.csv", "mimeType": "text/csv", "buffer": bad}
    )
    admin.get_by_role("button", name="Kiểm tra và xem trước").click()
    problems = admin.get_by_role("table").first
    expect(problems).to_contain_text("Dòng 2, cột tax_code")
    expect(problems).to_contain_text("Điện, điện tử")  # the closest official group

    good = csv_bytes(
        row(),
        row(product_name="Bóng đèn huỳnh quang", product_name_en="Fluorescent lamps", top10=""),
    )
    admin.get_by_label("Tệp quyết định (CSV hoặc XLSX)").set_input_files(
        {"name": "qd-5012.csv", "mimeType": "text/csv", "buffer": good}
    )
    # Keyboard only from here: the button, the checkbox and the confirmation.
    admin.get_by_role("button", name="Kiểm tra và xem trước").focus()
    admin.keyboard.press("Enter")
    expect(admin).to_have_url(re.compile(r"/admin/nhap-quyet-dinh/\d+/$"))
    rows = admin.locator("tr[data-action]")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Tạo mới")
    admin.get_by_label("Xuất bản ngay (không qua duyệt)").focus()
    admin.keyboard.press("Space")
    admin.get_by_role("button", name="Xác nhận nhập").focus()
    admin.keyboard.press("Enter")
    expect(
        admin.get_by_text(re.compile("Đã nhập “qd-5012.csv” và xuất bản 3 trang"))
    ).to_be_visible()

    visitor = new_context().new_page()
    visitor.goto("/san-pham/?q=den+huynh+quang")
    expect(visitor.get_by_role("link", name="Bóng đèn huỳnh quang")).to_be_visible()
    visitor.goto("/en/products/?q=fluorescent")
    expect(visitor.get_by_role("link", name="Fluorescent lamps")).to_be_visible()
