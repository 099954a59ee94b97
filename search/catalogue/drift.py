"""What the catalogue's search data should hold, and how far a path's copy has drifted.

Both paths keep a copy of the same documents (`catalogue_source().documents`): the database
path in `CatalogueEntry.document`, the engine in its index. A change whose after-commit update
was lost (a process killed, the engine down) leaves a copy behind; `check_catalogue_index`
compares each copy with the documents built afresh and `--repair` rewrites the difference.
"""

import json
from dataclasses import dataclass, field

from search.catalogue.source import batches, catalogue_source


@dataclass
class DriftReport:
    missing: list[str]
    stale: list[str]
    extra: list[str]
    # What the live generation maps or analyses differently from the code ("analysis" or a
    # field name): only a rebuild changes that (engine path only).
    outdated: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.missing or self.stale or self.extra or self.outdated)

    @property
    def keys(self) -> list[str]:
        """The products whose copy must be rewritten or removed."""
        return self.missing + self.stale + self.extra


def expected_documents() -> dict[str, dict]:
    """Every product's document as a copy stores it (through JSON: dates, tuples), by key."""
    source = catalogue_source()
    expected = {}
    for batch in batches(source.keys()):
        documents = source.documents(batch)
        for key in batch:
            if key in documents:
                expected[key] = json.loads(json.dumps(documents[key], default=str))
    return expected


def compare(expected: dict[str, dict], stored: dict[str, dict], **extra) -> DriftReport:
    return DriftReport(
        missing=sorted(set(expected) - set(stored)),
        stale=sorted(key for key in set(expected) & set(stored) if expected[key] != stored[key]),
        extra=sorted(set(stored) - set(expected)),
        **extra,
    )


def expected_company_documents() -> dict[str, dict]:
    """Every company's document as a copy stores it, by key (companies as results)."""
    source = catalogue_source()
    expected = {}
    for batch in batches(source.company_keys()):
        for key, document in source.company_documents(batch).items():
            expected[key] = json.loads(json.dumps(document, default=str))
    return expected
