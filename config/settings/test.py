"""The test suite: fast hashing, in-memory mail, plain static storage."""

from .base import *  # noqa: F403
from .base import cache_from_url, companion_cache, env_float, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "test-only-insecure-key")
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The measurement tools (generate_catalogue, measure_relevance and what they use): never in
# base.py, so production neither installs nor imports them.
INSTALLED_APPS = [*INSTALLED_APPS, "lab"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# pytest-xdist runs the suite in parallel processes (scripts/run-tests.sh): pytest-django
# gives each its own test database; each gets its own uploads and search indexes here.
_WORKER = env_str("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / "-".join(filter(None, ["test-media", _WORKER]))  # noqa: F405
PRIVATE_MEDIA_ROOT = VAR_DIR / "-".join(filter(None, ["test-private", _WORKER]))  # noqa: F405
# Visitors' searches give up after 3 s; here the node shares two cores with two test workers,
# and on a busy CI machine an index's creation or deletion in a fixture has taken longer. The
# tests of slow and silent engines set their own short timeouts.
SEARCH_TIMEOUT = env_float("SEARCH_TIMEOUT", 30.0)
if SEARCH_URL:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["TIMEOUT"] = SEARCH_TIMEOUT  # noqa: F405
if _WORKER:
    SEARCH_INDEX_PREFIX = f"{SEARCH_INDEX_PREFIX}{_WORKER}_"  # noqa: F405
    if SEARCH_URL:  # noqa: F405
        WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = SEARCH_INDEX_PREFIX  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# One process per test pass: its own memory is the "shared" cache, so no run sees another's.
CACHES["default"] = cache_from_url(env_str("CACHE_URL", "locmem://"), default_dir="")  # noqa: F405
CACHES["search-visitors"] = companion_cache(CACHES["default"], "search-visitors")  # noqa: F405
# Off: tests see what they just rendered; tests/core/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# The browser tests' live server shows the pictures the tests upload.
SERVE_MEDIA = True
# Not required: the admin tests sign in without a device; tests/core/test_two_factor.py
# requires it.
TWO_FACTOR_REQUIRED = False
