"""The official figures of each year's recognition round, as the city published them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import RevisionMixin

from core.validators import YEAR_VALIDATORS


class CohortYearQuerySet(models.QuerySet):
    def key_figures(self) -> dict:
        """Totals of the published figures and the latest cohort, one query."""
        cohorts = list(self.order_by("year"))
        if not cohorts:
            return {"totals": {}, "latest": None}
        totals = {
            "products": sum(cohort.products_recognised for cohort in cohorts),
            "first_year": cohorts[0].year,
            "last_year": cohorts[-1].year,
        }
        return {"totals": totals, "latest": cohorts[-1]}


class CohortYear(RevisionMixin, models.Model):
    """The official figures of one year's recognition round, as published.

    Figures left empty were not published; the site shows them as unknown, never as zero.
    """

    year = models.PositiveSmallIntegerField("Năm", unique=True, validators=YEAR_VALIDATORS)
    products_recognised = models.PositiveSmallIntegerField("Số sản phẩm được công nhận")
    companies_recognised = models.PositiveSmallIntegerField(
        "Số doanh nghiệp", null=True, blank=True
    )
    products_registered = models.PositiveSmallIntegerField(
        "Số sản phẩm đăng ký", null=True, blank=True
    )
    revenue_vnd_billion = models.DecimalField(
        "Doanh thu (tỷ đồng)",
        max_digits=12,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="Doanh thu của các sản phẩm được công nhận, theo số liệu công bố.",
    )
    exports_usd_million = models.DecimalField(
        "Xuất khẩu (triệu USD)", max_digits=12, decimal_places=1, null=True, blank=True
    )
    decision = models.ForeignKey(
        "products.Decision",
        verbose_name="Quyết định công nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("Ghi chú (tiếng Việt)", blank=True)
    note_en = models.TextField("Ghi chú (tiếng Anh)", blank=True)
    source_url = models.URLField("Nguồn số liệu", blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="cohortyear")

    objects = CohortYearQuerySet.as_manager()

    panels = [
        FieldRowPanel(
            [
                FieldPanel("year"),
                FieldPanel("products_recognised"),
                FieldPanel("companies_recognised"),
                FieldPanel("products_registered"),
            ]
        ),
        FieldRowPanel([FieldPanel("revenue_vnd_billion"), FieldPanel("exports_usd_million")]),
        FieldPanel("decision"),
        FieldPanel("note"),
        FieldPanel("note_en"),
        FieldPanel("source_url"),
    ]

    class Meta:
        verbose_name = "số liệu đợt công nhận"
        verbose_name_plural = "số liệu các đợt công nhận"
        ordering = ["year"]

    def __str__(self):
        return f"{self.year}: {self.products_recognised} sản phẩm"

    @property
    def revisions(self):
        return self._revisions
