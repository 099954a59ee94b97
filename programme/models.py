"""The programme's own content: criteria, guidance, decisions, yearly figures and events.

ProgrammeIndexPage groups criteria, guidance and the decisions list under /chuong-trinh/;
events have their own index under /su-kien/. `Decision` and `CohortYear` are snippets
because products, news and charts refer to them from many places.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.images import attach_renditions
from core.pages import FastServeMixin, public
from programme.blocks import (
    DeadlineBlock,
    FaqBlock,
    IndicatorBlock,
    RequiredDocumentBlock,
    StepBlock,
    ThresholdBlock,
)

YEAR_VALIDATORS = [MinValueValidator(2005), MaxValueValidator(2100)]
_INTRO_FEATURES = ["bold", "italic", "link"]


class Decision(RevisionMixin, models.Model):
    """A legal document of the programme (quyết định, hướng dẫn, kế hoạch) with its PDF."""

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
        Decision,
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


class ProgrammeIndexPage(FastServeMixin, Page):
    """The programme's landing page (/chuong-trinh/): introduction and its sections."""

    intro = RichTextField("Giới thiệu", features=_INTRO_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "programme.CriteriaPage",
        "programme.GuidancePage",
        "programme.DecisionIndexPage",
        "programme.StatisticsPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "trang chương trình"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = public(self.get_children().live()).specific()
        return context


class CriteriaPage(FastServeMixin, Page):
    """The selection criteria: eligibility thresholds and the scored indicators."""

    intro = RichTextField("Giới thiệu", features=_INTRO_FEATURES, blank=True)
    thresholds = StreamField(
        [("threshold", ThresholdBlock())], verbose_name="Điều kiện tham gia", blank=True
    )
    indicators = StreamField(
        [("indicator", IndicatorBlock())], verbose_name="Chỉ tiêu chấm điểm", blank=True
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung bổ sung", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("thresholds"),
        FieldPanel("indicators"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("thresholds"),
        index.SearchField("indicators"),
        index.SearchField("body"),
    ]
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "trang tiêu chí"


class GuidancePage(FastServeMixin, Page):
    """How a company registers and prepares its dossier: steps, documents, deadlines, FAQ."""

    intro = RichTextField("Giới thiệu", features=_INTRO_FEATURES, blank=True)
    steps = StreamField([("step", StepBlock())], verbose_name="Các bước", blank=True)
    documents = StreamField(
        [("required_document", RequiredDocumentBlock())], verbose_name="Hồ sơ", blank=True
    )
    deadlines = StreamField(
        [("deadline", DeadlineBlock())], verbose_name="Mốc thời gian", blank=True
    )
    faq = StreamField([("faq", FaqBlock())], verbose_name="Câu hỏi thường gặp", blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung bổ sung", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("steps"),
        FieldPanel("documents"),
        FieldPanel("deadlines"),
        FieldPanel("faq"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("steps"),
        index.SearchField("documents"),
        index.SearchField("faq"),
        index.SearchField("body"),
    ]
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "trang hướng dẫn"


class DecisionIndexPage(FastServeMixin, Page):
    """Lists the programme's decisions (the `Decision` snippets), newest first."""

    intro = RichTextField("Giới thiệu", features=_INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "trang danh sách văn bản"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["decisions"] = Decision.objects.select_related("document")
        return context


class StatisticsPage(FastServeMixin, Page):
    """The programme in figures: charts of the official cohort figures (`CohortYear`) beside
    what the catalogue itself holds, drawn on the server as accessible SVG (programme.charts).
    """

    intro = RichTextField("Giới thiệu", features=_INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "trang số liệu chương trình"

    def get_context(self, request, *args, **kwargs):
        from programme.charts import statistics_charts
        from programme.queries import statistics_figures

        context = super().get_context(request, *args, **kwargs)
        context.update(statistics_charts(statistics_figures(locale=self.locale)))
        return context


class EventIndexPage(FastServeMixin, Page):
    """Lists events: upcoming first (soonest first), then past ones (latest first)."""

    intro = RichTextField("Giới thiệu", features=_INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programme.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "trang danh sách sự kiện"

    def get_context(self, request, *args, **kwargs):
        from programme.queries import past_events, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        upcoming = list(upcoming_events(parent=self))
        past = list(past_events(parent=self))
        attach_renditions(event.image for event in upcoming + past)
        context.update(upcoming_events=upcoming, past_events=past)
        return context


class EventPage(FastServeMixin, Page):
    """A business-matching conference, trade fair, training course or ceremony."""

    class Kind(models.TextChoices):
        BUSINESS_MATCHING = "business_matching", _("Hội nghị kết nối giao thương")
        TRADE_FAIR = "trade_fair", _("Hội chợ, triển lãm")
        TRAINING = "training", _("Tập huấn, đào tạo")
        CEREMONY = "ceremony", _("Lễ tôn vinh")

    kind = models.CharField("Loại sự kiện", max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField("Bắt đầu")
    ends_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    venue = models.CharField("Địa điểm", max_length=255)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    organiser = models.CharField("Đơn vị tổ chức", max_length=255)
    summary = models.TextField("Tóm tắt", max_length=400)
    registration_details = RichTextField(
        "Thông tin đăng ký", features=_INTRO_FEATURES + ["ul"], blank=True
    )
    registration_url = models.URLField("Đường dẫn đăng ký", blank=True)
    registration_deadline = models.DateField("Hạn đăng ký", null=True, blank=True)
    image = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Ảnh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("address"), FieldPanel("organiser")],
            heading="Địa điểm và tổ chức",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("registration_details"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
            ],
            heading="Đăng ký tham dự",
        ),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.SearchField("body"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["programme.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "trang sự kiện"

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "Thời gian kết thúc phải sau thời gian bắt đầu."})
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > timezone.localdate(self.starts_at)
        ):
            raise ValidationError(
                {"registration_deadline": "Hạn đăng ký không được sau ngày bắt đầu sự kiện."}
            )

    @classmethod
    def serve_queryset(cls):
        return super().serve_queryset().select_related("image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_renditions([self.image])
        return context

    @property
    def is_upcoming(self) -> bool:
        return (self.ends_at or self.starts_at) >= timezone.now()
