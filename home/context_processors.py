from django.core.cache import cache

from core.locales import active_locale
from home.models import SiteSettings, footer_links

_KEY = "home:site-settings"


def site_settings(request):
    """The site-wide settings for every template, read from the cache rather than per request."""
    settings = cache.get(_KEY)
    if settings is None:
        settings = SiteSettings.load()
        cache.set(_KEY, settings, 60 * 60)
    return {"site_settings": settings, "footer_links": footer_links(locale=active_locale())}


def forget_site_settings(**kwargs):
    """Receiver: the settings were saved (home.signals), the next request reads them afresh."""
    cache.delete(_KEY)
