"""Recognised products (sản phẩm công nghiệp chủ lực) and the catalogue index."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.pages import FastServeMixin, private_page_ids
from products.models.recognition import RecognitionRecord
from products.validators import validate_hs_code


class SpecificationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Thông số", max_length=120)
    value = blocks.CharBlock(label="Giá trị", max_length=255)

    class Meta:
        icon = "list-ul"
        template = "products/blocks/specification_block.html"
        label = "Thông số kỹ thuật"
        description = "Một dòng trong bảng thông số kỹ thuật."
        preview_value = {"name": "Công suất", "value": "9 W"}


class ProductIndexPage(FastServeMixin, Page):
    """The catalogue at /san-pham/ (/en/products/): every recognised product, filterable."""

    intro = RichTextField("Giới thiệu", features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["products.ProductPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "trang danh mục sản phẩm"

    def get_context(self, request, *args, **kwargs):
        from products.views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "context_data") and response.context_data["form"].errors:
            response.status_code = 400
        return response


class ProductPage(FastServeMixin, Page):
    """A recognised product, made by one company, with its recognition records."""

    company = models.ForeignKey(
        "products.CompanyPage",
        verbose_name="Doanh nghiệp",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    summary = models.TextField("Tóm tắt", max_length=400, blank=True)
    description = StreamField(BaseStreamBlock(), verbose_name="Mô tả", blank=True)
    image = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Ảnh chính",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        "products.Sector",
        verbose_name="Nhóm ngành",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="products",
    )
    hs_code = models.CharField(
        "Mã HS",
        max_length=13,
        blank=True,
        validators=[validate_hs_code],
        help_text="Mã hệ thống hài hòa (HS) của sản phẩm, ví dụ 8539.52.",
    )
    standards = models.CharField(
        "Tiêu chuẩn áp dụng",
        max_length=255,
        blank=True,
        help_text="Ví dụ: TCVN 7722-1:2017, IEC 60598. Chứng nhận chọn ở mục bên dưới.",
    )
    specifications = StreamField(
        [("specification", SpecificationBlock())], verbose_name="Thông số kỹ thuật", blank=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("company"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("sector"), FieldPanel("hs_code")]),
                FieldPanel("standards"),
                InlinePanel("certification_links", label="Chứng nhận"),
                InlinePanel("market_links", label="Thị trường xuất khẩu"),
            ],
            heading="Phân loại",
        ),
        FieldPanel("specifications"),
        InlinePanel("gallery_images", label="Thư viện ảnh"),
        InlinePanel("recognitions", label="Công nhận", min_num=1),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("description"),
        TranslatableField("specifications"),
        SynchronizedField("company", overridable=False),
        SynchronizedField("image", overridable=False),
        SynchronizedField("sector", overridable=False),
        SynchronizedField("hs_code", overridable=False),
        SynchronizedField("standards", overridable=False),
        SynchronizedField("certification_links", overridable=False),
        SynchronizedField("market_links", overridable=False),
        SynchronizedField("gallery_images", overridable=False),
        SynchronizedField("recognitions", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.SearchField("hs_code"),
        index.SearchField("standards"),
        index.RelatedFields(
            "company",
            [
                index.SearchField("title", boost=2),
                index.SearchField("brand_name"),
                index.SearchField("legal_name"),
            ],
        ),
        index.RelatedFields("sector", [index.SearchField("name"), index.SearchField("name_en")]),
        index.FilterField("sector"),
        index.FilterField("company"),
    ]

    parent_page_types = ["products.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "trang sản phẩm"
        verbose_name_plural = "trang sản phẩm"

    def clean(self):
        super().clean()
        errors = {}
        if self.company_id is None:
            errors["company"] = "Vui lòng chọn doanh nghiệp sản xuất sản phẩm."
        if self.sector_id is None:
            errors["sector"] = "Vui lòng chọn nhóm ngành."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def serve_queryset(cls):
        from django.db.models import Prefetch

        from products.queries import recognitions_prefetch

        queryset = super().serve_queryset().select_related("company", "sector", "image")
        return queryset.prefetch_related(
            recognitions_prefetch(),
            Prefetch(
                "certification_links",
                queryset=ProductCertification.objects.select_related("certification"),
            ),
            Prefetch("market_links", queryset=ProductMarket.objects.select_related("market")),
            Prefetch(
                "gallery_images", queryset=ProductGalleryImage.objects.select_related("image")
            ),
        )

    def get_view_restrictions(self):
        """The page's own restrictions and its company's: a private company's products are
        as private as it is (products.queries.public_products lists them by the same rule)."""
        restrictions = super().get_view_restrictions()
        if self.company_id is None or self.company_id not in private_page_ids():
            return restrictions
        return restrictions | self.company.get_view_restrictions()

    def get_sitemap_urls(self, request=None):
        if self.company_id in private_page_ids():
            return []
        return super().get_sitemap_urls(request)

    def get_context(self, request, *args, **kwargs):
        from products.queries import product_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(product_detail_context(product=self))
        return context


class ProductCertification(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="certification_links")
    certification = models.ForeignKey(
        "products.Certification",
        verbose_name="Chứng nhận",
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("certification")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "certification")]


class ProductMarket(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="market_links")
    market = models.ForeignKey(
        "products.Market", verbose_name="Thị trường", on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("market")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "market")]


class ProductGalleryImage(Orderable):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "core.CustomImage", verbose_name="Ảnh", on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField("Chú thích", max_length=255, blank=True)
    panels = [FieldPanel("image"), FieldPanel("caption")]


class ProductRecognition(Orderable, RecognitionRecord):
    page = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="recognitions")
    panels = RecognitionRecord.panels
