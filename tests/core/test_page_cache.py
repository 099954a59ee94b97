"""Whole pages kept for anonymous visitors (core.pagecache): who gets them, and when they end.

The test settings turn the cache off (PAGE_CACHE_SECONDS = 0); every test here turns it on.
A page served from the cache costs no SQL query at all, which is how these tests tell.
"""

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.db import connection
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import PageViewRestriction

from core import pagecache
from core.editorial import EDITORS
from core.treecache import bump_tree_version
from home.models import SiteSettings
from news.factories import NewsPageFactory
from tests.content import make_company, make_product, publish


@pytest.fixture
def page_cache(db):
    SiteSettings.load()  # made on first use otherwise, by the first request (a change)
    caches["pages"].clear()
    caches["page-views"].clear()
    bump_tree_version()  # nothing kept by an earlier test's content answers here
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    caches["pages"].clear()
    caches["page-views"].clear()


@pytest.fixture
def article(site_tree, page_cache):
    page = NewsPageFactory(parent=site_tree.news, title="Hội chợ mùa thu", slug="hoi-cho")
    publish(page, {"Hội chợ mùa thu": "Autumn fair", "hoi-cho": "autumn-fair"})
    return page


def get(client, url, method="get"):
    """The response and how many SQL queries it took (0: served from the page cache).

    The pages loaded for the tree's version (core.serving) are forgotten first, so a page
    rendered afresh reads the database and a kept one does not.
    """
    caches["loaded-pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url)
    return response, len(queries)


def test_a_second_anonymous_visit_is_served_from_the_cache(
    client, article, django_assert_num_queries
):
    first, rendered = get(client, "/tin-tuc/hoi-cho/")
    assert first.status_code == 200 and rendered > 0
    with django_assert_num_queries(0):
        second = Client().get("/tin-tuc/hoi-cho/")  # another visitor
    assert second.status_code == 200
    assert second.content == first.content
    assert "Hội chợ mùa thu" in second.content.decode()
    head, queries = get(Client(), "/tin-tuc/hoi-cho/", "head")
    assert head.status_code == 200 and queries == 0


def test_publishing_the_page_shows_the_new_content_at_once(client, article):
    get(client, "/tin-tuc/hoi-cho/")
    article.title = "Hội chợ mùa thu 2026"
    publish(article, translate=False)
    response, queries = get(client, "/tin-tuc/hoi-cho/")
    assert queries > 0
    assert "Hội chợ mùa thu 2026" in response.content.decode()


def test_publishing_any_other_page_or_editing_a_snippet_renders_afresh(client, site_tree, article):
    get(client, "/tin-tuc/hoi-cho/")
    assert get(client, "/tin-tuc/hoi-cho/")[1] == 0

    # A new article is listed in the sidebar or not: either way the tree changed.
    publish(NewsPageFactory(parent=site_tree.news, title="Tin khác"), translate=False)
    assert get(client, "/tin-tuc/hoi-cho/")[1] > 0
    assert get(client, "/tin-tuc/hoi-cho/")[1] == 0

    contact = SiteSettings.load()
    contact.phone = "024 3825 1234"
    contact.save()  # the footer of every page
    response, queries = get(client, "/tin-tuc/hoi-cho/")
    assert queries > 0 and "024 3825 1234" in response.content.decode()


def test_a_product_page_follows_an_edit_of_its_sector(client, site_tree, page_cache):
    company = make_company(site_tree)
    product = make_product(site_tree, company=company, title="Đèn LED", slug="den-led")
    get(client, "/san-pham/den-led/")
    product.sector.name = "Điện tử và thiết bị điện"
    product.sector.save()
    response, queries = get(client, "/san-pham/den-led/")
    assert queries > 0 and "Điện tử và thiết bị điện" in response.content.decode()


def test_a_signed_in_editor_neither_gets_nor_creates_cached_pages(client, article):
    editor = User.objects.create_user(username="bien-tap", password="mat-khau-thu-nghiem")
    editor.groups.add(Group.objects.get(name=EDITORS))
    Client().get("/tin-tuc/hoi-cho/")  # an anonymous visitor's page is kept
    client.force_login(editor)
    for _ in range(2):
        response, queries = get(client, "/tin-tuc/hoi-cho/")
        assert response.status_code == 200 and queries > 0
    caches["pages"].clear()
    get(client, "/tin-tuc/hoi-cho/")  # the editor's page, with its user bar, is not kept
    assert get(Client(), "/tin-tuc/hoi-cho/")[1] > 0


def test_visitors_with_a_session_or_messages_cookie_are_not_served_kept_pages(article):
    Client().get("/tin-tuc/hoi-cho/")
    with_session = Client()
    with_session.cookies["sessionid"] = "whatever"
    with_messages = Client()
    with_messages.cookies["messages"] = "whatever"
    assert get(with_session, "/tin-tuc/hoi-cho/")[1] > 0
    assert get(with_messages, "/tin-tuc/hoi-cho/")[1] > 0


def test_a_query_string_is_never_cached(client, article):
    for _ in range(2):
        response, queries = get(client, "/tin-tuc/?page=1")
        assert response.status_code == 200 and queries > 0


def test_english_and_vietnamese_pages_are_kept_apart(client, article):
    get(client, "/tin-tuc/hoi-cho/")
    get(client, "/en/news/autumn-fair/")
    get(client, "/")
    get(client, "/en/")
    for url, language, text in (
        ("/tin-tuc/hoi-cho/", "vi", "Hội chợ mùa thu"),
        ("/en/news/autumn-fair/", "en", "Autumn fair"),
        ("/", "vi", "Trang chủ"),
        ("/en/", "en", "Home"),
    ):
        response, queries = get(Client(), url)
        assert queries == 0, url
        assert response["Content-Language"] == language
        assert f'<html lang="{language}"' in response.content.decode()
        assert text in response.content.decode()


def test_a_restricted_page_is_never_kept(client, article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="bi-mat"
    )
    for _ in range(2):
        response, queries = get(Client(), "/tin-tuc/hoi-cho/")
        assert queries > 0
        assert "Hội chợ mùa thu" not in response.content.decode()  # the password form


def test_cached_responses_carry_no_cookie_and_the_usual_headers(client, article):
    first = client.get("/tin-tuc/hoi-cho/")
    assert not first.cookies
    kept, queries = get(Client(), "/tin-tuc/hoi-cho/")
    assert queries == 0
    assert not kept.cookies and "Set-Cookie" not in kept.headers
    assert kept["Content-Type"] == "text/html; charset=utf-8"
    assert kept["Content-Length"] == str(len(kept.content))
    assert "Cookie" in kept["Vary"]
    assert kept["X-Frame-Options"] == "DENY"
    assert kept["X-Content-Type-Options"] == "nosniff"


def remember_visitor(page, request, args, kwargs):
    request.session["seen"] = True  # sets the session cookie


def use_csrf_token(page, request, args, kwargs):
    get_token(request)  # as a form in the page would: sets the CSRF cookie


@pytest.mark.parametrize("hook", [remember_visitor, use_csrf_token])
def test_a_response_that_sets_a_cookie_is_not_kept(article, hook):
    with hooks.register_temporarily("before_serve_page", hook):
        first = Client().get("/tin-tuc/hoi-cho/")
        assert first.cookies
        response, queries = get(Client(), "/tin-tuc/hoi-cho/")
    assert queries > 0 and response.cookies
    if hook is use_csrf_token:
        assert response.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_only_pages_without_view_restrictions_may_be_kept(rf, article):
    def allowed(request) -> bool:
        request._page_cache_arrival = pagecache._arrival(request)  # as the middleware does
        pagecache.allow(request, article)
        return getattr(request, "_page_cache_place", None) is not None

    assert allowed(rf.get("/tin-tuc/hoi-cho/"))
    PageViewRestriction.objects.create(page=article.get_parent(), restriction_type="login")
    assert not allowed(rf.get("/tin-tuc/hoi-cho/"))  # restricted through its parent


def test_the_cache_is_off_at_zero_seconds(client, article):
    with override_settings(PAGE_CACHE_SECONDS=0):
        get(client, "/tin-tuc/hoi-cho/")
        assert get(client, "/tin-tuc/hoi-cho/")[1] > 0
