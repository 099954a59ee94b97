"""The site's URLs plus the bare view, for config.settings.loadtest only.

The bare view comes first: the page-serving pattern at the end of config.urls matches any
path. Production's URLconf (config.urls) never imports this module.
"""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def bare(request):
    """The yardstick: no template, no query, but every middleware a page goes through."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("loadtest/bare/", bare, name="loadtest_bare"), *site_urlpatterns]
