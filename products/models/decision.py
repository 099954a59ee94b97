"""The programme's legal documents: plans, recognition decisions, council and guidance."""

from collections.abc import Callable

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from core.validators import YEAR_VALIDATORS

# The page listing the decisions is the programme's (programme.DecisionIndexPage), a layer up:
# the programme app hands over how to find its URL in a language (programme.apps), so that
# recognitions can link there without products importing programme.
_list_url_finder: Callable[[int], str | None] | None = None


def set_list_url_finder(finder: Callable[[int], str | None]) -> None:
    """Name the function giving the decisions list's URL for a locale id (or None)."""
    global _list_url_finder
    _list_url_finder = finder


def decisions_list_url(locale_id: int) -> str | None:
    return _list_url_finder(locale_id) if _list_url_finder else None


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
    def anchor(self) -> str:
        """The id of this decision's row on the decisions list."""
        return f"decision-{self.pk}"

    def href(self, *, list_url: str | None) -> str:
        """Where a visitor clicking this decision's number goes.

        The text itself when its file is published; else its entry on the decisions list
        (*list_url*), which says no file is published yet and gives the source; else the
        source where it was published; else nowhere ("").
        """
        if self.document_id:
            return self.document.url
        if list_url:
            return f"{list_url}#{self.anchor}"
        return self.source_url

    @property
    def display_title(self) -> str:
        if (get_language() or "").startswith("en") and self.title_en:
            return self.title_en
        return self.title
