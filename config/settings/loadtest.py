"""The load test (`make loadtest`): production's middleware and DEBUG off, state of its own.

Its own database (LOADTEST_DATABASE_URL, default var/loadtest.sqlite3), uploads and shared
cache, so neither the development site nor the search benchmark is ever touched. DATABASE_URL
is deliberately not read. The URLconf adds one bare view (lab.loadtest.urls) that the
production URLconf never has: the yardstick every page is measured against.
"""

from config.env import measurement_database

from .base import *  # noqa: F403
from .base import VAR_DIR, cache_from_url, companion_cache, env_list, env_str

LOADTEST = True
ROOT_URLCONF = "lab.loadtest.urls"

SECRET_KEY = env_str("SECRET_KEY", "loadtest-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# The measurement tools (generate_catalogue, measure_relevance and what they use): never in
# base.py, so production neither installs nor imports them.
INSTALLED_APPS = [*INSTALLED_APPS, "lab"]  # noqa: F405
# Production's manifest storage needs `collectstatic` of the whole admin first; a page's
# `{% static %}` costs the same dictionary lookup either way, and wrk fetches no static files.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT = VAR_DIR / "loadtest-static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_ROOT = VAR_DIR / "loadtest-media"
DATABASES = {"default": measurement_database("LOADTEST_DATABASE_URL", VAR_DIR / "loadtest.sqlite3")}

# Request logs at WARNING: a line per request would be measured too.
LOGGING["root"]["level"] = env_str("LOG_LEVEL", "WARNING")  # noqa: F405

CACHES["default"] = cache_from_url(  # noqa: F405
    env_str("CACHE_URL", ""), default_dir=str(VAR_DIR / "loadtest-cache")
)
CACHES["search-visitors"] = companion_cache(CACHES["default"], "search-visitors")  # noqa: F405
