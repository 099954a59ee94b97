"""Whole public pages kept for anonymous visitors, keyed by the page tree's version.

What is kept: the 200 response to a GET of a page that core.serving served itself (not
Wagtail's fallback router, not a preview, not a page with view restrictions), for a request
with no session cookie, no messages cookie and no Authorization header, when the response sets
no cookie (a CSRF token in the body sets or renews one, so such pages never qualify) and does
not say private or no-store. It is served again to GET and HEAD requests that qualify the same
way; nobody else ever reads it, so an editor signed in neither gets nor creates cached pages.

Query strings. Campaign and click tags (`utm_*`, `fbclid`, `gclid`, ... TRACKING) are read by
no page and dropped from every page's key. Of what is left, a page type keeps only what it
declared it reads (declare_query: an app calls it in its AppConfig.ready, core imports no
app), in the form its own form would clean it to, sorted: `?year=2021&sector=a&utm_source=x`
and `?sector=a&year=2021` are one entry. A page type that declared nothing is kept only for a
URL whose query held tracking tags alone; a routable page's sub-route (a feed, which refuses
unknown parameters) only for a URL without any query string. The page is then rendered from
the normalised query itself (request.GET is replaced), so the kept response is exactly right
for every URL that normalises to it and carries nothing of one visitor's URL (a campaign tag
echoed into a pagination link). The key needs the page type, which only serving knows, so the
first request for a path with a query string renders; it leaves a note, by tree version, of
how that path normalises, and later requests find their entry without routing.
core.cachecontrol still answers `no-cache` to browsers and proxies for any query string, so
they ask again every time; that bare directive does not stop this cache, which is exact to
the tree version. Views with a query are kept apart (the "page-views" cache, its own
PAGE_CACHE_VIEW_ENTRIES), so a flood of made-up searches evicts other searches, never the
site's plain pages. A view that must do something for every visitor even when served from
the cache (counting a search for the editors' statistics) says so with on_hit.

The key holds the scheme and the host (pages name their absolute address, core.metadata),
the path (which alone decides the language here: `/en/…` is English, everything else
Vietnamese), the normalised query and core.treecache's version, read when the request
arrives. That version changes on every publish, unpublish, move, deletion and restriction
change, and, from this module, on every change to what a page shows without being a page
(snippets, images, documents, site settings): the next request after any of those renders
afresh, in every process. A page rendered while a publish commits was keyed by the version it
started under, which the commit replaces. PAGE_CACHE_SECONDS bounds what changes with time
alone (an event that stops being upcoming); the key's date (Hà Nội's) ends every page at
midnight, when recognitions may expire; 0 turns the cache off.

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
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.utils.translation import get_language_from_path
from wagtail.images.models import AbstractRendition
from wagtail.models import Page

from core import cachecontrol
from core.dates import today
from core.treecache import bump_tree_version, tree_version

logger = logging.getLogger(__name__)

_CACHE = "pages"
_VIEWS_CACHE = "page-views"  # responses to a URL with a (normalised) query string
_MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
_PRIVATE_DIRECTIVES = {"private", "no-cache", "no-store"}
# Parameters that tag a shared link for analytics (Google, Meta, Microsoft, Yandex, TikTok,
# X, Mailchimp, Zalo); no page reads them. Matched lower-cased, as the whole name.
TRACKING = re.compile(
    r"utm_[a-z0-9_]+|fbclid|gclid|gclsrc|gbraid|wbraid|dclid|msclkid|yclid|ttclid|twclid"
    r"|igshid|mc_cid|mc_eid|_ga|_gl|zarsrc|ref_src"
)
# The note left for a path whose page type declared no parameters: tracking tags only.
_READS_NOTHING_DECLARED = "-"

Pairs = list[tuple[str, str]]
_DECLARED: dict[str, Callable[[Pairs], Pairs]] = {}


def declare_query(model: type[Page], normalise: Callable[[Pairs], Pairs]) -> None:
    """Declare the query parameters pages of *model* read, so such views can be kept.

    *normalise* receives the query's (name, value) pairs, tracking tags already gone, and
    returns those the page reads, cleaned as the page's own form would clean them (empty or
    default values dropped, say), so that two URLs the page answers the same way give the
    same pairs. core sorts them. A page type that reads nothing passes `reads_nothing`.
    """
    _DECLARED[model._meta.label_lower] = normalise


def reads_nothing(pairs: Pairs) -> Pairs:
    return []


@dataclass(frozen=True)
class _Arrival:
    """What a request that may share a kept page brought: its place and its query's pairs."""

    version: str
    day: str
    where: str  # the hashed scheme, host, language and path
    pairs: Pairs  # the query's parameters, tracking tags dropped
    had_query: bool

    def key(self, query: str) -> tuple[str, str]:
        """The cache and the key of the page for this place and normalised *query*."""
        base = f"page:{self.version}:{self.day}:{self.where}"
        if not query:
            return _CACHE, base
        return _VIEWS_CACHE, f"{base}:{hashlib.sha1(query.encode()).hexdigest()}"

    @property
    def note_key(self) -> str:
        return f"reads:{self.version}:{self.where}"


def _arrival(request) -> _Arrival | None:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return None
    if "HTTP_AUTHORIZATION" in request.META:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or _MESSAGES_COOKIE in request.COOKIES:
        return None
    language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    # Hashed: a path may be long or hold spaces once decoded, which cache keys should not.
    where = f"{request.scheme}|{request.get_host()}|{language}|{request.path}"
    query = request.META.get("QUERY_STRING", "")
    pairs = [
        (name, value)
        for name, values in QueryDict(query).lists()
        if not TRACKING.fullmatch(name.lower())
        for value in values
    ]
    return _Arrival(
        version=tree_version(),
        # Hà Nội's date too: a page may say whether a recognition is still valid today
        # (products' and companies' status, the catalogue's "currently recognised" count),
        # which changes at midnight without any publish.
        day=today().isoformat(),
        where=hashlib.sha1(where.encode()).hexdigest(),
        pairs=pairs,
        had_query=bool(query),
    )


