"""Cache-Control on every response: what a proxy (and core.pagecache) may keep, and for how long.

Private, never kept by a shared cache nor by the page cache (which refuses `private`):

- the admin, previews and pages with view restrictions (password, login, groups, on the page
  or an ancestor): `private, no-store`, so not even the browser writes them to disk;
- anything answered to a visitor who may be signed in or personalised: a session cookie
  (signed in, or past a page password), a messages cookie or an Authorization header;
- a response that sets a cookie or carries a CSRF token (a form): both are this visitor's.

These last two get `private, no-cache`: the browser may keep them for its back button but asks
again before reuse. A view's own directives stay, `public` excepted.

Everything else answered 200 to a GET or HEAD is the same for every anonymous visitor:
`public, max-age=PUBLIC_CACHE_SECONDS` (short: a publish reaches a proxy's visitors that much
later) when the URL has no query string, and `no-cache` when it has one, so every search
still reaches the site (and its statistics). A view that set its own Cache-Control keeps it.

The middleware sits inside core.pagecache's (so the page cache sees the verdict before it
keeps anything) and outside sessions and CSRF (so it sees the cookies they set).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from core.security import is_admin_request

_MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name


def keep_private(request) -> None:
    """Make the response to *request* `private, no-store` (a restricted page, say)."""
    request._cache_control_no_store = True


def _no_store(request) -> bool:
    return (
        getattr(request, "_cache_control_no_store", False)
        or getattr(request, "is_preview", False)
        or is_admin_request(request)
    )


def _personal(request, response) -> bool:
    cookies = request.COOKIES
    return bool(
        settings.SESSION_COOKIE_NAME in cookies
        or _MESSAGES_COOKIE in cookies
        or "HTTP_AUTHORIZATION" in request.META
        or response.cookies
        # Set once get_token() ran: the body holds a token tied to this visitor's cookie.
        or "CSRF_COOKIE_NEEDS_UPDATE" in request.META
    )


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _no_store(request):
            patch_cache_control(response, private=True, no_store=True)
        elif _personal(request, response):
            patch_cache_control(response, private=True, no_cache=True)
        elif (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.has_header("Cache-Control")
        ):
            if request.META.get("QUERY_STRING"):
                patch_cache_control(response, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response
