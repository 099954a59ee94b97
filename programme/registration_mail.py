"""The confirmation of an event registration, written when it is sent (never stored as text).

In the registrant's language, naming the event as they read it (its translation when live),
with the event as an iCalendar file (RFC 5545, the icalendar library) a calendar application
adds in one step. A place on the waiting list says so, in the text and as a tentative event;
a place that came free later (programme.registrations.fill_freed_places) is its own mail.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event

from products.models import CompanyPage
from programme.models import EventPage, EventRegistration, EventRegistrationMail
from programme.registrations import event_in_language

CALENDAR_TYPE = "text/calendar"


def companies_in_language(registration: EventRegistration, language: str) -> list:
    """The companies asked for, as the reader of *language* knows them (their translation)."""
    stored = list(registration.companies.all())
    shown = {
        page.translation_key: page
        for page in CompanyPage.objects.live().filter(
            translation_key__in=[page.translation_key for page in stored],
            locale__language_code=language,
        )
    }
    return [shown.get(page.translation_key, page) for page in stored]


def calendar_file(*, event: EventPage, waiting: bool) -> bytes:
    """The event as an iCalendar file. Its UID is the event's (the same for every language
    and every registrant), so adding it twice updates one calendar entry."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Events//VI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = Event()
    entry.add("uid", f"event-{event.translation_key}@spcncl.hanoi")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.starts_at)
    if event.ends_at:
        entry.add("dtend", event.ends_at)
    entry.add("summary", event.title)
    entry.add("location", ", ".join(part for part in (event.venue, event.address) if part))
    entry.add("description", event.summary)
    entry.add("url", event.full_url)
    entry.add("status", "TENTATIVE" if waiting else "CONFIRMED")
    calendar.add_component(entry)
    return calendar.to_ical()


def build(mail: EventRegistrationMail) -> EmailMessage:
    registration = mail.registration
    promoted = mail.kind == EventRegistrationMail.Kind.PROMOTION
    waiting = not promoted and registration.status == EventRegistration.Status.WAITING
    with translation.override(registration.language):
        event = event_in_language(registration.event, registration.language)
        context = {
            "registration": registration,
            "event": event,
            "event_url": event.full_url,
            "companies": companies_in_language(registration, registration.language),
            "waiting": waiting,
            "promoted": promoted,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "privacy_url": event.get_site().root_url + reverse("privacy_notice"),
            "retention_days": settings.EVENT_REGISTRATION_RETENTION_DAYS,
        }
        if promoted:
            subject = gettext("Đã có chỗ cho bạn: %(event)s")
        elif waiting:
            subject = gettext("Bạn đã vào danh sách chờ: %(event)s")
        else:
            subject = gettext("Xác nhận đăng ký tham dự: %(event)s")
        subject %= {"event": event.title}
        body = render_to_string("programme/mail/registration_confirmation.txt", context)
        filename = gettext("su-kien") + ".ics"
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=mail.recipients)
    message.attach(filename, calendar_file(event=event, waiting=waiting), CALENDAR_TYPE)
    return message