def _encode(pairs: Pairs) -> str:
    return urlencode(sorted(pairs))


def _lookup(arrival: _Arrival) -> tuple[str, str] | None:
    """Where a page for *arrival* would be kept, if that can be known before routing."""
    if not arrival.had_query:
        return arrival.key("")
    note = caches[_CACHE].get(arrival.note_key)
    if note is None:
        return None
    if note == _READS_NOTHING_DECLARED:
        return None if arrival.pairs else arrival.key("")
    query = _normalised(_DECLARED.get(note), arrival.pairs)
    return None if query is None else arrival.key(query)


def _normalised(normalise: Callable[[Pairs], Pairs] | None, pairs: Pairs) -> str | None:
    """The normalised query string, or None when there is no normaliser or it failed (the
    page is then rendered and not kept, never answered with an error of the cache's)."""
    if normalise is None:
        return None
    try:
        return _encode(normalise(pairs))
    except Exception:
        logger.exception("Could not normalise a query string for the page cache")
        return None


def allow(request, page, *, subroute: bool = False) -> None:
    """Let the response to *request* be kept unless *page* has view restrictions.

    core.serving calls it for each page it serves itself (*subroute*: a routable page's
    sub-route). A restricted page's response is also made `private, no-store` for every cache
    (core.cachecontrol), whoever asked for it. The lookup costs no query while the site has no
    restriction at all (core.pages). A URL with a query string is kept only as the module's
    docstring says; its request then reads the normalised query.
    """
    if page.get_view_restrictions().exists():
        cachecontrol.keep_private(request)
        return
    arrival = getattr(request, "_page_cache_arrival", None)
    if arrival is None:
        return
    query = ""
    if arrival.had_query:
        if subroute:
            return
        label = page._meta.label_lower
        normalise = _DECLARED.get(label)
        if normalise is None:
            if arrival.pairs:
                return
            note = _READS_NOTHING_DECLARED
        else:
            query = _normalised(normalise, arrival.pairs)
            if query is None:
                return
            note = label
        caches[_CACHE].set(arrival.note_key, note, settings.PAGE_CACHE_SECONDS)
        # Rendered from the normalised query alone, the page is right for every URL that
        # normalises to it, and holds nothing of this one's (a tag echoed into a link).
        request.GET = QueryDict(query)
        request.META["QUERY_STRING"] = query
    request._page_cache_place = arrival.key(query)


def on_hit(request, function: Callable, /, **arguments) -> None:
    """Have `function(request=…, **arguments)` run for every visitor this response is served
    to from the cache, as it ran for this one.

    *function* must be a module-level function (it is kept by name) and *arguments* plain
    values. It gets the hit's request, which has been through no middleware past this one:
    no session, no user (a hit is anonymous by construction), no locale. A failure is logged,
    and the visitor gets the page all the same.
    """
    if getattr(request, "_page_cache_arrival", None) is not None:
        request.__dict__.setdefault("_page_cache_on_hit", []).append((function, arguments))


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        arrival = request._page_cache_arrival = _arrival(request)
        if arrival is not None:
            place = _lookup(arrival)
            if place is not None:
                cache_name, key = place
                kept = caches[cache_name].get(key)
                if kept is not None:
                    return _replay(request, kept)
        response = self.get_response(request)
        place = getattr(request, "_page_cache_place", None)
        if place is not None and request.method == "GET" and _may_keep(request, response):
            cache_name, key = place
            try:
                caches[cache_name].set(
                    key, _keepable(request, response), settings.PAGE_CACHE_SECONDS
                )
            except Exception:
                # An on_hit argument that cannot be kept costs the entry, never the page.
                logger.exception("Could not keep the page for %s", request.path)
        return response


def _may_keep(request, response) -> bool:
    if getattr(request, "is_preview", False):
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
    if request.META.get("QUERY_STRING"):
        # core.cachecontrol's answer to every query string, for browsers and proxies.
        directives.discard("no-cache")
    return not directives & _PRIVATE_DIRECTIVES


def _keepable(request, response):
    return (
        response.content,
        list(response.items()),
        tuple(getattr(request, "_page_cache_on_hit", ())),
    )


def _replay(request, kept) -> HttpResponse:
    body, headers, on_hit_calls = kept
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    for function, arguments in on_hit_calls:
        try:
            function(request=request, **arguments)
        except Exception:
            logger.exception("A kept page's on-hit work failed")
    return response


# What a page shows without being a page: every model of these apps (core.signals connects
# on_content_change to each), except pages, which bump the version already (core.treecache), and
# renditions, made when an image is saved, which bumps it too.
CONTENT_APPS = ("core", "home", "news", "products", "programme", "wagtaildocs")


def shows_on_pages(model) -> bool:
    # A model of these apps that no page shows (a visitor's registration) says so with
    # `shown_on_pages = False`; its many-to-many tables follow it.
    owner = model._meta.auto_created or model
    return (
        model._meta.app_label in CONTENT_APPS
        and not issubclass(model, Page | AbstractRendition)
        and getattr(owner, "shown_on_pages", True)
    )


def on_content_change(sender, raw=False, **kwargs):
    if not raw:
        bump_tree_version()
