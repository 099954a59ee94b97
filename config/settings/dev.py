"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env_bool, env_int, env_list, env_str

# DEBUG=false shows the site's own error pages (as `make screenshots` needs); static files and
# uploads are then still served, by WhiteNoise from the app folders and by SERVE_MEDIA.
DEBUG = env_bool("DEBUG", True)
WHITENOISE_USE_FINDERS = True
SERVE_MEDIA = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
# The measurement tools (generate_catalogue, measure_relevance and what they use): never in
# base.py, so production neither installs nor imports them.
INSTALLED_APPS = [*INSTALLED_APPS, "lab"]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# The SQLite database and uploads live under var/ (git-ignored); make sure it exists.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Off unless asked for: an edited template shows at once (production keeps pages 300 s).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
# Nor may the browser reuse a page without asking (Cache-Control: public, max-age=0).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 0)
# Two-factor sign-in is optional here: only users who enrolled a device are asked for its code
# (TWO_FACTOR_REQUIRED=true asks everyone, as production does).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", False)
