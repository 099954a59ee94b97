"""The waiting list moves up: a place an organiser frees in the admin (a registration
cancelled or deleted, the capacity raised) goes to the earliest on the waiting list, who is
told once, by mail in their own language, through the mail queue."""

import threading
import time

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import OperationalError, close_old_connections, connection

from core.editorial import EDITORS
from programme import registrations
from programme.models import EventPage, EventRegistration, EventRegistrationMail
from tests.events.conftest import FORM, FORM_EN, registration_data
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/event_registrations/"


@pytest.fixture
def full_event(client, event):
    """Capacity 2, both places taken; two waiting, the English reader first."""
    people = [
        ("Jane Buyer", "jane@example.com", "en"),
        ("Minh Trần", "minh@example.vn", "vi"),
        ("Late Comer", "late@example.com", "en"),
        ("Lan Nguyễn", "lan@example.vn", "vi"),
    ]
    for name, email, language in people:
        form = FORM_EN if language == "en" else FORM
        client.post(form, registration_data(name=name, email=email, language=language))
    deliver_queued_mail()
    mail.outbox.clear()
    client.logout()
    return event


def status_of(name: str) -> str:
    return EventRegistration.objects.get(name=name).status


def promotion_mails() -> list:
    deliver_queued_mail()
    return [m for m in mail.outbox if "waiting list" not in m.subject.lower()]


def sign_in(client):
    editor = User.objects.create_user(username="organiser", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)


def test_the_event_starts_full_with_two_waiting(full_event):
    assert [status_of(n) for n in ("Jane Buyer", "Minh Trần", "Late Comer", "Lan Nguyễn")] == [
        "confirmed",
        "confirmed",
        "waiting",
        "waiting",
    ]


def test_a_registration_cancelled_by_an_organiser_gives_its_place_to_the_first_waiting(
    client, full_event
):
    sign_in(client)
    jane = EventRegistration.objects.get(name="Jane Buyer")
    response = client.post(f"{REGISTRATIONS}edit/{jane.pk}/", {"status": "cancelled"})
    assert response.status_code == 302
    assert status_of("Jane Buyer") == "cancelled"
    assert status_of("Late Comer") == "confirmed"
    assert status_of("Lan Nguyễn") == "waiting"
    assert mail.outbox == []  # stored first; the queue sends

    (message,) = promotion_mails()
    assert message.to == ["late@example.com"]
    assert message.subject == "A place is yours: Business matching conference 2027"
    assert "you have moved from the waiting list" in message.body
    assert message.attachments[0].filename == "event.ics"
    promotion = EventRegistrationMail.objects.get(kind="promotion")
    assert (promotion.registration.name, promotion.status) == ("Late Comer", "sent")
    # Sent once: the queue running again sends nothing more.
    deliver_queued_mail()
    assert len(mail.outbox) == 1


def test_moving_someone_to_the_waiting_list_by_hand_promotes_no_one(client, full_event):
    sign_in(client)
    jane = EventRegistration.objects.get(name="Jane Buyer")
    client.post(f"{REGISTRATIONS}edit/{jane.pk}/", {"status": "waiting"})
    assert status_of("Jane Buyer") == "waiting"
    assert status_of("Late Comer") == "waiting"
    assert promotion_mails() == []


def test_a_registration_deleted_by_an_organiser_frees_its_place_in_vietnamese_too(
    client, full_event
):
    sign_in(client)
    client.post(
        f"{REGISTRATIONS}edit/{EventRegistration.objects.get(name='Late Comer').pk}/",
        {"status": "cancelled"},
    )
    jane = EventRegistration.objects.get(name="Jane Buyer")
    response = client.post(f"{REGISTRATIONS}delete/{jane.pk}/")
    assert response.status_code == 302
    assert not EventRegistration.objects.filter(name="Jane Buyer").exists()
    assert status_of("Lan Nguyễn") == "confirmed"
    (message,) = promotion_mails()
    assert message.to == ["lan@example.vn"]
    assert message.subject == "Đã có chỗ cho bạn: Hội nghị kết nối giao thương 2027"
    assert "bạn được chuyển từ danh sách chờ sang danh sách tham dự" in message.body


def test_raising_the_capacity_lets_the_waiting_list_in_once(client, full_event):
    page = EventPage.objects.get(pk=full_event.pk)
    page.capacity = 3
    page.save_revision().publish()
    assert status_of("Late Comer") == "confirmed"
    assert status_of("Lan Nguyễn") == "waiting"
    page.capacity = 10
    page.save_revision().publish()
    page.save_revision().publish()  # published again: nobody is promoted twice
    assert status_of("Lan Nguyễn") == "confirmed"
    assert sorted(m.to[0] for m in promotion_mails()) == ["lan@example.vn", "late@example.com"]
    assert EventRegistrationMail.objects.filter(kind="promotion").count() == 2


def test_a_place_freed_once_the_event_has_begun_promotes_no_one(client, full_event):
    EventPage.objects.filter(pk=full_event.pk).update(
        starts_at=full_event.starts_at.replace(year=2000)
    )
    sign_in(client)
    jane = EventRegistration.objects.get(name="Jane Buyer")
    client.post(f"{REGISTRATIONS}edit/{jane.pk}/", {"status": "cancelled"})
    assert status_of("Late Comer") == "waiting"
    assert promotion_mails() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_places_freed_at_once_promote_each_waiting_registrant_once(full_event):
    """Two organisers cancel at the same moment, each in their own connection: without the
    event's lock both would count one free place and give it to the same first waiting."""
    cancelled = list(
        EventRegistration.objects.filter(status="confirmed").values_list("pk", flat=True)
    )
    start = threading.Barrier(len(cancelled))
    failures = []

    def cancel(pk):
        try:
            start.wait()
            # SQLite's in-memory test database (shared cache) refuses a second writer at once
            # where a file database waits for the lock: the organiser then tries again, as
            # the site's retry page asks. PostgreSQL waits on the event's row lock.
            for _attempt in range(100):
                try:
                    with registrations.freeing_places(event=full_event):
                        EventRegistration.objects.filter(pk=pk).update(status="cancelled")
                    return
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.05)
            failures.append("still locked")
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(pk,)) for pk in cancelled]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert failures == []
    assert status_of("Late Comer") == "confirmed"
    assert status_of("Lan Nguyễn") == "confirmed"
    promoted = EventRegistrationMail.objects.filter(kind="promotion")
    assert sorted(promoted.values_list("registration__name", flat=True)) == [
        "Lan Nguyễn",
        "Late Comer",
    ]
    assert sorted(m.to[0] for m in promotion_mails()) == ["lan@example.vn", "late@example.com"]
