"""Settings shared by every environment, safe for production as they stand.

Conveniences live in dev.py and test.py; production.py adds the checks that refuse an unsafe
start. Secrets and per-deployment values come only from the environment (config/env.py).
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from config.env import (
    cache_from_url,
    companion_cache,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",
    "home",
    "programme",
    "news",
    "products",
    "search",
    "inquiries",
    "applications",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    # The API (config.api, core.api): ninja for its Swagger UI template and static files,
    # Django REST framework under Wagtail's API v2.
    "ninja",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's search tables and the catalogue's trigram index use PostgreSQL features.
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so kept pages get these headers too ("Security headers" below).
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.security.AdminContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, CSRF and locale: a kept page needs none of them (core.pagecache).
    "core.pagecache.PageCacheMiddleware",
    # Inside the page cache, outside sessions and CSRF: sees their cookies (core.cachecontrol).
    "core.cachecontrol.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: admin writes in one transaction, database faults answered with a 503 (core.faults).
    "core.faults.DatabaseFaultsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "home.context_processors.site_settings",
            ],
        },
    },
]

# SQLite under var/ unless DATABASE_URL says otherwise (production requires it).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A writer waits up to 5 seconds for another's lock, then the request gets the 503
    # (core.faults). IMMEDIATE takes the write lock when a transaction starts, so a transaction
    # that has read never fails on its first write without waiting (deferred ones can).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 5,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" is shared by every process of the site (web workers, `publish_scheduled`, the
# admin), so an invalidation in one reaches all: the tree cache's version, site settings,
# synonyms. "local" is each process's own memory, for entries keyed by that shared version
# (core.treecache), so the hot path reads one small shared key and the rest from memory.
CACHES = {
    "default": cache_from_url(env_str("CACHE_URL", ""), default_dir=str(VAR_DIR / "cache")),
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "spcncl-local",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    },
    # Whole public pages for anonymous visitors, also each process's own (core.pagecache).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "spcncl-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_MAX_ENTRIES", 1000)},
    },
    # Pages loaded with their relations (core.serving) and fragments of their rendering
    # (core.treecache.fragment_version), each process's own: bounded apart from "local",
    # since a page with its prefetched rows weighs kilobytes where a route weighs bytes, and
    # a crawler walking 100 000 products must not fill a worker's memory.
    "loaded-pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "spcncl-loaded-pages",
        "OPTIONS": {"MAX_ENTRIES": env_int("LOADED_PAGE_CACHE_MAX_ENTRIES", 2000)},
    },
    # The catalogue's search answers, each process's own (search.catalogue.service).
    "catalogue-answers": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "spcncl-catalogue-answers",
        "OPTIONS": {"MAX_ENTRIES": env_int("CATALOGUE_ANSWER_CACHE_MAX_ENTRIES", 1000)},
    },
    # Views with a query string (a filtered catalogue, a search), kept apart so made-up
    # queries cannot push the plain pages out.
    "page-views": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "spcncl-page-views",
        "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_VIEW_ENTRIES", 500)},
    },
}
# The search statistics' marks of who was counted today (search.services), one per client
# and query: on the shared store, apart from its few shared keys (config.env.companion_cache).
CACHES["search-visitors"] = companion_cache(CACHES["default"], "search-visitors")
# Seconds a kept page may be served; any publish or content change ends it sooner. 0: off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: served at "/", English at "/en/".
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# `manage.py backup` / `restore` (core.backups): where backups go, and where pg_dump and
# pg_restore are when they are neither in /usr/lib/postgresql/*/bin nor on PATH.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
PG_BIN_DIR = env_str("PG_BIN_DIR")
# Development only: Django serves uploads itself. In production the web server does.
SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail 8 runs its background work (reference index, file deletion) as django-tasks; the
# immediate backend runs them in-process, after the request's transaction commits.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # The site's mail queue (core.mailqueue: inquiries, event registrations): durable, in the
    # database, so a mail server that is down delays mail and loses nothing. Worked by
    # `manage.py db_worker --backend mail --queue-name mail` (README, "Inquiries").
    # django-tasks-db builds on Django's own django.tasks, Wagtail's tasks on the django-tasks
    # backport: both read this setting, each uses its own alias.
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]},
}

WAGTAIL_SITE_NAME = "SPCNCL Hà Nội"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.forms.ImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Product photos and logos, shown at most 1200 px wide: 25 million pixels takes a 24-megapixel
# camera's 6000 × 4000 and a phone's 5712 × 4284, and bounds an upload's peak memory (issue 9:
# the worker peaks at ~350 MB at the limit, 2.7 GB for an accepted 121-megapixel PNG). Pillow
# refuses to decode anything past twice this anywhere in the site (core.apps).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Search: the database backend is the embedded default. SEARCH_URL switches the whole site
# to a real engine; the choice is made here, never by inspecting the backend in views.
SEARCH_URL = env_str("SEARCH_URL")
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "opensearch2")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "spcncl_")
SEARCH_TIMEOUT = env_float("SEARCH_TIMEOUT", 3.0)
# The object that hands product data to the catalogue search (search.catalogue.source): the
# search app never imports the content apps.
SEARCH_CATALOGUE_SOURCE = "products.documents.ProductCatalogueSource"
_SEARCH_BACKENDS = {
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
}
if SEARCH_URL:
    if SEARCH_ENGINE not in _SEARCH_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_ENGINE must be one of {', '.join(_SEARCH_BACKENDS)}, not {SEARCH_ENGINE!r}"
        )
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": _SEARCH_BACKENDS[SEARCH_ENGINE],
            "URLS": [SEARCH_URL],
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": SEARCH_TIMEOUT,
            "OPTIONS": {"max_retries": 0},
            "ATOMIC_REBUILD": True,
            # Vietnamese: every text field also indexes its unaccented form, so "hoi cho"
            # finds "Hội chợ" (asciifolding maps đ to d); keeping the original token as
            # well lets an exactly accented query score higher.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "filter": {
                            "vi_folding": {"type": "asciifolding", "preserve_original": True}
                        },
                        "analyzer": {
                            "default": {
                                "type": "custom",
                                "tokenizer": "standard",
                                "filter": ["lowercase", "vi_folding"],
                            }
                        },
                    }
                }
            },
        },
        # Kept up to date too, so the site search can answer when the engine cannot.
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

SESSION_COOKIE_HTTPONLY = True

# -- Security headers, caching by proxies, health (issue 9) --------------------------------
# One block, so that other settings work merges cleanly. HSTS and HTTPS: production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Nothing may frame the site. Wagtail's preview views (and wagtail-localize's) override this
# with SAMEORIGIN themselves, for the editor's same-origin preview iframe; the admin's CSP
# follows them (core.security).
X_FRAME_OPTIONS = "DENY"
# Public pages: the templates hold no inline script, style block or style attribute
# (tests/core/test_security_headers.py keeps it so); fonts, images and scripts are our own.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Under /admin/ only (core.security). Wagtail 8 writes inline <script> blocks without a nonce
# (InlinePanel, date and time widgets), hence 'unsafe-inline' for scripts; nothing else is
# loosened beyond what the admin was seen to need in Chromium (tests/browser/test_admin_csp.py).
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF],
    # blob: the multiple upload's thumbnails of the files being sent.
    "img-src": [CSP.SELF, "blob:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    # frame-ancestors: set per response by core.security, from X-Frame-Options.
}
# /api/docs/ only (config.api): Swagger UI draws its icons from data: URIs in its stylesheet.
# Nothing else is loosened (tests/browser/test_api_docs.py records no violation in Chromium).
API_DOCS_CSP = SECURE_CSP | {"img-src": [CSP.SELF, "data:"]}
# The admin's policy allows no outside origin: no release check against wagtail.org, and no
# Gravatar (which would also hand editors' e-mail hashes to a third party).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# How long a proxy or browser may reuse an anonymous public page (core.cachecontrol).
PUBLIC_CACHE_SECONDS = env_int("PUBLIC_CACHE_SECONDS", 60)
# /health/ (core.health): name, django-health-check check, whether the site fails without it.
# The search engine is optional: without it searches answer from the database ("degraded").
HEALTH_CHECKS = [
    ("database", "health_check.checks.Database", True),
    ("cache", "health_check.checks.Cache", True),
    ("storage", "health_check.checks.Storage", True),
]
if SEARCH_URL:
    HEALTH_CHECKS.append(("search", "search.health.SearchEngine", False))
# -- end of security headers -------------------------------------------------------------

# --- Sign-in security (issue 9): client address, login throttling, two-factor sign-in --------
# One block on purpose: other hardening work edits this file too (see README, "Sign-in security").

# Who a request comes from (core.clientip). Unset: REMOTE_ADDR, and forwarded headers are
# ignored. Behind the proxy: the header it sets and how many proxies of ours append to it.
CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER")
CLIENT_IP_PROXY_COUNT = env_int("CLIENT_IP_PROXY_COUNT", 1)
if CLIENT_IP_PROXY_COUNT < 1:
    raise ImproperlyConfigured("CLIENT_IP_PROXY_COUNT must be at least 1")

# Failed sign-ins (admin login, django-axes) and page passwords (django-ratelimit): after
# LOGIN_FAILURE_LIMIT failures the account, and separately the address, is refused for
# LOGIN_COOLOFF_MINUTES.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)

INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]
# Two-factor after authentication (django-otp marks request.user verified or not, then
# core.twofactor sends an unverified admin user to verify or enrol); axes last, so it turns a
# lockout flagged by any view into its response.
_AFTER_AUTHENTICATION = (
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
)
MIDDLEWARE[_AFTER_AUTHENTICATION:_AFTER_AUTHENTICATION] = [
    "django_otp.middleware.OTPMiddleware",
    "core.twofactor.TwoFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")
# Axes refuses a locked-out client before any password is checked; ModelBackend signs in.
AUTHENTICATION_BACKENDS = [
    "core.throttling.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=LOGIN_COOLOFF_MINUTES)
# Each alone: a guessed account is locked whatever the address, an address whatever accounts
# it tries.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A try during the lockout is refused without counting, so the lock lifts a cool-off after
# the last counted failure (an attacker who keeps trying cannot make it last forever).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "core.throttling.login_lockout_response"
# No Django admin here; successful sign-ins are not kept (failures are, until the cool-off).
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False
# django-ratelimit counts page-password failures in the shared cache, per address (IPv6 per
# /64, its default), in windows of the cool-off's length.
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "core.clientip.client_ip"
PAGE_PASSWORD_FAILURE_RATE = f"{LOGIN_FAILURE_LIMIT}/{LOGIN_COOLOFF_MINUTES}m"

# Two-factor sign-in (TOTP, django-otp) for everyone who can use the admin. Required: every
# admin user enrols a device and enters its code at each sign-in. Not required (dev.py,
# test.py): only users who enrolled one are asked. production.py always requires it.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
# --- End of sign-in security --------------------------------------------------------------

# --- Mail and buyers' inquiries (issue 11) -----------------------------------------------
# Every mail the site sends (Wagtail's notifications, inquiries) goes through this mailer.
MAILERS = {
    "default": {
        "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 20),
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SPCNCL Hà Nội <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who in the department hears of each new inquiry (comma-separated); empty: nobody is mailed
# and the inquiry waits in the admin's inbox.
INQUIRY_NOTIFY_EMAIL = env_list("INQUIRY_NOTIFY_EMAIL", [])
# Days an inquiry is kept; `manage.py purge_inquiries` (daily, from cron) deletes older ones.
INQUIRY_RETENTION_DAYS = env_int("INQUIRY_RETENTION_DAYS", 365)
# Stored inquiries a client address, and an e-mail address, may send (django-ratelimit rates).
INQUIRY_LIMIT_PER_ADDRESS = env_str("INQUIRY_LIMIT_PER_ADDRESS", "10/h")
INQUIRY_LIMIT_PER_EMAIL = env_str("INQUIRY_LIMIT_PER_EMAIL", "20/d")
# A mail that fails is tried again after 1, 2, 4 ... minutes (at most 6 hours apart), this
# many times in all (about 15 hours), then marked failed in the inbox.
INQUIRY_MAIL_MAX_ATTEMPTS = env_int("INQUIRY_MAIL_MAX_ATTEMPTS", 10)
# The same for every other queued mail (core.mailqueue: event registrations' confirmations).
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 10)
# --- End of mail and inquiries -----------------------------------------------------------

# --- Event registration (issue 14) --------------------------------------------------------
# Days a registration is kept after its event ends; `manage.py purge_registrations` (daily,
# from cron) deletes older ones.
EVENT_REGISTRATION_RETENTION_DAYS = env_int("EVENT_REGISTRATION_RETENTION_DAYS", 365)
# Registrations one client address may store (django-ratelimit rate).
EVENT_REGISTRATION_LIMIT_PER_ADDRESS = env_str("EVENT_REGISTRATION_LIMIT_PER_ADDRESS", "10/h")
# --- End of event registration ------------------------------------------------------------

# --- Registration of interest in the selection, with PDF dossiers (issue 14) ----------------
# Dossier files: outside MEDIA_ROOT and Wagtail's documents, served only to editors through
# the admin (applications.admin_views), and included in `manage.py backup`.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
# PDF files one application may carry, and the size of each.
APPLICATION_MAX_FILES = env_int("APPLICATION_MAX_FILES", 5)
APPLICATION_FILE_MAX_BYTES = env_int("APPLICATION_FILE_MAX_BYTES", 10 * 1024 * 1024)
# Days an application (and its files) is kept after its round closes; `manage.py
# purge_applications` (daily, from cron) deletes older ones.
APPLICATION_RETENTION_DAYS = env_int("APPLICATION_RETENTION_DAYS", 3 * 365)
# Applications one client address may store (django-ratelimit rate).
APPLICATION_LIMIT_PER_ADDRESS = env_str("APPLICATION_LIMIT_PER_ADDRESS", "10/h")
# --- End of registration of interest -------------------------------------------------------

# --- Importing recognition decisions (products/importing) --------------------------------
# A decision file (CSV or XLSX) larger than this is refused before it is read. A decision of
# 70 rows with the demo's long notes is about 70 KB; 10 000 such rows are 12 MB as CSV.
RECOGNITION_IMPORT_MAX_BYTES = env_int("RECOGNITION_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
# Data rows a file may hold; the command line must take 10 000.
RECOGNITION_IMPORT_MAX_ROWS = env_int("RECOGNITION_IMPORT_MAX_ROWS", 20_000)
# An uploaded decision file previewed and never confirmed is deleted after this many days
# (manage.py purge_import_previews); confirmed files stay as the record of the import.
RECOGNITION_IMPORT_PREVIEW_DAYS = env_int("RECOGNITION_IMPORT_PREVIEW_DAYS", 7)

# --- Exports (search.catalogue.export, core.tabular) -------------------------------------
# Rows one download may hold (at most 10 000, the engine's result window); a search that
# finds more is refused with a 400 that says so, never cut short.
CATALOGUE_EXPORT_MAX_ROWS = env_int("CATALOGUE_EXPORT_MAX_ROWS", 10_000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}
