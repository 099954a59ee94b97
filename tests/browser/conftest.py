"""Browser tests: Debian's Chromium, driven by sync Playwright, against pytest-django's live server.

One browser for the session, a fresh context (cookies, storage, cache) for every test. The
tests are transactional (the live server answers from another thread, so the data must be
committed) and ask for serialized rollback so that each one starts from the bilingual site
tree that tests/conftest.py builds; the content a test needs is made with the shared
factories, in both languages, by the fixtures below.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright

from lab.browser import CHROMIUM, CHROMIUM_ARGS
from tests.content import publish
from tests.sitetree import ENGLISH as SITE_TREE_ENGLISH
from tests.sitetree import attach_rollback_snapshot

# Playwright's own waits (expect, wait_for_url) give up after this long.
TIMEOUT_MS = 15_000
PASSWORD = "mat-khau-trinh-duyet"

# Titles and slugs of the sample content and of the site tree, and their translations.
ENGLISH = {
    **SITE_TREE_ENGLISH,
    "Công ty Rạng Đông": "Rang Dong Company",
    "rang-dong": "rang-dong",
    "Công ty Điện Cơ Thống Nhất": "Thong Nhat Electromechanical Company",
    "dien-co-thong-nhat": "thong-nhat-electromechanical",
    "Đèn LED Rạng Đông": "Rang Dong LED lamps",
    "den-led-rang-dong": "rang-dong-led-lamps",
    "Máy biến áp Đông Anh": "Dong Anh transformers",
    "may-bien-ap-dong-anh": "dong-anh-transformers",
    "Quạt điện Thống Nhất": "Thong Nhat electric fans",
    "quat-dien-thong-nhat": "thong-nhat-electric-fans",
    "Tiêu chí xét chọn": "Selection criteria",
    "tieu-chi": "criteria",
    "Hướng dẫn đăng ký": "How to apply",
    "huong-dan": "guidance",
    "Văn bản": "Decisions",
    "van-ban": "decisions",
    "Giới thiệu": "About",
    "gioi-thieu": "about",
    "Hội chợ hàng công nghiệp chủ lực 2025": "Key industrial products fair 2025",
    "hoi-cho-2025": "fair-2025",
    "Hội nghị kết nối cung cầu": "Supply and demand matching conference",
    "hoi-nghi-ket-noi": "matching-conference",
    "Đăng ký tham gia": "Register",
    "Phiếu đăng ký": "Registration form",
    "Hiệu lực bao lâu?": "How long is a recognition valid?",
    "Sản phẩm công nghệ cao": "High-technology products",
    "Doanh thu từ 10 tỷ đồng/năm": "Revenue of VND 10 billion a year",
    "Khả năng xuất khẩu": "Export capacity",
    "Số liệu chương trình": "Programme statistics",
    "so-lieu": "statistics",
    "Dữ liệu mở": "Open data",
    "du-lieu-mo": "open-data",
    "Dữ liệu được cung cấp theo giấy phép Creative Commons Ghi công 4.0 (CC BY 4.0).": (
        "The data is provided under the Creative Commons Attribution 4.0 licence (CC BY 4.0)."
    ),
}


@pytest.fixture(scope="session")
def browser(django_db_setup):
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API leaves its event loop running in this thread. Django then
        # refuses ORM calls as if they came from async code (the tests only use the ORM
        # between browser steps, never during them), and its connection handler, which is
        # context-local once a loop runs, hands out new connection objects: they need the
        # rollback snapshot too, or serialized rollback silently restores nothing.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        attach_rollback_snapshot(django_db_setup)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser, live_server):
    """Opens isolated browser contexts on the live server (a visitor, an editor…)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    contexts = []

    def open_context(**options):
        options = {"base_url": live_server.url, "locale": "vi-VN", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    # Closed before the database is flushed; then the live server's request threads are given
    # time to finish. A request still running (a preview refresh, a chooser the test did not
    # wait for) holds row locks while the flush asks for table locks: PostgreSQL answered
    # that with "deadlock detected" and the flush failed.
    for context in contexts:
        context.close()
    _wait_for_live_server_requests()


def _wait_for_live_server_requests(timeout=15.0):
    """Wait until no thread of the live server is serving a request.

    Its server (socketserver.ThreadingMixIn) serves each connection in a daemon thread whose
    target is process_request_thread, and does not keep a list of them.
    """
    import threading
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any("process_request_thread" in thread.name for thread in threading.enumerate()):
            return
        time.sleep(0.05)
    pytest.fail(f"The live server was still serving requests {timeout:.0f} s after the test.")


@pytest.fixture
def page(new_context):
    return new_context().new_page()


# -- content ------------------------------------------------------------------------------


@pytest.fixture
def catalogue(site_tree):
    """Three products of two companies, in two sectors and two recognition years.

    Filtering by "Điện, điện tử" and 2023 leaves only the LED lamps: the fans share the
    sector but not the year, the transformers the year but not the sector.
    """
    from products.models import Sector
    from tests.content import make_company, make_product

    electrical = Sector.objects.get(slug="dien-dien-tu")
    mechanical = Sector.objects.get(slug="co-khi-che-tao")
    rang_dong = make_company(
        site_tree, title="Công ty Rạng Đông", slug="rang-dong", english=ENGLISH
    )
    thong_nhat = make_company(
        site_tree, title="Công ty Điện Cơ Thống Nhất", slug="dien-co-thong-nhat", english=ENGLISH
    )
    lamps = make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        sector=electrical,
        recognitions=[{"year": 2023, "is_top10": True}],
        english=ENGLISH,
    )
    transformers = make_product(
        site_tree,
        company=thong_nhat,
        title="Máy biến áp Đông Anh",
        slug="may-bien-ap-dong-anh",
        sector=mechanical,
        recognitions=[{"year": 2023, "is_top10": False}],
        english=ENGLISH,
    )
    fans = make_product(
        site_tree,
        company=thong_nhat,
        title="Quạt điện Thống Nhất",
        slug="quat-dien-thong-nhat",
        sector=electrical,
        recognitions=[{"year": 2021}],
        english=ENGLISH,
    )
    return {
        "companies": {"rang_dong": rang_dong, "thong_nhat": thong_nhat},
        "products": {"lamps": lamps, "transformers": transformers, "fans": fans},
        "sectors": {"electrical": electrical, "mechanical": mechanical},
    }


