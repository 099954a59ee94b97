from core.images import attach_renditions
from core.navigation import menu_url
from news.queries import news_list
from products.queries import featured_products
from programme.queries import upcoming_events


def key_figures() -> dict:
    """Totals of the official cohort figures (CohortYear), one query."""
    from programme.models import CohortYear

    cohorts = list(CohortYear.objects.order_by("year"))
    if not cohorts:
        return {"totals": {}, "latest": None}
    totals = {
        "products": sum(cohort.products_recognised for cohort in cohorts),
        "first_year": cohorts[0].year,
        "last_year": cohorts[-1].year,
    }
    return {"totals": totals, "latest": cohorts[-1]}


def home_page_context(*, page) -> dict:
    featured = featured_products(home_page=page)
    news = list(news_list(locale=page.locale)[:3])
    events = list(upcoming_events(locale=page.locale, limit=3))
    attach_renditions(
        [
            page.hero_image,
            *(p.image for p in featured),
            *(a.lead_image for a in news),
            *(e.image for e in events),
        ]
    )
    return {
        "featured_products": featured,
        "latest_news": news,
        "upcoming_events": events,
        "key_figures": key_figures(),
        "catalogue_url": menu_url(locale=page.locale, model_label="products.productindexpage"),
    }
