"""Writing the catalogue's indices: whole rebuilds behind an alias, and editors' updates.

Each kind of document (products here, companies in `companies.py`) is a `DocumentIndex`:
its alias, mappings and documents. Readers only ever use the alias (`engine.index_name()` for
products). A rebuild fills a new index `<alias>-<timestamp>`, refreshes it, and moves the
alias to it in one `update_aliases` call, so searches see the old generation until the
instant they see the complete new one; the old generation is deleted afterwards.
"""

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from itertools import batched
from uuid import UUID

from django.conf import settings

from search.catalogue.drift import DriftReport, compare, expected_documents
from search.catalogue.engine.client import (
    BULK_ERRORS,
    ENGINE_ERRORS,
    NOT_FOUND,
    as_dict,
    get_client,
    helpers,
    index_name,
)
from search.catalogue.engine.mapping import index_body
from search.catalogue.engine.query import indexed_source
from search.catalogue.source import batches, catalogue_source

logger = logging.getLogger(__name__)

BULK_CHUNK = 200
# Threads sending a rebuild's chunks (bulk_into).
SENDERS = 2
# Seconds an indexing request may take (searches keep settings.SEARCH_TIMEOUT).
INDEXING_TIMEOUT = 60.0


class IndexingError(RuntimeError):
    """The engine refused some documents (the first reason is in the message)."""


@dataclass(frozen=True)
class RebuildReport:
    index: str
    documents: int
    removed: list[str]


@dataclass(frozen=True)
class DocumentIndex:
    """One kind of the catalogue's documents in the engine (products, companies): the alias
    it is read and written through, how a generation is created, and what it holds. The
    rebuild, writes, drift and repair below are the same for every kind."""

    alias: Callable[[], str]
    # The `indices.create` body (settings and mappings) of a generation named so.
    body: Callable[[str], dict]
    keys: Callable[[], list[str]]
    documents: Callable[[Iterable[str]], dict[str, dict]]
    # Every document as a copy stores it (search.catalogue.drift).
    expected: Callable[[], dict[str, dict]]
    # What the engine is sent for a document (what it stores and returns is the document).
    sent: Callable[[dict], dict] = lambda document: document


# Looked up at each call: the source is named by a setting, and the mapping and what is sent
# are this module's names, which a test of a deploy that changed them stands in for.
PRODUCTS = DocumentIndex(
    alias=index_name,
    body=lambda name: index_body(name),
    keys=lambda: catalogue_source().keys(),
    documents=lambda keys: catalogue_source().documents(keys),
    expected=expected_documents,
    sent=lambda document: indexed_source(document),
)


def create_index(name: str) -> str:
    """Create the index *name* with the product index's settings and mappings."""
    _client().indices.create(index=name, body=PRODUCTS.body(name))
    return name


def bulk_index(documents: Iterable[dict], index: str, *, refresh: bool = False) -> int:
    """Index product *documents* into *index* (see `bulk_into`)."""
    return bulk_into(PRODUCTS, documents, index, refresh=refresh)


def bulk_into(
    kind: DocumentIndex,
    documents: Iterable[dict],
    index: str,
    *,
    refresh: bool = False,
    senders: int = 1,
) -> int:
    """Index *documents* (keyed by translation_key) into *index*; return how many were sent.

    The client's `helpers.bulk` sends them BULK_CHUNK at a time, so that a large catalogue
    never builds one huge request; a chunk with any rejected document raises, because a
    half-filled generation must not replace a full one. With one sender nothing after that
    chunk is sent. With more (a rebuild's new generation, thrown away on any error), up to
    that many chunks are sent by threads while this one builds the next documents, so the
    node indexes while Python works; the documents are still built here, in the caller's
    thread and database connection.
    """
    client = _client()
    actions = (
        {"_index": index, "_id": document["translation_key"], "_source": kind.sent(document)}
        for document in documents
    )
    bulk = partial(helpers(client).bulk, client, chunk_size=BULK_CHUNK)
    try:
        if senders < 2:
            count, _ = bulk(actions)
        else:
            count = 0
            with ThreadPoolExecutor(max_workers=senders) as pool:
                sending = deque()
                for chunk in batched(actions, BULK_CHUNK):
                    sending.append(pool.submit(bulk, chunk))
                    if len(sending) > senders:
                        count += sending.popleft().result()[0]
                while sending:
                    count += sending.popleft().result()[0]
    except BULK_ERRORS as error:
        # The helper lists the chunk's failed items keyed by their operation.
        raise IndexingError(_rejected([item["index"] for item in error.errors])) from error
    if refresh:
        client.indices.refresh(index=index)
    return count


