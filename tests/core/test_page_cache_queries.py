"""Pages with a query string in the page cache (core.pagecache): one entry per normalised view.

A response the test client gets without any template rendered came from the cache; one with
templates was rendered. Entry counts read the local-memory caches' own tables, which
LocMemCache does not expose otherwise.
"""

import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import timezone

from core.editorial import EDITORS
from home.models import SiteSettings
from news.factories import NewsPageFactory
from search.catalogue.parameters import page_query
from search.models import SearchQueryStat
from tests.content import make_company, make_product, publish

FILTERED = "/san-pham/?sector=dien-dien-tu&year=2021"


def entries(name: str) -> int:
    return len(caches[name]._cache)


def rendered(response) -> bool:
    return bool(response.templates)


@pytest.fixture
def catalogue(site_tree, settings):
    settings.SEARCH_URL = ""  # the database path
    SiteSettings.load()  # made on first use otherwise, by the first request (a change)
    company = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    make_product(
        site_tree,
        company=company,
        title="Đèn LED Rạng Đông",
        slug="den-led",
        english={"Đèn LED Rạng Đông": "Rạng Đông LED lamps", "den-led": "led-lamps"},
        recognitions=[{"year": 2021, "is_top10": True}],
    )
    for name in ("pages", "page-views"):
        caches[name].clear()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield site_tree
    for name in ("pages", "page-views"):
        caches[name].clear()


@pytest.fixture
def visit(client, django_capture_on_commit_callbacks):
    """GET as an anonymous visitor from an address of its own (or *address*), running the
    on-commit work a real request runs."""
    addresses = (f"198.51.100.{number}" for number in itertools.count(1))

    def get(url, *, address=None):
        with django_capture_on_commit_callbacks(execute=True):
            return Client().get(url, REMOTE_ADDR=address or next(addresses))

    return get


def test_the_order_of_parameters_and_tracking_tags_share_one_entry(catalogue):
    first = Client().get(FILTERED)
    assert first.status_code == 200 and rendered(first)
    assert "Đèn LED Rạng Đông" in first.content.decode()
    for url in (
        "/san-pham/?year=2021&sector=dien-dien-tu",
        "/san-pham/?year=2021&utm_source=zalo&sector=dien-dien-tu&utm_campaign=thang-5",
        "/san-pham/?fbclid=IwAR0abc&sector=dien-dien-tu&year=2021&gclid=xyz",
        "/san-pham/?sector=dien-dien-tu&year=2021&lang=en&khong-ai-doc=1",  # read by no one
        "/san-pham/?sector=+dien-dien-tu+&year=2021&sector=dien-dien-tu&q=&page=1&sort=relevance",
    ):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert not rendered(response), url
        assert response.content == first.content
    assert entries("page-views") == 1


def test_a_kept_view_carries_nothing_of_the_first_visitors_address(catalogue):
    first = Client().get(FILTERED + "&utm_source=ban-tin-rieng&foo=bar")
    assert rendered(first)
    html = first.content.decode()
    # The links of the view (tabs, feeds, the other language) are made from what it reads.
    assert "ban-tin-rieng" not in html and "foo=bar" not in html
    assert "sector=dien-dien-tu" in html
    again = Client().get(FILTERED)
    assert not rendered(again) and again.content == first.content


def test_default_values_share_the_plain_catalogues_entry(catalogue):
    plain = Client().get("/san-pham/")
    assert rendered(plain)
    for url in ("/san-pham/?page=1&sort=relevance&tab=products", "/san-pham/?q=+&utm_medium=x"):
        Client().get(url)  # the first URL with a query string to this path leaves its note
        response = Client().get(url)
        assert not rendered(response) and response.content == plain.content
    assert entries("page-views") == 0


def test_a_product_page_shared_with_tracking_tags_is_kept_once(catalogue):
    plain = Client().get("/san-pham/den-led/")
    assert rendered(plain)
    Client().get("/san-pham/den-led/?utm_source=facebook")  # leaves the path's note
    kept = entries("pages")
    for number in range(20):
        response = Client().get(f"/san-pham/den-led/?utm_source=facebook&fbclid=click{number}")
        assert response.status_code == 200 and not rendered(response)
        assert response.content == plain.content
    english = Client().get("/en/products/led-lamps/?gclid=abc")
    assert "Rạng Đông LED lamps" in english.content.decode()
    assert entries("pages") == kept + 2  # the English page and its note, nothing per tag
    assert entries("page-views") == 0


