"""Wagtail's search index, written once per object at the end of a bulk change.

Wagtail (modelsearch) indexes an object on every save. Creating and publishing a page in two
languages saves it about eight times, and the database backend recomputes its title norms over
the whole table on each of them, so an import of N pages cost O(N²). Inside
`deferred_search_index()` the saves only note which objects changed; on leaving it each is
indexed once, in bulk per model. Outside it, every save indexes as Wagtail does.

The switch is a context variable, so a deferring import never delays the indexing of a save
made by another request or thread at the same time.
"""

import logging
import threading
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_save
from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler

logger = logging.getLogger(__name__)

BULK_SIZE = 500

_pending: ContextVar[dict | None] = ContextVar("deferred_search_index", default=None)
_install_lock = threading.Lock()
_installed = False


def _post_save(sender, instance, raw=False, **kwargs):
    pending = _pending.get()
    if pending is None or raw:
        post_save_signal_handler(instance, raw=raw, **kwargs)
    else:
        pending[type(instance)].add(instance.pk)


def _install() -> None:
    """Put `_post_save` in the place of modelsearch's receiver (once; it then stays)."""
    global _installed
    with _install_lock:
        if _installed:
            return
        for model in index.get_indexed_models():
            if post_save.disconnect(post_save_signal_handler, sender=model):
                post_save.connect(_post_save, sender=model, weak=False)
        _installed = True


@contextmanager
def deferred_search_index():
    """Index each object saved inside the block once, when the block ends without error."""
    if _pending.get() is not None:  # already deferring: the outer block indexes
        yield
        return
    _install()
    pending = defaultdict(set)
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    index_objects(pending)


def index_objects(pending: dict[type, set]) -> None:
    """Index the objects of each model in *pending* ({model: primary keys}), in bulk."""
    backends = list(get_search_backends_with_name(with_auto_update=True))
    for model, pks in pending.items():
        # The model's indexed queryset, as Wagtail's own indexing uses it: objects it leaves
        # out (say, a page type that is not searchable) stay out.
        queryset = model.get_indexed_objects().filter(pk__in=pks).order_by("pk")
        by_type = defaultdict(list)
        for obj in queryset.iterator(chunk_size=BULK_SIZE):
            if (indexed := obj.get_indexed_instance()) is not None:
                by_type[type(indexed)].append(indexed)
        for indexed_model, objects in by_type.items():
            for start in range(0, len(objects), BULK_SIZE):
                _add(backends, indexed_model, objects[start : start + BULK_SIZE])


def _add(backends, model, objects) -> None:
    for name, backend in backends:
        try:
            backend.add_bulk(model, objects)
        except Exception:
            # As Wagtail does: an external engine that is down loses the update (update_index
            # repairs it); a database backend's error must abort the transaction.
            logger.exception("Bulk indexing %s into '%s' failed", model.__name__, name)
            if not backend.catch_indexing_errors:
                raise
