from django.db.models import Max, Min, Sum

from news.queries import news_list
from products.queries import featured_products
from programme.queries import upcoming_events


def key_figures() -> dict:
    """Totals of the official cohort figures (CohortYear), one query."""
    from programme.models import CohortYear

    totals = CohortYear.objects.aggregate(
        products=Sum("products_recognised"),
        first_year=Min("year"),
        last_year=Max("year"),
    )
    latest = CohortYear.objects.order_by("-year").first() if totals["last_year"] else None
    return {"totals": totals, "latest": latest}


def _catalogue_page(page):
    from products.models import ProductIndexPage

    return ProductIndexPage.objects.child_of(page).live().first()


def home_page_context(*, page) -> dict:
    return {
        "featured_products": featured_products(home_page=page),
        "latest_news": list(news_list(locale=page.locale)[:3]),
        "upcoming_events": list(upcoming_events(locale=page.locale, limit=3)),
        "key_figures": key_figures(),
        "catalogue_page": _catalogue_page(page),
    }
