"""The home page, generic content pages and the site-wide settings."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.images import attach_renditions
from core.navigation import menu_url, site_map, translated_links
from core.pages import FOLDED_SEARCH_FIELDS, FastServeMixin, FoldedSearchMixin
from core.treecache import cached
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
        "home.SitemapPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")

    @classmethod
    def serve_queryset(cls):
        return super().serve_queryset().select_related("hero_image")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return context | {
            "sections": HomeSections(self),
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


class HomeSections:
    """What the home page lists below its hero, read only when the template's fragment cache
    (`{% fragment %}`, core_tags) has no copy: building it is most of the page's cost."""

    def __init__(self, page: HomePage):
        self.page = page

    @cached_property
    def featured_products(self) -> list:
        return _with_renditions(self.page.featured_product_cards(), "image")

    @cached_property
    def latest_news(self) -> list:
        return _with_renditions(NewsPage.objects.listed(locale=self.page.locale)[:3], "lead_image")

    @cached_property
    def upcoming_events(self) -> list:
        return _with_renditions(EventPage.objects.upcoming(locale=self.page.locale)[:3], "image")

    @cached_property
    def key_figures(self) -> dict:
        return CohortYear.objects.key_figures()


def _with_renditions(items, image_field: str) -> list:
    items = list(items)
    attach_renditions(getattr(item, image_field) for item in items)
    return items


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


class SitemapPage(FastServeMixin, Page):
    """The site map for people: every public page of its language, as the tree nests them.

    Linked from the footer, so every public page is reachable in two steps from any other.
    """

    intro = models.TextField("Tóm tắt", max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang sơ đồ trang")

    def get_context(self, request, *args, **kwargs):
        return super().get_context(request, *args, **kwargs) | {
            "site_map": site_map(locale=self.locale)
        }


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseGenericSetting):
    """The department's public contact and the footer's links; the sample-content notice."""

    department_name = models.CharField(
        "Tên cơ quan", max_length=200, default="Sở Công Thương Hà Nội"
    )
    department_name_en = models.CharField(
        "Tên cơ quan (tiếng Anh)", max_length=200, default="Hanoi Department of Industry and Trade"
    )
    address = models.CharField(
        "Địa chỉ",
        max_length=255,
        blank=True,
        help_text="Số nhà, đường phố. Ví dụ: Số 1 phố Tràng Tiền.",
    )
    address_en = models.CharField("Địa chỉ (tiếng Anh)", max_length=255, blank=True)
    ward = models.CharField(
        "Phường, xã", max_length=120, blank=True, help_text="Ví dụ: Phường Cầu Giấy."
    )
    ward_en = models.CharField(
        "Phường, xã (tiếng Anh)", max_length=120, blank=True, help_text="Ví dụ: Cầu Giấy Ward."
    )
    phone = models.CharField("Điện thoại", max_length=40, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    office_hours = models.CharField(
        "Giờ làm việc",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Thứ Hai – Thứ Sáu, 8:00 – 12:00 và 13:30 – 17:00.",
    )
    office_hours_en = models.CharField("Giờ làm việc (tiếng Anh)", max_length=200, blank=True)
    website = models.URLField("Trang web", blank=True)
    is_sample_content = models.BooleanField(
        "Đang dùng dữ liệu mẫu",
        default=False,
        help_text="Hiển thị thông báo 'dữ liệu mẫu' trên mọi trang. Tắt khi đưa nội dung thật lên.",
    )

    panels = [
        FieldPanel("department_name"),
        FieldPanel("department_name_en"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("ward"),
                FieldPanel("ward_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
                FieldPanel("office_hours_en"),
            ],
            heading="Liên hệ của Sở",
            help_text=(
                "Hiển thị ở chân mọi trang và ở phần đăng ký của trang sự kiện. Trường tiếng Anh "
                "để trống thì trang tiếng Anh dùng bản tiếng Việt."
            ),
        ),
        FieldPanel("website"),
        FieldPanel("is_sample_content"),
        InlinePanel(
            "footer_links",
            heading="Liên kết chân trang",
            label="Liên kết",
            help_text="Chọn trang tiếng Việt; chân trang tiếng Anh dùng bản dịch của nó.",
        ),
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

    @property
    def display_ward(self):
        return self._localised("ward")

    @property
    def display_office_hours(self):
        return self._localised("office_hours")

    @property
    def full_address(self) -> str:
        """Street, ward and city on one line, in the active language ("…, Hà Nội")."""
        parts = [self.display_address, self.display_ward]
        return ", ".join([part for part in parts if part] + ["Hà Nội"]) if any(parts) else ""


class FooterLink(Orderable):
    """A page the footer links to (about, accessibility, contact, open data, site map).

    Editors choose the Vietnamese page; each language's footer shows that page's live, public
    translation in its own language, and leaves the link out where there is none.
    """

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="footer_links")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="Trang", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "liên kết chân trang"


def footer_links(*, locale) -> list[dict]:
    """The footer's links in *locale* (cached per tree version, which a change to the
    settings' links moves on too: core.pagecache)."""

    def build():
        keys = FooterLink.objects.order_by("sort_order").values_list(
            "page__translation_key", flat=True
        )
        return translated_links(list(keys), locale=locale)

    return cached(f"footer-links:{locale.language_code}", build)
