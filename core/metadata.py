"""What a page tells search engines and link previews: description, canonical address, Open
Graph and Twitter card tags, and schema.org JSON-LD.

One builder for every page type and every view that renders templates/base.html: the
`{% page_head %}` tag (core.templatetags.core_tags) calls `build` with the template context
and the page's title, and templates/includes/head_meta.html renders the result. What differs
per page type lives on the model, read here by duck typing (core imports no app):

- `search_description`, then `summary`, then `intro` make the description (rich text made
  plain); a page with none of them gets the title and the site's own description.
- `hero_image`, `lead_image`, `image` or `logo` is the shared picture, from the renditions
  the page's `get_context` already loaded (core.images.attach_renditions): no query, and no
  rendition is ever made by a GET.
- `og_type` (default "website") and `structured_data(meta, context)`, which returns the
  page's own schema.org nodes (`NewsArticle`, `Event`, `Product`, `Organization`); the
  builder adds `BreadcrumbList` below the home page, and `WebSite` and the department's
  `GovernmentOrganization` (from the site settings) on the home page.

Addresses are absolute on the Wagtail `Site`'s host with the request's scheme, like the
sitemap's (core.sitemaps.site_root_url); whole pages are cached per host and scheme
(core.pagecache), so a cached page never names another host or scheme. Everything read
here is in the context or in the tree cache: a page costs no query more.
"""

import html
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from core import images
from core.locales import active_locale
from core.navigation import breadcrumbs, menu_items
from core.serving import find_site
from core.sitemaps import site_root_url

SCHEMA = "https://schema.org"
# Open Graph wants territory-qualified locales.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
DESCRIPTION_CHARS = 200
DESCRIPTION_FIELDS = ("search_description", "summary", "intro")
IMAGE_FIELDS = ("hero_image", "lead_image", "image", "logo")
# Largest first (link previews want a wide picture); a logo is what a company has.
SHARE_SPECS = (images.HERO, images.CARD_2X, images.LOGO)
# The smallest width X (Twitter) shows as a large card; smaller pictures get a summary card.
LARGE_IMAGE_WIDTH = 300
# JSON inside <script> must not close the element or open a comment (Django's json_script).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
_SPACES = re.compile(r"\s+")


def plain_text(value) -> str:
    """*value* (plain or rich text) as one line of plain text."""
    return _SPACES.sub(" ", html.unescape(strip_tags(str(value or "")))).strip()


def site_description() -> str:
    return gettext(
        "Sản phẩm công nghiệp chủ lực thành phố Hà Nội: danh mục sản phẩm và doanh nghiệp được "
        "công nhận, tiêu chí, hướng dẫn đăng ký và tin tức của chương trình."
    )


@dataclass
class SharedImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass
class Metadata:
    """Everything head_meta.html renders; `absolute` turns a site path into a full URL."""

    root: str
    title: str
    description: str
    canonical: str
    language: str
    site_name: str
    og_type: str = "website"
    og_locale: str = ""
    og_locale_alternates: list[str] = field(default_factory=list)
    alternates: list[dict] = field(default_factory=list)
    image: SharedImage | None = None
    structured_data: list[dict] = field(default_factory=list)
    # The department, as publisher or organiser of a page's own nodes.
    publisher: dict = field(default_factory=dict)

    def absolute(self, url: str) -> str:
        """*url* (a path, or a URL on any host) on this site's root, query kept."""
        parts = urlsplit(url)
        query = f"?{parts.query}" if parts.query else ""
        return f"{self.root}{parts.path}{query}"

    @property
    def department_id(self) -> str:
        return f"{self.root}/#department"

    @staticmethod
    def postal_address(street: str, *, locality: str = "", region: str = "Hà Nội") -> dict:
        """A schema.org PostalAddress in Việt Nam."""
        address = {"@type": "PostalAddress"}
        if street:
            address["streetAddress"] = street
        if locality:
            address["addressLocality"] = locality
        if region:
            address["addressRegion"] = region
        address["addressCountry"] = "VN"
        return address

    @property
    def twitter_card(self) -> str:
        large = self.image and self.image.width >= LARGE_IMAGE_WIDTH
        return "summary_large_image" if large else "summary"

    @property
    def json_ld(self) -> str:
        """The schema.org nodes as one JSON-LD array, safe inside a <script> element."""
        text = json.dumps(self.structured_data, cls=DjangoJSONEncoder, ensure_ascii=False)
        return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)


