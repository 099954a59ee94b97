"""Reads of the catalogue that pages, listings and the home page share.

Every read here costs a fixed number of queries whatever its length: relations are joined or
prefetched, and renditions are attached by the caller in one query for the whole page
(core.images.attach_renditions). English pages look their companies' translations up in one
batch, since wagtail-localize keeps a page link pointing at the source-language page.
"""

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Locale

from core.images import attach_renditions
from core.pages import private_page_ids, public


def public_products(queryset: QuerySet) -> QuerySet:
    """Products a visitor may see: public themselves, and made by a public company.

    A company behind a view restriction takes its products with it (its page would be named
    and linked on theirs); restrictions are mirrored across translations (core.privacy), so
    the source-language company that product links point at answers for every language.
    """
    private = private_page_ids()
    return public(queryset).exclude(company_id__in=private) if private else queryset


def recognitions_prefetch() -> Prefetch:
    from products.models import ProductRecognition

    return Prefetch(
        "recognitions",
        queryset=ProductRecognition.objects.select_related("decision").order_by("year"),
    )


def product_cards() -> QuerySet:
    """Live, public products with what a card shows: company, sector, image, years."""
    from products.models import ProductPage

    return (
        public_products(ProductPage.objects.live())
        .select_related("company", "sector", "image")
        .prefetch_related(recognitions_prefetch())
    )


def localise_companies(products, locale: Locale) -> list:
    """Set each product's `display_company` to its company in *locale* (at most one query)."""
    from products.models import CompanyPage

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
            for company in CompanyPage.objects.live().filter(
                locale=locale, translation_key__in=foreign
            )
        }
    for product in products:
        company = product.company
        product.display_company = (
            translations.get(company.translation_key, company) if company else None
        )
    return products


def featured_products(*, home_page) -> list:
    """The home page's featured products, shown in the home page's language (one query).

    Featured links are synchronised from the source tree, so they may point at the
    Vietnamese pages: products are matched by translation key.
    """
    from home.models import HomeFeaturedProduct
    from products.models import ProductPage

    linked = ProductPage.objects.filter(
        pk__in=HomeFeaturedProduct.objects.filter(page=home_page).values("product_id")
    ).values("translation_key")
    products = product_cards().filter(locale=home_page.locale_id, translation_key__in=linked)
    return localise_companies(products.order_by("title"), home_page.locale)


def products_of_company(*, company) -> list:
    products = list(
        product_cards()
        .filter(locale=company.locale_id, company__translation_key=company.translation_key)
        .order_by("title")
    )
    for product in products:
        product.display_company = company
    return products


def company_cards(*, parent) -> list:
    """Companies under *parent* with their number of live products in the same language."""
    from products.models import CompanyPage, ProductPage

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
        .child_of(parent)
        .select_related("unit", "logo")
        .annotate(product_count=Coalesce(Subquery(counts), 0))
        .order_by("title")
    )
    attach_renditions(company.logo for company in companies)
    return companies


def company_in_locale(*, product):
    """The product's company in the product's language (no query when it is the same)."""
    from products.models import CompanyPage

    company = product.company
    if company is None or company.locale_id == product.locale_id:
        return company
    return (
        CompanyPage.objects.live()
        .filter(translation_key=company.translation_key, locale_id=product.locale_id)
        .select_related("unit")
        .first()
        or company
    )


def product_detail_context(*, product) -> dict:
    """What the product page shows; reads the relations ProductPage.serve_queryset prefetched."""
    gallery = list(product.gallery_images.all())
    attach_renditions([product.image, *(item.image for item in gallery)])
    return {
        "company": company_in_locale(product=product),
        "recognitions": sorted(product.recognitions.all(), key=lambda r: r.year, reverse=True),
        "certifications": [link.certification for link in product.certification_links.all()],
        "markets": [link.market for link in product.market_links.all()],
        "gallery": gallery,
    }


def company_detail_context(*, company) -> dict:
    products = products_of_company(company=company)
    attach_renditions([company.logo, *(product.image for product in products)])
    return {"products": products}


def attach_pictures(results) -> None:
    """Give each catalogue search result its product image (two queries for a whole page)."""
    from products.models import ProductPage

    ids = [result["id"] for result in results if result.get("id")]
    pages = {}
    if ids:
        pages = {
            page.pk: page for page in ProductPage.objects.filter(pk__in=ids).select_related("image")
        }
    attach_renditions(page.image for page in pages.values())
    for result in results:
        page = pages.get(result.get("id"))
        result["image"] = page.image if page else None
