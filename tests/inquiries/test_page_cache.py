"""The links to the form keep product and company pages in the page cache (core.pagecache):
the form has its own URL, so these pages carry no per-visitor token."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from core.treecache import bump_tree_version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/doanh-nghiep/rang-dong/",
        "/en/companies/rang-dong/",
        "/san-pham/den-led-rang-dong/",
        "/en/products/rang-dong-led-lamps/",
    ],
)
def test_product_and_company_pages_stay_cached_for_anonymous_visitors(suppliers, url):
    caches["pages"].clear()
    bump_tree_version()
    with override_settings(PAGE_CACHE_SECONDS=300):
        first = Client().get(url)
        assert first.status_code == 200
        assert "csrfmiddlewaretoken" not in first.content.decode()
        with CaptureQueriesContext(connection) as queries:
            second = Client().get(url)  # another visitor
    assert len(queries) == 0, "served from the page cache"
    assert second.content == first.content
    assert "contact-supplier/?company=" in second.content.decode() or (
        "lien-he-nha-cung-cap/?company=" in second.content.decode()
    )
    caches["pages"].clear()
