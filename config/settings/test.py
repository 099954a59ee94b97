"""The test suite: fast hashing, in-memory mail, plain static storage."""

from .base import *  # noqa: F403
from .base import cache_from_url, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", "test-only-insecure-key")
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# The measurement tools (generate_catalogue, measure_relevance and what they use): never in
# base.py, so production neither installs nor imports them.
INSTALLED_APPS = [*INSTALLED_APPS, "lab"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
STATIC_ROOT = VAR_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# One process per test pass: its own memory is the "shared" cache, so no run sees another's.
CACHES["default"] = cache_from_url(env_str("CACHE_URL", "locmem://"), default_dir="")  # noqa: F405
# Off: tests see what they just rendered; tests/core/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# The browser tests' live server shows the pictures the tests upload.
SERVE_MEDIA = True
# Not required: the admin tests sign in without a device; tests/core/test_two_factor.py
# requires it.
TWO_FACTOR_REQUIRED = False
