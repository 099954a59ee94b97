"""SQL queries per public page: at most 10 (warm), and not growing with the catalogue.

Each request is measured with the work it leaves for after its commit (a search's count in
the search statistics, written by a task on the immediate backend), as a real request runs it.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.factories import ImageFactory
from home.models import HomeFeaturedProduct
from news.factories import NewsPageFactory
from products.factories import CertificationFactory, DecisionFactory, MarketFactory
from products.models import ProductCertification, ProductGalleryImage, ProductMarket
from programme.factories import (
    CohortYearFactory,
    CriteriaPageFactory,
    DecisionIndexPageFactory,
    EventPageFactory,
    GuidancePageFactory,
    StatisticsPageFactory,
)
from search.models import SearchQueryStat
from tests.content import make_company, make_product, publish

BUDGET = 10


def grow_catalogue(tree, count, offset=0):
    """*count* more products (with images, gallery, certifications) and news items."""
    company = make_company(tree, title=f"Công ty {offset}", slug=f"cong-ty-{offset}")
    certification = CertificationFactory()
    market = MarketFactory()
    products = []
    for index in range(offset, offset + count):
        product = make_product(
            tree,
            company=company,
            title=f"Sản phẩm {index}",
            slug=f"san-pham-{index}",
            translate=False,
            recognitions=[{"year": 2021}, {"year": 2024}],
        )
        ProductCertification.objects.create(page=product, certification=certification)
        ProductMarket.objects.create(page=product, market=market)
        ProductGalleryImage.objects.create(page=product, image=ImageFactory())
        HomeFeaturedProduct.objects.create(page=tree.home, product=product)
        NewsPageFactory(parent=tree.news, lead_image=ImageFactory())
        EventPageFactory(
            parent=tree.events, starts_at=timezone.now() + datetime.timedelta(days=index + 1)
        )
        products.append(product)
    return company, products


PUBLIC_URLS = [
    "/",
    "/en/",
    "/san-pham/",
    "/en/products/",
    "/san-pham/san-pham-0/",
    "/doanh-nghiep/",
    "/doanh-nghiep/cong-ty-0/",
    "/en/companies/cong-ty-0/",
    "/tin-tuc/",
    "/su-kien/",
    "/chuong-trinh/",
    "/chuong-trinh/tieu-chi/",
    "/chuong-trinh/huong-dan/",
    "/chuong-trinh/van-ban/",
    "/chuong-trinh/so-lieu/",
    "/en/programme/statistics/",
    "/tim-kiem/?q=s%E1%BA%A3n+ph%E1%BA%A9m",
    "/en/search/?q=product",
    "/san-pham/?q=s%E1%BA%A3n+ph%E1%BA%A9m",
    "/en/products/?q=product",
    # Nothing has the words: a correction is looked for, then the products with most of them.
    "/san-pham/?q=s%E1%BA%A3n+ph%E1%BA%A9mm",
    "/san-pham/?q=zzqx+wwqv+kkpy",
    "/en/search/?q=zzqx+wwqv+kkpy",
    "/lien-he-nha-cung-cap/",
    "/en/contact-supplier/sent/",
    "/du-lieu-ca-nhan/",
    "/en/personal-data/",
]


_visitors = itertools.count(1)


def new_visitor() -> str:
    """Another client's address: one client counts a search once a day (search.services)."""
    number = next(_visitors)
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def get_with_on_commit_work(client, url):
    """The queries of one GET by a new visitor, including the on-commit work it leaves."""
    with (
        CaptureQueriesContext(connection) as queries,
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.get(url, REMOTE_ADDR=new_visitor())
    return response, queries


def count_queries(client, url):
    client.get(url)  # warm: site root paths, navigation
    response, queries = get_with_on_commit_work(client, url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def content(site_tree):
    CohortYearFactory(year=2025, products_recognised=35)
    for factory in (CriteriaPageFactory, GuidancePageFactory, DecisionIndexPageFactory):
        factory(parent=site_tree.programme).save_revision().publish()
    DecisionFactory()
    publish(StatisticsPageFactory(parent=site_tree.programme), {"so-lieu": "statistics"})
    return site_tree


def test_every_public_page_stays_within_budget_as_the_catalogue_grows(client, content):
    grow_catalogue(content, 2)
    small = {url: count_queries(client, url) for url in PUBLIC_URLS}
    grow_catalogue(content, 6, offset=2)
    large = {url: count_queries(client, url) for url in PUBLIC_URLS}
    print("queries per page:", large)
    over = {url: n for url, n in large.items() if n > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    grown = {url: (small[url], large[url]) for url in PUBLIC_URLS if large[url] != small[url]}
    assert not grown, f"queries grow with the catalogue: {grown}"


def test_public_pages_write_nothing_but_a_searchs_count(client, content):
    """A public GET writes nothing, except that a search counts itself: one statement, on the
    search statistics table only (SearchQueryStat.objects.count_search), for editors' reports."""
    grow_catalogue(content, 2)
    stats_insert = f"INSERT INTO {connection.ops.quote_name(SearchQueryStat._meta.db_table)} "
    for url in PUBLIC_URLS:
        client.get(url)
        _, queries = get_with_on_commit_work(client, url)
        writes = [
            q["sql"]
            for q in queries
            if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
        ]
        if "?q=" in url:
            assert len(writes) == 1 and writes[0].startswith(stats_insert), (url, writes)
        else:
            assert not writes, (url, writes)


def test_the_inquiry_form_stays_within_budget_whatever_the_suppliers_chosen(client, content):
    """The form names its suppliers in a fixed number of queries, however many were ticked."""
    company, products = grow_catalogue(content, 2)
    more_company, more_products = grow_catalogue(content, 6, offset=2)

    def form_url(products, companies):
        query = "&".join(
            [f"product={p.pk}" for p in products] + [f"company={c.pk}" for c in companies]
        )
        return f"/en/contact-supplier/?{query}"

    small = count_queries(client, form_url(products[:1], [company]))
    large = count_queries(client, form_url(products + more_products, [company, more_company]))
    assert large <= BUDGET
    assert small == large
