"""core.rows.insert_rows writes what the ORM would have written, on SQLite (executemany) and
on PostgreSQL (COPY, whose text format has its own escapes for tabs, newlines and
backslashes)."""

import datetime
import uuid

import pytest

from core.rows import insert_rows
from search.models import CatalogueCompanyEntry, CatalogueEntry, CatalogueFacetValue

pytestmark = pytest.mark.django_db

# Characters COPY's text format treats specially, beside Vietnamese text and quotes.
AWKWARD = 'Đèn\tLED "Rạng Đông"\nline\\N \\. back\\slash \r end'


def test_rows_come_back_as_written_whatever_their_characters():
    entry = CatalogueEntry.objects.create(translation_key=uuid.uuid4())
    rows = [
        (entry.pk, "sector", "den-led", AWKWARD, "", 3),
        (entry.pk, "market", "\\N", "", AWKWARD, 0),
    ]

    written = insert_rows(
        CatalogueFacetValue,
        ("entry", "group", "value", "label_vi", "label_en", "sort_order"),
        rows,
    )

    assert written == 2
    assert sorted(
        CatalogueFacetValue.objects.values_list(
            "entry", "group", "value", "label_vi", "label_en", "sort_order"
        )
    ) == sorted(rows)


def test_uuids_json_dates_and_nulls_are_stored_in_the_database_s_own_form():
    key = uuid.uuid4()
    updated = datetime.datetime(2026, 12, 8, 1, 2, 3, tzinfo=datetime.UTC)
    document = {"title": AWKWARD, "years": [2018, 2021], "top10": None}
    entry = CatalogueCompanyEntry(
        translation_key=key, title_vi=AWKWARD, document=document, updated_at=updated
    )
    fields = [f for f in CatalogueCompanyEntry._meta.concrete_fields if f.name != "id"]

    insert_rows(
        CatalogueCompanyEntry,
        tuple(f.name for f in fields),
        [tuple(getattr(entry, f.attname) for f in fields)],
    )

    stored = CatalogueCompanyEntry.objects.get(translation_key=key)
    assert (stored.title_vi, stored.latest_year, stored.document, stored.updated_at) == (
        AWKWARD,
        None,
        document,
        updated,
    )
    # Found by the key as the ORM writes it (SQLite keeps UUIDs without dashes).
    assert CatalogueCompanyEntry.objects.filter(translation_key=str(key)).count() == 1
