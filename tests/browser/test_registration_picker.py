"""The business-matching company picker with its script: the list narrows as the buyer types
(no submit, nothing typed lost), a status region says how many companies are listed, what
was ticked stays ticked through another search; keyboard only, 320 px, axe clean. The
no-script search button is tested in test_event_registration.py."""

import re

import pytest
from playwright.sync_api import expect

from programme.models import EventRegistration
from tests.browser.test_event_registration import fill_in_registrant, fits_the_screen
from tests.browser.test_inquiry import assert_axe_clean, tab_to
from tests.events.conftest import FORM_EN, companies, event  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def back_tab_to(page, locator, limit=60):
    """Press Shift+Tab until *locator* has the focus."""
    for _ in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Shift+Tab")
    raise AssertionError(f"{locator} never got the focus in {limit} presses of Shift+Tab")


def test_the_companies_narrow_as_the_buyer_types_and_ticks_are_kept(
    new_context,
    event,  # noqa: F811 (the fixture imported above)
    companies,  # noqa: F811
):
    lamps, cables = companies
    buyer = new_context(locale="en-GB", viewport={"width": 320, "height": 640}).new_page()
    requests = []
    buyer.on("request", lambda request: requests.append(request.url))
    buyer.goto(FORM_EN)
    offered = buyer.locator("input[name=companies]")
    expect(offered).to_have_count(2)
    status = buyer.locator("[data-company-status]")
    expect(status).to_have_attribute("role", "status")

    tab_to(buyer, buyer.get_by_label("Full name", exact=False).first)
    buyer.keyboard.type("Jane Buyer")
    search = buyer.get_by_label("Find a company by name")
    tab_to(buyer, search)
    buyer.keyboard.type("zzz")
    expect(offered).to_have_count(0)
    expect(status).to_have_text("No company has that name.")

    for _ in range(3):
        buyer.keyboard.press("Backspace")
    buyer.keyboard.type("cab")
    expect(offered).to_have_count(1)
    expect(status).to_have_text("1 company listed.")
    # Filtered in place: the page was not sent, what was typed is still there.
    expect(buyer).to_have_url(re.compile(r"/en/events/business-matching-2027/register/$"))
    expect(buyer.get_by_label("Full name", exact=False).first).to_have_value("Jane Buyer")
    expect(search).to_be_focused()
    tick = buyer.get_by_label("Tran Phu Cable Company")
    tab_to(buyer, tick)
    buyer.keyboard.press("Space")
    expect(tick).to_be_checked()
    assert fits_the_screen(buyer)
    assert_axe_clean(buyer)

    back_tab_to(buyer, search)
    buyer.keyboard.press("Control+A")
    buyer.keyboard.type("rang")
    # The ticked company stays listed and ticked beside the new match.
    expect(offered).to_have_count(2)
    expect(status).to_have_text("2 companies listed.")
    expect(buyer.get_by_label("Tran Phu Cable Company")).to_be_checked()
    other = buyer.get_by_label("Rang Dong Company")
    tab_to(buyer, other)
    buyer.keyboard.press("Space")

    fill_in_registrant(buyer)  # the name is typed already
    tab_to(buyer, buyer.locator("#id_consent"))
    buyer.keyboard.press("Space")
    assert fits_the_screen(buyer)
    assert_axe_clean(buyer)
    tab_to(buyer, buyer.get_by_role("button", name="Register", exact=True))
    buyer.keyboard.press("Enter")

    expect(buyer).to_have_url(re.compile(r"/register/registered/$"))
    registration = EventRegistration.objects.get()
    assert set(registration.companies.all()) == {lamps, cables}
    # Every request was the site's own: the script and its searches, nothing third-party.
    assert all(url.startswith(buyer.url.split("/en/")[0]) for url in requests)
    assert any("company-picker" in url for url in requests)
