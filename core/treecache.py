"""Caches of what the page tree looks like: routes, navigation, breadcrumbs, translations.

All entries carry the tree's version, and every change that can alter a URL or what is live
(publish, unpublish, move, slug change, delete, view restrictions, sites, locales) bumps it;
stale entries are then never read again and expire on their own. Public pages thus resolve
their route and chrome without touching the database, and always agree with it.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

_VERSION_KEY = "treecache:version"
_TIMEOUT = 60 * 60 * 6
_MISSING = object()


def tree_version() -> int:
    version = cache.get(_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(_VERSION_KEY, version, None)
    return version


def bump_tree_version(**kwargs) -> None:
    try:
        cache.incr(_VERSION_KEY)
    except ValueError:
        cache.set(_VERSION_KEY, 2, None)


def cached(key: str, build):
    """The value of *build()*, cached for the current tree version."""
    versioned = f"treecache:{tree_version()}:{key}"
    value = cache.get(versioned, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(versioned, value, _TIMEOUT)
    return value


for _signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
    _signal.connect(bump_tree_version, dispatch_uid=f"treecache-{id(_signal)}")


def _on_model_change(sender, instance, **kwargs):
    if isinstance(instance, Page | PageViewRestriction | Site | Locale):
        bump_tree_version()


post_save.connect(_on_model_change, dispatch_uid="treecache-save")
post_delete.connect(_on_model_change, dispatch_uid="treecache-delete")
