"""What a search engine is told about the site: the sitemap, and the address it lives at.

Addresses are absolute, on the host of the Wagtail `Site` that answers the request (its
hostname, and its port unless 80 or 443), with the scheme of the request: behind the
production proxy that is `https` (`SECURE_PROXY_SSL_HEADER`). Wagtail's own `get_full_url`
takes the scheme from the `Site`'s port instead, which gives `http://` to a site whose proxy
ends TLS in front of port 80.

Every page is listed once per language it is published in; each `<url>` names its
translations (`hreflang`) and the Vietnamese page as `x-default`. Pages that are not live
(drafts, scheduled), expired, behind a view restriction (on them or a section above) or whose
`get_sitemap_urls` returns nothing (products of a private company) are left out. The queries
are the same few however many pages there are: the pages, their specific rows (one query per
page type), the locales and the cached site roots and private-page ids.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page, Site

from core.pages import public

_DEFAULT_PORTS = (80, 443)


def site_root_url(request) -> str:
    """`scheme://host[:port]` of the Wagtail site answering *request*, as crawlers see it."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    host = site.hostname if site.port in _DEFAULT_PORTS else f"{site.hostname}:{site.port}"
    return f"{request.scheme}://{host}"


class PageSitemap(Sitemap):
    """Every public page in every language, with its translations as alternates."""

    # The protocol allows 50 000 URLs per sitemap; each item is a group of translations.
    limit = 50_000 // len(settings.LANGUAGES)

    def items(self):
        """Groups of translations (lists of specific pages, in tree order)."""
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_sites = Q()
        for root in roots.only("path"):
            in_sites |= Q(path__startswith=root.path)
        now = timezone.now()
        pages = (
            public(Page.objects.filter(in_sites).live())
            .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        groups: dict = {}
        for page in pages:
            groups.setdefault(page.translation_key, []).append(page)
        return list(groups.values())

    def _urls(self, page, protocol, domain):
        root = urlsplit(site_root_url(self.request))
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        urls = []
        for group in self.paginator.page(page).object_list:
            listed = []  # (language, url_info) of each page that lists itself
            for item in group:
                for info in item.get_sitemap_urls(self.request):
                    if not info.get("location"):
                        continue  # a page no site routes to
                    parts = urlsplit(info["location"])
                    info["location"] = urlunsplit((root.scheme, root.netloc, *parts[2:]))
                    listed.append((languages[item.locale_id], info))
            alternates = _alternates(listed)
            for _language, info in listed:
                info["alternates"] = alternates
                urls.append(info)
        last_mods = [info.get("lastmod") for info in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _alternates(listed) -> list[dict]:
    """hreflang links for one group: each language's first URL, and Vietnamese as x-default."""
    by_language = {}
    for language, info in listed:
        by_language.setdefault(language, info["location"])
    alternates = [
        {"lang_code": language, "location": location} for language, location in by_language.items()
    ]
    if settings.LANGUAGE_CODE in by_language:
        alternates.append(
            {"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]}
        )
    return alternates