def build(*, context, title: str, languages: list[dict]) -> Metadata | None:
    """The metadata of the page or view rendering *context*, or None on an error page.
    *languages* are core_tags.language_links' entries."""
    request = context.get("request")
    if request is None or "request_path" in context:
        # No request (an error page rendered bare), or Django's 404 page ("request_path"):
        # nothing to describe at an address that is not a page.
        return None
    find_site(request)  # cached per host; site_root_url reads the site it leaves on request
    root = site_root_url(request)
    page = context.get("page")
    if page is not None and not getattr(page, "pk", None):
        page = None
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    title = plain_text(title)
    meta = Metadata(
        root=root,
        title=title,
        description="",
        canonical="",
        language=language,
        site_name=gettext("SPCNCL Hà Nội"),
        og_locale=OG_LOCALES.get(language, language),
    )
    current = next((entry for entry in languages if entry["current"]), None)
    # Query strings are views of the same page (filters, a search): the canonical drops them,
    # except a page number, which shows other items.
    path = urlsplit(current["url"]).path if current and page is not None else request.path
    number = request.GET.get("page", "")
    meta.canonical = root + path + (f"?page={number}" if number.isdigit() and number != "1" else "")
    for entry in languages:
        if entry["has_translation"] or page is None:
            meta.alternates.append({"code": entry["code"], "url": meta.absolute(entry["url"])})
            if not entry["current"]:
                meta.og_locale_alternates.append(OG_LOCALES.get(entry["code"], entry["code"]))
    default = next((a for a in meta.alternates if a["code"] == settings.LANGUAGE_CODE), None)
    if default:
        meta.alternates.append({"code": "x-default", "url": default["url"]})
    meta.description = _description(page, title)
    meta.image = _shared_image(page, root)
    if page is not None:
        meta.og_type = getattr(page, "og_type", "website")
    meta.publisher = {"@type": "GovernmentOrganization", "@id": meta.department_id}
    site_settings = context.get("site_settings")
    if site_settings is not None:
        meta.publisher["name"] = site_settings.display_department_name
    meta.structured_data = _structured_data(meta, page, context)
    return meta


def _description(page, title: str) -> str:
    for name in DESCRIPTION_FIELDS if page is not None else ():
        text = plain_text(getattr(page, name, ""))
        if text:
            return Truncator(text).chars(DESCRIPTION_CHARS)
    return Truncator(f"{title}. {site_description()}" if title else site_description()).chars(
        DESCRIPTION_CHARS
    )


def _shared_image(page, root: str) -> SharedImage | None:
    """The page's picture, from renditions already loaded (none is fetched or made here)."""
    for name in IMAGE_FIELDS if page is not None else ():
        image = getattr(page, name, None)
        renditions = getattr(image, "prefetched_renditions", None)
        if not renditions:
            continue
        by_spec = {rendition.filter_spec: rendition for rendition in renditions}
        for spec in SHARE_SPECS:
            if spec in by_spec:
                rendition = by_spec[spec]
                url = rendition.url  # a path on local storage, a full URL on a remote one
                return SharedImage(
                    url=url if urlsplit(url).netloc else root + url,
                    width=rendition.width,
                    height=rendition.height,
                    alt=image.default_alt_text,
                )
    return None


def department(meta: Metadata, site_settings) -> dict:
    """The department that runs the site (the site settings' public contact)."""
    node = {
        "@context": SCHEMA,
        "@type": "GovernmentOrganization",
        "@id": meta.department_id,
        "name": site_settings.display_department_name,
        "url": site_settings.website or f"{meta.root}/",
    }
    if site_settings.display_address:
        node["address"] = meta.postal_address(site_settings.display_address)
    if site_settings.phone:
        node["telephone"] = site_settings.phone
    if site_settings.email:
        node["email"] = site_settings.email
    return node


def _structured_data(meta: Metadata, page, context) -> list[dict]:
    nodes = []
    home = _home_item()
    is_home = page is not None and page.depth <= 2
    if is_home:
        site_settings = context.get("site_settings")
        nodes.append(
            {
                "@context": SCHEMA,
                "@type": "WebSite",
                "name": meta.site_name,
                "url": meta.canonical,
                "inLanguage": meta.language,
                "description": meta.description,
                "publisher": {"@id": meta.department_id},
            }
        )
        if site_settings is not None:
            nodes.append(department(meta, site_settings))
    elif home is not None:
        if page is not None:
            trail = [{"title": item["title"], "url": item["url"]} for item in breadcrumbs(page)]
        else:
            trail = [home]
        trail.append({"title": meta.title, "url": meta.canonical})
        nodes.append(
            {
                "@context": SCHEMA,
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {
                        "@type": "ListItem",
                        "position": position,
                        "name": plain_text(item["title"]),
                        "item": meta.absolute(item["url"]),
                    }
                    for position, item in enumerate(trail, start=1)
                ],
            }
        )
    hook = getattr(page, "structured_data", None)
    if hook is not None:
        for node in hook(meta, context):
            nodes.append({"@context": SCHEMA, **node})
    return nodes


def _home_item() -> dict | None:
    """The home page of the active language (from the cached menu)."""
    items = menu_items(locale=active_locale())
    return {"title": items[0]["title"], "url": items[0]["url"]} if items else None
