"""The programme's own pages: its landing page, the criteria, the guidance, the decisions."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin, public
from core.treecache import cached
from products.models import Decision
from programme.blocks import (
    DeadlineBlock,
    FaqBlock,
    IndicatorBlock,
    RequiredDocumentBlock,
    StepBlock,
    ThresholdBlock,
)

INTRO_FEATURES = ["bold", "italic", "link"]


class ProgrammeIndexPage(FoldedSearchMixin, FastServeMixin, Page):
    """The programme's landing page (/chuong-trinh/): introduction and its sections."""

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [index.SearchField("intro"), index.SearchField("body")]
    )

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
        verbose_name = _("trang chương trình")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = public(self.get_children().live()).specific()
        return context


class CriteriaPage(FoldedSearchMixin, FastServeMixin, Page):
    """The selection criteria: eligibility thresholds and the scored indicators."""

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)
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
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [
            index.SearchField("intro"),
            index.SearchField("thresholds"),
            index.SearchField("indicators"),
            index.SearchField("body"),
        ]
    )
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang tiêu chí")


class GuidancePage(FoldedSearchMixin, FastServeMixin, Page):
    """How a company registers and prepares its dossier: steps, documents, deadlines, FAQ."""

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)
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
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [
            index.SearchField("intro"),
            index.SearchField("steps"),
            index.SearchField("documents"),
            index.SearchField("faq"),
            index.SearchField("body"),
        ]
    )
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang hướng dẫn")


class DecisionIndexPage(FoldedSearchMixin, FastServeMixin, Page):
    """Lists the programme's decisions (the `Decision` snippets), newest first."""

    intro = RichTextField("Giới thiệu", features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + FOLDED_SEARCH_FIELDS + [index.SearchField("intro")]
    parent_page_types = ["programme.ProgrammeIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh sách văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["decisions"] = Decision.objects.select_related("document")
        return context


def decisions_list_url(locale_id: int) -> str | None:
    """The URL of the live, public decisions list in a language, or None.

    Recognitions link their decision here when it has no file (products.models.decision:
    programme.apps hands this function over). Kept per tree version, so a product page
    pays no query for it once warm, and a decisions page moved or unpublished is followed.
    """

    def build():
        page = public(DecisionIndexPage.objects.live()).filter(locale_id=locale_id).first()
        return page.url if page else None

    return cached(f"decisions-list-url:{locale_id}", build)
