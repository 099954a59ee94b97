"""Registering for an event on the site: the form below the event page, storing first, the
confirmation in the registrant's language through the mail queue with the event as an
iCalendar file; capacity and the waiting list, closing, duplicates, bad input, and the
public pages that never show who registered."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from core.treecache import tree_version
from products.factories import CompanyPageFactory
from programme import registrations
from programme.models import EventRegistration, EventRegistrationMail
from tests.content import publish
from tests.events.conftest import EVENT, EVENT_EN, FORM, FORM_EN, registration_data
from tests.inquiries.conftest import deliver_queued_mail
from tests.test_query_budget import BUDGET, count_queries

pytestmark = pytest.mark.django_db


def only_calendar(message) -> icalendar.Event:
    (attachment,) = message.attachments
    assert attachment.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.content)
    (entry,) = calendar.walk("VEVENT")
    return entry


def test_the_event_page_links_to_the_form_in_its_language(client, event):
    assert 'href="/su-kien/hoi-nghi-ket-noi-2027/dang-ky/"' in client.get(EVENT).text
    english = client.get(EVENT_EN).text
    assert 'href="/en/events/business-matching-2027/register/"' in english
    assert "Register on this site" in english
    form = client.get(FORM_EN)
    assert form.status_code == 200
    assert "Business matching conference 2027" in form.text
    assert form.context["form"]["language"].value() == "en"


def test_registering_stores_first_then_mails_a_confirmation_with_a_calendar_file(
    client, event, companies
):
    lamps, cables = companies
    response = client.post(FORM_EN, registration_data(lamps, cables))
    assert response.status_code == 302
    assert response["Location"] == "/en/events/business-matching-2027/register/registered/"
    assert "Thank you. Your registration has been stored." in client.get(response["Location"]).text

    registration = EventRegistration.objects.get()
    assert registration.event_id == event.pk  # the source page: one list per event
    assert registration.status == "confirmed"
    assert registration.role == "Purchasing manager"
    assert list(registration.companies.order_by("title")) == [cables, lamps]
    assert registration.consented_at is not None
    # Stored; the mail waits for the worker.
    assert mail.outbox == []
    deliver_queued_mail()
    deliver_queued_mail()  # nothing is sent twice

    (message,) = mail.outbox
    assert message.to == ["jane@northwind.example.com"]
    assert message.subject == "Registration confirmed: Business matching conference 2027"
    assert "Hello Jane Buyer," in message.body
    assert "Rang Dong Company" in message.body  # the companies asked for, in English
    assert "kinhdoanh@rangdong" not in message.body
    entry = only_calendar(message)
    assert str(entry["summary"]) == "Business matching conference 2027"
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert entry.decoded("dtend") == event.ends_at.replace(microsecond=0)
    assert str(entry["status"]) == "CONFIRMED"
    assert "Trung tâm Hội nghị Quốc gia" in str(entry["location"])
    assert str(entry["url"]).endswith(EVENT_EN)
    assert EventRegistrationMail.objects.get().status == "sent"


def test_a_vietnamese_registrant_reads_vietnamese(client, event):
    client.post(FORM, registration_data(language="vi", companies=[]))
    deliver_queued_mail()
    (message,) = mail.outbox
    assert message.subject == "Xác nhận đăng ký tham dự: Hội nghị kết nối giao thương 2027"
    assert "Xin chào Jane Buyer," in message.body
    assert message.attachments[0].filename == "su-kien.ics"


def test_when_the_event_is_full_a_registrant_joins_the_waiting_list_and_is_told_so(client, event):
    for number in (1, 2):
        response = client.post(FORM_EN, registration_data(email=f"guest{number}@example.com"))
        assert response["Location"].endswith("/register/registered/")
    form = client.get(FORM_EN)
    assert "The event is full." in form.text
    assert "Join the waiting list" in form.text

    response = client.post(FORM_EN, registration_data(email="late@example.com"))
    assert response["Location"] == "/en/events/business-matching-2027/register/waiting-list/"
    assert "waiting list" in client.get(response["Location"]).text
    late = EventRegistration.objects.get(email="late@example.com")
    assert late.status == "waiting"
    assert EventRegistration.objects.filter(status="confirmed").count() == 2

    deliver_queued_mail()
    message = next(m for m in mail.outbox if m.to == ["late@example.com"])
    assert message.subject.startswith("You are on the waiting list")
    assert "waiting list" in message.body
    assert str(only_calendar(message)["status"]) == "TENTATIVE"


def test_a_place_taken_meanwhile_is_not_given_without_the_registrants_agreement(event):
    event.capacity = 0
    event.save_revision().publish()
    with pytest.raises(registrations.RegistrationRefused) as refused:
        registrations.register(
            page=event,
            data={
                "name": "Jane",
                "organisation": "Northwind",
                "role": "Buyer",
                "country": "GB",
                "email": "jane@example.com",
                "phone": "",
                "language": "en",
            },
            company_ids=[],
            waiting_list=False,
        )
    assert refused.value.reason == "full"
    assert EventRegistration.objects.count() == 0


def test_a_closed_registration_says_so_and_stores_nothing(client, event):
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    publish(event, translate=False)
    form = client.get(FORM_EN)
    assert form.status_code == 200
    assert "Registration for this event is closed." in form.text
    assert "<form" not in form.text.split("<main", 1)[-1].split("</main>")[0]
    response = client.post(FORM_EN, registration_data())
    assert response.status_code == 409
    assert "closed" in response.text
    assert EventRegistration.objects.count() == 0


def test_registering_twice_with_the_same_address_says_so_and_stores_once(client, event):
    client.post(FORM_EN, registration_data())
    again = client.post(FORM, registration_data(email="JANE@Northwind.example.com "))
    assert again.status_code == 409
    assert "Địa chỉ thư điện tử này đã đăng ký tham dự sự kiện này." in again.text
    # What was typed is kept.
    assert 'value="Northwind Lighting Ltd"' in again.text
    assert EventRegistration.objects.count() == 1
    assert EventRegistrationMail.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"email": "jane-at-northwind"}, "Enter a valid email address."),
        ({"consent": ""}, "We need your consent to record your registration."),
        ({"companies": ["99999999"]}, "A company you chose is no longer on the site"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(client, event, changes, message):
    response = client.post(FORM_EN, registration_data(**changes))
    assert response.status_code == 400
    assert message in response.text
    assert 'value="Purchasing manager"' in response.text
    assert EventRegistration.objects.count() == 0
    assert EventRegistrationMail.objects.count() == 0


def test_more_than_ten_companies_are_refused(client, event, site_tree):
    many = []
    for number in range(11):
        company = CompanyPageFactory(
            parent=site_tree.companies, title=f"Công ty Số {number}", slug=f"cong-ty-so-{number}"
        )
        publish(company, translate=False)
        many.append(company)
    response = client.post(FORM_EN, registration_data(*many))
    assert response.status_code == 400
    assert "You may choose at most 10 companies; you chose 11." in response.text
    assert EventRegistration.objects.count() == 0


def test_searching_the_companies_keeps_what_was_typed_and_stores_nothing(client, event, companies):
    lamps, cables = companies
    listed = client.get(FORM_EN, {"q": "tran phu"})
    offered = [label for _, label in listed.context["form"].fields["companies"].choices]
    assert offered == ["Tran Phu Cable Company"]
    # The search button of the form itself (no JavaScript): ticked companies stay ticked.
    response = client.post(FORM_EN, registration_data(lamps, q="cable", search="1"))
    assert response.status_code == 200
    offered = [label for _, label in response.context["form"].fields["companies"].choices]
    assert offered == ["Rang Dong Company", "Tran Phu Cable Company"]
    assert response.context["form"]["companies"].value() == [lamps.pk]
    assert 'value="Jane Buyer"' in response.text
    assert "This field is required" not in response.text
    assert EventRegistration.objects.count() == 0
    # Companies' contacts are not on the form.
    assert "rangdong.example.vn" not in response.text
    assert "3858" not in response.text


def test_the_honeypot_looks_like_success_and_stores_nothing(client, event):
    response = client.post(FORM_EN, registration_data(leave_empty="https://spam.example"))
    assert response.status_code == 302
    assert EventRegistration.objects.count() == 0


def test_public_pages_never_show_who_registered(client, event, companies):
    client.post(FORM_EN, registration_data(*companies))
    for url in (EVENT, EVENT_EN, FORM, FORM_EN, "/su-kien/", "/doanh-nghiep/rang-dong/"):
        text = client.get(url).text
        assert "Jane Buyer" not in text, url
        assert "northwind" not in text.lower(), url


def test_an_event_registered_elsewhere_has_no_form(client, event):
    event.registration_on_site = False
    publish(event, translate=False)
    assert client.get(FORM).status_code == 404
    assert client.post(FORM, registration_data()).status_code == 404
    assert "dang-ky/" not in client.get(EVENT).text


def test_the_event_page_and_the_form_stay_within_the_query_budget(client, event):
    for url in (EVENT, EVENT_EN, FORM, FORM_EN):
        assert count_queries(client, url) <= BUDGET, url


def test_an_erased_registrants_confirmation_is_never_sent(client, event):
    client.post(FORM_EN, registration_data())
    assert registrations.erase_person(email="Jane@northwind.example.com") == 1
    deliver_queued_mail()
    assert mail.outbox == []
    assert EventRegistrationMail.objects.count() == 0


def test_registrations_are_purged_a_retention_period_after_the_event(client, event, settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    client.post(FORM_EN, registration_data())
    assert registrations.purge_expired(now=event.ends_at + datetime.timedelta(days=29)) == 0
    assert registrations.purge_expired(now=event.ends_at + datetime.timedelta(days=31)) == 1
    assert EventRegistration.objects.count() == 0


def test_a_registration_and_its_mail_leave_the_page_cache_alone(client, event):
    version = tree_version()
    client.post(FORM_EN, registration_data())
    deliver_queued_mail()
    assert tree_version() == version
    # The event page itself carries no per-visitor token, so it may be kept.
    assert "csrfmiddlewaretoken" not in client.get(EVENT_EN).text