def rebuild(progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Rebuild every product into a new index and swap the alias onto it atomically."""
    return rebuild_into(PRODUCTS, progress=progress)


def rebuild_into(
    kind: DocumentIndex, *, progress: Callable[[int, int], None] | None = None
) -> RebuildReport:
    """Rebuild every document of *kind* into a new index and swap its alias onto it atomically.

    Documents are built BATCH at a time; *progress* is called as `progress(done, total)`
    after each batch.
    """
    client = _client()
    alias = kind.alias()
    new_index = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    keys = kind.keys()

    def documents() -> Iterator[dict]:
        for done, batch in _batches(keys):
            yield from kind.documents(batch).values()
            if progress is not None:
                progress(done, len(keys))

    client.indices.create(index=new_index, body=kind.body(new_index))
    try:
        count = bulk_into(kind, documents(), new_index, refresh=True, senders=SENDERS)
        _merge_segments(new_index)
        old_indices = _indices_behind(alias)
        actions = [{"add": {"index": new_index, "alias": alias}}]
        if alias in old_indices:
            # A concrete index squats the alias's name (written before any rebuild):
            # remove it in the same call so the name is never without an index.
            actions.append({"remove_index": {"index": alias}})
            old_indices.remove(alias)
        actions += [{"remove": {"index": old, "alias": alias}} for old in old_indices]
        client.indices.update_aliases(body={"actions": actions})
    except BaseException:
        client.indices.delete(index=new_index)
        raise
    for old in old_indices:
        with suppress(NOT_FOUND):  # Another rebuild may have removed it first.
            client.indices.delete(index=old)
    logger.info("catalogue index %s: %d documents, removed %s", new_index, count, old_indices)
    return RebuildReport(index=new_index, documents=count, removed=sorted(old_indices))


def _merge_segments(index: str) -> None:
    """Merge a freshly built generation into one segment before readers see it.

    Bulk indexing leaves a few dozen segments behind, and a search visits every one: at
    100 000 products, merging (8 s) halved a search's time. A merge that outlasts the
    timeout goes on inside the engine and is no reason to throw the new generation away.
    """
    try:
        _client().indices.forcemerge(index=index, max_num_segments=1)
    except ENGINE_ERRORS:
        logger.warning("catalogue index %s: segment merge not confirmed", index, exc_info=True)


def index_product(translation_key: UUID | str, *, refresh: bool = False) -> bool:
    """Reindex one product through the alias; delete it when it has no public translation.

    Single writes happen while an editor saves a page, so they use the short search timeout:
    a stalled engine delays publishing by at most SEARCH_TIMEOUT (check_catalogue_index
    --repair catches up). Returns whether a document was written. `require_alias` stops a
    write before the first rebuild from auto-creating a concrete index with guessed mappings
    under the alias's name.
    """
    key = str(UUID(str(translation_key)))
    document = PRODUCTS.documents([key]).get(key)
    if document is None:
        delete_product(translation_key=translation_key, refresh=refresh)
        return False
    get_client().index(
        index=PRODUCTS.alias(),
        id=str(translation_key),
        body=PRODUCTS.sent(document),
        require_alias=True,
        refresh=refresh,
    )
    return True


def write_documents(keys: list[str], documents: dict[str, dict]) -> None:
    """Index product *documents* and delete the rest of *keys* (see `write_into`)."""
    write_into(PRODUCTS, keys, documents)


def write_into(kind: DocumentIndex, keys: list[str], documents: dict[str, dict]) -> None:
    """Index *documents* and delete the rest of *keys* through the alias, in one bulk request.

    What an editor's save triggers: it uses the short search timeout, like `index_product`.
    A delete of a document that was never indexed is not an error: its item says
    "not_found" with status 404 and no `error`, which is why the items are read here rather
    than left to the helper's `raise_on_error` (whose `ignore_status=404` would also pass
    over an index refused for want of the alias).
    """
    client = get_client()
    actions = [
        {"_id": key, "_source": kind.sent(documents[key])}
        if key in documents
        else {"_op_type": "delete", "_id": key}
        for key in keys
    ]
    results = helpers(client).streaming_bulk(
        client,
        actions,
        chunk_size=max(len(actions), 1),
        raise_on_error=False,
        index=kind.alias(),
        require_alias=True,
    )
    failures = [
        result for ok, item in results if not ok for result in item.values() if "error" in result
    ]
    if failures:
        raise IndexingError(_rejected(failures))


def _rejected(failures: list[dict]) -> str:
    """How many bulk items the engine rejected, and the first one's reason."""
    return f"{len(failures)} document(s) rejected: {failures[0]['error']}"


