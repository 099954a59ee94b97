"""Recognised products (sản phẩm công nghiệp chủ lực) and the catalogue index."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.feeds import feed_links
from core.images import attach_renditions
from core.pages import FastServeMixin, private_page_ids, public
from core.treecache import cached
from products.models.recognition import (
    RecognitionRecord,
    attach_decision_links,
    recognition_status,
)
from products.serializers import (
    GalleryImageSerializer,
    PublicPageSerializer,
    RecognitionSerializer,
    VocabularySerializer,
)
from products.validators import validate_hs_code
from search.catalogue.contract import FACET_GROUPS, STATUS_GROUP
from search.catalogue.request import PageOutOfRange, search_request
from search.feeds import carried_query, catalogue_feed


class SpecificationBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Thông số", max_length=120)
    value = blocks.CharBlock(label="Giá trị", max_length=255)

    class Meta:
        icon = "list-ul"
        template = "products/blocks/specification_block.html"
        label = "Thông số kỹ thuật"
        description = "Một dòng trong bảng thông số kỹ thuật."
        preview_value = {"name": "Công suất", "value": "9 W"}


class ProductPageQuerySet(PageQuerySet):
    def visible(self):
        """Products a visitor may see: public themselves, and made by a public company.

        A company behind a view restriction takes its products with it (its page would be
        named and linked on theirs); restrictions are mirrored across translations
        (core.privacy), so the source-language company that product links point at answers
        for every language.
        """
        private = private_page_ids()
        return public(self).exclude(company_id__in=private) if private else self

    def cards(self):
        """Live, visible products with what a card shows: company, sector, image, years."""
        return (
            self.live()
            .visible()
            .select_related("company", "sector", "image")
            .prefetch_related(recognitions_prefetch())
        )


def recognitions_prefetch() -> Prefetch:
    return Prefetch(
        "recognitions",
        queryset=ProductRecognition.objects.select_related("decision__document").order_by("year"),
    )


def localise_companies(products, locale: Locale) -> list:
    """Set each product's `display_company` to its company in *locale* (at most one query).

    Product links point at the source-language company (wagtail-localize synchronises them),
    so an English product looks its company's translation up; all of a page's at once.
    """
    products = list(products)
    foreign = {
        p.company.translation_key
        for p in products
        if p.company_id and p.company.locale_id != locale.pk
    }
    translations = {}
    if foreign:
        translations = {
            company.translation_key: company
            for company in _company_model()
            .objects.live()
            .filter(locale=locale, translation_key__in=foreign)
        }
    for product in products:
        company = product.company
        product.display_company = (
            translations.get(company.translation_key, company) if company else None
        )
    return products


def attach_pictures(results: list[dict]) -> None:
    """Give each catalogue search result its product image (two queries for a whole page,
    none when the same page of results was shown since the tree last changed)."""
    ids = sorted({result["id"] for result in results if result.get("id")})
    images = {}
    if ids:
        images = cached(
            f"pictures:{hashlib.sha1(repr(ids).encode()).hexdigest()}",
            lambda: _product_images(ids),
            cache="loaded-pages",
        )
    for result in results:
        result["image"] = images.get(result.get("id"))


def _product_images(ids: list[int]) -> dict:
    pages = ProductPage.objects.filter(pk__in=ids).select_related("image")
    images = {page.pk: page.image for page in pages}
    attach_renditions(images.values())
    return images


def _company_model():
    # The company model through the product's link to it: products.models.company imports
    # this module, so naming CompanyPage here would be a cycle.
    return ProductPage._meta.get_field("company").related_model


FACET_LABELS = {
    STATUS_GROUP: _("Tình trạng công nhận"),
    "sector": _("Nhóm ngành"),
    "year": _("Năm công nhận"),
    "certification": _("Chứng nhận"),
    "unit": _("Phường/xã"),
    "top10": _("Top 10"),
    "market": _("Thị trường xuất khẩu"),
}


class ProductIndexPage(RoutablePageMixin, FastServeMixin, Page):
    """The catalogue at /san-pham/ (/en/products/): every recognised product, filterable;
    any of its views as an RSS or Atom feed (/san-pham/rss/?sector=…, search.feeds)."""

    intro = RichTextField("Giới thiệu", features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["products.ProductPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh mục sản phẩm")

    def get_context(self, request, *args, **kwargs):
        """Search, filters and facets from the query string (search.catalogue.request).

        Bad filter values are explained and left out (the page answers 400); a page number
        that does not exist is a 404. Unknown parameters (a campaign tag, say) are ignored
        here; the API refuses them.
        """
        context = super().get_context(request, *args, **kwargs)
        try:
            found = search_request(request, language=get_language(), lenient=True)
        except PageOutOfRange as error:
            raise Http404("Không có trang này.") from error
        if found.answer is None:
            raise Http404("Không có trang này.")
        results = found.answer.data
        attach_pictures(results["results"])
        facets = [
            {
                "name": group,
                "label": FACET_LABELS[group],
                "values": results["facets"].get(group, []),
            }
            # "Currently recognised" first: what most visitors want to narrow by.
            for group in (STATUS_GROUP, *FACET_GROUPS)
        ]
        view_query = carried_query(request.GET)
        return context | {
            # The language switch and the feeds keep the view's query and filters.
            "language_query": view_query,
            "feeds": feed_links(self.get_url(request), query=view_query),
            "form": found.form,
            "search": results,
            "search_notice": found.answer.notice,
            "facets": [facet for facet in facets if facet["values"]],
            "query": found.query.q,
            "sort": found.query.sort,
            # The page numbers' links: the view's parameters, not the campaign tags.
            "filter_query": view_query,
            # The facets and results are kept as fragments under the answer's key (with the
            # view's parameters, which their links carry); None when the answer is not kept.
            "results_key": found.answer.key,
        }

    @re_path(r"^(?P<kind>rss|atom)/$", name="feed")
    def feed(self, request, kind):
        return catalogue_feed(
            request,
            kind=kind,
            title=self.title,
            url=self.get_url(request),
            language=self.locale.language_code,
        )

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

    # Wagtail's API v2 (home.api): what the page shows.
    api_fields = [
        APIField("company", serializer=PublicPageSerializer()),
        APIField("summary"),
        APIField("image"),
        APIField("sector", serializer=VocabularySerializer()),
        APIField("hs_code"),
        APIField("standards"),
        APIField(
            "certifications",
            serializer=VocabularySerializer(many=True, source="linked_certifications"),
        ),
        APIField("markets", serializer=VocabularySerializer(many=True, source="linked_markets")),
        APIField("description"),
        APIField("specifications"),
        APIField("gallery_images", serializer=GalleryImageSerializer(many=True)),
        APIField("recognitions", serializer=RecognitionSerializer(many=True)),
    ]

    parent_page_types = ["products.ProductIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang sản phẩm")
        verbose_name_plural = pgettext_lazy("plural", "trang sản phẩm")

    def clean(self):
        super().clean()
        errors = {}
        if self.company_id is None:
            errors["company"] = "Vui lòng chọn doanh nghiệp sản xuất sản phẩm."
        elif self.company.locale_id != Locale.get_default().pk:
            # Every translation of a product links the same (Vietnamese) company page, which
            # wagtail-localize copies to them; pages show the company in their own language.
            errors["company"] = _(
                "“%(company)s” là trang doanh nghiệp bằng tiếng Anh. Hãy chọn trang tiếng Việt "
                "của doanh nghiệp: sản phẩm luôn liên kết tới trang tiếng Việt, và bản tiếng "
                "Anh của sản phẩm tự hiển thị doanh nghiệp bằng tiếng Anh."
            ) % {"company": self.company.title}
        if self.sector_id is None:
            errors["sector"] = "Vui lòng chọn nhóm ngành."
        if errors:
            raise ValidationError(errors)

    objects = PageManager.from_queryset(ProductPageQuerySet)()

    @classmethod
    def serve_queryset(cls):
        return cls.with_relations(super().serve_queryset())

    @classmethod
    def with_relations(cls, queryset):
        """*queryset* with what the page and its API item (home.api) show, for a whole list."""
        queryset = queryset.select_related("company", "sector", "image")
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
        as private as it is (ProductPageQuerySet.visible lists them by the same rule)."""
        restrictions = super().get_view_restrictions()
        if self.company_id is None or self.company_id not in private_page_ids():
            return restrictions
        return restrictions | self.company.get_view_restrictions()

    def get_sitemap_urls(self, request=None):
        if self.company_id in private_page_ids():
            return []
        return super().get_sitemap_urls(request)

    @property
    def linked_certifications(self) -> list:
        return [link.certification for link in self.certification_links.all()]

    @property
    def linked_markets(self) -> list:
        return [link.market for link in self.market_links.all()]

    def company_in_locale(self):
        """The company in the product's language (no query when it is the same)."""
        company = self.company
        if company is None or company.locale_id == self.locale_id:
            return company
        return (
            _company_model()
            .objects.live()
            .filter(translation_key=company.translation_key, locale_id=self.locale_id)
            .select_related("unit")
            .first()
            or company
        )

    @cached_property
    def localised_company(self):
        return self.company_in_locale()

    def load_for_template(self) -> None:
        attach_renditions([self.image, *(item.image for item in self.gallery_images.all())])
        self.localised_company  # noqa: B018 (kept with the page: core.serving)

    def get_context(self, request, *args, **kwargs):
        # Reads the relations serve_queryset prefetched and prepare_to_serve loaded.
        context = super().get_context(request, *args, **kwargs)
        self.prepare_to_serve()
        gallery = list(self.gallery_images.all())
        recognitions = sorted(self.recognitions.all(), key=lambda r: r.year, reverse=True)
        return context | {
            "company": self.localised_company,
            "recognitions": attach_decision_links(recognitions, locale_id=self.locale_id),
            "status": recognition_status(recognitions),
            "certifications": self.linked_certifications,
            "markets": self.linked_markets,
            "gallery": gallery,
        }

    def structured_data(self, meta, context) -> list[dict]:
        """A Product: its maker as manufacturer, each recognition as an award
        (core.metadata). Reads what get_context loaded."""
        product = {
            "@type": "Product",
            "name": self.title,
            "description": meta.description,
            "url": meta.canonical,
        }
        if meta.image:
            product["image"] = [meta.image.url]
        if self.sector_id:
            product["category"] = self.sector.label
        company = context.get("company")
        if company is not None:
            maker = {"@type": "Organization", "name": company.title}
            if company.live:
                maker["url"] = meta.absolute(company.get_url(request=context.get("request")))
            product["manufacturer"] = maker
            if company.brand_name:
                product["brand"] = {"@type": "Brand", "name": company.brand_name}
        awards = [record.award_text() for record in context.get("recognitions", [])]
        if awards:
            product["award"] = awards
        return [product]


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
