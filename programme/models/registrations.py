"""Registrations for an event, and the confirmation mail each one causes.

A registration is stored against the event's source-language page (one event is one list of
registrations, whichever language the visitor registered in), before anything else happens;
its `EventRegistrationMail` is the confirmation, delivered by the site's mail queue
(core.mailqueue) and written when it is sent (programme.registration_mail). Registrations hold
personal data: never shown on a public page, kept EVENT_REGISTRATION_RETENTION_DAYS after the
event (`purge_registrations`), erased per person (programme.registrations). They change no
page, so saving one leaves the page cache alone (`shown_on_pages`).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone
from django_countries.fields import CountryField

from core.mailqueue import QueuedMail

NAME_MAX = 120
ORGANISATION_MAX = 200
ROLE_MAX = 120
PHONE_MAX = 40
# Companies one registrant may ask to meet at a business-matching event.
MAX_MEETINGS = 10


class EventRegistrationQuerySet(models.QuerySet):
    def expired(self, *, now=None):
        """Registrations of events that ended longer ago than the retention period."""
        cutoff = (now or timezone.now()) - datetime.timedelta(
            days=settings.EVENT_REGISTRATION_RETENTION_DAYS
        )
        return self.alias(ended=Coalesce("event__ends_at", "event__starts_at")).filter(
            ended__lt=cutoff
        )

    def of_person(self, email: str):
        return self.filter(email__iexact=email.strip())

    def taking_places(self):
        return self.filter(status=EventRegistration.Status.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=EventRegistration.Status.WAITING).order_by("created_at", "pk")


class EventRegistration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Đã đăng ký"
        WAITING = "waiting", "Danh sách chờ"
        # Kept for the record; the place goes to the waiting list (programme.registrations).
        CANCELLED = "cancelled", "Đã huỷ"

    class Language(models.TextChoices):
        VI = "vi", "Tiếng Việt"
        EN = "en", "English"

    event = models.ForeignKey(
        "programme.EventPage",
        verbose_name="Sự kiện",
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    created_at = models.DateTimeField("Ngày đăng ký", default=timezone.now, db_index=True)
    status = models.CharField(
        "Trạng thái", max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    name = models.CharField("Họ tên", max_length=NAME_MAX)
    organisation = models.CharField("Tổ chức", max_length=ORGANISATION_MAX)
    role = models.CharField("Chức vụ", max_length=ROLE_MAX)
    country = CountryField("Quốc gia")
    email = models.EmailField("Thư điện tử")
    phone = models.CharField("Điện thoại", max_length=PHONE_MAX, blank=True)
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VI
    )
    companies = models.ManyToManyField(
        "products.CompanyPage",
        verbose_name="Doanh nghiệp muốn gặp",
        related_name="meeting_requests",
        blank=True,
    )
    consented_at = models.DateTimeField("Đồng ý xử lý dữ liệu lúc")

    objects = EventRegistrationQuerySet.as_manager()
    shown_on_pages = False

    class Meta:
        verbose_name = "đăng ký tham dự"
        verbose_name_plural = "đăng ký tham dự"
        ordering = ["created_at", "pk"]
        constraints = [
            # One registration per person and event, whatever the letter case of the address.
            models.UniqueConstraint(
                "event", Lower("email"), name="programme_registration_once_per_email"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    def company_names(self) -> str:
        return ", ".join(company.title for company in self.companies.all())

    company_names.short_description = "Doanh nghiệp muốn gặp"


class EventRegistrationMail(QueuedMail):
    """The confirmation of one registration, or the news that a place on the waiting list
    became a place at the event, in the registrant's language, with the event as a calendar
    file."""

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", "Xác nhận đăng ký"
        PROMOTION = "promotion", "Có chỗ từ danh sách chờ"

    registration = models.ForeignKey(
        EventRegistration, on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField(
        "Loại thư", max_length=12, choices=Kind.choices, default=Kind.CONFIRMATION
    )

    message_builder = "programme.registration_mail.build"
    delivery_related = ("registration__event",)
    shown_on_pages = False

    class Meta(QueuedMail.Meta):
        verbose_name = "thư xác nhận đăng ký"
        verbose_name_plural = "thư xác nhận đăng ký"

    def __str__(self):
        return f"{self.registration}: {self.get_status_display()}"
