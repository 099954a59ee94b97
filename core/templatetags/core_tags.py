"""Template tags for the site chrome: navigation, breadcrumbs, language links."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from core import images
from core.locales import active_locale
from core.navigation import breadcrumbs, menu_items, translation_urls

register = template.Library()


@register.inclusion_tag("includes/main_nav.html", takes_context=True)
def main_navigation(context):
    page = context.get("page")
    current_path = getattr(page, "url_path", "") or ""
    items = [
        {
            **item,
            "current": current_path == item["path"]
            if item["home"]
            else current_path.startswith(item["path"]),
        }
        for item in menu_items(locale=active_locale())
    ]
    return {"items": items}


@register.simple_tag
def breadcrumb_pages(page):
    """Ancestors from the home page down, without the page itself (cached)."""
    return breadcrumbs(page) if page is not None else []


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language for the switcher and hreflang links.

    On a page: its live translations, and that language's home page where none exists.
    Elsewhere: the view's own `translations`, or Django's `translate_url` of the path.
    """
    request = context.get("request")
    page = context.get("page")
    if page is not None and getattr(page, "pk", None):
        links = translation_urls(page)
        fallback_path = "/"
    else:
        links = dict(context.get("translations") or {})
        fallback_path = request.get_full_path() if request is not None else "/"
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": links.get(code) or translate_url(fallback_path, code),
            "has_translation": code in links,
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


_IMAGE_SETS = {
    # name: (specs from 1x to 2x, the width of the 1x rendition in CSS pixels)
    "card": (images.CARD, images.CARD_2X),
    "hero": (images.HERO_SMALL, images.HERO),
    "logo": (images.LOGO,),
    "thumb": (images.THUMB,),
}


@register.simple_tag
def responsive_image(image, kind, sizes="100vw", eager=False, decorative=False):
    """An <img> with srcset built only from the renditions made at upload (core.images).

    Reading prefetched renditions keeps a listing at one query for all its pictures.
    """
    if image is None:
        return ""
    renditions = list(image.get_renditions(*_IMAGE_SETS[kind]).values())
    first = renditions[0]
    srcset = ", ".join(f"{r.url} {r.width}w" for r in renditions)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="{}" decoding="async">',
        first.url,
        srcset,
        sizes,
        first.width,
        first.height,
        "" if decorative else image.default_alt_text,
        "eager" if eager else "lazy",
    )
