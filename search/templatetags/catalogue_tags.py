"""Template tags of the catalogue results: the products/companies switch."""

from django import template

from search.catalogue.contract import TABS

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_tab_url(context, tab: str) -> str:
    """The current results' URL on *tab*: the same words and filters, from the first page."""
    request = context["request"]
    params = request.GET.copy()
    for name in ("page", "tab"):
        params.pop(name, None)
    if tab != TABS[0]:
        params["tab"] = tab
    return f"?{params.urlencode()}" if params else request.path
