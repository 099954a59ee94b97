"""Writing the catalogue index: whole rebuilds behind an alias, and single-product updates.

Readers only ever use the alias (`engine.index_name()`). A rebuild fills a new index
`<alias>-<timestamp>`, refreshes it, and moves the alias to it in one `update_aliases` call,
so searches see the old generation until the instant they see the complete new one; the old
generation is deleted afterwards.
"""

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
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
# Seconds an indexing request may take (searches keep settings.SEARCH_TIMEOUT).
INDEXING_TIMEOUT = 60.0


class IndexingError(RuntimeError):
    """The engine refused some documents (the first reason is in the message)."""


@dataclass(frozen=True)
class RebuildReport:
    index: str
    documents: int
    removed: list[str]


def create_index(name: str) -> str:
    """Create the index *name* with the catalogue's settings and mappings."""
    _client().indices.create(index=name, body=index_body(name))
    return name


def bulk_index(documents: Iterable[dict], index: str, *, refresh: bool = False) -> int:
    """Index *documents* (keyed by translation_key) into *index*; return how many were sent.

    The client's `helpers.bulk` sends them BULK_CHUNK at a time, so that a large catalogue
    never builds one huge request; a chunk with any rejected document raises, and nothing
    after it is sent, because a half-filled generation must not replace a full one.
    """
    client = _client()
    actions = (
        {"_index": index, "_id": document["translation_key"], "_source": indexed_source(document)}
        for document in documents
    )
    try:
        count, _ = helpers(client).bulk(client, actions, chunk_size=BULK_CHUNK)
    except BULK_ERRORS as error:
        # The helper lists the chunk's failed items keyed by their operation.
        raise IndexingError(_rejected([item["index"] for item in error.errors])) from error
    if refresh:
        client.indices.refresh(index=index)
    return count


def rebuild(progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Rebuild the whole catalogue into a new index and swap the alias onto it atomically.

    Documents are built BATCH products at a time; *progress* is called as
    `progress(done, total)` after each batch.
    """
    client = _client()
    alias = index_name()
    new_index = f"{alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
    source = catalogue_source()
    keys = source.keys()

    def documents() -> Iterator[dict]:
        for done, batch in _batches(keys):
            yield from source.documents(batch).values()
            if progress is not None:
                progress(done, len(keys))

    create_index(name=new_index)
    try:
        count = bulk_index(documents=documents(), index=new_index, refresh=True)
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
    document = catalogue_source().documents([key]).get(key)
    if document is None:
        delete_product(translation_key=translation_key, refresh=refresh)
        return False
    get_client().index(
        index=index_name(),
        id=str(translation_key),
        body=indexed_source(document),
        require_alias=True,
        refresh=refresh,
    )
    return True


def write_documents(keys: list[str], documents: dict[str, dict]) -> None:
    """Index *documents* and delete the rest of *keys* through the alias, in one bulk request.

    What an editor's save triggers: it uses the short search timeout, like `index_product`.
    A delete of a document that was never indexed is not an error: its item says
    "not_found" with status 404 and no `error`, which is why the items are read here rather
    than left to the helper's `raise_on_error` (whose `ignore_status=404` would also pass
    over an index refused for want of the alias).
    """
    client = get_client()
    actions = [
        {"_id": key, "_source": indexed_source(documents[key])}
        if key in documents
        else {"_op_type": "delete", "_id": key}
        for key in keys
    ]
    results = helpers(client).streaming_bulk(
        client,
        actions,
        chunk_size=max(len(actions), 1),
        raise_on_error=False,
        index=index_name(),
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
        get_client().delete(index=index_name(), id=str(translation_key), refresh=refresh)


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
    """Every document behind the alias, by translation key.

    Read with the client's `helpers.scan` (a scroll, in index order, cleared at the end), so
    what it returns does not depend on the order or the page size.
    """
    client = _client()
    hits = helpers(client).scan(
        client, index=index_name(), query={"query": {"match_all": {}}}, size=BULK_CHUNK
    )
    return {hit["_id"]: hit["_source"] for hit in hits}


def find_drift() -> tuple[DriftReport, dict[str, dict]]:
    """Compare the index with what the database says it should hold.

    Returns the report and the expected documents, so a repair need not build them twice.
    """
    expected = expected_documents()
    report = compare(expected, indexed_documents(), outdated=outdated_definitions())
    return report, expected


def outdated_definitions() -> list[str]:
    """What of the live index's mappings and analysis differs from `mapping.index_body()`.

    A deploy that changes them (a new field, another analyzer) leaves the live generation as
    it was: searches then miss what the code expects, silently. Compared after normalising
    what the engine echoes differently from what it was sent (numbers as strings, a single
    `copy_to` as a list).
    """
    live = as_dict(_client().indices.get(index=index_name()))
    if len(live) != 1:
        return ["alias"]
    [definition] = live.values()
    wanted = index_body(index_name())
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
    bulk_index(
        [expected[key] for key in report.missing + report.stale], index_name(), refresh=False
    )
    for key in report.extra:
        delete_product(key)
    _client().indices.refresh(index=index_name())
