"""The inquiries' mail on the site's shared queue (core.mailqueue): a task queued before the
queue was shared, under the inquiries' own task name, is still delivered once."""

import pytest
from django.core import mail

from inquiries.models import Inquiry, InquiryMail
from inquiries.tasks import deliver_inquiry_mail
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = pytest.mark.django_db


def test_a_mail_queued_under_the_old_task_name_is_delivered_once(suppliers, settings):
    settings.INQUIRY_NOTIFY_EMAIL = []
    lamps, _, _ = suppliers
    inquiry = Inquiry.objects.create(
        name="Jane Buyer",
        organisation="Northwind Lighting Ltd",
        country="GB",
        email="jane@northwind.example.com",
        message="Prices, please.",
        language="en",
        consented_at="2026-01-01T00:00:00Z",
    )
    inquiry.companies.set([lamps])
    queued = InquiryMail.objects.create(
        inquiry=inquiry, kind=InquiryMail.Kind.CONFIRMATION, recipients=[inquiry.email]
    )
    deliver_inquiry_mail.enqueue(queued.pk)
    deliver_queued_mail()
    deliver_queued_mail()
    assert [message.to for message in mail.outbox] == [["jane@northwind.example.com"]]
    assert mail.outbox[0].subject.startswith("We have received your inquiry")
    queued.refresh_from_db()
    assert (queued.status, queued.attempts) == ("sent", 1)
