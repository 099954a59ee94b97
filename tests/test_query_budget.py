"""SQL queries per public page: at most 10 (warm), and not growing with the catalogue.

Each request is measured with the work it leaves for after its commit (a search's count in
the search statistics, written by a task on the immediate backend), as a real request runs it.
"""

import datetime
import itertools

import pytest
import wagtail_factories
from django.core.cache import caches
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import SelectionRound
from core.factories import ImageFactory
from home.factories import SitemapPageFactory
from home.models import FooterLink, HomeFeaturedProduct, SiteSettings
from news.factories import NewsPageFactory
from products.factories import CertificationFactory, DecisionFactory, MarketFactory
from products.models import ProductCertification, ProductGalleryImage, ProductMarket
from programme.factories import (
    CohortYearFactory,
    CriteriaPageFactory,
    DecisionIndexPageFactory,
    EventPageFactory,
    GuidancePageFactory,
    OpenDataPageFactory,
    StatisticsPageFactory,
    published_thresholds,
)
from programme.models import CriteriaPage, GuidancePage
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
    # The eligibility self-check: its questions, results and the guidance page's checklist.
    "/chuong-trinh/tieu-chi/tu-kiem-tra/?type=high_tech&hanoi_presence=yes&revenue_vnd=7,5+t%E1%BB%B7",
    "/chuong-trinh/huong-dan/",
    "/chuong-trinh/van-ban/",
    "/chuong-trinh/so-lieu/",
    "/en/programme/statistics/",
    "/chuong-trinh/du-lieu-mo/",
    "/en/programme/open-data/",
    "/tim-kiem/?q=s%E1%BA%A3n+ph%E1%BA%A9m",
    "/en/search/?q=product",
    "/san-pham/?q=s%E1%BA%A3n+ph%E1%BA%A9m",
    "/en/products/?q=product",
    # Nothing has the words: a correction is looked for, then the products with most of them.
    "/san-pham/?q=s%E1%BA%A3n+ph%E1%BA%A9mm",
    "/san-pham/?q=zzqx+wwqv+kkpy",
    "/en/search/?q=zzqx+wwqv+kkpy",
    "/lien-he-nha-cung-cap/",
    # The registration of interest in the selection, with its round open (issue 14).
    "/dang-ky-binh-chon/",
    "/en/apply-for-selection/",
    "/dang-ky-binh-chon/da-nhan/",
    "/en/contact-supplier/sent/",
    "/du-lieu-ca-nhan/",
    "/en/personal-data/",
    # Found from outside: news by tag and year, feeds (tests/news/).
    "/tin-tuc/the/hoi-cho/",
    "/en/news/tag/hoi-cho/",
    "/tin-tuc/nam/2025/",
    "/en/news/year/2025/",
    "/tin-tuc/rss/",
    "/en/news/atom/",
    "/su-kien/rss/",
    "/en/events/atom/",
    "/san-pham/rss/",
    "/en/products/atom/?year=2024&q=product",
    "/so-do-trang/",
    "/en/sitemap/",
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
    # ...but not the page's own content: its rows, fragments and search answers, kept per
    # tree version, are what a page costs the first time after a publish.
    for alias in ("loaded-pages", "catalogue-answers"):
        caches[alias].clear()
    response, queries = get_with_on_commit_work(client, url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def content(site_tree):
    CohortYearFactory(year=2025, products_recognised=35)
    for factory in (CriteriaPageFactory, GuidancePageFactory, DecisionIndexPageFactory):
        factory(parent=site_tree.programme).save_revision().publish()
    # The self-check's thresholds, and a checklist item with its form to download.
    criteria = CriteriaPage.objects.get(slug="tieu-chi")
    criteria.thresholds = published_thresholds()
    criteria.save_revision().publish()
    guidance = GuidancePage.objects.get(slug="huong-dan")
    form = wagtail_factories.DocumentFactory()
    guidance.documents = [
        ("required_document", {"name": "Phiếu", "description": "", "template_document": form})
    ]
    guidance.save_revision().publish()
    DecisionFactory()
    publish(StatisticsPageFactory(parent=site_tree.programme), {"so-lieu": "statistics"})
    # Dated, not from the factory's sequence: after other tests it runs into the next year.
    tagged = NewsPageFactory(
        parent=site_tree.news, slug="hoi-cho-2025", date=datetime.date(2025, 3, 14)
    )
    tagged.tags.add("hội chợ")
    publish(tagged)
    # The site map page, linked from the footer with the sections (every page shows them).
    sitemap = SitemapPageFactory(parent=site_tree.home)
    publish(sitemap, {"so-do-trang": "sitemap"})
    open_data = OpenDataPageFactory(parent=site_tree.programme)
    publish(open_data, {"du-lieu-mo": "open-data"})
    now = timezone.now()
    SelectionRound.objects.create(
        year=now.year,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=30),
    )
    settings = SiteSettings.load()
    for order, page in enumerate([sitemap, open_data, site_tree.news, site_tree.events]):
        FooterLink.objects.create(settings=settings, page=page, sort_order=order)
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


DOWNLOADS = [
    "/api/catalogue/export/?format=csv",
    "/api/catalogue/export/?format=xlsx&lang=en&sector=dien-dien-tu",
    "/api/catalogue/export/?format=json&tab=companies",
    "/api/recognitions/export/?format=csv",
    "/api/recognitions/export/?format=json&lang=en",
    "/api/statistics/export/?format=csv&table=years",
    "/api/statistics/export/?format=xlsx&table=sectors&lang=en",
]


def count_download_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200, url
        if response.streaming:  # the rows are read as the body is written
            b"".join(response.streaming_content)
    return len(queries)


def test_downloads_stay_within_budget_as_the_catalogue_grows(client, content):
    """A download of a hundred rows or fewer costs the same queries whatever their number
    (the catalogue's is read a hundred results per search)."""
    grow_catalogue(content, 2)
    small = {url: count_download_queries(client, url) for url in DOWNLOADS}
    grow_catalogue(content, 6, offset=2)
    large = {url: count_download_queries(client, url) for url in DOWNLOADS}
    print("queries per download:", large)
    over = {url: n for url, n in large.items() if n > BUDGET}
    assert not over, f"over {BUDGET} queries: {over}"
    grown = {url: (small[url], large[url]) for url in DOWNLOADS if large[url] != small[url]}
    assert not grown, f"queries grow with the catalogue: {grown}"
