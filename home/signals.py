"""Every signal receiver of the home app, connected by HomeConfig.ready()."""

from django.db.models.signals import post_save

from home.context_processors import forget_site_settings
from home.models import SiteSettings


def connect() -> None:
    post_save.connect(forget_site_settings, sender=SiteSettings, dispatch_uid="site-settings")
