"""`manage.py rebuild_catalogue_index` prepares the database entries in worker processes.

The workers open their own connections, so this runs where other processes can open the test
database: on PostgreSQL (tests/conftest.py, DATABASE_AGNOSTIC), outside any transaction.
"""

import io
from concurrent.futures import ProcessPoolExecutor

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils.module_loading import import_string

from products.factories import SectorFactory
from search.catalogue import source
from search.catalogue.contract import CatalogueQuery
from search.catalogue.database import companies, query
from search.catalogue.database.query import rebuild_entries, search_database
from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord
from tests.content import make_company, make_product

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLES = ["Đèn LED", "Cáp điện", "Máy biến áp", "Ống thép", "Khuôn mẫu", "Bình nóng lạnh"]


@pytest.fixture
def products(site_tree):
    company = make_company(site_tree, title="Công ty Rạng Đông", slug="rang-dong")
    for number, title in enumerate(TITLES):
        make_product(
            site_tree,
            company=company,
            title=title,
            slug=f"san-pham-{number}",
            recognitions=[{"year": 2019 + number}],
        )


@pytest.fixture
def pools(monkeypatch):
    """The process pools a rebuild starts (the real ones), and a batch of one product, so that
    six products are six batches, enough for two workers."""
    started = []

    class Counted(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            started.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(query, "ProcessPoolExecutor", Counted)
    monkeypatch.setattr(source, "BATCH", 1)
    return started


def stored():
    """Every entry with its columns, facet rows and name words, by translation key."""
    keys = dict(CatalogueEntry.objects.values_list("pk", "translation_key"))
    return (
        sorted(
            CatalogueEntry.objects.values_list(
                "translation_key", "text", "folded_text", "folded_names", "names", "document"
            )
        ),
        sorted(
            (keys[entry], group, value, vi, en, order)
            for entry, group, value, vi, en, order in CatalogueFacetValue.objects.values_list(
                "entry", "group", "value", "label_vi", "label_en", "sort_order"
            )
        ),
        sorted(
            (keys[entry], *rest)
            for entry, *rest in CatalogueNameWord.objects.values_list(
                "entry", "folded", "word", "occurrences"
            )
        ),
    )


def test_worker_processes_write_what_one_process_writes(products, pools):
    assert rebuild_entries() == len(TITLES)
    one_process = stored()
    assert pools == []
    CatalogueEntry.objects.all().delete()

    assert rebuild_entries(workers=2) == len(TITLES)

    assert pools == [2]
    assert stored() == one_process
    found = search_database(CatalogueQuery(q="binh nong lanh"), synonyms={})
    assert [result["title"] for result in found["results"]] == ["Bình nóng lạnh"]


def test_the_command_rebuilds_with_workers_and_refuses_none(products, pools):
    out = io.StringIO()
    call_command("rebuild_catalogue_index", "--workers", "2", stdout=out)

    assert f"Database entries: {len(TITLES)}." in out.getvalue()
    # The products' six batches in two workers; the one company's batch here.
    assert pools == [2]
    assert CatalogueEntry.objects.count() == len(TITLES)
    with pytest.raises(CommandError, match="--workers"):
        call_command("rebuild_catalogue_index", "--workers", "0", stdout=out)


@pytest.mark.parametrize(
    "table",
    [query.PRODUCT_ENTRIES, companies.COMPANY_ENTRIES],
    ids=["products", "companies"],
)
def test_a_worker_finds_each_table_by_the_path_it_is_given(table):
    # A worker is a fresh interpreter: it has only the path to import, so a table whose
    # path is wrong or stale would fail the first rebuild with workers, and only there.
    assert import_string(table.path) is table


def test_a_rebuild_leaves_the_planners_statistics_current(site_tree):
    """After a rebuild PostgreSQL knows each facet group's values (migration 0008's statistics
    on the pair): without them it took a sector's entries for a few and tested their words
    one at a time, 150 ms for a filtered search at 10 000 products."""
    assert connection.vendor == "postgresql"
    sector = SectorFactory(slug="thong-ke-moi", name="Ngành mới")
    company = make_company(site_tree, title="Công ty Thống Kê", slug="thong-ke")
    for number in range(3):
        make_product(
            site_tree,
            company=company,
            title=f"Sản phẩm {number}",
            slug=f"sp-{number}",
            sector=sector,
        )

    def facet_statistics():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_vals FROM pg_stats_ext "
                "WHERE statistics_name = 'search_facet_group_value'"
            )
            return [value for (values,) in cursor.fetchall() for value in values or ()]

    assert ["sector", "thong-ke-moi"] not in facet_statistics()
    rebuild_entries()
    assert ["sector", "thong-ke-moi"] in facet_statistics()