@pytest.fixture
def news_article(site_tree):
    from news.factories import NewsPageFactory

    article = NewsPageFactory(
        parent=site_tree.news,
        title="Hội chợ hàng công nghiệp chủ lực 2025",
        slug="hoi-cho-2025",
        date=datetime.date(2025, 11, 20),
    )
    publish(article, ENGLISH)
    return article


@pytest.fixture
def every_page_type(site_tree, catalogue, news_article):
    """One URL per public page type, in Vietnamese and English, all with real content."""
    from home.demo.data import read_demo_content
    from home.factories import SitemapPageFactory, StandardPageFactory
    from home.models import FooterLink, HomeFeaturedProduct, SiteSettings
    from products.factories import DecisionFactory
    from programme.factories import (
        CohortYearFactory,
        CriteriaPageFactory,
        DecisionIndexPageFactory,
        EventPageFactory,
        GuidancePageFactory,
        OpenDataPageFactory,
        StatisticsPageFactory,
    )

    # The demo's footer contact and sample-content notice, so every page shows them.
    site_settings = SiteSettings.load()
    for name, value in read_demo_content().site.settings.fields().items():
        setattr(site_settings, name, value)
    site_settings.save()
    CohortYearFactory(year=2023, products_recognised=36, companies_recognised=25)
    DecisionFactory(number="2090/QĐ-UBND", year=2023, signed_on=datetime.date(2023, 12, 1))
    HomeFeaturedProduct.objects.create(page=site_tree.home, product=catalogue["products"]["lamps"])
    # Publishing the home page again synchronises the featured product to the English one.
    publish(site_tree.home, ENGLISH)
    publish(
        CriteriaPageFactory(
            parent=site_tree.programme,
            thresholds=[
                (
                    "threshold",
                    {
                        "category": "Sản phẩm công nghệ cao",
                        "requirement": "Thuộc danh mục sản phẩm công nghệ cao.",
                        "threshold": "Doanh thu từ 10 tỷ đồng/năm",
                        "legal_basis": "1520/HD-SCT",
                    },
                )
            ],
            indicators=[
                (
                    "indicator",
                    {"indicator": "Khả năng xuất khẩu", "description": "Kim ngạch.", "weight": ""},
                )
            ],
        ),
        ENGLISH,
    )
    publish(
        GuidancePageFactory(
            parent=site_tree.programme,
            steps=[("step", {"title": "Đăng ký tham gia", "body": "<p>Gửi phiếu.</p>"})],
            documents=[
                (
                    "required_document",
                    {
                        "name": "Phiếu đăng ký",
                        "description": "Theo mẫu.",
                        "template_document": None,
                    },
                )
            ],
            deadlines=[
                (
                    "deadline",
                    {"label": "Hạn nộp hồ sơ", "date": datetime.date(2027, 5, 1), "note": ""},
                )
            ],
            faq=[("faq", {"question": "Hiệu lực bao lâu?", "answer": "<p>3 năm.</p>"})],
        ),
        ENGLISH,
    )
    publish(DecisionIndexPageFactory(parent=site_tree.programme), ENGLISH)
    publish(StatisticsPageFactory(parent=site_tree.programme), ENGLISH)
    publish(OpenDataPageFactory(parent=site_tree.programme), ENGLISH)
    publish(
        EventPageFactory(
            parent=site_tree.events,
            title="Hội nghị kết nối cung cầu",
            slug="hoi-nghi-ket-noi",
            starts_at=timezone.now() + datetime.timedelta(days=20),
            registration_details="<p>Đăng ký trước một tuần.</p>",
            registration_url="https://example.vn/dang-ky",
        ),
        ENGLISH,
    )
    about = StandardPageFactory(parent=site_tree.home, title="Giới thiệu", slug="gioi-thieu")
    publish(about, ENGLISH)
    # The footer's links and the site map page; the article's tag has its listing.
    sitemap = SitemapPageFactory(parent=site_tree.home)
    publish(sitemap, {**ENGLISH, "Sơ đồ trang": "Site map", "so-do-trang": "sitemap"})
    for order, linked in enumerate((about, sitemap)):
        FooterLink.objects.create(settings=site_settings, page=linked, sort_order=order)
    news_article.tags.add("hội chợ")
    publish(news_article, ENGLISH)  # translating again brings the tag to the English article
    return {
        "home": ("/", "/en/"),
        "programme-index": ("/chuong-trinh/", "/en/programme/"),
        "criteria": ("/chuong-trinh/tieu-chi/", "/en/programme/criteria/"),
        "guidance": ("/chuong-trinh/huong-dan/", "/en/programme/guidance/"),
        "decisions": ("/chuong-trinh/van-ban/", "/en/programme/decisions/"),
        "statistics": ("/chuong-trinh/so-lieu/", "/en/programme/statistics/"),
        "open-data": ("/chuong-trinh/du-lieu-mo/", "/en/programme/open-data/"),
        "events": ("/su-kien/", "/en/events/"),
        "event": ("/su-kien/hoi-nghi-ket-noi/", "/en/events/matching-conference/"),
        "news": ("/tin-tuc/", "/en/news/"),
        "news-article": ("/tin-tuc/hoi-cho-2025/", "/en/news/fair-2025/"),
        "catalogue": ("/san-pham/", "/en/products/"),
        # Results with the companies' section; the companies tab; a corrected typo.
        "catalogue-results": (
            "/san-pham/?q=r%E1%BA%A1ng+%C4%91%C3%B4ng",
            "/en/products/?q=rang+dong",
        ),
        "catalogue-companies": (
            "/san-pham/?q=rang+dong&tab=companies",
            "/en/products/?q=rang+dong&tab=companies",
        ),
        "catalogue-corrected": ("/san-pham/?q=den+ledd", "/en/products/?q=led+lampss"),
        "product": ("/san-pham/den-led-rang-dong/", "/en/products/rang-dong-led-lamps/"),
        "companies": ("/doanh-nghiep/", "/en/companies/"),
        "company": ("/doanh-nghiep/rang-dong/", "/en/companies/rang-dong/"),
        "standard": ("/gioi-thieu/", "/en/about/"),
        "search": ("/tim-kiem/?q=%C4%91%C3%A8n", "/en/search/?q=lamps"),
        "news-tag": ("/tin-tuc/the/hoi-cho/", "/en/news/tag/hoi-cho/"),
        "news-year": ("/tin-tuc/nam/2025/", "/en/news/year/2025/"),
        "sitemap": ("/so-do-trang/", "/en/sitemap/"),
        "not-found": ("/khong-co-trang-nay/", "/en/no-such-page/"),
    }
