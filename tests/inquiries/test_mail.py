"""The mail queue: delivered by the worker, in the reader's language; a mail server that is
down delays mail and loses nothing (a real SMTP server on the loopback, aiosmtpd)."""

import datetime
import socket

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core import mail
from django.utils import timezone

from inquiries.models import Inquiry, InquiryMail
from inquiries.tasks import retry_delay
from tests.inquiries.conftest import DEPARTMENT, deliver_queued_mail, inquiry_data

pytestmark = pytest.mark.django_db

FORM = "/lien-he-nha-cung-cap/"


def by_recipient() -> dict:
    return {tuple(message.to): message for message in mail.outbox}


@pytest.mark.parametrize(
    ("language", "greeting", "subject"),
    [
        ("en", "Hello Jane Buyer,", "We have received your inquiry"),
        ("vi", "Xin chào Jane Buyer,", "Chúng tôi đã nhận yêu cầu liên hệ của bạn"),
    ],
)
def test_the_worker_mails_the_department_and_confirms_to_the_buyer_in_their_language(
    client, suppliers, language, greeting, subject
):
    lamps, cables, _ = suppliers
    client.post(FORM, inquiry_data(lamps, cables, language=language))
    deliver_queued_mail()

    messages = by_recipient()
    assert set(messages) == {(DEPARTMENT,), ("jane@northwind.example.com",)}
    confirmation = messages[("jane@northwind.example.com",)]
    assert confirmation.subject.startswith(subject)
    assert greeting in confirmation.body
    english_names = language == "en"
    assert ("Rang Dong Company" in confirmation.body) is english_names
    assert ("Công ty Rạng Đông" in confirmation.body) is not english_names
    assert "We need 20 000 LED tubes a year." in confirmation.body
    # The department reads Vietnamese, answers the buyer, and finds the inquiry in its inbox.
    department = messages[(DEPARTMENT,)]
    assert department.subject.startswith("Yêu cầu liên hệ mới #")
    assert department.reply_to == ["jane@northwind.example.com"]
    assert "Northwind Lighting Ltd" in department.body
    inquiry = Inquiry.objects.get()
    assert f"/admin/inquiries/inspect/{inquiry.pk}/" in department.body
    # Company contact e-mails are for forwarding only.
    assert "kinhdoanh@rangdong" not in department.body + confirmation.body
    assert set(inquiry.mails.values_list("status", flat=True)) == {"sent"}
    # Run again: nothing is sent twice.
    deliver_queued_mail()
    assert len(mail.outbox) == 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the local SMTP server received."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp(settings):
    """The site's mailer pointed at a port on the loopback where a real SMTP server can be
    started (and is not, at first: the mail server is down)."""
    port = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield controller, inbox
    if controller._thread is not None:
        controller.stop()


def test_a_mail_server_that_is_down_delays_the_mail_and_loses_nothing(client, suppliers, smtp):
    controller, inbox = smtp
    lamps, _, _ = suppliers
    assert client.post(FORM, inquiry_data(lamps)).status_code == 302
    start = timezone.now()

    # Down: every attempt is counted, kept, and planned again with a growing wait.
    for attempt, minutes in [(1, 1), (2, 2), (3, 4)]:
        with time_machine.travel(start + datetime.timedelta(minutes=2**attempt), tick=False):
            deliver_queued_mail()
        assert set(InquiryMail.objects.values_list("attempts", "status")) == {(attempt, "pending")}
        assert retry_delay(attempt) == datetime.timedelta(minutes=minutes)
    assert "ConnectionRefusedError" in InquiryMail.objects.first().last_error
    # Not due yet: a worker run right away sends nothing, even with the server back.
    controller.start()
    deliver_queued_mail()
    assert inbox.envelopes == []

    # Recovered: at the next try, both mails leave, once.
    with time_machine.travel(start + datetime.timedelta(minutes=30), tick=False):
        deliver_queued_mail()
        deliver_queued_mail()
    recipients = sorted(tuple(envelope.rcpt_tos) for envelope in inbox.envelopes)
    assert recipients == sorted([(DEPARTMENT,), ("jane@northwind.example.com",)])
    confirmation = next(e for e in inbox.envelopes if e.rcpt_tos == ["jane@northwind.example.com"])
    assert b"We have received your inquiry" in confirmation.content
    assert set(InquiryMail.objects.values_list("status", "attempts")) == {("sent", 4)}


def test_a_mail_that_keeps_failing_is_marked_failed_and_the_inquiry_kept(
    client, suppliers, smtp, settings
):
    settings.INQUIRY_MAIL_MAX_ATTEMPTS = 2
    lamps, _, _ = suppliers
    client.post(FORM, inquiry_data(lamps))
    deliver_queued_mail()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1), tick=False):
        deliver_queued_mail()
    assert set(InquiryMail.objects.values_list("status", "attempts")) == {("failed", 2)}
    assert Inquiry.objects.count() == 1


def test_mail_of_an_erased_inquiry_is_never_sent(client, suppliers):
    lamps, _, _ = suppliers
    client.post(FORM, inquiry_data(lamps))
    Inquiry.objects.all().delete()
    deliver_queued_mail()
    assert mail.outbox == []


def test_without_a_department_address_only_the_buyer_is_mailed(client, suppliers, settings):
    settings.INQUIRY_NOTIFY_EMAIL = []
    lamps, _, _ = suppliers
    client.post(FORM, inquiry_data(lamps))
    deliver_queued_mail()
    assert [message.to for message in mail.outbox] == [["jane@northwind.example.com"]]
