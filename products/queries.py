"""Reads of the catalogue that pages, listings and the home page share.

Every listing here costs a fixed number of queries whatever its length: relations are
joined or prefetched, renditions prefetched, and English pages look their companies'
translations up in one batch (wagtail-localize keeps a page link pointing at the source page).
"""

from django.db.models import Case, Count, Prefetch, Q, QuerySet, When
from wagtail.models import Locale

from core.images import CARD, CARD_2X, HERO, HERO_SMALL, LOGO, THUMB, prefetch_renditions


def _product_queryset():
    from products.models import ProductPage, ProductRecognition

    return (
        ProductPage.objects.live()
        .public()
        .select_related("company", "sector", "image")
        .prefetch_related(
            prefetch_renditions("image", CARD, CARD_2X),
            Prefetch("recognitions", queryset=ProductRecognition.objects.order_by("year")),
        )
    )


def localise_companies(products, locale: Locale) -> list:
    """Point each product's `display_company` at its company in *locale* (one query)."""
    from products.models import CompanyPage

    products = list(products)
    keys = {p.company.translation_key for p in products if p.company_id}
    translations = {}
    if keys:
        translations = {
            company.translation_key: company
            for company in CompanyPage.objects.live().filter(
                locale=locale, translation_key__in=keys
            )
        }
    for product in products:
        company = product.company
        product.display_company = (
            translations.get(company.translation_key, company) if company else None
        )
    return products


def catalogue_products(*, locale: Locale, sectors=(), years=()) -> QuerySet:
    products = _product_queryset().filter(locale=locale)
    if sectors:
        products = products.filter(sector__in=sectors)
    if years:
        products = products.filter(recognitions__year__in=years).distinct()
    return products.order_by("title")


def featured_products(*, home_page) -> list:
    ids = [link.product_id for link in home_page.featured_products.all()]
    if not ids:
        return []
    # Featured links are synchronised from the source tree: show each product in this locale.
    from products.models import ProductPage

    keys = ProductPage.objects.filter(pk__in=ids).values("translation_key")
    products = _product_queryset().filter(locale=home_page.locale, translation_key__in=keys)
    return localise_companies(products.order_by("title"), home_page.locale)


def products_of_company(*, company) -> list:
    products = _product_queryset().filter(
        locale=company.locale, company__translation_key=company.translation_key
    )
    return localise_companies(products.order_by("title"), company.locale)


def company_cards(*, parent) -> QuerySet:
    from products.models import CompanyPage

    return (
        CompanyPage.objects.live()
        .public()
        .child_of(parent)
        .select_related("unit", "logo")
        .prefetch_related(prefetch_renditions("logo", LOGO))
        .annotate(product_count=Count("products", filter=Q(products__live=True), distinct=True))
        .order_by("title")
    )


def product_detail_context(*, product) -> dict:
    from products.models import (
        CompanyPage,
        ProductCertification,
        ProductGalleryImage,
        ProductMarket,
    )

    company = None
    if product.company_id:
        # The linked company or its translation, in one query, preferring the product's language.
        same_company = CompanyPage.objects.filter(pk=product.company_id).values("translation_key")
        company = (
            CompanyPage.objects.live()
            .filter(translation_key__in=same_company)
            .select_related("unit", "industrial_zone", "logo")
            .prefetch_related(prefetch_renditions("logo", LOGO))
            .order_by(Case(When(locale_id=product.locale_id, then=0), default=1))
            .first()
        )
    return {
        "company": company,
        "recognitions": sorted(product.recognitions.all(), key=lambda r: r.year, reverse=True),
        "certifications": [
            link.certification
            for link in ProductCertification.objects.filter(page=product).select_related(
                "certification"
            )
        ],
        "markets": [
            link.market
            for link in ProductMarket.objects.filter(page=product).select_related("market")
        ],
        "gallery": ProductGalleryImage.objects.filter(page=product)
        .select_related("image")
        .prefetch_related(prefetch_renditions("image", THUMB, HERO, HERO_SMALL)),
        "hero_specs": (HERO, HERO_SMALL),
    }
