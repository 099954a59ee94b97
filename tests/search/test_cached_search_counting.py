"""A catalogue search answered from the page cache is counted like a rendered one, on both paths.

The page cache (core.pagecache) keeps the catalogue page under its normalised query; a hit
renders no template (the test client then lists none) and still counts the search for the
editors' statistics, once per client and day, through the real task.
"""

import itertools

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from home.models import SiteSettings
from search.catalogue.sync import update_products
from search.models import SearchQueryStat
from tests.content import make_company, make_product


@pytest.fixture
def catalogue(site_tree, path):
    SiteSettings.load()  # made on first use otherwise, by the first request (a change)
    led = make_product(
        site_tree,
        company=make_company(site_tree, title="Rạng Đông", slug="rang-dong"),
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
    )
    update_products([led.translation_key])
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()
    for name in ("pages", "page-views"):
        caches[name].clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield path
    for name in ("pages", "page-views"):
        caches[name].clear()


def test_a_search_served_from_the_cache_is_counted_for_its_own_visitor(
    catalogue, django_capture_on_commit_callbacks
):
    addresses = (f"203.0.113.{number}" for number in itertools.count(1))

    def visit(url, address=None):
        with django_capture_on_commit_callbacks(execute=True):
            return Client().get(url, REMOTE_ADDR=address or next(addresses))

    def row():
        return SearchQueryStat.objects.get(query="đèn led", language="vi")

    first = visit("/san-pham/?q=%C4%90%C3%A8n+LED", address="203.0.113.200")
    assert first.templates and '<h2 id="results-heading">1 sản phẩm</h2>' in first.content.decode()
    assert row().hits == 1
    for number in range(3):  # three other visitors, one with a campaign tag
        hit = visit("/san-pham/?q=%C4%90%C3%A8n++LED" + ("&utm_source=zalo" if number else ""))
        assert not hit.templates and hit.content == first.content
    again = visit("/san-pham/?q=%C4%90%C3%A8n+LED", address="203.0.113.200")
    assert not again.templates
    stat = row()
    assert stat.hits == 4  # the first visitor's second search is not counted again
    assert stat.last_result_count == 1
    assert stat.database_hits == (4 if catalogue == "database" else 0)
