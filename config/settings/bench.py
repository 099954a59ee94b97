"""The search benchmark (`make bench-search`): its own database and index prefix, never the demo's.

`manage.py generate_catalogue` refuses to run under any other settings, so synthetic products
can only ever land here. DATABASE_URL is deliberately not read: an exported development or
production URL must not become the benchmark's target. DEBUG stays off, as in production, so
the timings include no debug overhead (no SQL logging, no debug pages).
"""

from django.core.exceptions import ImproperlyConfigured

from config.env import measurement_database

from .base import *  # noqa: F403
from .base import (
    VAR_DIR,
    WAGTAILSEARCH_BACKENDS,
    cache_from_url,
    companion_cache,
    env_list,
    env_str,
)

BENCHMARK = True

SECRET_KEY = env_str("SECRET_KEY", "bench-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# The measurement tools (generate_catalogue, measure_relevance and what they use): never in
# base.py, so production neither installs nor imports them.
INSTALLED_APPS = [*INSTALLED_APPS, "lab"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

VAR_DIR.mkdir(parents=True, exist_ok=True)
# The benchmark calls the API, which serves no static files; WhiteNoise only needs the folder.
STATIC_ROOT = VAR_DIR / "bench-static"
STATIC_ROOT.mkdir(exist_ok=True)
DATABASES = {"default": measurement_database("BENCH_DATABASE_URL", VAR_DIR / "bench.sqlite3")}

SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "bench_spcncl_")
if SEARCH_INDEX_PREFIX == "spcncl_":
    raise ImproperlyConfigured(
        "SEARCH_INDEX_PREFIX=spcncl_ is the site's own index: the benchmark needs its own "
        "prefix (unset it to use bench_spcncl_)."
    )
if "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = SEARCH_INDEX_PREFIX

# Request logs at WARNING: one line per benchmark request would be measured too.
LOGGING["root"]["level"] = env_str("LOG_LEVEL", "WARNING")  # noqa: F405

# Its own shared cache: the development site's cached routes must never answer here.
CACHES["default"] = cache_from_url(  # noqa: F405
    env_str("CACHE_URL", ""), default_dir=str(VAR_DIR / "bench-cache")
)
CACHES["search-visitors"] = companion_cache(CACHES["default"], "search-visitors")  # noqa: F405
