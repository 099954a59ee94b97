"""A company applies to the selection on a 320 px screen, keyboard only: the form (axe clean,
nothing wider than the screen), a fake PDF refused with a clear message, then a real one
accepted; the mail queue's worker sends the confirmation in English."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from applications.models import Application
from tests.applications.conftest import FORM_EN, pdf_bytes, selection_round  # noqa: F401
from tests.browser.test_event_registration import fits_the_screen
from tests.browser.test_inquiry import assert_axe_clean, tab_to
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fill(page, fields):
    for label, text in fields:
        field = page.get_by_label(label, exact=False).first
        tab_to(page, field)
        page.keyboard.press("Control+A")
        page.keyboard.type(text)


def choose_files(page, paths):
    # The file input is reached by keyboard like any field; the operating system's file
    # dialog it opens is no part of the page, so the choice is made as that dialog would.
    field = page.locator("#id_dossier")
    tab_to(page, field)
    field.set_input_files(paths)


def test_a_company_applies_by_keyboard_on_a_small_screen(
    new_context,
    selection_round,  # noqa: F811 (the fixture imported above)
    settings,
    tmp_path,
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    fake = tmp_path / "profile.pdf"
    fake.write_text("not a PDF at all\n" * 20)
    real = tmp_path / "profile-real.pdf"
    real.write_bytes(pdf_bytes(pages=2))

    company = new_context(locale="en-GB", viewport={"width": 320, "height": 640}).new_page()
    company.goto(FORM_EN)
    expect(company.locator("h1")).to_have_text("Apply for the key industrial products selection")
    assert fits_the_screen(company)
    assert_axe_clean(company)

    fill(
        company,
        [
            ("Company name", "Rang Dong Light Source JSC"),
            ("Tax code", "0100109106"),
            ("Contact person", "Nguyen Van An"),
            ("Email", "an@rangdong.example.vn"),
            ("Phone", "024 3858 4310"),
            ("Products put forward for selection", "LED bulb A60"),
        ],
    )
    choose_files(company, [fake])
    tab_to(company, company.locator("#id_consent"))
    company.keyboard.press("Space")
    tab_to(company, company.get_by_role("button", name="Send the application"))
    company.keyboard.press("Enter")

    expect(company.locator(".form-errors")).to_be_visible()
    expect(company.get_by_text("The file “profile.pdf” is not a PDF file.")).to_be_visible()
    expect(company.get_by_label("Company name", exact=False).first).to_have_value(
        "Rang Dong Light Source JSC"
    )
    assert Application.objects.count() == 0
    assert fits_the_screen(company)
    assert_axe_clean(company)

    choose_files(company, [real])
    # The consent given stays ticked, as everything typed does.
    expect(company.locator("#id_consent")).to_be_checked()
    tab_to(company, company.get_by_role("button", name="Send the application"))
    company.keyboard.press("Enter")

    expect(company).to_have_url(re.compile(r"/en/apply-for-selection/received/$"))
    expect(company.locator("h1")).to_have_text("Application received")
    assert fits_the_screen(company)
    assert_axe_clean(company)

    application = Application.objects.get()
    assert application.language == "en"
    assert [f.pages for f in application.files.all()] == [2]
    deliver_queued_mail()
    (message,) = mail.outbox
    assert message.subject.startswith(f"Application for the {selection_round.year} selection")
    assert "- profile-real.pdf" in message.body
