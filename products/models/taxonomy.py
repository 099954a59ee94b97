"""Catalogue vocabularies: the snippets products and companies are classified by.

Each record is shared by both language trees, so it carries its Vietnamese and English label
itself; the `slug` is the stable, language-independent value that facets and URLs use.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index


class Vocabulary(RevisionMixin, models.Model):
    """Base of every catalogue snippet: both labels, a stable slug, and revision history."""

    name = models.CharField("Tên (tiếng Việt)", max_length=200)
    name_en = models.CharField(
        "Tên (tiếng Anh)", max_length=200, blank=True, help_text="Để trống để dùng tên tiếng Việt."
    )
    slug = models.SlugField(
        "Mã định danh",
        max_length=100,
        unique=True,
        help_text="Giá trị cố định dùng trong bộ lọc và đường dẫn; không đổi sau khi công bố.",
    )

    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s"
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions

    @property
    def label(self) -> str:
        """The name in the active language."""
        return self.label_for(get_language())

    def label_for(self, language: str | None) -> str:
        if (language or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Sector(Vocabulary):
    """One of the programme's eight official industry groups (nhóm ngành)."""

    sort_order = models.PositiveSmallIntegerField("Thứ tự", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = "nhóm ngành"
        verbose_name_plural = "nhóm ngành"
        ordering = ["sort_order", "name"]


class Certification(Vocabulary):
    """A standard or certificate a product holds (ISO 9001, hợp chuẩn TCVN, CE…)."""

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = "chứng nhận"
        verbose_name_plural = "chứng nhận"
        ordering = ["name"]


class Market(Vocabulary):
    """An export market (a country or region) named on product pages and in facets."""

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = "thị trường xuất khẩu"
        verbose_name_plural = "thị trường xuất khẩu"
        ordering = ["name"]


class AdministrativeUnit(Vocabulary):
    """A ward (phường) or commune (xã) of Hà Nội under the 2025 two-tier administration.

    Loaded from the `vietnam-provinces` package (`manage.py sync_administrative_units`),
    never typed by hand; `code` is the national ward code.
    """

    class Kind(models.TextChoices):
        WARD = "phuong", _("Phường")
        COMMUNE = "xa", _("Xã")
        SPECIAL = "dac_khu", _("Đặc khu")

    code = models.PositiveIntegerField("Mã đơn vị hành chính", unique=True)
    kind = models.CharField("Loại", max_length=10, choices=Kind.choices)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("code"),
        FieldPanel("kind"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = "phường/xã"
        verbose_name_plural = "phường/xã"
        ordering = ["name"]


class IndustrialZone(Vocabulary):
    """An industrial zone (khu công nghiệp) or cluster (cụm công nghiệp) companies sit in."""

    class Kind(models.TextChoices):
        ZONE = "kcn", _("Khu công nghiệp")
        CLUSTER = "ccn", _("Cụm công nghiệp")
        HIGH_TECH = "cnc", _("Khu công nghệ cao")

    kind = models.CharField("Loại", max_length=10, choices=Kind.choices, default=Kind.ZONE)
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name="Phường/xã",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="industrial_zones",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("unit"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = "khu/cụm công nghiệp"
        verbose_name_plural = "khu/cụm công nghiệp"
        ordering = ["name"]
