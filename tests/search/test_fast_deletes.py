"""Rewriting the catalogue's search data deletes the old facet and name-word rows in one DELETE.

Django's QuerySet.delete() takes its fast path, one DELETE, only for a model without delete
signals to send; a receiver connected for every sender (as the tree cache's and the catalogue
sync's once were) makes it SELECT every row first, a cost that grows with the catalogue.
Receivers are connected with explicit senders (each app's signals.connect()), and these tests
fail as soon as one catches these tables again.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.documents import product_documents
from products.models import ProductCertification
from search.catalogue.database.query import write_entries
from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord

pytestmark = pytest.mark.django_db

TABLES = {
    "facet values": CatalogueFacetValue._meta.db_table,
    "name words": CatalogueNameWord._meta.db_table,
}


def statements(queries, table: str) -> list[str]:
    """The first word (SELECT, DELETE, INSERT...) of each statement that reads or writes *table*."""
    return [
        query["sql"].split(None, 1)[0].upper() for query in queries if f'"{table}"' in query["sql"]
    ]


@pytest.fixture
def keys(facet_catalogue):
    keys = [str(product.translation_key) for product in facet_catalogue]
    write_entries(keys, product_documents(keys))
    return keys


def test_rewriting_entries_replaces_their_rows_with_one_delete_per_table(keys, facet_catalogue):
    pipe = facet_catalogue[2]  # "Ống thép": ISO 9001 and TCVN
    ProductCertification.objects.filter(page=pipe, certification__slug="iso-9001").delete()
    documents = product_documents(keys)

    with CaptureQueriesContext(connection) as captured:
        assert write_entries(keys, documents) == len(keys)

    for name, table in TABLES.items():
        written = statements(captured.captured_queries, table)
        assert written.count("DELETE") == 1, (name, written)
        assert "SELECT" not in written, (name, written)
    certifications = CatalogueFacetValue.objects.filter(
        entry__translation_key=pipe.translation_key, group="certification"
    ).values_list("value", flat=True)
    assert list(certifications) == ["hop-chuan-tcvn"]
    assert CatalogueNameWord.objects.filter(entry__translation_key=pipe.translation_key).exists()


def test_deleting_an_entry_deletes_its_facet_rows_in_one_delete(keys):
    with CaptureQueriesContext(connection) as captured:
        assert write_entries(keys[:1], {}) == 0

    written = statements(captured.captured_queries, TABLES["facet values"])
    assert written == ["DELETE"]
    assert not CatalogueEntry.objects.filter(translation_key=keys[0]).exists()
    assert not CatalogueFacetValue.objects.filter(entry__translation_key=keys[0]).exists()
