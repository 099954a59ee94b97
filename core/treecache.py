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

Within one request the shared version is read once and remembered (`_request_scope`, opened
and closed by Django's request signals): a page asks the tree cache a dozen or more times, and
each read of the shared file cache is a file open and an unpickle. A request thus renders all
of itself under the version it started with, even if another process publishes meanwhile
(its next request sees the new one); a change this request makes itself forgets the
remembered version at once.
"""

import uuid
from contextvars import ContextVar

from django.core.cache import caches
from django.db import transaction
from wagtail.models import Locale, Page, PageViewRestriction, Site

from core.dates import today

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
# The version read in the current request ({} until read; None outside requests, where
# management commands and workers may run for hours and must see every change).
_request_scope: ContextVar[dict | None] = ContextVar("treecache_request_scope", default=None)


def _new_version() -> str:
    # A fresh value rather than an increment: two processes bumping at once (get + set on a
    # file cache) still both change it, and it never repeats one an old entry was built under.
    return uuid.uuid4().hex[:16]


def tree_version() -> str:
    local = _transaction_version(transaction.get_connection())
    if local is not None:
        return local
    scope = _request_scope.get()
    if scope:
        return scope["version"]
    version = shared_version(_VERSION_KEY)
    if scope is not None:
        scope["version"] = version
    return version


def shared_version(key: str) -> str:
    """The version every process reads under *key* in the shared cache (made on first use);
    replace_shared_version makes every entry keyed by the old one unreachable."""
    shared = caches["default"]
    version = shared.get(key)
    if version is None:
        # add, then read again: of two processes starting at once, both keep the first's.
        shared.add(key, _new_version(), None)
        version = shared.get(key)
    return version


def replace_shared_version(key: str) -> None:
    caches["default"].set(key, _new_version(), None)


def open_request_scope(**kwargs) -> None:
    """Receiver of `request_started`: remember the version for this request (see above)."""
    _request_scope.set({})


def close_request_scope(**kwargs) -> None:
    """Receiver of `request_finished`."""
    _request_scope.set(None)


def _forget_request_version() -> None:
    scope = _request_scope.get()
    if scope:
        scope.clear()


def bump_tree_version(**kwargs) -> None:
    """Replace the version (also the receiver of every signal that changes the tree).

    Inside a transaction, only this connection sees the change until it commits: it gets a
    version of its own, and the shared one is replaced once, at commit. Other processes keep
    the old version meanwhile, rightly, since they still read the old tree; an import that
    publishes a thousand pages in one transaction writes the shared key once, not a thousand
    times. Every call registers its callback, so one dropped with a rolled-back savepoint
    leaves the others; the first to run does the work.
    """
    _forget_request_version()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        replace_shared_version(_VERSION_KEY)
        return
    # Tied to the outermost block: after a rollback, the next transaction ignores it.
    setattr(connection, _PENDING, (connection.atomic_blocks[0], _new_version()))

    def after_commit():
        if getattr(connection, _PENDING, None) is not None:
            setattr(connection, _PENDING, None)
            replace_shared_version(_VERSION_KEY)
            _forget_request_version()

    transaction.on_commit(after_commit)


def _transaction_version(connection) -> str | None:
    pending = getattr(connection, _PENDING, None)
    if pending is None or not connection.in_atomic_block:
        return None
    block, version = pending
    return version if connection.atomic_blocks[0] is block else None


def cached(key: str, build, *, cache: str = "local"):
    """The value of *build()*, cached for the current tree version (in the process's memory:
    "local" unless *cache* names another alias of the same kind)."""
    local = caches[cache]
    versioned = f"treecache:{tree_version()}:{key}"
    value = local.get(versioned, _MISSING)
    if value is _MISSING:
        value = build()
        local.set(versioned, value, _TIMEOUT)
    return value


def fragment_version() -> str:
    """What a template fragment built from the tree must vary on (Django's `{% cache %}`
    with `using="loaded-pages"`, the bounded cache of pages' parts): the tree's version, and
    Hà Nội's date, since a fragment may say whether a recognition is still valid or an event
    still upcoming, which changes at midnight without any publish."""
    return f"{tree_version()}:{today().isoformat()}"
