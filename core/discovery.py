"""How the site is found from outside: robots.txt, the web manifest and the favicon.

robots.txt and the manifest are the same for every visitor and change only with a deploy
(or the Site's host), so they may be kept a day by browsers and proxies.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core.sitemaps import site_root_url

ONE_DAY = 60 * 60 * 24
THEME_COLOUR = "#0b4a85"  # --brand in static/css/site.css


def crawler_exclusions() -> list[str]:
    """URL prefixes crawlers are asked to leave alone: the admin, the API's query URLs, the
    sign-in and page-password views, and the site search in every language (endless, and
    each visit would count in its statistics)."""
    paths = ["/admin/", "/api/", "/_util/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
            if code != settings.LANGUAGE_CODE:
                paths.append(f"/{code}/_util/")
    return paths


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def robots_txt(request):
    context = {
        "disallow": crawler_exclusions(),
        "sitemap_url": site_root_url(request) + reverse("sitemap"),
    }
    return TemplateResponse(
        request, "robots.txt", context, content_type="text/plain; charset=utf-8"
    )


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def web_manifest(request):
    # One manifest, in the site's first language (a browser installs one app, not two).
    manifest = {
        "name": "Sản phẩm công nghiệp chủ lực thành phố Hà Nội",
        "short_name": "SPCNCL Hà Nội",
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


@require_safe
@cache_control(public=True, max_age=ONE_DAY)
def favicon(request):
    # Browsers and crawlers ask for /favicon.ico whatever the page says; the file itself is a
    # static file (fingerprinted and kept a year in production).
    return redirect(static("icons/favicon.ico"), permanent=True)
