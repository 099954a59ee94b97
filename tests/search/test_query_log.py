"""Search statistics: what visitors search for is counted, and editors read it in reports.

Searches run through the real pages and API on the database path; the count is written by the
real task (the immediate backend) once the request's on-commit work runs, as in production.
"""

import csv
import datetime
import io
import itertools
import logging
import socket
import unicodedata

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.management import call_command
from django.db import DatabaseError
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.editorial import EDITORS, MODERATORS
from news.factories import NewsPageFactory
from search.models import SearchQueryStat, SearchQueryStatQuerySet
from tests.content import make_company, make_product

TODAY = timezone.localdate


@pytest.fixture
def searchable(site_tree, settings):
    settings.SEARCH_URL = ""
    company = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    make_product(
        site_tree,
        company=company,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        english={"Đèn LED Rạng Đông": "Rạng Đông LED lamps"},
    )
    return site_tree


@pytest.fixture
def two_pages_of_news(searchable):
    for number in range(11):  # ten results a page
        NewsPageFactory(
            parent=searchable.news, title=f"Hội chợ sản phẩm số {number}", slug=f"hoi-cho-{number}"
        )
    call_command("update_index", verbosity=0)
    return searchable


@pytest.fixture
def visit(client, django_capture_on_commit_callbacks):
    """GET as a visitor, running the on-commit work a real request runs.

    Each call comes from another address (another visitor: one client counts a query once a
    day) unless *address* names one.
    """
    addresses = (f"198.51.100.{number}" for number in itertools.count(1))

    def get(url, params=None, *, address=None, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(
                url, params or {}, REMOTE_ADDR=address or next(addresses), **headers
            )
        return response

    return get


def stat(query, language="vi"):
    return SearchQueryStat.objects.get(query=query, language=language, day=TODAY())


def user_in(group_name, username):
    user = User.objects.create_user(username=username, password="mat-khau-thu-nghiem")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def test_a_search_records_one_hit_with_its_result_count(visit, searchable):
    response = visit("/tim-kiem/", {"q": "Đèn LED"})
    assert response.status_code == 200
    row = stat("đèn led")
    # What the page showed: one product, no article, no promotion.
    assert len(response.context["catalogue"]["results"]) == 1
    assert response.context["results_page"].paginator.count == 0
    assert (row.hits, row.last_result_count, row.zero_result_hits) == (1, 1, 0)
    assert row.database_hits == 1  # no SEARCH_URL: the database path answered
    assert SearchQueryStat.objects.count() == 1


def test_repeated_searches_increment_one_row_per_query_language_and_day(visit, searchable):
    visit("/san-pham/", {"q": "đèn led"})
    visit("/san-pham/", {"q": "  ĐÈN   Led "})
    visit("/tim-kiem/", {"q": unicodedata.normalize("NFD", "đèn led")})
    visit("/api/catalogue/", {"q": "đèn led"})
    visit("/en/products/", {"q": "đèn led"})
    visit("/api/catalogue/", {"q": "đèn led", "lang": "en"})
    assert stat("đèn led").hits == 4
    assert stat("đèn led", "en").hits == 2
    assert SearchQueryStat.objects.count() == 2
    assert all(unicodedata.is_normalized("NFC", row.query) for row in SearchQueryStat.objects.all())


def test_page_two_filters_suggestions_and_non_human_input_are_not_counted(visit, two_pages_of_news):
    assert visit("/tim-kiem/", {"q": "hội chợ", "page": "2"}).status_code == 200
    assert visit("/san-pham/", {"q": "đèn", "sector": "dien-dien-tu"}).status_code == 200
    assert visit("/api/catalogue/", {"q": "đèn", "sector": "dien-dien-tu"}).status_code == 200
    assert visit("/api/catalogue/suggest/", {"q": "đèn"}).status_code == 200
    assert visit("/tim-kiem/", {"q": "!!! ???"}).status_code == 200
    assert visit("/tim-kiem/", {"q": "đèn " * 30}).status_code == 200  # 120 characters
    assert visit("/api/catalogue/", {"q": "đèn", "page": "9"}).status_code == 400
    assert not SearchQueryStat.objects.exists()
    visit("/tim-kiem/", {"q": "hội chợ"})
    assert stat("hội chợ").hits == 1


def test_editors_own_searches_are_not_counted(client, visit, searchable):
    client.force_login(user_in(EDITORS, "bien-tap"))
    assert visit("/tim-kiem/", {"q": "đèn led"}).status_code == 200
    assert not SearchQueryStat.objects.exists()


def test_a_query_that_finds_nothing_is_in_the_zero_result_report(client, visit, searchable):
    visit("/tim-kiem/", {"q": "máy xúc lật"})
    visit("/tim-kiem/", {"q": "máy xúc lật"})
    visit("/tim-kiem/", {"q": "đèn led"})
    row = stat("máy xúc lật")
    assert (row.hits, row.zero_result_hits, row.last_result_count) == (2, 2, 0)

    client.force_login(user_in(EDITORS, "bien-tap"))
    zero = client.get("/admin/search-terms/zero-results/")
    assert zero.status_code == 200
    assert [(r["query"], r["zero_results"]) for r in zero.context["object_list"]] == [
        ("máy xúc lật", 2)
    ]
    frequent = client.get("/admin/search-terms/")
    assert [(r["query"], r["searches"]) for r in frequent.context["object_list"]] == [
        ("máy xúc lật", 2),
        ("đèn led", 1),
    ]
    html = frequent.content.decode()
    assert "/tim-kiem/?q=m%C3%A1y+x%C3%BAc+l%E1%BA%ADt" in html  # the public search, linked


def test_the_report_is_for_editors_moderators_and_superusers_only(client, searchable):
    SearchQueryStat.objects.create(query="đèn led", language="vi", day=TODAY(), hits=3)
    assert client.get("/admin/search-terms/").status_code == 302  # to the login page
    client.force_login(user_in(None, "khach"))  # signed in, but no admin access
    assert client.get("/admin/search-terms/").url.startswith("/admin/login/")
    admin_only = User.objects.create_user(username="chi-vao-admin", password="x")
    admin_only.user_permissions.add(
        *Group.objects.get(name=EDITORS).permissions.filter(codename="access_admin")
    )
    client.force_login(admin_only)
    for url in ("/admin/search-terms/", "/admin/search-terms/zero-results/"):
        refused = client.get(url, follow=True)
        assert refused.redirect_chain == [("/admin/", 302)]
        assert "Bạn không có quyền truy cập vào khu vực này." in refused.content.decode()
        assert "đèn led" not in refused.content.decode()
    assert "/admin/search-terms/" not in client.get("/admin/").content.decode()  # no menu item
    for user in (
        user_in(EDITORS, "bien-tap"),
        user_in(MODERATORS, "nguoi-duyet"),
        User.objects.create_superuser("quan-tri", password="x"),
    ):
        client.force_login(user)
        response = client.get("/admin/search-terms/")
        assert response.status_code == 200, user
        assert "đèn led" in response.content.decode()
        menu = client.get("/admin/").content.decode()  # the sidebar's menu, as JSON props
        assert "/admin/search-terms/" in menu and "/admin/search-terms/zero-results/" in menu


def test_the_report_covers_the_last_30_days_unless_told_otherwise(client, searchable):
    today = TODAY()
    SearchQueryStat.objects.create(query="đèn led", language="vi", day=today, hits=2)
    SearchQueryStat.objects.create(
        query="đèn led", language="vi", day=today - datetime.timedelta(days=29), hits=1
    )
    SearchQueryStat.objects.create(
        query="đèn led", language="vi", day=today - datetime.timedelta(days=45), hits=10
    )
    SearchQueryStat.objects.create(query="led lamp", language="en", day=today, hits=1)
    client.force_login(user_in(EDITORS, "bien-tap"))

    def rows(**params):
        response = client.get("/admin/search-terms/", params)
        assert response.status_code == 200
        return {(r["query"], r["language"]): r["searches"] for r in response.context["object_list"]}

    assert rows() == {("đèn led", "vi"): 3, ("led lamp", "en"): 1}
    since = (today - datetime.timedelta(days=60)).isoformat()
    assert rows(day_from=since) == {("đèn led", "vi"): 13, ("led lamp", "en"): 1}
    assert rows(day_from=since, language="en") == {("led lamp", "en"): 1}


def test_the_csv_export_contains_the_rows(client, visit, searchable):
    visit("/tim-kiem/", {"q": "máy xúc lật"})
    visit("/en/search/", {"q": "led lamps"})
    client.force_login(user_in(EDITORS, "bien-tap"))
    response = client.get("/admin/search-terms/", {"export": "csv"})
    assert response.status_code == 200
    assert 'filename="tu-khoa-tim-kiem.csv"' in response["Content-Disposition"]
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert table[0] == [
        "Từ khoá",
        "Ngôn ngữ",
        "Lượt tìm",
        "Lượt không có kết quả",
        "Số kết quả lần gần nhất",
        "Trả lời từ cơ sở dữ liệu",
        "Lần tìm gần nhất",
    ]
    today = TODAY().isoformat()
    assert sorted(table[1:]) == [
        ["led lamps", "en", "1", "0", "1", "1", today],
        ["máy xúc lật", "vi", "1", "1", "0", "1", today],
    ]
    xlsx = client.get("/admin/search-terms/zero-results/", {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_zero_result_query_links_to_a_prefilled_promotion_form(client, visit, searchable):
    visit("/tim-kiem/", {"q": "máy xúc lật"})
    prefilled = "/admin/search-terms/promote/?query_string=m%C3%A1y+x%C3%BAc+l%E1%BA%ADt"

    client.force_login(user_in(EDITORS, "bien-tap"))  # editors do not promote (no workflow)
    assert prefilled not in client.get("/admin/search-terms/zero-results/").content.decode()
    assert client.get(prefilled).url == "/admin/"  # refused

    client.force_login(user_in(MODERATORS, "nguoi-duyet"))
    report = client.get("/admin/search-terms/zero-results/").content.decode()
    assert prefilled in report
    form = client.get(prefilled)
    assert form.status_code == 200
    assert form.context["form"]["query_string"].value() == "máy xúc lật"
    assert 'action="/admin/searchpicks/add/"' in form.content.decode()

    page = searchable.home.get_children().first()
    SearchPromotion.objects.create(query=Query.get("máy xúc lật"), page=page, sort_order=0)
    report = client.get("/admin/search-terms/zero-results/").content.decode()
    assert f"/admin/searchpicks/{Query.get('máy xúc lật').pk}/" in report
    assert "Sửa kết quả ưu tiên" in report


def test_pruning_deletes_only_old_rows(searchable):
    today = TODAY()
    for age in (0, 364, 365, 366, 800):
        SearchQueryStat.objects.create(
            query=f"tuổi {age}", language="vi", day=today - datetime.timedelta(days=age), hits=1
        )
    out = io.StringIO()
    call_command("prune_search_stats", "--days", "365", stdout=out)
    assert "Deleted 2 rows" in out.getvalue()
    assert sorted(SearchQueryStat.objects.values_list("query", flat=True)) == [
        "tuổi 0",
        "tuổi 364",
        "tuổi 365",
    ]
    with pytest.raises(Exception, match="at least 1"):
        call_command("prune_search_stats", "--days", "0")


def test_a_task_backend_that_fails_does_not_break_the_search_page(
    visit, searchable, settings, caplog
):
    # A deployment that moved the task to a worker whose backend cannot be loaded.
    settings.TASKS = {"default": {"BACKEND": "search.no_such_backend.Backend"}}
    with caplog.at_level(logging.ERROR):
        response = visit("/tim-kiem/", {"q": "đèn led"})
    assert response.status_code == 200
    assert response.context["catalogue"]["results"][0]["title"] == "Đèn LED Rạng Đông"
    assert any("no_such_backend" in record.getMessage() for record in caplog.records)
    assert not SearchQueryStat.objects.exists()


def test_a_write_that_fails_does_not_break_the_search_page(visit, searchable, monkeypatch, caplog):
    def unavailable(self, **kwargs):
        raise DatabaseError("the statistics table is locked")

    monkeypatch.setattr(SearchQueryStatQuerySet, "count_search", unavailable)
    with caplog.at_level(logging.ERROR):
        response = visit("/san-pham/", {"q": "đèn led"})
    assert response.status_code == 200
    assert response.context["search"]["results"][0]["title"] == "Đèn LED Rạng Đông"
    assert any(record.exc_info and "locked" in str(record.exc_info[1]) for record in caplog.records)
    assert not SearchQueryStat.objects.exists()


def test_an_answer_from_the_database_while_the_engine_is_down_is_counted_as_such(
    visit, searchable, settings
):
    with socket.socket() as probe:  # a port nobody listens on: the engine is down
        probe.bind(("127.0.0.1", 0))
        settings.SEARCH_URL = f"http://127.0.0.1:{probe.getsockname()[1]}"
    response = visit("/api/catalogue/", {"q": "đèn led"})
    assert response.status_code == 200 and "notice" in response.json()
    row = stat("đèn led")
    assert (row.hits, row.database_hits, row.last_result_count) == (1, 1, 1)


def report(client, **params):
    """The editors' report of frequent queries: {(query, language): searches}."""
    client.force_login(User.objects.get(username="bien-tap"))
    response = client.get("/admin/search-terms/", params)
    assert response.status_code == 200
    client.logout()
    return {(r["query"], r["language"]): r["searches"] for r in response.context["object_list"]}


def test_one_client_counts_a_query_once_a_day(client, visit, searchable):
    user_in(EDITORS, "bien-tap")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(10):  # a script repeating one search, on every search path
            visit("/tim-kiem/", {"q": "đèn led"}, address="203.0.113.9")
            visit("/san-pham/", {"q": "Đèn  LED"}, address="203.0.113.9")
            visit("/api/catalogue/", {"q": "đèn led"}, address="203.0.113.9")
        assert report(client) == {("đèn led", "vi"): 1}

        visit("/tim-kiem/", {"q": "đèn led"}, address="203.0.113.10")  # another visitor
        visit("/tim-kiem/", {"q": "máy biến áp"}, address="203.0.113.9")  # another query
        visit("/en/search/", {"q": "đèn led"}, address="203.0.113.9")  # the English site
        assert report(client) == {
            ("đèn led", "vi"): 2,
            ("máy biến áp", "vi"): 1,
            ("đèn led", "en"): 1,
        }

        clock.shift(datetime.timedelta(days=1))  # the next day counts again
        visit("/tim-kiem/", {"q": "đèn led"}, address="203.0.113.9")
        visit("/tim-kiem/", {"q": "đèn led"}, address="203.0.113.9")
        assert stat("đèn led").hits == 1  # today's row
        assert report(client)[("đèn led", "vi")] == 3


def test_a_forged_forwarded_header_is_not_a_new_visitor(visit, searchable, settings):
    settings.CLIENT_IP_HEADER = ""  # no proxy configured: the header is the client's own text
    for number in range(5):
        visit(
            "/tim-kiem/",
            {"q": "đèn led"},
            address="203.0.113.9",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{number}",
        )
    assert stat("đèn led").hits == 1

    settings.CLIENT_IP_HEADER = "X-Forwarded-For"  # behind the proxy, which appends the client
    for number in range(5):
        visit(
            "/tim-kiem/",
            {"q": "máy biến áp"},
            address="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.9",
        )
    visit(
        "/tim-kiem/", {"q": "máy biến áp"}, address="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.10"
    )
    assert stat("máy biến áp").hits == 2


def test_what_is_remembered_does_not_name_the_visitor(visit, searchable):
    visit("/tim-kiem/", {"q": "đèn led"}, address="203.0.113.77")
    remembered = [key for key in caches["search-visitors"]._cache if "search-counted" in key]
    assert len(remembered) == 1
    assert "203.0.113.77" not in remembered[0] and "đèn" not in remembered[0]
    assert stat("đèn led").hits == 1
