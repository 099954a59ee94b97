"""Serving public pages with their route and chrome from the tree cache.

Wagtail's own `serve` walks the tree one query per URL segment and then loads the site, the
locale, the root's translation and the page's view restrictions: about ten queries before
the page's own content. Here a page is found by its `url_path` (cached, see core.treecache)
and loaded in one query with the relations its template needs (`serve_queryset` on the
page class). Wagtail's serve hooks still run. A sub-route of a routable page (a news tag's
listing, a feed) is found the same way: the nearest page above the URL, if it is routable,
resolves the rest. Anything else this fast path does not know falls back to Wagtail's router.
Pages served here, and only those, may be kept whole for anonymous visitors (core.pagecache).
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from core import pagecache
from core.locales import active_locale
from core.treecache import cached

# Segments a routable page's sub-route may have ("the/<tag>/"): a URL is looked up at most
# this many levels above itself, so a long made-up URL costs a few lookups, not one a segment.
SUBROUTE_DEPTH = 2


def find_site(request) -> Site | None:
    def build():
        return Site.find_for_request(request)

    site = cached(f"site:{request.get_host()}", build)
    request._wagtail_site = site
    return site


def _root_for(site: Site, locale) -> tuple[int, str] | None:
    def build():
        root = site.root_page.get_translation_or_none(locale) or site.root_page
        return root.pk, root.url_path

    return cached(f"root:{site.pk}:{locale.pk}", build)


def _route(url_path: str) -> tuple[int, int] | None:
    def build():
        return (
            Page.objects.filter(url_path=url_path, live=True)
            .values_list("pk", "content_type_id")
            .first()
        )

    # Hashed: a URL may be long or hold any character once decoded, which keys should not.
    return cached(f"route:{hashlib.sha1(url_path.encode()).hexdigest()}", build)


def _load(found: tuple[int, int]) -> Page | None:
    page_id, content_type_id = found

    def build():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects
        page = queryset.filter(pk=page_id, live=True).first()
        if page is not None and hasattr(page, "prepare_to_serve"):
            page.prepare_to_serve()
        return page

    # The page with its prefetched relations and what prepare_to_serve loads, kept for the
    # tree's version like its route: everything the page's template reads from the database
    # changes that version (pages, snippets, images, documents, settings; core.pagecache).
    # Each request gets its own copy (the local cache pickles), so nothing a request sets on
    # its page reaches another.
    return cached(f"page:{page_id}", build, cache="loaded-pages")


def find_route(request, path: str) -> tuple[Page, list] | None:
    """The page *path* names and the serve arguments of its sub-route ([] for the page itself).

    A URL below a routable page ("tin-tuc/the/hoi-cho/") resolves through the nearest page
    above it, as Wagtail's router would, so sub-routes cost no more than the page does.
    """
    site = find_site(request)
    if site is None:
        return None
    root = _root_for(site, active_locale())
    if root is None:
        return None
    found = _route(root[1] + path)
    if found is not None:
        page = _load(found)
        return (page, []) if page is not None else None
    parts = [part for part in path.split("/") if part]
    for cut in range(1, min(len(parts), SUBROUTE_DEPTH + 1)):
        found = _route(root[1] + "".join(f"{part}/" for part in parts[:-cut]))
        if found is None:
            continue
        model = ContentType.objects.get_for_id(found[1]).model_class()
        if not issubclass(model, RoutablePageMixin):
            return None
        page = _load(found)
        if page is None:
            return None
        try:
            match = page.resolve_subpage("/" + "".join(f"{part}/" for part in parts[-cut:]))
        except Http404:
            return None
        request.routable_resolver_match = match
        return page, [match.func, match.args, match.kwargs]
    return None


def serve(request, path):
    route = find_route(request, path)
    if route is None:
        # Not a page URL we know: let Wagtail's router decide (404s, mostly).
        return wagtail_serve(request, path)
    page, args = route
    request._wagtail_route_for_request = (page, args, {})
    pagecache.allow(request, page, subroute=bool(args))

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, args, {})
        if result is not None and hasattr(result, "status_code"):
            return result
    return chain(page, request, args, {})
