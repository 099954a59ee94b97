"""The one place that knows which client talks to the search server.

OpenSearch answers only opensearch-py (elasticsearch-py refuses a server without the
`X-Elastic-Product` header), Elasticsearch answers elasticsearch-py. Request bodies are built
with `elasticsearch.dsl` for both, and the calls this package makes are the subset both
clients accept with the same keywords: `search(index=, body=, request_cache=)`,
`index(index=, id=, body=)`, `delete(index=, id=)`,
`indices.create(index=, body=)`, `indices.update_aliases(body=)`, `indices.get_alias(name=)`,
`indices.get(index=)`, `indices.exists(index=)`, `indices.refresh(index=)`,
`indices.forcemerge(index=, max_num_segments=)`, `indices.delete(index=)`,
`indices.analyze(index=, body=)`; bulk requests and scrolls go through the libraries' own
helpers (below).

Differences the callers must mind, and that this module smooths over:

- opensearch-py returns plain dicts; elasticsearch-py returns `ObjectApiResponse` objects
  (read them like mappings, or take `.body`): `as_dict()` gives a dict for either.
- Their exception classes differ: catch `NOT_FOUND` (both clients' "404" class) or
  `ENGINE_ERRORS` (both clients' base error) rather than one library's class.
- opensearch-py takes `timeout=`, elasticsearch-py `request_timeout=`; both retry by default,
  which we turn off so a slow engine fails fast instead of multiplying the wait.
- Each library has its own `helpers` (`bulk`, `streaming_bulk`, `scan`, `BulkIndexError`),
  each working only with its own client: `helpers(client)` picks the matching module.
"""

from functools import lru_cache
from types import ModuleType
from typing import Any

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

NOT_FOUND = (opensearchpy.NotFoundError, elasticsearch.NotFoundError)
ENGINE_ERRORS = (
    opensearchpy.OpenSearchException,
    elasticsearch.ApiError,
    elasticsearch.TransportError,
)
# `helpers.bulk` raises it for a chunk with rejected documents (elasticsearch-py's is no
# ApiError, so ENGINE_ERRORS does not catch it).
BULK_ERRORS = (opensearchpy.helpers.BulkIndexError, elasticsearch.helpers.BulkIndexError)


def index_name() -> str:
    """The alias every read and single-product write goes through; rebuilds move it."""
    return f"{settings.SEARCH_INDEX_PREFIX}catalogue"


# Connections a client keeps open: one per thread that may search at once (gunicorn's
# threads, config/gunicorn.py) or send a rebuild's chunks (indexing.SENDERS). opensearch-py
# keeps one by default, so every concurrent request beyond it opened and then dropped a new
# connection; elasticsearch-py keeps ten.
CONNECTIONS = 10


def get_client(*, timeout: float | None = None):
    """The client for `settings.SEARCH_URL`, shared per (URL, engine, timeout).

    Searches use `settings.SEARCH_TIMEOUT`, short so that a visitor never waits long;
    indexing passes a longer *timeout*, as a bulk request of a few hundred documents can
    legitimately take seconds on a small node.
    """
    if not settings.SEARCH_URL:
        raise ImproperlyConfigured("SEARCH_URL is not set: the catalogue has no engine.")
    seconds = float(settings.SEARCH_TIMEOUT if timeout is None else timeout)
    return _client(settings.SEARCH_URL, settings.SEARCH_ENGINE, seconds)


@lru_cache(maxsize=4)
def _client(url: str, engine: str, timeout: float):
    # Cached because a client owns a connection pool; keyed by settings so tests that
    # override them get a client of their own.
    if engine.startswith("opensearch"):
        return opensearchpy.OpenSearch(
            hosts=[url],
            timeout=timeout,
            max_retries=0,
            retry_on_timeout=False,
            pool_maxsize=CONNECTIONS,
        )
    if engine.startswith("elasticsearch"):
        return elasticsearch.Elasticsearch(
            url,
            request_timeout=timeout,
            max_retries=0,
            retry_on_timeout=False,
            connections_per_node=CONNECTIONS,
        )
    raise ImproperlyConfigured(f"Unknown SEARCH_ENGINE {engine!r}.")


def as_dict(response: Any) -> dict:
    """A response as a plain dict, whichever client returned it."""
    return getattr(response, "body", response)


def helpers(client) -> ModuleType:
    """The `helpers` module of *client*'s library (`opensearchpy.helpers` or
    `elasticsearch.helpers`): the same `bulk`, `streaming_bulk` and `scan`, called with the
    same keywords, but each serialises and sends requests through its own client only."""
    if isinstance(client, opensearchpy.OpenSearch):
        return opensearchpy.helpers
    return elasticsearch.helpers
