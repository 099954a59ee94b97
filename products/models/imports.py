"""An uploaded decision file, kept from its preview to its confirmation and after.

The preview and the confirmation are two requests: the file waits here between them (not in
the session, which is no place for a 5 MB spreadsheet), and stays as the record of which file
changed the catalogue, when and by whom; revisions' log entries name it. A file previewed and
never confirmed is only a draft: `manage.py purge_import_previews` deletes it after
RECOGNITION_IMPORT_PREVIEW_DAYS, so abandoned uploads do not pile up in the database.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RecognitionImportQuerySet(models.QuerySet):
    def abandoned(self, *, now: datetime.datetime | None = None):
        """Previews never confirmed within RECOGNITION_IMPORT_PREVIEW_DAYS of their upload."""
        days = datetime.timedelta(days=settings.RECOGNITION_IMPORT_PREVIEW_DAYS)
        return self.filter(
            status=RecognitionImport.Status.PREVIEWED,
            uploaded_at__lt=(now or timezone.now()) - days,
        )


class RecognitionImport(models.Model):
    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Đã xem trước")
        APPLIED = "applied", _("Đã nhập")

    file_name = models.CharField(_("Tên tệp"), max_length=255)
    content = models.BinaryField(_("Nội dung tệp"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tải lên"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("Thời điểm tải lên"), auto_now_add=True)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=Status.choices, default=Status.PREVIEWED
    )
    applied_at = models.DateTimeField(_("Thời điểm nhập"), null=True, blank=True)
    published = models.BooleanField(_("Xuất bản ngay"), default=False)
    rows = models.PositiveIntegerField(_("Số dòng"), default=0)
    created = models.PositiveIntegerField(_("Tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("Cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("Không đổi"), default=0)

    objects = RecognitionImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhập quyết định")
        verbose_name_plural = _("các lần nhập quyết định")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.file_name
