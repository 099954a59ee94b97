"""A foreign buyer registers for a business-matching event on a 320 px screen, keyboard only:
from the event page to the form, searches the companies inside the form (no script needed),
ticks one, registers (axe clean on the form and the outcome, nothing wider than the screen);
the mail queue's worker then sends the confirmation with its calendar file."""

import re

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import expect

from programme.models import EventRegistration
from tests.browser.test_inquiry import assert_axe_clean, tab_to
from tests.events.conftest import EVENT_EN, companies, event  # noqa: F401 (fixtures)
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def fill_in_registrant(page, *, name: str | None = None) -> None:
    """Tab to each of the registrant's fields and type, as a keyboard user does; the country
    by typing its name in the select."""
    fields = [
        ("Company or organisation", "Northwind Lighting Ltd"),
        ("Role", "Purchasing manager"),
        ("Email", "jane@northwind.example.com"),
    ]
    for label, text in ([("Full name", name)] if name else []) + fields:
        tab_to(page, page.get_by_label(label, exact=False).first)
        page.keyboard.type(text)
    country = page.get_by_label("Country")
    tab_to(page, country)
    page.keyboard.type("Japan")
    expect(country).to_have_value("JP")


def test_a_buyer_registers_for_a_matching_event_by_keyboard_on_a_small_screen(
    new_context,
    event,  # noqa: F811 (the fixture imported above)
    companies,  # noqa: F811
):
    lamps, cables = companies
    buyer = new_context(locale="en-GB", viewport={"width": 320, "height": 640}).new_page()
    buyer.goto(EVENT_EN)
    tab_to(buyer, buyer.get_by_role("link", name="Register on this site"))
    buyer.keyboard.press("Enter")
    expect(buyer).to_have_url(re.compile(r"/en/events/business-matching-2027/register/$"))
    expect(buyer.locator("h1")).to_contain_text("Business matching conference 2027")
    assert fits_the_screen(buyer)
    assert_axe_clean(buyer)

    fill_in_registrant(buyer, name="Jane Buyer")

    # The company search is a button of the form: the form comes back, as typed.
    tab_to(buyer, buyer.get_by_label("Find a company by name"))
    buyer.keyboard.type("cable")
    tab_to(buyer, buyer.get_by_role("button", name="Search companies"))
    buyer.keyboard.press("Enter")
    expect(buyer.get_by_label("Full name", exact=False).first).to_have_value("Jane Buyer")
    offered = buyer.locator("input[name=companies]")
    expect(offered).to_have_count(1)
    tick = buyer.get_by_label("Tran Phu Cable Company")
    tab_to(buyer, tick)
    buyer.keyboard.press("Space")
    expect(tick).to_be_checked()
    tab_to(buyer, buyer.locator("#id_consent"))
    buyer.keyboard.press("Space")
    assert fits_the_screen(buyer)
    tab_to(buyer, buyer.get_by_role("button", name="Register", exact=True))
    buyer.keyboard.press("Enter")

    expect(buyer).to_have_url(re.compile(r"/register/registered/$"))
    expect(buyer.locator("h1")).to_have_text("Registered")
    assert fits_the_screen(buyer)
    assert_axe_clean(buyer)

    registration = EventRegistration.objects.get()
    assert (registration.country.code, registration.language) == ("JP", "en")
    assert list(registration.companies.all()) == [cables]
    deliver_queued_mail()
    (message,) = mail.outbox
    calendar = icalendar.Calendar.from_ical(message.attachments[0].content)
    assert str(calendar.walk("VEVENT")[0]["summary"]) == "Business matching conference 2027"
