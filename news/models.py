"""News about the programme: an index at /tin-tuc/ and the articles under it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.images import attach_renditions
from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin, public
from core.pagination import page_or_404

NEWS_PER_PAGE = 10


class NewsPageQuerySet(PageQuerySet):
    def listed(self, *, parent: Page | None = None, locale: Locale | None = None):
        """Live, public articles, newest first; attach their renditions once evaluated."""
        articles = public(self.live()).select_related("lead_image")
        if parent is not None:
            articles = articles.child_of(parent)
        if locale is not None:
            articles = articles.filter(locale=locale)
        return articles.order_by("-date", "-pk")


class NewsIndexPage(FoldedSearchMixin, FastServeMixin, Page):
    """Lists the news articles under it, newest first, ten to a page."""

    intro = RichTextField("Giới thiệu", features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + FOLDED_SEARCH_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh sách tin")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_page = page_or_404(
            NewsPage.objects.listed(parent=self),
            request.GET.get("page", 1),
            per_page=NEWS_PER_PAGE,
        )
        attach_renditions(article.lead_image for article in news_page.object_list)
        context["news_page"] = news_page
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(FoldedSearchMixin, FastServeMixin, Page):
    """A news article: date, lead image, summary, body and tags."""

    date = models.DateField("Ngày đăng", default=timezone.localdate)
    summary = models.TextField("Tóm tắt", max_length=400)
    lead_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung")
    source_url = models.URLField(
        "Nguồn", blank=True, help_text="Bài gốc, nếu tin được tổng hợp từ báo chí."
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name="Thẻ")

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        FieldPanel("source_url"),
        FieldPanel("tags"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("date", overridable=False),
        SynchronizedField("lead_image", overridable=False),
        SynchronizedField("source_url", overridable=False),
    ]
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [
            index.SearchField("summary", boost=2),
            index.SearchField("body"),
            index.FilterField("date"),
        ]
    )
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("bài tin")
        verbose_name_plural = pgettext_lazy("plural", "bài tin")

    @classmethod
    def serve_queryset(cls):
        queryset = super().serve_queryset().select_related("lead_image")
        return queryset.prefetch_related("tagged_items__tag")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        attach_renditions([self.lead_image])
        context["tags"] = [item.tag for item in self.tagged_items.all()]
        return context
