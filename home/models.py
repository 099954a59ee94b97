"""The home page, generic content pages and the site-wide settings."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.images import attach_renditions
from core.navigation import menu_url
from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin
from news.models import NewsPage
from products.models import ProductPage
from products.models.product import localise_companies
from programme.models import CohortYear, EventPage


class HomePage(FoldedSearchMixin, FastServeMixin, Page):
    """The root of each language tree: introduction, key figures, featured products,
    latest news and upcoming events."""

    hero_heading = models.CharField("Tiêu đề lớn", max_length=160)
    intro = RichTextField("Giới thiệu chương trình", features=["bold", "italic", "link"])
    hero_image = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Ảnh nền",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung thêm", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("intro"), FieldPanel("hero_image")],
            heading="Phần mở đầu",
        ),
        InlinePanel("featured_products", label="Sản phẩm nổi bật", max_num=8),
        FieldPanel("body"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("hero_heading"),
        TranslatableField("intro"),
        TranslatableField("body"),
        SynchronizedField("hero_image", overridable=False),
        SynchronizedField("featured_products", overridable=False),
    ]
    search_fields = Page.search_fields + FOLDED_SEARCH_FIELDS + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "programme.ProgrammeIndexPage",
        "programme.EventIndexPage",
        "news.NewsIndexPage",
        "products.ProductIndexPage",
        "products.CompanyIndexPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")

    @classmethod
    def serve_queryset(cls):
        return super().serve_queryset().select_related("hero_image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.featured_product_cards()
        news = list(NewsPage.objects.listed(locale=self.locale)[:3])
        events = list(EventPage.objects.upcoming(locale=self.locale)[:3])
        attach_renditions(
            [
                self.hero_image,
                *(product.image for product in featured),
                *(article.lead_image for article in news),
                *(event.image for event in events),
            ]
        )
        return context | {
            "featured_products": featured,
            "latest_news": news,
            "upcoming_events": events,
            "key_figures": CohortYear.objects.key_figures(),
            "catalogue_url": menu_url(locale=self.locale, model_label="products.productindexpage"),
        }

    def featured_product_cards(self) -> list:
        """The featured products, shown in this page's language (one query).

        Featured links are synchronised from the source tree, so they may point at the
        Vietnamese pages: products are matched by translation key.
        """
        linked = ProductPage.objects.filter(
            pk__in=HomeFeaturedProduct.objects.filter(page=self).values("product_id")
        ).values("translation_key")
        products = ProductPage.objects.cards().filter(
            locale=self.locale_id, translation_key__in=linked
        )
        return localise_companies(products.order_by("title"), self.locale)


class HomeFeaturedProduct(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_products")
    product = models.ForeignKey(
        "products.ProductPage",
        verbose_name="Sản phẩm",
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("product")]


class StandardPage(FoldedSearchMixin, FastServeMixin, Page):
    """A plain content page: about the site, accessibility statement, contact."""

    intro = models.TextField("Tóm tắt", max_length=400, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = (
        Page.search_fields
        + FOLDED_SEARCH_FIELDS
        + [index.SearchField("intro"), index.SearchField("body")]
    )
    parent_page_types = ["home.HomePage", "programme.ProgrammeIndexPage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")


@register_setting(icon="site")
class SiteSettings(BaseGenericSetting):
    """The department's public contact (footer) and the sample-content notice."""

    department_name = models.CharField(
        "Tên cơ quan", max_length=200, default="Sở Công Thương Hà Nội"
    )
    department_name_en = models.CharField(
        "Tên cơ quan (tiếng Anh)", max_length=200, default="Hanoi Department of Industry and Trade"
    )
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    address_en = models.CharField("Địa chỉ (tiếng Anh)", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    website = models.URLField("Trang web", blank=True)
    is_sample_content = models.BooleanField(
        "Đang dùng dữ liệu mẫu",
        default=False,
        help_text="Hiển thị thông báo 'dữ liệu mẫu' trên mọi trang. Tắt khi đưa nội dung thật lên.",
    )

    panels = [
        FieldPanel("department_name"),
        FieldPanel("department_name_en"),
        FieldPanel("address"),
        FieldPanel("address_en"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("is_sample_content"),
    ]

    class Meta:
        verbose_name = "thông tin chung của trang"

    def _localised(self, field):
        english = getattr(self, f"{field}_en", "")
        if (get_language() or "").startswith("en") and english:
            return english
        return getattr(self, field)

    @property
    def display_department_name(self):
        return self._localised("department_name")

    @property
    def display_address(self):
        return self._localised("address")
