"""What happens to event registrations: the companies a registrant may ask to meet, storing
(capacity, closing, duplicates, the waiting list), the organisers' matching table, one
person's data (export, erasure), retention, and the per-address limit."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django_ratelimit.core import get_usage
from wagtail.models import Page

from core import mailqueue
from core.pages import private_page_ids
from core.text import fold_text
from products.models import CompanyPage
from programme.models import EventPage, EventRegistration, EventRegistrationMail
from programme.models.registrations import MAX_MEETINGS

# Companies the form lists at once; a search narrows the rest.
SHOWN_COMPANIES = 30


# The event -------------------------------------------------------------------------------


def source_event(page: EventPage) -> EventPage:
    """The event's source-language page, which holds its registrations (one list per event
    whatever the language registered in) and its capacity and closing time."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    return (
        EventPage.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        or page
    )


def event_in_language(event: EventPage, language: str) -> EventPage:
    """*event* as the reader of *language* knows it: its live translation, else itself."""
    if event.locale.language_code == language:
        return event
    return (
        EventPage.objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .first()
        or event
    )


def is_full(event: EventPage) -> bool:
    if event.capacity is None:
        return False
    return EventRegistration.objects.filter(event=event).taking_places().count() >= event.capacity


# Companies to meet -----------------------------------------------------------------------


@dataclass(frozen=True)
class Company:
    """A company a registrant may ask to meet: the page stored (source language) and its
    name in the registrant's language."""

    pk: int
    title: str
    folded: str


def companies_to_meet(*, language: str) -> list[Company]:
    """Every live, public company, named in *language* when translated, by name (one
    query: a catalogue holds a few hundred)."""
    private = private_page_ids()
    rows = list(
        CompanyPage.objects.live().values_list(
            "pk", "title", "translation_key", "locale__language_code"
        )
    )
    # A company private in one language is private in all.
    hidden = {key for pk, _, key, _ in rows if pk in private}
    by_key: dict = {}
    for pk, title, key, page_language in rows:
        if key not in hidden:
            by_key.setdefault(key, {})[page_language] = (pk, title)
    companies = []
    for pages in by_key.values():
        stored_pk, stored_title = pages.get(settings.LANGUAGE_CODE) or next(iter(pages.values()))
        title = pages.get(language, (stored_pk, stored_title))[1]
        companies.append(Company(pk=stored_pk, title=title, folded=fold_text(title)))
    return sorted(companies, key=lambda company: company.folded)


def matching(companies: list[Company], query: str) -> list[Company]:
    """The companies whose name holds every word of *query*, accents or not."""
    words = fold_text(query).split()
    return [c for c in companies if all(word in c.folded for word in words)]


# Storing -----------------------------------------------------------------------------------


