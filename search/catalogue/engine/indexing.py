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
from itertools import islice
from uuid import UUID

from django.conf import settings

from search.catalogue.drift import DriftReport, compare, expected_documents
from search.catalogue.engine.client import ENGINE_ERRORS, NOT_FOUND, as_dict, get_client, index_name
from search.catalogue.engine.mapping import index_body
from search.catalogue.engine.query import indexed_source
from search.catalogue.source import BATCH, catalogue_source

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

    Sent in chunks so that a large catalogue never builds one huge request; a chunk with any
    rejected document raises, because a half-filled generation must not replace a full one.
    """
    client = _client()
    count = 0
    for chunk in _chunks(documents, BULK_CHUNK):
        body = []
        for document in chunk:
            body += [
                {"index": {"_index": index, "_id": document["translation_key"]}},
                indexed_source(document),
            ]
        response = as_dict(client.bulk(body=body))
        if response.get("errors"):
            failures = [
                item["index"]["error"] for item in response["items"] if "error" in item["index"]
            ]
            raise IndexingError(f"{len(failures)} document(s) rejected: {failures[0]}")
        count += len(chunk)
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
    A delete of a document that was never indexed is not an error.
    """
    body = []
    for key in keys:
        if key in documents:
            body += [{"index": {"_id": key}}, indexed_source(documents[key])]
        else:
            body.append({"delete": {"_id": key}})
    if not body:
        return
    response = as_dict(get_client().bulk(index=index_name(), body=body, require_alias=True))
    failures = [
        result["error"]
        for item in response["items"]
        for result in item.values()
        if "error" in result
    ]
    if failures:
        raise IndexingError(f"{len(failures)} document(s) rejected: {failures[0]}")


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


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _batches(keys: list) -> Iterator[tuple[int, list]]:
    """(keys done after this batch, batch) for BATCH keys at a time."""
    done = 0
    for batch in _chunks(keys, BATCH):
        done += len(batch)
        yield done, batch


def indexed_documents() -> dict[str, dict]:
    """Every document behind the alias, by translation key (paged with search_after)."""
    client = _client()
    found, after = {}, None
    while True:
        body = {
            "query": {"match_all": {}},
            "size": BULK_CHUNK,
            "sort": [{"translation_key": "asc"}],
        }
        if after is not None:
            body["search_after"] = after
        hits = as_dict(client.search(index=index_name(), body=body))["hits"]["hits"]
        if not hits:
            return found
        for hit in hits:
            found[hit["_id"]] = hit["_source"]
        after = hits[-1]["sort"]


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
