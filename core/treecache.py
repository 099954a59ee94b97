"""Caches of what the page tree looks like: routes, navigation, breadcrumbs, translations.

All entries carry the tree's version, and every change that can alter a URL or what is live
(publish, unpublish, move, slug change, delete, view restrictions, sites, locales) replaces it,
and so does any change to what a page shows without being one (snippets, images, documents,
site settings: core.pagecache, whose kept pages carry the version too); stale entries are then
never read again and expire on their own. Public pages thus resolve their route and chrome
without touching the database, and always agree with it.

The version lives in the shared cache ("default": every web worker, `publish_scheduled` and
the admin see one value), the entries in each process's memory ("local"), so a request reads
one small shared key per lookup and the rest from memory, and a page published by the
scheduler in another process is served by every worker at once.
"""

import uuid

from django.core.cache import caches
from django.db import transaction
from wagtail.models import Locale, Page, PageViewRestriction, Site

# What the tree is made of: core.signals connects bump_tree_version to the saving and deletion
# of every one of these models (pages of every type), and to Wagtail's publish, unpublish, move
# and slug-change signals of every page type.
TREE_MODELS = (Page, PageViewRestriction, Site, Locale)

_VERSION_KEY = "treecache:version"
_TIMEOUT = 60 * 60 * 6
_MISSING = object()
# On a database connection whose open transaction changed the tree: (its outermost atomic
# block, the version this connection reads until the commit).
_PENDING = "_treecache_transaction_version"


def _new_version() -> str:
    # A fresh value rather than an increment: two processes bumping at once (get + set on a
    # file cache) still both change it, and it never repeats one an old entry was built under.
    return uuid.uuid4().hex[:16]


def tree_version() -> str:
    local = _transaction_version(transaction.get_connection())
    if local is not None:
        return local
    shared = caches["default"]
    version = shared.get(_VERSION_KEY)
    if version is None:
        shared.add(_VERSION_KEY, _new_version(), None)
        version = shared.get(_VERSION_KEY)
    return version


def bump_tree_version(**kwargs) -> None:
    """Replace the version (also the receiver of every signal that changes the tree).

    Inside a transaction, only this connection sees the change until it commits: it gets a
    version of its own, and the shared one is replaced once, at commit. Other processes keep
    the old version meanwhile, rightly, since they still read the old tree; an import that
    publishes a thousand pages in one transaction writes the shared key once, not a thousand
    times. Every call registers its callback, so one dropped with a rolled-back savepoint
    leaves the others; the first to run does the work.
    """
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        caches["default"].set(_VERSION_KEY, _new_version(), None)
        return
    # Tied to the outermost block: after a rollback, the next transaction ignores it.
    setattr(connection, _PENDING, (connection.atomic_blocks[0], _new_version()))

    def after_commit():
        if getattr(connection, _PENDING, None) is not None:
            setattr(connection, _PENDING, None)
            caches["default"].set(_VERSION_KEY, _new_version(), None)

    transaction.on_commit(after_commit)


def _transaction_version(connection) -> str | None:
    pending = getattr(connection, _PENDING, None)
    if pending is None or not connection.in_atomic_block:
        return None
    block, version = pending
    return version if connection.atomic_blocks[0] is block else None


def cached(key: str, build):
    """The value of *build()*, cached for the current tree version."""
    local = caches["local"]
    versioned = f"treecache:{tree_version()}:{key}"
    value = local.get(versioned, _MISSING)
    if value is _MISSING:
        value = build()
        local.set(versioned, value, _TIMEOUT)
    return value