class RegistrationRefused(Exception):
    """Nothing was stored; `reason` says why: closed, full, duplicate."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@transaction.atomic
def register(
    *, page: EventPage, data: dict, company_ids: list[int], waiting_list: bool
) -> EventRegistration:
    """Store one registration for *page*'s event and queue its confirmation, in one
    transaction; a place is taken while any is left, else (when the registrant agreed) a
    place on the waiting list. Refused when closed, full or already registered."""
    event = source_event(page)
    _lock(event)
    if not event.registration_open():
        raise RegistrationRefused("closed")
    if EventRegistration.objects.filter(event=event).of_person(data["email"]).exists():
        raise RegistrationRefused("duplicate")
    full = is_full(event)
    if full and not waiting_list:
        raise RegistrationRefused("full")
    registration = EventRegistration.objects.create(
        event=event,
        status=EventRegistration.Status.WAITING if full else EventRegistration.Status.CONFIRMED,
        consented_at=timezone.now(),
        **data,
    )
    if event.business_matching and company_ids:
        registration.companies.set(company_ids[:MAX_MEETINGS])
    mail = EventRegistrationMail.objects.create(
        registration=registration, recipients=[registration.email]
    )
    mailqueue.enqueue(mail)
    return registration


# Places freed: the waiting list moves up ---------------------------------------------------


def _lock(event: EventPage) -> None:
    # One change of an event's places at a time (registering, cancelling, raising the
    # capacity), so a place is never given twice nor a registrant promoted twice.
    Page.objects.select_for_update().filter(pk=event.pk).first()


@transaction.atomic
def fill_freed_places(*, event: EventPage) -> list[EventRegistration]:
    """Move the earliest registrants of the waiting list into the places now free at *event*
    (all of them when it has no limit any more), each told by mail in their language; under
    the event's lock, counted after it is taken. Nothing moves once the event has begun."""
    event = source_event(event)
    _lock(event)
    capacity, starts_at = (
        EventPage.objects.filter(pk=event.pk).values_list("capacity", "starts_at").get()
    )
    if starts_at <= timezone.now():
        return []
    waiting = EventRegistration.objects.filter(event=event).waiting()
    if capacity is not None:
        taken = EventRegistration.objects.filter(event=event).taking_places().count()
        waiting = waiting[: max(capacity - taken, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = EventRegistration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        mail = EventRegistrationMail.objects.create(
            registration=registration,
            recipients=[registration.email],
            kind=EventRegistrationMail.Kind.PROMOTION,
        )
        mailqueue.enqueue(mail)
    return promoted


@contextmanager
def freeing_places(*, event: EventPage):
    """Around an organiser's change that frees places at *event* (a registration cancelled
    or deleted): the change is made under the event's lock, and the waiting list moves up in
    the same transaction."""
    with transaction.atomic():
        _lock(source_event(event))
        yield
        fill_freed_places(event=event)


# The organisers' matching table ----------------------------------------------------------


@dataclass(frozen=True)
class MeetingRequest:
    company: CompanyPage
    registrations: list[EventRegistration]


def meeting_requests(*, event: EventPage) -> list[MeetingRequest]:
    """Per company asked for at *event*, who asked to meet it (by name of the company)."""
    asked = (
        CompanyPage.objects.filter(meeting_requests__event=event)
        .distinct()
        .order_by("title")
        .prefetch_related(
            Prefetch(
                "meeting_requests",
                queryset=EventRegistration.objects.filter(event=event).order_by("created_at"),
                to_attr="asked_by",
            )
        )
    )
    return [MeetingRequest(company=company, registrations=company.asked_by) for company in asked]


# Personal data (Decree 13/2023/NĐ-CP) ------------------------------------------------------

PERSON_FIELDS = [
    "created_at",
    "status",
    "name",
    "organisation",
    "role",
    "email",
    "phone",
    "language",
    "consented_at",
]


def person_data(*, email: str) -> list[dict]:
    """Every registration made with *email*, for handing to that person."""
    registrations = (
        EventRegistration.objects.of_person(email)
        .select_related("event")
        .prefetch_related("companies")
    )
    return [
        {
            "id": registration.pk,
            "event": registration.event.title,
            **{name: getattr(registration, name) for name in PERSON_FIELDS},
            "country": registration.country.code,
            "companies": [company.title for company in registration.companies.all()],
        }
        for registration in registrations
    ]


@transaction.atomic
def erase_person(*, email: str) -> int:
    """Delete every registration (and its queued mail) made with *email*."""
    registrations = EventRegistration.objects.of_person(email)
    count = registrations.count()
    registrations.delete()
    return count


@transaction.atomic
def purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Delete the registrations of events that ended EVENT_REGISTRATION_RETENTION_DAYS ago."""
    expired = EventRegistration.objects.expired(now=now)
    count = expired.count()
    EventRegistration.objects.filter(pk__in=list(expired.values_list("pk", flat=True))).delete()
    return count


# Limits --------------------------------------------------------------------------------


def limit_wait(request) -> int | None:
    """Seconds before this client may store another registration; None when it may now,
    and then the registration is counted (the shared cache, django-ratelimit)."""
    usage = get_usage(
        request,
        group="events.address",
        key="ip",
        rate=settings.EVENT_REGISTRATION_LIMIT_PER_ADDRESS,
        method="POST",
        increment=False,
    )
    if usage is not None and usage["count"] >= usage["limit"]:
        return max(usage["time_left"], 1)
    count_address(request)
    return None


def count_address(request) -> None:
    get_usage(
        request,
        group="events.address",
        key="ip",
        rate=settings.EVENT_REGISTRATION_LIMIT_PER_ADDRESS,
        method="POST",
        increment=True,
    )
