"""Locales, looked up without a query per request (the table holds two rows)."""

from django.utils.translation import get_language
from wagtail.models import Locale

from core.treecache import cached


def _locales() -> dict[str, Locale]:
    return cached(
        "locales", lambda: {locale.language_code: locale for locale in Locale.objects.all()}
    )


def active_locale() -> Locale:
    """The Locale of the active language (Wagtail's Locale.get_active, cached)."""
    locales = _locales()
    language = (get_language() or "").split("-")[0]
    return locales.get(language) or Locale.get_default()
