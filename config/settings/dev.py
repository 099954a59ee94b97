"""Local development: `make run`. Never used in production."""

from .base import *  # noqa: F403
from .base import env_list, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405

# The SQLite database and uploads live under var/ (git-ignored); make sure it exists.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