def delete_product(translation_key: UUID | str, *, refresh: bool = False) -> None:
    """Remove one product's document; a product that was never indexed is not an error."""
    with suppress(NOT_FOUND):
        get_client().delete(index=PRODUCTS.alias(), id=str(translation_key), refresh=refresh)


def _indices_behind(alias: str) -> list[str]:
    """The concrete indices *alias* names now (the alias itself if it is a concrete index)."""
    client = _client()
    if not client.indices.exists(index=alias):
        return []
    return sorted(as_dict(client.indices.get(index=alias)))


def _client():
    return get_client(timeout=max(INDEXING_TIMEOUT, float(settings.SEARCH_TIMEOUT)))


def _batches(keys: list) -> Iterator[tuple[int, tuple]]:
    """(keys done after this batch, batch) for BATCH keys at a time."""
    done = 0
    for batch in batches(keys):
        done += len(batch)
        yield done, batch


def indexed_documents() -> dict[str, dict]:
    """Every product document behind the alias, by translation key (see `indexed_in`)."""
    return indexed_in(PRODUCTS)


def indexed_in(kind: DocumentIndex) -> dict[str, dict]:
    """Every document behind *kind*'s alias, by translation key.

    Read with the client's `helpers.scan` (a scroll, in index order, cleared at the end), so
    what it returns does not depend on the order or the page size.
    """
    client = _client()
    hits = helpers(client).scan(
        client, index=kind.alias(), query={"query": {"match_all": {}}}, size=BULK_CHUNK
    )
    return {hit["_id"]: hit["_source"] for hit in hits}


def find_drift() -> tuple[DriftReport, dict[str, dict]]:
    """The product index against the pages (see `find_drift_in`)."""
    return find_drift_in(PRODUCTS)


def find_drift_in(kind: DocumentIndex) -> tuple[DriftReport, dict[str, dict]]:
    """Compare *kind*'s index with what the database says it should hold.

    Returns the report and the expected documents, so a repair need not build them twice.
    An alias that names no index (never rebuilt) is "outdated": only a rebuild makes it.
    """
    expected = kind.expected()
    try:
        outdated = outdated_in(kind)
    except NOT_FOUND:
        return compare(expected, {}, outdated=["alias"]), expected
    return compare(expected, indexed_in(kind), outdated=outdated), expected


def outdated_definitions() -> list[str]:
    """What of the live product index's definitions differs from the code's (`outdated_in`)."""
    return outdated_in(PRODUCTS)


def outdated_in(kind: DocumentIndex) -> list[str]:
    """What of the live index's mappings and analysis differs from `kind.body()`.

    A deploy that changes them (a new field, another analyzer) leaves the live generation as
    it was: searches then miss what the code expects, silently. Compared after normalising
    what the engine echoes differently from what it was sent (numbers as strings, a single
    `copy_to` as a list).
    """
    live = as_dict(_client().indices.get(index=kind.alias()))
    if len(live) != 1:
        return ["alias"]
    [definition] = live.values()
    wanted = kind.body(kind.alias())
    outdated = []
    wanted_analysis = wanted["settings"].get("analysis", {})
    if _normalised(definition["settings"]["index"].get("analysis", {})) != _normalised(
        wanted_analysis
    ):
        outdated.append("analysis")
    live_fields = definition["mappings"].get("properties", {})
    for name, mapping in wanted["mappings"]["properties"].items():
        if _normalised(live_fields.get(name)) != _normalised(mapping):
            outdated.append(name)
    outdated += sorted(set(live_fields) - set(wanted["mappings"]["properties"]))
    if _normalised(definition["mappings"].get("_source")) != _normalised(
        wanted["mappings"].get("_source")
    ):
        outdated.append("_source")
    return outdated


def _normalised(value):
    if isinstance(value, dict):
        return {
            key: _normalised([item] if key == "copy_to" and isinstance(item, str) else item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_normalised(item) for item in value]
    if isinstance(value, bool):
        return str(value).lower()
    return None if value is None else str(value)


def repair(report: DriftReport, expected: dict[str, dict]) -> None:
    """Rewrite (or delete) the product documents *report* names (see `repair_in`)."""
    repair_in(PRODUCTS, report, expected)


def repair_in(kind: DocumentIndex, report: DriftReport, expected: dict[str, dict]) -> None:
    """Rewrite the missing and stale documents of *kind* through its alias, delete the extra
    ones, then refresh."""
    bulk_into(kind, [expected[key] for key in report.missing + report.stale], kind.alias())
    for key in report.extra:
        with suppress(NOT_FOUND):  # Already gone: not an error.
            get_client().delete(index=kind.alias(), id=key)
    _client().indices.refresh(index=kind.alias())
