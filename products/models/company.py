"""Companies (doanh nghiệp) that make recognised products."""

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BaseStreamBlock
from core.images import attach_renditions
from core.pages import FastServeMixin, public
from products.models.product import ProductPage
from products.models.recognition import (
    RecognitionRecord,
    attach_decision_links,
    recognition_status,
)
from products.serializers import RecognitionSerializer, VocabularySerializer
from products.validators import validate_tax_code


class CompanyIndexPage(FastServeMixin, Page):
    """The list of companies at /doanh-nghiep/ (/en/companies/)."""

    intro = RichTextField("Giới thiệu", features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["products.CompanyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang danh sách doanh nghiệp")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["companies"] = self.company_cards()
        return context

    def company_cards(self) -> list:
        """The companies listed here, each with its number of live products in this language."""
        # Product links point at the source-language company: count by translation key.
        counts = (
            ProductPage.objects.live()
            .filter(company__translation_key=OuterRef("translation_key"), locale=OuterRef("locale"))
            .order_by()
            .values("locale")
            .annotate(total=Count("pk"))
            .values("total")
        )
        companies = list(
            public(CompanyPage.objects.live())
            .child_of(self)
            .select_related("unit", "logo")
            .annotate(product_count=Coalesce(Subquery(counts), 0))
            .order_by("title")
        )
        attach_renditions(company.logo for company in companies)
        return companies


class CompanyPage(FastServeMixin, Page):
    """A company: its public identity, where it is, how to reach it, and its products.

    The page title is the name the public knows. `legal_name` holds the registered name only
    once it has been verified; unverified names stay out of it.
    """

    legal_name = models.CharField(
        "Tên pháp lý",
        max_length=255,
        blank=True,
        help_text="Tên đăng ký kinh doanh đầy đủ. Chỉ điền khi đã xác minh.",
    )
    brand_name = models.CharField("Thương hiệu", max_length=120, blank=True)
    tax_code = models.CharField(
        "Mã số thuế",
        max_length=14,
        blank=True,
        validators=[validate_tax_code],
        help_text="10 chữ số, hoặc 10 chữ số-3 chữ số cho đơn vị phụ thuộc.",
    )
    summary = models.TextField("Giới thiệu ngắn", max_length=400, blank=True)
    address = models.CharField("Địa chỉ (số nhà, đường)", max_length=255, blank=True)
    unit = models.ForeignKey(
        "products.AdministrativeUnit",
        verbose_name="Phường/xã",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="companies",
        help_text="Theo đơn vị hành chính hiện hành (từ 01/07/2025).",
    )
    industrial_zone = models.ForeignKey(
        "products.IndustrialZone",
        verbose_name="Khu/cụm công nghiệp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="companies",
    )
    website = models.URLField("Trang web", blank=True)
    contact_email = models.EmailField("Thư điện tử liên hệ", blank=True)
    contact_phone = models.CharField("Điện thoại liên hệ", max_length=40, blank=True)
    # Off by default: a contact becomes public only when an editor says the company agreed.
    # Forwarded inquiries reach contact_email either way (inquiries.services).
    contact_email_public = models.BooleanField(
        "Công khai thư điện tử",
        default=False,
        help_text="Chỉ đánh dấu khi doanh nghiệp đồng ý công khai địa chỉ này trên trang.",
    )
    contact_phone_public = models.BooleanField(
        "Công khai điện thoại",
        default=False,
        help_text="Chỉ đánh dấu khi doanh nghiệp đồng ý công khai số này trên trang.",
    )
    logo = models.ForeignKey(
        "core.CustomImage",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Giới thiệu chi tiết", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldRowPanel([FieldPanel("brand_name"), FieldPanel("tax_code")]),
            ],
            heading="Danh tính",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("unit"), FieldPanel("industrial_zone")]),
            ],
            heading="Địa chỉ",
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldRowPanel(
                    [FieldPanel("contact_email_public"), FieldPanel("contact_phone_public")]
                ),
            ],
            heading="Liên hệ",
        ),
        FieldPanel("logo"),
        FieldPanel("body"),
        InlinePanel("recognitions", label="Công nhận (sản phẩm chưa có trang riêng)"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("slug"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("legal_name"),
        TranslatableField("summary"),
        TranslatableField("address"),
        TranslatableField("body"),
        SynchronizedField("brand_name", overridable=False),
        SynchronizedField("tax_code", overridable=False),
        SynchronizedField("unit", overridable=False),
        SynchronizedField("industrial_zone", overridable=False),
        SynchronizedField("website", overridable=False),
        SynchronizedField("contact_email", overridable=False),
        SynchronizedField("contact_phone", overridable=False),
        SynchronizedField("contact_email_public", overridable=False),
        SynchronizedField("contact_phone_public", overridable=False),
        SynchronizedField("logo", overridable=False),
        SynchronizedField("recognitions", overridable=False),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("legal_name", boost=2),
        index.SearchField("brand_name", boost=2),
        index.AutocompleteField("brand_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("tax_code"),
        index.RelatedFields("unit", [index.SearchField("name"), index.SearchField("name_en")]),
        index.FilterField("unit"),
    ]

    # Wagtail's API v2 (home.api): what the page shows; the contacts only where it shows them.
    api_fields = [
        APIField("legal_name"),
        APIField("brand_name"),
        APIField("tax_code"),
        APIField("summary"),
        APIField("address"),
        APIField("unit", serializer=VocabularySerializer()),
        APIField("industrial_zone", serializer=VocabularySerializer()),
        APIField("website"),
        APIField("public_contact_email"),
        APIField("public_contact_phone"),
        APIField("logo"),
        APIField("body"),
        APIField("recognitions", serializer=RecognitionSerializer(many=True)),
    ]

    parent_page_types = ["products.CompanyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang doanh nghiệp")
        verbose_name_plural = pgettext_lazy("plural", "trang doanh nghiệp")

    @classmethod
    def serve_queryset(cls):
        return cls.with_relations(super().serve_queryset())

    @classmethod
    def with_relations(cls, queryset):
        """*queryset* with what the page and its API item (home.api) show, for a whole list."""
        queryset = queryset.select_related("unit", "industrial_zone", "logo")
        return queryset.prefetch_related(
            Prefetch(
                "recognitions",
                queryset=CompanyRecognition.objects.select_related("decision__document"),
            )
        )

    @property
    def public_contact_email(self) -> str:
        """The e-mail address the page shows: only once the company agreed to it."""
        return self.contact_email if self.contact_email_public else ""

    @property
    def public_contact_phone(self) -> str:
        return self.contact_phone if self.contact_phone_public else ""

    def products_in_locale(self) -> list:
        """This company's live, visible products in its own language, by title."""
        products = list(
            ProductPage.objects.cards()
            .filter(locale=self.locale_id, company__translation_key=self.translation_key)
            .order_by("title")
        )
        for product in products:
            product.display_company = self
        return products

    @cached_property
    def localised_products(self) -> list:
        return self.products_in_locale()

    def load_for_template(self) -> None:
        attach_renditions([self.logo, *(product.image for product in self.localised_products)])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prepare_to_serve()
        products = self.localised_products
        recognitions = list(self.recognitions.all())
        # Current when any of its recognitions is: its own, and its products'.
        every = [*recognitions, *(r for product in products for r in product.recognitions.all())]
        return context | {
            "products": products,
            "recognitions": attach_decision_links(recognitions, locale_id=self.locale_id),
            "status": recognition_status(every),
        }

    def structured_data(self, meta, context) -> list[dict]:
        """An Organization with what its page shows: contacts only where the company
        agreed to publish them; its products' recognitions as awards (core.metadata)."""
        company = {
            "@type": "Organization",
            "@id": f"{meta.canonical}#organization",
            "name": self.title,
            "description": meta.description,
            "url": meta.canonical,
        }
        if self.legal_name:
            company["legalName"] = self.legal_name
        if self.brand_name:
            company["brand"] = {"@type": "Brand", "name": self.brand_name}
        if self.tax_code:
            company["taxID"] = self.tax_code
        if self.logo_id and meta.image:
            company["logo"] = meta.image.url
        if self.website:
            company["sameAs"] = [self.website]
        if self.address or self.unit_id:
            locality = self.unit.label if self.unit_id else ""
            company["address"] = meta.postal_address(self.address, locality=locality)
        if self.contact_email and self.contact_email_public:
            company["email"] = self.contact_email
        if self.contact_phone and self.contact_phone_public:
            company["telephone"] = self.contact_phone
        awards = [
            record.award_text(product.title)
            for product in context.get("products", [])
            for record in product.recognitions.all()
        ]
        awards += [
            record.award_text(record.product_description)
            for record in context.get("recognitions", [])
        ]
        if awards:
            company["award"] = awards
        return [company]


class CompanyRecognition(Orderable, RecognitionRecord):
    """A recognition whose product has no page of its own (the source did not name it)."""

    page = ParentalKey(CompanyPage, on_delete=models.CASCADE, related_name="recognitions")
    product_description = models.CharField(
        "Sản phẩm",
        max_length=255,
        blank=True,
        help_text="Để trống nếu nguồn không nêu tên sản phẩm.",
    )

    panels = [FieldPanel("product_description")] + RecognitionRecord.panels
