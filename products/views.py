"""The catalogue listing's request handling: validated filters, then a page of products."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

from core.images import attach_renditions
from core.locales import active_locale
from products.forms import CatalogueFilterForm
from products.queries import catalogue_products, localise_companies

PRODUCTS_PER_PAGE = 24


def _recognition_years():
    from products.models import ProductRecognition

    return ProductRecognition.objects.order_by("-year").values_list("year", flat=True).distinct()


def _without_page(query):
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


def catalogue_context(request) -> dict:
    """Filters bound to the query string; a bad filter is explained (the page answers 400)
    and the unfiltered list shown; a page number that is not one is a 404."""
    form = CatalogueFilterForm(request.GET, years=_recognition_years())
    locale = active_locale()
    if form.is_valid():
        products = catalogue_products(
            locale=locale, sectors=form.cleaned_data["sector"], years=form.cleaned_data["year"]
        )
    else:
        products = catalogue_products(locale=locale)
    paginator = Paginator(products, PRODUCTS_PER_PAGE)
    try:
        page_of_products = paginator.page(request.GET.get("page", 1))
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404("Không có trang này.") from error
    products = localise_companies(page_of_products.object_list, locale)
    attach_renditions(product.image for product in products)
    return {
        "form": form,
        "products_page": page_of_products,
        "products": products,
        "filter_query": _without_page(request.GET),
    }
