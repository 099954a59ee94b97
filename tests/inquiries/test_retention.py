"""Retention: `purge_inquiries` (cron) deletes what is older than INQUIRY_RETENTION_DAYS."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from inquiries.models import Inquiry, InquiryMail
from tests.inquiries.conftest import inquiry_data

pytestmark = pytest.mark.django_db


def test_purge_deletes_inquiries_past_the_retention_period_and_their_mail(
    client, suppliers, settings
):
    settings.INQUIRY_RETENTION_DAYS = 30
    lamps, _, _ = suppliers
    client.post("/lien-he-nha-cung-cap/", inquiry_data(lamps, name="Kept"))
    client.post("/lien-he-nha-cung-cap/", inquiry_data(lamps, name="Expired", email="x@y.com"))
    Inquiry.objects.filter(name="Expired").update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    call_command("purge_inquiries", verbosity=0)
    assert list(Inquiry.objects.values_list("name", flat=True)) == ["Kept"]
    assert set(InquiryMail.objects.values_list("inquiry__name", flat=True)) == {"Kept"}
