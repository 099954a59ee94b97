"""Pages loaded once per tree version, and the version read once per request (core.serving,
core.treecache).

A public page's own rows (the page, its relations) are kept in each process's memory under
the tree's version, like its route: the next request renders from memory, and any change
anywhere (here: one made by another process) makes every process load the page afresh.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.treecache import _VERSION_KEY, tree_version
from products.models import ProductPage
from tests.content import make_company, make_product
from tests.core.test_treecache import bump_in_another_process, file_cache  # noqa: F401


@pytest.fixture
def product(site_tree):
    company = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    return make_product(
        site_tree, company=company, title="Đèn LED Rạng Đông", slug="den-led", translate=False
    )


def product_rows_read(client, url) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    table = ProductPage._meta.db_table
    return html, sum(table in query["sql"] for query in queries.captured_queries)


@pytest.mark.django_db
def test_a_page_is_loaded_once_then_served_from_memory_until_the_tree_changes(
    client,
    product,
    file_cache,  # noqa: F811
):
    html, read = product_rows_read(client, product.url)
    assert "Đèn LED Rạng Đông" in html and read >= 1
    # Changed behind the site's back, as another process's publish changes the rows...
    ProductPage.objects.filter(pk=product.pk).update(title="Đèn LED thế hệ mới")
    html, read = product_rows_read(client, product.url)
    assert "Đèn LED Rạng Đông" in html and read == 0
    # ...and, as that publish does, replaces the shared version: every process reloads.
    bump_in_another_process(file_cache)
    html, read = product_rows_read(client, product.url)
    assert "Đèn LED thế hệ mới" in html and read >= 1


@pytest.mark.django_db
def test_a_publish_here_is_served_at_once(client, product):
    client.get(product.url)
    product.title = "Đèn LED thế hệ mới"
    product.save_revision().publish()
    assert "Đèn LED thế hệ mới" in client.get(product.url).content.decode()


@pytest.mark.django_db
def test_a_request_reads_the_shared_version_once(client, product, monkeypatch):
    shared = caches["default"]
    reads = []
    real_get = shared.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    client.get(product.url)
    monkeypatch.setattr(shared, "get", counting_get)
    for url in (product.url, "/", "/san-pham/", "/doanh-nghiep/rang-dong/"):
        reads.clear()
        assert client.get(url).status_code == 200, url
        assert reads.count(_VERSION_KEY) == 1, url
    # Outside a request (a management command, a worker), every read asks the shared cache:
    # such a process runs for hours and must see each change.
    reads.clear()
    tree_version()
    tree_version()
    assert reads.count(_VERSION_KEY) == 2
