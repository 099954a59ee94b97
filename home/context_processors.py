from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver

from home.models import SiteSettings

_KEY = "home:site-settings"


def site_settings(request):
    """The site-wide settings for every template, read from the cache rather than per request."""
    settings = cache.get(_KEY)
    if settings is None:
        settings = SiteSettings.load()
        cache.set(_KEY, settings, 60 * 60)
    return {"site_settings": settings}


@receiver(post_save, sender=SiteSettings, dispatch_uid="site-settings-cache")
def _forget_site_settings(**kwargs):
    cache.delete(_KEY)