def test_a_page_that_declares_no_parameter_keeps_only_tracking_tags(catalogue):
    article = NewsPageFactory(parent=catalogue.news, title="Hội chợ mùa thu", slug="hoi-cho")
    publish(article, translate=False)
    Client().get("/tin-tuc/hoi-cho/?utm_source=zalo")
    assert not rendered(Client().get("/tin-tuc/hoi-cho/?utm_source=zalo&zarsrc=30"))
    assert not rendered(Client().get("/tin-tuc/hoi-cho/"))
    # The news index reads `page`: not declared, so never kept with it.
    for _ in range(2):
        assert rendered(Client().get("/tin-tuc/?page=1&utm_source=zalo"))


def test_a_filtered_view_is_rendered_afresh_after_a_publish(catalogue):
    Client().get(FILTERED)
    assert not rendered(Client().get(FILTERED))
    make_product(
        catalogue,
        company=make_company(catalogue, title="Hanel", slug="hanel"),
        title="Bảng mạch Hanel",
        slug="bang-mach",
        recognitions=[{"year": 2021}],
        translate=False,
    )
    response = Client().get("/san-pham/?year=2021&sector=dien-dien-tu")
    assert rendered(response)
    assert "Bảng mạch Hanel" in response.content.decode()


def test_a_search_served_from_the_cache_is_still_counted(catalogue, visit):
    def hits():
        row = SearchQueryStat.objects.filter(query="đèn led", language="vi").first()
        return row.hits if row else 0

    first = visit("/san-pham/?q=%C4%91%C3%A8n+led", address="198.51.100.200")
    assert rendered(first) and hits() == 1
    second = visit("/san-pham/?q=%C4%91%C3%A8n++led&utm_source=zalo")  # another visitor
    assert not rendered(second) and hits() == 2
    third = visit("/san-pham/?q=%C4%91%C3%A8n+led", address="198.51.100.200")
    assert not rendered(third) and hits() == 2  # one client counts once a day
    visit("/san-pham/?q=%C4%91%C3%A8n+led&sector=dien-dien-tu")  # a filtered search: never
    visit("/san-pham/?q=%C4%91%C3%A8n+led&sector=dien-dien-tu")
    assert hits() == 2
    assert SearchQueryStat.objects.get(query="đèn led", day=timezone.localdate()).hits == 2


def test_errors_feeds_editors_and_sessions_are_never_kept_with_a_query(catalogue):
    for _ in range(2):
        refused = Client().get("/san-pham/?sector=khong-co")
        assert refused.status_code == 400 and rendered(refused)
        assert Client().get("/san-pham/?page=%C2%B2&utm_source=x").status_code == 404  # "²"
        feed = Client().get("/san-pham/rss/?sector=dien-dien-tu&utm_source=zalo")
        assert feed.status_code == 400  # the feed refuses unknown parameters, as before
    Client().get(FILTERED)  # kept for anonymous visitors
    editor = User.objects.create_user(username="bien-tap", password="mat-khau-thu-nghiem")
    editor.groups.add(Group.objects.get(name=EDITORS))
    signed_in = Client()
    signed_in.force_login(editor)
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    for client in (signed_in, with_session):
        for url in (FILTERED, "/san-pham/?year=2021&sector=dien-dien-tu&utm_source=x"):
            assert rendered(client.get(url)), url
    assert entries("page-views") == 1


def test_made_up_searches_cannot_push_the_pages_out(catalogue, settings):
    # Room for a few pages and a few views: twelve searches would push any page out of a
    # cache they shared.
    pages = {**settings.CACHES["pages"], "OPTIONS": {"MAX_ENTRIES": 5}}
    views = {**settings.CACHES["page-views"], "OPTIONS": {"MAX_ENTRIES": 3}}
    with override_settings(CACHES={**settings.CACHES, "pages": pages, "page-views": views}):
        plain = Client().get("/san-pham/")
        assert rendered(plain)
        for number in range(12):
            response = Client().get(f"/san-pham/?q=tu-khoa-{number}")
            assert response.status_code == 200 and rendered(response)
        assert entries("page-views") <= 3
        again = Client().get("/san-pham/")
        assert not rendered(again) and again.content == plain.content


def test_the_catalogue_reads_its_parameters_as_its_form_does():
    assert page_query(
        [
            ("q", "  \u0110e\u0300n\tLED "),  # NFD, a tab, spaces
            ("page", "02"),
            ("sort", "relevance"),
            ("tab", "products"),
            ("sector", " den-led "),
            ("sector", "den-led"),
            ("lang", "en"),
            ("status", ""),
            ("khong-ai-doc", "1"),
        ]
    ) == [("q", "Đèn LED"), ("page", "2"), ("sector", "den-led")]
    # What the form refuses stays, to be refused: such a page is not kept.
    assert page_query([("page", "²"), ("sector", ""), ("sort", "gia")]) == [
        ("page", "²"),
        ("sector", ""),
        ("sort", "gia"),
    ]
