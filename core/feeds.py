"""RSS 2.0 and Atom 1.0 feeds of the site's listings, through Django's syndication framework.

A listing (news, events, a catalogue search) describes itself as a `FeedContent`; the same
content is written in either format. Every address in a feed is absolute, on the host of the
Wagtail `Site` (core.sitemaps.site_root_url), as in the sitemap: a feed is read far from the
request that made it, so the request's own `Host` would be the wrong thing to trust.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from core.sitemaps import site_root_url

FEED_ITEMS = 20
FEED_KINDS = ("rss", "atom")
CONTENT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


@dataclass(frozen=True)
class FeedItem:
    title: str
    url: str  # absolute
    description: str
    published: datetime.datetime | None = None
    updated: datetime.datetime | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedContent:
    title: str
    url: str  # the listing's page, absolute
    feed_url: str  # the feed itself, absolute
    description: str
    items: list[FeedItem] = field(default_factory=list)


def day_start(day: datetime.date) -> datetime.datetime:
    """The first moment of *day* where the site is (Hà Nội), for an item dated by day."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def absolute(request, url: str) -> str:
    """*url* (a path, or absolute already) on the Wagtail site's host."""
    if url.startswith(("http://", "https://")):
        return url
    return site_root_url(request) + url


class ListingFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *, content: FeedContent):
        return content

    def title(self, content):
        return content.title

    def link(self, content):
        return content.url

    def feed_url(self, content):
        return content.feed_url

    def description(self, content):
        return content.description

    def subtitle(self, content):
        return content.description

    def items(self, content):
        return content.items

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.url

    def item_description(self, item):
        return item.description

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated or item.published

    def item_categories(self, item):
        return item.categories


class AtomListingFeed(ListingFeed):
    feed_type = Atom1Feed


_FEEDS = {"rss": ListingFeed(), "atom": AtomListingFeed()}


def feed_response(request, *, kind: str, content: FeedContent):
    """The feed of *content* in format *kind* ("rss" or "atom")."""
    return _FEEDS[kind](request, content=content)


def feed_links(url: str, *, query: str = "") -> list[dict]:
    """`<link rel="alternate">` targets of a listing at *url*: one per format."""
    suffix = f"?{query}" if query else ""
    return [
        {"kind": kind, "type": CONTENT_TYPES[kind], "url": f"{url}{kind}/{suffix}"}
        for kind in FEED_KINDS
    ]
