"""The programme's own pages: its landing page, the criteria, the guidance, the decisions."""

from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.navigation import route_translations
from core.pages import (
    FOLDED_SEARCH_FIELDS,
    FastServeMixin,
    FoldedSearchMixin,
    public,
    unexpired,
)
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
from programme.eligibility import check_eligibility

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
        "programme.OpenDataPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chương trình")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = public(self.get_children().live()).specific()
        return context


# The self-check's sub-route of the criteria page, per language (/tieu-chi/tu-kiem-tra/).
SELF_CHECK_WORDS = {"vi": "tu-kiem-tra", "en": "self-check"}


class CriteriaPage(RoutablePageMixin, FoldedSearchMixin, FastServeMixin, Page):
    """The selection criteria: eligibility thresholds and the scored indicators.

    Its sub-route `tu-kiem-tra/` (`self-check/` in English) is the public self-check: a
    company picks its product type, answers what the thresholds ask, and sees which it meets,
    which it misses and by how much (programme.eligibility), with the dossier checklist of
    the sibling guidance page.
    """

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

    @property
    def self_check_url(self) -> str:
        return f"{self.url}{SELF_CHECK_WORDS.get(self.locale.language_code, 'tu-kiem-tra')}/"

    def guidance_page(self):
        """The live, public guidance page beside this one (same language), or None."""
        siblings = GuidancePage.objects.live().sibling_of(self, inclusive=False)
        return unexpired(public(siblings)).first()

    @re_path(r"^(?P<word>tu-kiem-tra|self-check)/$", name="self_check")
    def self_check(self, request, word):
        if word != SELF_CHECK_WORDS.get(self.locale.language_code):
            raise Http404(gettext("Không có trang này."))
        check = check_eligibility(thresholds=self.thresholds, params=request.GET)
        guidance = self.guidance_page()
        response = self.render(
            request,
            template="programme/criteria_self_check.html",
            context_overrides={
                "check": check,
                "guidance": guidance,
                "checklist": guidance.checklist_for(check.product_type) if guidance else [],
                "translations": route_translations(self, SELF_CHECK_WORDS),
            },
        )
        if request.GET:
            # What a company typed about itself stays in its browser: no shared or browser
            # cache keeps it (core.pagecache keeps no URL with a query string anyway). The
            # site's Referrer-Policy already gives other sites the origin alone.
            patch_cache_control(response, private=True, no_store=True)
        if check.invalid:
            response.status_code = 400
        return response


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

    def checklist_for(self, product_type: str) -> list:
        """The dossier's parts a company of *product_type* prepares: those for every type
        and those for its own."""
        return [block for block in self.documents if block.value.applies_to(product_type)]


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
