"""Buyers' inquiries to recognised companies, and the mail each one causes.

An `Inquiry` is one message from one buyer to up to ten companies (`CompanyPage`, always the
source-language page, so one company is one row whatever language the buyer read it in). It
is stored before anything else happens; `InquiryMail` rows are the mails it causes (to the
department, the confirmation to the buyer, and one per company when an editor forwards it),
each delivered by the site's mail queue (core.mailqueue) and marked sent or failed there. Both
hold personal data: they are kept INQUIRY_RETENTION_DAYS (`purge_inquiries`), exported or erased
per person from the admin (inquiries.services), and never shown on a public page.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_countries.fields import CountryField

from core.mailqueue import QueuedMail

# Field sizes: generous for real names and messages, small enough that a form cannot be used
# to store a book (the form checks them with messages in the visitor's language).
NAME_MAX = 120
ORGANISATION_MAX = 200
PHONE_MAX = 40
MESSAGE_MAX = 5000
MAX_COMPANIES = 10


class InquiryQuerySet(models.QuerySet):
    def expired(self, *, now=None):
        """Inquiries older than the retention period."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.INQUIRY_RETENTION_DAYS)
        return self.filter(created_at__lt=cutoff)

    def of_person(self, email: str):
        """Every inquiry sent with *email*, whatever its letter case."""
        return self.filter(email__iexact=email.strip())


class Inquiry(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "Mới"
        FORWARDED = "forwarded", "Đã chuyển doanh nghiệp"
        ANSWERED = "answered", "Đã trả lời"
        SPAM = "spam", "Thư rác"

    class Language(models.TextChoices):
        VI = "vi", "Tiếng Việt"
        EN = "en", "English"

    created_at = models.DateTimeField("Ngày gửi", default=timezone.now, db_index=True)
    status = models.CharField(
        "Trạng thái", max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    companies = models.ManyToManyField(
        "products.CompanyPage", verbose_name="Doanh nghiệp", related_name="inquiries"
    )
    name = models.CharField("Họ tên", max_length=NAME_MAX)
    organisation = models.CharField("Tổ chức", max_length=ORGANISATION_MAX)
    country = CountryField("Quốc gia")
    email = models.EmailField("Thư điện tử", db_index=True)
    phone = models.CharField("Điện thoại", max_length=PHONE_MAX, blank=True)
    message = models.TextField("Nội dung", max_length=MESSAGE_MAX)
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VI
    )
    consented_at = models.DateTimeField("Đồng ý xử lý dữ liệu lúc")
    forwarded_at = models.DateTimeField("Chuyển doanh nghiệp lúc", null=True, blank=True)
    answered_at = models.DateTimeField("Trả lời lúc", null=True, blank=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = "yêu cầu liên hệ"
        verbose_name_plural = "yêu cầu liên hệ"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.organisation}), {timezone.localtime(self.created_at):%d/%m/%Y}"

    def company_names(self) -> str:
        return ", ".join(company.title for company in self.companies.all())

    company_names.short_description = "Doanh nghiệp"


class InquiryMail(QueuedMail):
    """One mail an inquiry causes, as the queue sees it (core.mailqueue): waiting, sent, or
    given up; written by inquiries.mail when it is sent."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", "Thông báo cho Sở"
        CONFIRMATION = "confirmation", "Xác nhận cho người gửi"
        FORWARD = "forward", "Chuyển doanh nghiệp"

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField("Loại thư", max_length=12, choices=Kind.choices)
    company = models.ForeignKey(
        "products.CompanyPage",
        verbose_name="Doanh nghiệp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    message_builder = "inquiries.mail.build"
    delivery_related = ("inquiry", "company")

    class Meta(QueuedMail.Meta):
        verbose_name = "thư của yêu cầu liên hệ"
        verbose_name_plural = "thư của yêu cầu liên hệ"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_status_display()}"

    @classmethod
    def max_attempts(cls) -> int:
        return settings.INQUIRY_MAIL_MAX_ATTEMPTS
