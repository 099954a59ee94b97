"""Serving public pages with their route and chrome from the tree cache.

Wagtail's own `serve` walks the tree one query per URL segment and then loads the site, the
locale, the root's translation and the page's view restrictions: about ten queries before
the page's own content. Here a page is found by its `url_path` (cached, see core.treecache)
and loaded in one query with the relations its template needs (`serve_queryset` on the
page class). Wagtail's serve hooks still run, and anything
this fast path does not know (a RoutablePage sub-route, say) falls back to Wagtail's router.
Pages served here, and only those, may be kept whole for anonymous visitors (core.pagecache).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from core import pagecache
from core.locales import active_locale
from core.treecache import cached


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

    return cached(f"route:{url_path}", build)


def find_page(request, path: str) -> Page | None:
    site = find_site(request)
    if site is None:
        return None
    root = _root_for(site, active_locale())
    if root is None:
        return None
    found = _route(root[1] + path)
    if found is None:
        return None
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    queryset = model.serve_queryset() if hasattr(model, "serve_queryset") else model.objects
    return queryset.filter(pk=page_id, live=True).first()


def serve(request, path):
    page = find_page(request, path)
    if page is None:
        # Not a plain page URL: let Wagtail's router decide (routable pages, 404s).
        return wagtail_serve(request, path)
    request._wagtail_route_for_request = (page, [], {})
    pagecache.allow(request, page)

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    chain = serve_chain
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, [], {})
        if result is not None and hasattr(result, "status_code"):
            return result
    return chain(page, request, [], {})
