"""The yearly selection round and the companies' registrations of interest (issue 14).

A `SelectionRound` is one year's window: the public form opens at `opens_at` and closes at
`closes_at` by itself. An `Application` is one company's registration of interest in a round,
stored before anything else happens; its `ApplicationMail`s (the confirmation, then one per
status change) go through the site's mail queue (core.mailqueue) and are written when sent
(applications.mail). Applications and their dossier files hold personal data: never on a
public page, kept APPLICATION_RETENTION_DAYS after their round closes, exported and erased
per person (applications.services). They change no page, so saving one leaves the page cache
alone (`shown_on_pages`).
"""

import datetime
import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone

from core.mailqueue import QueuedMail

COMPANY_MAX = 200
TAX_CODE_MAX = 14  # 10 digits, or 10 digits, "-" and 3 digits
NAME_MAX = 120
PHONE_MAX = 40
PRODUCTS_MAX = 2000


class SelectionRoundQuerySet(models.QuerySet):
    def open_at(self, moment: datetime.datetime):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def current(self, *, now=None):
        """The round whose window holds *now* (the latest opened, should two overlap)."""
        return self.open_at(now or timezone.now()).order_by("-opens_at").first()

    def next(self, *, now=None):
        """The next round to open after *now*, if one is known."""
        return self.filter(opens_at__gt=now or timezone.now()).order_by("opens_at").first()


class SelectionRound(models.Model):
    year = models.PositiveSmallIntegerField("Năm bình chọn", unique=True)
    opens_at = models.DateTimeField("Mở nhận đăng ký lúc")
    closes_at = models.DateTimeField("Đóng nhận đăng ký lúc")
    intro = models.TextField(
        "Giới thiệu (tiếng Việt)", blank=True, help_text="Hiện phía trên mẫu đăng ký."
    )
    intro_en = models.TextField("Giới thiệu (tiếng Anh)", blank=True)

    objects = SelectionRoundQuerySet.as_manager()

    class Meta:
        verbose_name = "đợt bình chọn"
        verbose_name_plural = "đợt bình chọn"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="applications_round_closes_after_opening",
            )
        ]

    def __str__(self):
        return f"Bình chọn {self.year}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Ngày đóng phải sau ngày mở."})

    def is_open(self, *, now=None) -> bool:
        return self.opens_at <= (now or timezone.now()) < self.closes_at


class ApplicationQuerySet(models.QuerySet):
    def of_person(self, email: str):
        return self.filter(email__iexact=email.strip())

    def expired(self, *, now=None):
        """Applications of rounds that closed longer ago than the retention period."""
        cutoff = (now or timezone.now()) - datetime.timedelta(
            days=settings.APPLICATION_RETENTION_DAYS
        )
        return self.filter(selection_round__closes_at__lt=cutoff)


class Application(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", "Đã nhận"
        INCOMPLETE = "incomplete", "Cần bổ sung"
        COMPLETE = "complete", "Đầy đủ"

    class Language(models.TextChoices):
        VI = "vi", "Tiếng Việt"
        EN = "en", "English"

    selection_round = models.ForeignKey(
        SelectionRound,
        verbose_name="Đợt bình chọn",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    created_at = models.DateTimeField("Ngày đăng ký", default=timezone.now, db_index=True)
    status = models.CharField(
        "Trạng thái", max_length=10, choices=Status.choices, default=Status.RECEIVED
    )
    company_name = models.CharField("Doanh nghiệp", max_length=COMPANY_MAX)
    tax_code = models.CharField("Mã số thuế", max_length=TAX_CODE_MAX)
    contact_name = models.CharField("Người liên hệ", max_length=NAME_MAX)
    email = models.EmailField("Thư điện tử")
    phone = models.CharField("Điện thoại", max_length=PHONE_MAX)
    products = models.TextField("Sản phẩm đăng ký", max_length=PRODUCTS_MAX)
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VI
    )
    consented_at = models.DateTimeField("Đồng ý xử lý dữ liệu lúc")

    objects = ApplicationQuerySet.as_manager()
    shown_on_pages = False

    class Meta:
        verbose_name = "đăng ký tham gia bình chọn"
        verbose_name_plural = "đăng ký tham gia bình chọn"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One registration per company and round (the tax code as the form stores it).
            models.UniqueConstraint(
                "selection_round", "tax_code", name="applications_once_per_round"
            )
        ]

    def __str__(self):
        return f"{self.company_name} ({self.tax_code})"


class ApplicationMail(QueuedMail):
    """A mail to the company about its application: the confirmation, or a status change."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Xác nhận đã nhận"
        STATUS = "status", "Thay đổi trạng thái"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="mails")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.RECEIVED)
    # The status the mail announces (the application's may have moved on by delivery).
    announced_status = models.CharField(
        max_length=10, choices=Application.Status.choices, blank=True
    )

    message_builder = "applications.mail.build"
    delivery_related = ("application__selection_round",)
    shown_on_pages = False

    class Meta(QueuedMail.Meta):
        verbose_name = "thư về đăng ký bình chọn"
        verbose_name_plural = "thư về đăng ký bình chọn"

    def __str__(self):
        return f"{self.application}: {self.get_kind_display()}, {self.get_status_display()}"


class PrivateStorage(FileSystemStorage):
    """Dossier files: under PRIVATE_MEDIA_ROOT (read at each use, as MEDIA_ROOT is), which no
    URL serves; editors download them through the admin (applications.admin_views)."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Dossier files have no public URL; the admin serves them.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def dossier_path(instance: "ApplicationFile", filename: str) -> str:
    # A random name: the company's own file name (kept in `original_name`) never reaches
    # the disk, and no name can be guessed from another.
    return f"dossiers/{instance.application.selection_round.year}/{uuid.uuid4().hex}.pdf"


class ApplicationFile(models.Model):
    """One PDF of an application's dossier, checked by content before it was stored."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(storage=private_storage, upload_to=dossier_path, max_length=200)
    original_name = models.CharField("Tên tệp", max_length=200)
    size = models.PositiveIntegerField("Dung lượng (byte)")
    pages = models.PositiveIntegerField("Số trang")
    uploaded_at = models.DateTimeField(default=timezone.now)

    shown_on_pages = False

    class Meta:
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"
        ordering = ["pk"]

    def __str__(self):
        return self.original_name
