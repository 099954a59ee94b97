"""A foreign buyer, keyboard only, on the English catalogue: searches, ticks three suppliers,
sends one inquiry (axe clean on the form and the confirmation); an editor then forwards it
from the admin's inbox, and the mail queue's worker delivers it to the three companies."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import expect

from core.editorial import EDITORS
from inquiries.models import Inquiry, InquiryMail
from tests.browser.test_moderation import log_in, member_of
from tests.content import make_company, make_product
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BLOCKING_IMPACTS = {"serious", "critical"}
MAKERS = [
    ("Công ty Rạng Đông", "rang-dong", "Rang Dong Company", "Đèn LED Rạng Đông", "LED lamps"),
    ("Công ty Điện Quang", "dien-quang", "Dien Quang Company", "Đèn LED Điện Quang", "LED tubes"),
    ("Công ty Đèn Việt", "den-viet", "Den Viet Company", "Đèn LED Đèn Việt", "LED panels"),
]


@pytest.fixture
def lamp_makers(site_tree, settings):
    settings.INQUIRY_NOTIFY_EMAIL = ["phong-quan-ly@example.vn"]
    companies = []
    for title, slug, english, product, product_english in MAKERS:
        company = make_company(
            site_tree,
            title=title,
            slug=slug,
            english={title: english, slug: slug},
            contact_email=f"sales@{slug}.example.vn",
        )
        make_product(
            site_tree,
            company=company,
            title=product,
            slug=f"den-led-{slug}",
            english={product: f"{english.split()[0]} {english.split()[1]} {product_english}"},
        )
        companies.append(company)
    return companies


def tab_to(page, locator, limit=120):
    """Press Tab until *locator* has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never got the focus in {limit} presses of Tab")


def assert_axe_clean(page):
    results = Axe().run(page)
    found = [
        f"{v['id']} [{v['impact']}] {[' '.join(n['target']) for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not found, f"axe-core on {page.url}:\n" + "\n".join(found)


def test_a_buyer_contacts_three_suppliers_and_an_editor_forwards_it(new_context, lamp_makers):
    buyer = new_context(locale="en-GB").new_page()
    buyer.goto("/en/products/")
    search = buyer.locator("#catalogue-q")
    tab_to(buyer, search)
    # In a buyer's own words: "lighting" is no word of the products' texts (the product-type
    # vocabulary), "supplier in Hanoi" narrows nothing.
    buyer.keyboard.type("LED lighting supplier in Hanoi")
    buyer.keyboard.press("Enter")
    expect(buyer).to_have_url(re.compile(r"/en/products/\?.*q=LED\+lighting"))
    boxes = buyer.locator("label.card__select input")
    expect(boxes).to_have_count(3)
    for index in range(3):
        tab_to(buyer, boxes.nth(index))
        buyer.keyboard.press("Space")
        expect(boxes.nth(index)).to_be_checked()
    tab_to(buyer, buyer.get_by_role("button", name="Contact the selected suppliers"))
    buyer.keyboard.press("Enter")
    expect(buyer).to_have_url(re.compile(r"/en/contact-supplier/\?product="))
    expect(buyer.locator("h1")).to_have_text("Contact suppliers")
    chosen = buyer.locator("input[name=company]:checked")
    expect(chosen).to_have_count(3)
    assert_axe_clean(buyer)

    for label, text in [
        ("Full name", "Jane Buyer"),
        ("Company or organisation", "Northwind Lighting Ltd"),
        ("Email", "jane@northwind.example.com"),
        ("Your inquiry", "Prices for 20 000 LED tubes a year, please."),
    ]:
        tab_to(buyer, buyer.get_by_label(label, exact=False).first)
        buyer.keyboard.type(text)
    country = buyer.get_by_label("Country")
    tab_to(buyer, country)
    buyer.keyboard.type("Japan")
    expect(country).to_have_value("JP")
    expect(buyer.get_by_label("English")).to_be_checked()  # the page's language
    tab_to(buyer, buyer.locator("#id_consent"))
    buyer.keyboard.press("Space")
    tab_to(buyer, buyer.get_by_role("button", name="Send inquiry"))
    buyer.keyboard.press("Enter")

    expect(buyer).to_have_url(re.compile(r"/en/contact-supplier/sent/$"))
    expect(buyer.locator("h1")).to_have_text("Inquiry sent")
    assert_axe_clean(buyer)
    inquiry = Inquiry.objects.get()
    assert inquiry.country.code == "JP" and inquiry.language == "en"
    assert set(inquiry.companies.all()) == set(lamp_makers)

    member_of(EDITORS, "bien-tap-hop-thu")
    editor = new_context().new_page()
    log_in(editor, "bien-tap-hop-thu")
    editor.goto("/admin/inquiries/")
    expect(editor.locator("h1")).to_contain_text("Yêu cầu liên hệ")
    editor.get_by_role("link", name="Jane Buyer").click()
    expect(editor.get_by_text("Prices for 20 000 LED tubes a year, please.")).to_be_visible()
    editor.get_by_role("button", name="Chuyển cho doanh nghiệp").click()
    expect(editor.get_by_text("Đã xếp thư chuyển tới")).to_be_visible()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.FORWARDED

    deliver_queued_mail()
    forwarded = sorted(m.to[0] for m in mail.outbox if m.to[0].startswith("sales@"))
    assert forwarded == sorted(f"sales@{slug}.example.vn" for _, slug, *_ in MAKERS)
    assert set(InquiryMail.objects.values_list("status", flat=True)) == {"sent"}
