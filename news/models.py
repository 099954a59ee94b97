"""News about the programme: an index at /tin-tuc/ and the articles under it."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.feeds import (
    FEED_ITEMS,
    FeedContent,
    FeedItem,
    absolute,
    day_start,
    feed_links,
    feed_response,
)
from core.images import attach_renditions
from core.navigation import translation_urls
from core.pages import (
    FOLDED_SEARCH_FIELDS,
    FastServeMixin,
    FoldedSearchMixin,
    public,
    unexpired,
)
from core.pagination import page_or_404
from core.text import ascii_slug
from core.treecache import cached

NEWS_PER_PAGE = 10
# The word of a listing's URL in each language: /tin-tuc/the/hoi-cho/, /en/news/tag/hoi-cho/.
TAG_WORDS = {"vi": "the", "en": "tag"}
YEAR_WORDS = {"vi": "nam", "en": "year"}


class NewsPageQuerySet(PageQuerySet):
    def listed(self, *, parent: Page | None = None, locale: Locale | None = None):
        """Live, public, unexpired articles, newest first; attach their renditions once
        evaluated."""
        articles = unexpired(public(self.live())).select_related("lead_image")
        if parent is not None:
            articles = articles.child_of(parent)
        if locale is not None:
            articles = articles.filter(locale=locale)
        return articles.order_by("-date", "-pk")


class NewsIndexPage(RoutablePageMixin, FoldedSearchMixin, FastServeMixin, Page):
    """Lists the news articles under it, newest first, ten to a page; the same listing per
    tag (/the/<tag>/) and per year (/nam/<year>/), and as RSS and Atom feeds (/rss/, /atom/).
    """

    intro = RichTextField("Giới thiệu", features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + FOLDED_SEARCH_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh sách tin")

    def get_context(self, request, *args, articles=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if articles is None:
            articles = NewsPage.objects.listed(parent=self)
        news_page = page_or_404(articles, request.GET.get("page", 1), per_page=NEWS_PER_PAGE)
        attach_renditions(article.lead_image for article in news_page.object_list)
        url = self.get_url(request)
        context["news_page"] = news_page
        context["news_years"] = [
            {"year": year, "url": self.year_url(year, url=url)} for year in self.years()
        ]
        context["news_tags"] = [
            {"name": names[0], "url": self.tag_url(slug, url=url)}
            for slug, names in self.tags().items()
        ]
        context["feeds"] = feed_links(url)
        return context

    # -- tags, years and feeds ------------------------------------------------------------
    @property
    def language(self) -> str:
        return self.locale.language_code

    def years(self) -> list[int]:
        """The years that have articles here, latest first (cached per tree version)."""

        def build():
            dates = NewsPage.objects.listed(parent=self).dates("date", "year", order="DESC")
            return [day.year for day in dates]

        return cached(f"news-years:{self.pk}", build)

    def tags(self) -> dict[str, list[str]]:
        """{URL slug: tag names} of the tags the articles here carry, by name (cached).

        The slug is the tag's name folded to ASCII ("hội chợ" -> "hoi-cho"), as page slugs
        are, rather than taggit's own slug, which keeps the diacritics; tags that fold alike
        ("hội chợ", "Hội Chợ") share one listing.
        """

        def build():
            names = (
                NewsPageTag.objects.filter(
                    content_object__in=NewsPage.objects.listed(parent=self).values("pk")
                )
                .values_list("tag__name", flat=True)
                .distinct()
            )
            slugs: dict[str, list[str]] = {}
            for name in sorted(names):
                slugs.setdefault(ascii_slug(name) or name, []).append(name)
            return slugs

        return cached(f"news-tags:{self.pk}", build)

    def tag_url(self, slug: str, *, url: str | None = None) -> str:
        return f"{url or self.url}{TAG_WORDS[self.language]}/{slug}/"

    def year_url(self, year: int, *, url: str | None = None) -> str:
        return f"{url or self.url}{YEAR_WORDS[self.language]}/{year}/"

    def listing_translations(self, listing_url) -> dict[str, str]:
        """{language: URL} for the language switch and hreflang links of a tag's or a year's
        listing: the same listing in each language that has it (*listing_url* of that
        language's index, or a false value), else that language's news index."""
        links = translation_urls(self)
        for listing in NewsIndexPage.objects.live().filter(translation_key=self.translation_key):
            url = listing_url(listing)
            if url:
                links = {**links, listing.language: url}
        return links

    @re_path(r"^(?P<word>the|tag)/(?P<slug>[-a-z0-9]+)/$", name="tag")
    def tag_listing(self, request, word, slug):
        names = self.tags().get(slug)
        if word != TAG_WORDS[self.language] or not names:
            raise Http404(gettext("Không có thẻ này."))
        tagged = NewsPageTag.objects.filter(tag__name__in=names).values("content_object_id")
        return self.render(
            request,
            articles=NewsPage.objects.listed(parent=self).filter(pk__in=tagged),
            context_overrides={
                "listing_title": gettext("Tin có thẻ “%(tag)s”") % {"tag": names[0]},
                "translations": self.listing_translations(
                    lambda other: slug in other.tags() and other.tag_url(slug)
                ),
            },
        )

    @re_path(r"^(?P<word>nam|year)/(?P<year>[0-9]{4})/$", name="year")
    def year_listing(self, request, word, year):
        year = int(year)
        if word != YEAR_WORDS[self.language] or year not in self.years():
            raise Http404(gettext("Không có tin năm này."))
        return self.render(
            request,
            articles=NewsPage.objects.listed(parent=self).filter(date__year=year),
            context_overrides={
                "listing_title": gettext("Tin năm %(year)s") % {"year": year},
                "listing_year": year,
                "translations": self.listing_translations(
                    lambda other: year in other.years() and other.year_url(year)
                ),
            },
        )

    @re_path(r"^(?P<kind>rss|atom)/$", name="feed")
    def feed(self, request, kind):
        url = absolute(request, self.get_url(request))
        articles = (
            NewsPage.objects.listed(parent=self)
            .defer_streamfields()
            .prefetch_related("tagged_items__tag")[:FEED_ITEMS]
        )
        content = FeedContent(
            title=f"{self.title} · {gettext('SPCNCL Hà Nội')}",
            url=url,
            feed_url=f"{url}{kind}/",
            description=gettext("Tin mới về chương trình sản phẩm công nghiệp chủ lực Hà Nội."),
            items=[
                FeedItem(
                    title=article.title,
                    url=absolute(request, article.get_url(request)),
                    description=article.summary,
                    published=day_start(article.date),
                    updated=article.last_published_at,
                    categories=tuple(item.tag.name for item in article.tagged_items.all()),
                )
                for article in articles
            ],
        )
        return feed_response(request, kind=kind, content=content)


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
        # The same tags in both languages, so each tag's listing lists both trees' articles.
        SynchronizedField("tagged_items", overridable=False),
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

    def load_for_template(self) -> None:
        attach_renditions([self.lead_image])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prepare_to_serve()
        # The index is the parent: its URL is this page's without the slug (no query).
        index_url = self.get_url(request).removesuffix(f"{self.slug}/")
        tag_word = TAG_WORDS[self.locale.language_code]
        context["tags"] = [
            {"name": item.tag.name, "url": f"{index_url}{tag_word}/{ascii_slug(item.tag.name)}/"}
            for item in self.tagged_items.all()
        ]
        context["feeds"] = feed_links(index_url)
        return context

    og_type = "article"

    def structured_data(self, meta, context) -> list[dict]:
        """A NewsArticle, published by the department (core.metadata)."""
        publisher = meta.publisher
        article = {
            "@type": "NewsArticle",
            "headline": self.title,
            "description": meta.description,
            "url": meta.canonical,
            "mainEntityOfPage": meta.canonical,
            "inLanguage": meta.language,
            "datePublished": self.date.isoformat(),
            "author": publisher,
            "publisher": publisher,
        }
        if self.last_published_at:
            article["dateModified"] = self.last_published_at.isoformat()
        if meta.image:
            article["image"] = [meta.image.url]
        tags = [item.tag.name for item in self.tagged_items.all()]
        if tags:
            article["keywords"] = tags
        return [article]
