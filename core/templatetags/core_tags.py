"""Template tags for the site chrome: navigation, breadcrumbs, language links; and the
fragments of pages kept for the tree's version (`fragment`)."""

from django import template
from django.conf import settings
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.template.loader import get_template
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language
from wagtail.images.models import Filter

from core import images, metadata
from core.locales import active_locale
from core.navigation import breadcrumbs, menu_items, translation_urls
from core.treecache import fragment_version

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

    The view's own `translations` when it gives them (a news tag's listing in each
    language); else on a page, its live translations, and that language's home page where
    none exists; elsewhere, Django's `translate_url` of the path.
    A view that is more than its page (a catalogue search) names what carries over to its
    translation in `language_query`: its query and filters, never unknown parameters.
    """
    request = context.get("request")
    page = context.get("page")
    if context.get("translations"):
        links = dict(context["translations"])
        fallback_path = "/" if page is not None else request.get_full_path()
    elif page is not None and getattr(page, "pk", None):
        links = translation_urls(page)
        fallback_path = "/"
    else:
        links = {}
        fallback_path = request.get_full_path() if request is not None else "/"
    current = get_language()
    query = context.get("language_query")
    if query:
        links = {code: f"{url}?{query}" for code, url in links.items()}
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


# name: (filters from 1x to 2x). Filter objects made once rather than spec strings: Wagtail
# parses a string into a new Filter at every call, and the operations each Filter works out
# (with `inspect`, per operation) were a third of a catalogue page's rendering.
_IMAGE_SETS = {
    name: tuple(Filter(spec=spec) for spec in specs)
    for name, specs in {
        "card": (images.CARD, images.CARD_2X),
        "hero": (images.HERO_SMALL, images.HERO),
        "logo": (images.LOGO,),
        "thumb": (images.THUMB,),
    }.items()
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


@register.tag
def page_head(parser, token):
    """`{% page_head %}title{% end_page_head %}`: the <title> and every tag that describes
    the page to search engines and link previews (core.metadata), from one title.

    The title is written inside (a `{% block title %}` there is overridden as usual), so
    the <title>, og:title and the breadcrumb's last item always say the same.
    """
    nodelist = parser.parse(("end_page_head",))
    parser.delete_first_token()
    return PageHeadNode(nodelist)


class PageHeadNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        title = self.nodelist.render(context)
        meta = metadata.build(context=context, title=title, languages=language_links(context))
        return get_template("includes/head_meta.html").render(
            {"meta": meta, "title": metadata.plain_text(title)}
        )


@register.tag
def fragment(parser, token):
    """`{% fragment seconds name vary... %}markup{% endfragment %}`: *markup* rendered once and
    kept for *seconds* in the bounded "loaded-pages" cache, for the tree's version and Hà
    Nội's day (`core.treecache.fragment_version`) and the *vary* values.

    Use it for the parts of a page that depend on nothing but the tree (never on the visitor).
    A preview renders everything afresh and keeps nothing: it shows an editor's draft under
    the live page's id, which Django's `{% cache %}` would keep and serve to every visitor.
    """
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs seconds and a name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist,
        seconds=parser.compile_filter(bits[1]),
        name=bits[2],
        vary=[parser.compile_filter(bit) for bit in bits[3:]],
    )


class FragmentNode(template.Node):
    def __init__(self, nodelist, *, seconds, name, vary):
        self.nodelist, self.seconds, self.name, self.vary = nodelist, seconds, name, vary

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        key = make_template_fragment_key(
            self.name, [fragment_version(), *(value.resolve(context) for value in self.vary)]
        )
        cache = caches["loaded-pages"]
        markup = cache.get(key)
        if markup is None:
            markup = self.nodelist.render(context)
            cache.set(key, markup, int(self.seconds.resolve(context)))
        return markup
