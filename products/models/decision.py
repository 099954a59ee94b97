"""The programme's legal documents: plans, recognition decisions, council and guidance."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from core.validators import YEAR_VALIDATORS


class Decision(RevisionMixin, models.Model):
    """A legal document of the programme (quyết định, hướng dẫn, kế hoạch) with its PDF.

    It lives with the products because their recognitions cite it (RecognitionRecord); the
    programme's pages list it (programme.DecisionIndexPage) and its yearly figures point at
    it (programme.CohortYear), from the layer above.
    """

    class Kind(models.TextChoices):
        PROGRAMME = "programme", _("Đề án, kế hoạch")
        RECOGNITION = "recognition", _("Công nhận sản phẩm")
        COUNCIL = "council", _("Hội đồng xét chọn")
        GUIDANCE = "guidance", _("Hướng dẫn")

    number = models.CharField(
        "Số hiệu", max_length=60, unique=True, help_text="Ví dụ: 5012/QĐ-UBND"
    )
    kind = models.CharField("Loại văn bản", max_length=20, choices=Kind.choices)
    issuer = models.CharField("Cơ quan ban hành", max_length=120, default="UBND TP Hà Nội")
    signed_on = models.DateField("Ngày ban hành", null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        "Năm áp dụng", validators=YEAR_VALIDATORS, help_text="Năm xét chọn mà văn bản áp dụng."
    )
    title = models.CharField("Trích yếu (tiếng Việt)", max_length=300)
    title_en = models.CharField("Trích yếu (tiếng Anh)", max_length=300, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Tệp PDF",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_url = models.URLField("Nguồn công bố", blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="decision")

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("signed_on"), FieldPanel("year")]),
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldPanel("document"),
        FieldPanel("source_url"),
    ]
    search_fields = [
        index.SearchField("number"),
        index.SearchField("title"),
        index.SearchField("title_en"),
        index.FilterField("year"),
    ]

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-signed_on", "-year", "number"]

    def __str__(self):
        return self.number

    @property
    def revisions(self):
        return self._revisions

    @property
    def display_title(self) -> str:
        if (get_language() or "").startswith("en") and self.title_en:
            return self.title_en
        return self.title
