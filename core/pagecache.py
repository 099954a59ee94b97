"""Whole public pages kept for anonymous visitors, keyed by the page tree's version.

What is kept: the 200 response to a GET of a page that core.serving served itself (not
Wagtail's fallback router, not a preview, not a page with view restrictions), for a request
with no query string, no session cookie, no messages cookie and no Authorization header, when
the response sets no cookie (a CSRF token in the body sets or renews one, so such pages never
qualify) and does not say private, no-cache or no-store. It is served again to GET and HEAD
requests that qualify the same way; nobody else ever reads it, so an editor signed in neither
gets nor creates cached pages.

The key holds the host, the path (which alone decides the language here: `/en/…` is English,
everything else Vietnamese) and core.treecache's version, read when the request arrives. That
version changes on every publish, unpublish, move, deletion and restriction change, and, from
this module, on every change to what a page shows without being a page (snippets, images,
documents, site settings): the next request after any of those renders afresh, in every
process. A page rendered while a publish commits was keyed by the version it started under,
which the commit replaces. PAGE_CACHE_SECONDS bounds what changes with time alone (an event
that stops being upcoming); the key's date (Hà Nội's) ends every page at midnight, when
recognitions may expire; 0 turns the cache off.

Why each process's memory (the "pages" cache) rather than the shared one: a hit costs the one
small shared read every request makes anyway (the version) plus a dictionary lookup, where the
shared file cache would read and unpickle a 7-60 kB file per hit and, past its 300 entries,
cull the small shared keys (the version itself, settings, synonyms) to make room for pages.
The price is that each worker renders a page once per version, and holds at most
PAGE_CACHE_MAX_ENTRIES of them, the least recently used going first.

The middleware comes right after SecurityMiddleware and WhiteNoise (config.settings.base): a
hit skips sessions, CSRF, authentication and locale, which have nothing to do for a request
without cookies whose language is in its path, and still gets the security headers on its way
out. The kept headers are what the rest of the stack added (Content-Language, Vary, ...).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language_from_path
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

from core import cachecontrol
from core.dates import today
from core.treecache import bump_tree_version, tree_version

_CACHE = "pages"
_MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
_PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}


def allow(request, page) -> None:
    """Let the response to *request* be kept unless *page* has view restrictions.

    core.serving calls it for each page it serves itself. A restricted page's response is
    also made `private, no-store` for every cache (core.cachecontrol), whoever asked for it.
    The lookup costs no query while the site has no restriction at all (core.pages).
    """
    if page.get_view_restrictions().exists():
        cachecontrol.keep_private(request)
    elif getattr(request, "_page_cache_key", None):
        request._page_cache_allowed = True


def cache_key(request) -> str | None:
    """Where the page for *request* is kept, or None when this visitor must not share one."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if request.META.get("QUERY_STRING") or "HTTP_AUTHORIZATION" in request.META:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or _MESSAGES_COOKIE in request.COOKIES:
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    # Hashed: a path may be long or hold spaces once decoded, which cache keys should not.
    where = hashlib.sha1(f"{request.get_host()}|{language}|{request.path}".encode()).hexdigest()
    # Hà Nội's date too: a page may say whether a recognition is still valid today (products'
    # and companies' status, the catalogue's "currently recognised" count), which changes at
    # midnight without any publish.
    return f"page:{tree_version()}:{today().isoformat()}:{where}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request._page_cache_key = cache_key(request)
        if key is not None:
            kept = caches[_CACHE].get(key)
            if kept is not None:
                return _replay(kept)
        response = self.get_response(request)
        if key is not None and request.method == "GET" and _may_keep(request, response):
            caches[_CACHE].set(key, _keepable(response), settings.PAGE_CACHE_SECONDS)
        return response


def _may_keep(request, response) -> bool:
    if not getattr(request, "_page_cache_allowed", False) or getattr(request, "is_preview", False):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # Set once get_token() ran: the body holds a token tied to this visitor's CSRF cookie.
    if "CSRF_COOKIE_NEEDS_UPDATE" in request.META:
        return False
    directives = {
        directive.split("=", 1)[0].strip().lower()
        for directive in response.get("Cache-Control", "").split(",")
    }
    return not directives & _PRIVATE_DIRECTIVES


def _keepable(response) -> tuple[bytes, list[tuple[str, str]]]:
    return response.content, list(response.items())


def _replay(kept) -> HttpResponse:
    body, headers = kept
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    return response


# What a page shows without being a page: every model of these apps (core.signals connects
# on_content_change to each), except pages, which bump the version already (core.treecache), and
# renditions, made when an image is saved, which bumps it too.
CONTENT_APPS = ("core", "home", "news", "products", "programme", "wagtaildocs")


def shows_on_pages(model) -> bool:
    return model._meta.app_label in CONTENT_APPS and not issubclass(model, Page | AbstractRendition)


def on_content_change(sender, raw=False, **kwargs):
    if not raw:
        bump_tree_version()
