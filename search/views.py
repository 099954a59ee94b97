from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import override

from core.locales import active_locale
from core.navigation import menu_url
from core.treecache import fragment_version
from search.catalogue import service
from search.catalogue.contract import LANGUAGES, CatalogueQuery
from search.catalogue.source import catalogue_source
from search.forms import SiteSearchForm
from search.queries import editorial_results, promoted_pages
from search.services import record_search

RESULTS_PER_PAGE = 10
CATALOGUE_RESULTS = 6


def search(request):
    form = SiteSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    locale = active_locale()
    results_page = None
    promoted = []
    catalogue = None
    editorial_from_engine = True
    if query:
        results_page, editorial_from_engine = editorial_results(
            query=query, locale=locale, page=request.GET.get("page", 1), per_page=RESULTS_PER_PAGE
        )
        promoted = promoted_pages(query=query, locale=locale)
        catalogue = service.search(
            CatalogueQuery(
                q=query, lang=locale.language_code, per_page=CATALOGUE_RESULTS, facets=False
            )
        )
        catalogue_source().attach_images(catalogue.data["results"])
        record_search(
            request=request,
            query=query,
            language=locale.language_code,
            result_count=len(promoted) + results_page.paginator.count + catalogue.data["count"],
            path="engine" if editorial_from_engine and catalogue.path == "engine" else "database",
            page=results_page.number,
        )
    # The other language searches the same words; nothing else of the query string carries.
    translations = {}
    suffix = f"?{urlencode({'q': query})}" if query else ""
    for code in LANGUAGES:
        with override(code):
            translations[code] = reverse("search") + suffix
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": query,
            "results_page": results_page,
            "promoted": promoted,
            "catalogue": catalogue.data if catalogue else None,
            # The two lists of results are kept as fragments (templates/search/search.html):
            # the products under their answer's key, the pages per tree version, when each
            # came from the path the site is configured for (not a fallback).
            "catalogue_key": catalogue.key if catalogue else None,
            "editorial_key": (
                f"{fragment_version()}:{locale.language_code}:{results_page.number}"
                if results_page is not None and editorial_from_engine
                else None
            ),
            "catalogue_notice": (catalogue.notice if catalogue else None)
            or (None if editorial_from_engine else service.ENGINE_DOWN_NOTICE),
            "catalogue_url": menu_url(locale=locale, model_label="products.productindexpage"),
            "translations": translations,
            "query_string": urlencode({"q": query}) if query else "",
        },
        status=200 if form.is_valid() else 400,
    )
