from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from core.validators import YEAR_VALIDATORS


class RecognitionRecord(models.Model):
    """One recognition of a product as SPCNCL in a given year.

    `is_top10` is three-valued: a source that does not say leaves it unknown, never "no".
    """

    TOP10_CHOICES = [(None, "Chưa rõ"), (True, "Có"), (False, "Không")]

    year = models.PositiveSmallIntegerField("Năm công nhận", validators=YEAR_VALIDATORS)
    decision = models.ForeignKey(
        "products.Decision",
        verbose_name="Quyết định",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reference = models.CharField(
        "Số quyết định (như công bố)",
        max_length=120,
        blank=True,
        help_text="Dùng khi quyết định chưa có trong danh sách văn bản.",
    )
    is_top10 = models.BooleanField("Top 10", null=True, blank=True, choices=TOP10_CHOICES)
    valid_until = models.DateField("Hiệu lực đến", null=True, blank=True)
    source_url = models.URLField("Nguồn", blank=True)
    note = models.TextField(
        "Ghi chú về nguồn",
        max_length=1000,
        blank=True,
        help_text="Điều nguồn nêu hoặc chưa nêu, ví dụ: chưa xác minh tên pháp lý.",
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("is_top10"), FieldPanel("valid_until")]),
        FieldRowPanel([FieldPanel("decision"), FieldPanel("decision_reference")]),
        FieldPanel("source_url"),
        FieldPanel("note"),
    ]

    class Meta:
        abstract = True
        ordering = ["-year"]

    def clean(self):
        super().clean()
        if self.valid_until and self.year and self.valid_until.year < self.year:
            raise ValidationError(
                {"valid_until": "Ngày hết hiệu lực không được trước năm công nhận."}
            )

    @property
    def decision_label(self) -> str:
        return self.decision.number if self.decision_id else self.decision_reference
