"""Template tags of the catalogue results: the products/companies switch, the downloads."""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from search.catalogue.contract import TABS
from search.catalogue.parameters import view_parameters

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_tab_url(context, tab: str) -> str:
    """The current results' URL on *tab*: the same words and filters, from the first page."""
    request = context["request"]
    params = view_parameters(request.GET)
    params.pop("tab", None)
    if tab != TABS[0]:
        params["tab"] = tab
    return f"?{params.urlencode()}" if params else request.path


@register.simple_tag(takes_context=True)
def catalogue_export_url(context, format: str) -> str:
    """The download of the current results (search.catalogue.export) as *format*: the same
    words, filters, sort and tab, in the page's language; every page of them."""
    params = view_parameters(context["request"].GET)
    params["lang"] = get_language()
    params["format"] = format
    return f"{reverse('catalogue_export')}?{params.urlencode()}"
