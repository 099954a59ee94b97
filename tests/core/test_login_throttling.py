"""Throttled sign-ins: the admin login (django-axes) and page passwords (django-ratelimit).

Before this, 30 wrong admin passwords in 11 s were all tried and the right one worked at once
after. Now LOGIN_FAILURE_LIMIT (5) failures lock the account, and separately the address,
for LOGIN_COOLOFF_MINUTES (15): the right password is refused until the clock (moved with
time-machine) passes the cool-off. The client address is core.clientip's answer, so one
client behind the proxy never locks out the others, and a forged X-Forwarded-For changes
nothing.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.test import Client, RequestFactory
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from core.clientip import client_ip
from core.editorial import EDITORS
from news.factories import NewsPageFactory
from tests.content import publish

PASSWORD = "mat-khau-dung-1"
LIMIT = 5
COOL_OFF = datetime.timedelta(minutes=15)
LOCKED_VI = "Đăng nhập tạm bị khoá vì có quá nhiều lần nhập sai"
LOCKED_EN = "Too many failed sign-ins for this account or from your address"


@pytest.fixture
def editor(db):
    user = User.objects.create_user(username="bien-tap", password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def sign_in(username, password, *, address="192.0.2.10", client=None, **headers):
    client = client or Client()
    response = client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )
    return client, response


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_right_password_signs_in_without_failures(editor):
    client, response = sign_in("bien-tap", PASSWORD)
    assert response.status_code == 302 and response.url == "/admin/"
    assert signed_in(client)


def test_thirty_wrong_passwords_then_the_right_one(editor):
    """The report: 30 wrong passwords in 11 s were all tried, and the right one then worked."""
    statuses = [sign_in("bien-tap", f"sai-{number}")[1].status_code for number in range(30)]
    assert statuses == [200] * (LIMIT - 1) + [429] * (30 - LIMIT + 1)
    client, response = sign_in("bien-tap", PASSWORD)
    assert response.status_code == 429 and not signed_in(client)


def test_an_account_is_locked_after_repeated_failures_from_any_addresses(editor, clock):
    for number in range(LIMIT):  # a different address each time: only the account adds up
        _, response = sign_in("bien-tap", "sai", address=f"198.51.100.{number}")
        assert response.status_code == 200 if number < LIMIT - 1 else 429
        assert 'name="username"' in response.content.decode()  # the login page again

    client, response = sign_in("bien-tap", PASSWORD, address="203.0.113.99")
    assert response.status_code == 429
    assert LOCKED_VI in response.content.decode()
    assert "15 phút" in response.content.decode()
    assert not signed_in(client)

    clock.shift(COOL_OFF - datetime.timedelta(seconds=5))
    client, response = sign_in("bien-tap", PASSWORD, address="203.0.113.99")
    assert response.status_code == 429 and not signed_in(client)  # tries in the lock: uncounted

    clock.shift(datetime.timedelta(seconds=10))  # the cool-off after the last counted failure
    client, response = sign_in("bien-tap", PASSWORD, address="203.0.113.99")
    assert response.status_code == 302 and signed_in(client)


def test_an_address_is_locked_whatever_accounts_it_tries(editor, clock):
    for number in range(LIMIT):
        sign_in(f"khong-co-{number}", "sai", address="198.51.100.7")

    client, response = sign_in("bien-tap", PASSWORD, address="198.51.100.7")
    assert response.status_code == 429 and not signed_in(client)
    assert LOCKED_VI in response.content.decode()

    # Another client is not locked out with it.
    client, response = sign_in("bien-tap", PASSWORD, address="198.51.100.8")
    assert response.status_code == 302 and signed_in(client)

    clock.shift(COOL_OFF + datetime.timedelta(seconds=1))
    client, response = sign_in("bien-tap", PASSWORD, address="198.51.100.7")
    assert response.status_code == 302 and signed_in(client)


def test_the_lockout_is_explained_in_the_admins_language(editor, settings):
    # The login page, outside the language-prefixed URLs, speaks the site's default language
    # (Vietnamese, as the other tests show): an installation whose default is English.
    settings.LANGUAGE_CODE = "en"
    for _ in range(LIMIT):
        sign_in("bien-tap", "sai")
    _, response = sign_in("bien-tap", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_EN in html and "try again in 15 minutes" in html
    assert LOCKED_VI not in html


def test_the_front_end_login_is_throttled_too(editor):
    # Wagtail's login for pages restricted to signed-in users: the same accounts.
    for _ in range(LIMIT):
        Client().post("/_util/login/", {"username": "bien-tap", "password": "sai"})
    client = Client()
    response = client.post("/_util/login/", {"username": "bien-tap", "password": PASSWORD})
    assert response.status_code == 429 and not signed_in(client)
    html = response.content.decode()
    assert LOCKED_VI in html and 'name="password"' in html
    assert "didn't match" not in html


def test_without_a_configured_proxy_a_forged_forwarded_header_escapes_nothing(editor, settings):
    settings.CLIENT_IP_HEADER = ""
    for number in range(LIMIT):
        sign_in(f"khong-co-{number}", "sai", HTTP_X_FORWARDED_FOR=f"10.9.8.{number}")
    client, response = sign_in("bien-tap", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.8.200")
    assert response.status_code == 429 and not signed_in(client)


def test_behind_the_proxy_one_client_is_locked_out_not_everyone(editor, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.CLIENT_IP_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for number in range(LIMIT):
        # What the attacker writes is kept to the left of what the proxy appends.
        sign_in(
            f"khong-co-{number}",
            "sai",
            address=proxy,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, 203.0.113.5",
        )
    client, response = sign_in(
        "bien-tap", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.77, 203.0.113.5"
    )
    assert response.status_code == 429 and not signed_in(client)

    client, response = sign_in(
        "bien-tap", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.20"
    )
    assert response.status_code == 302 and signed_in(client)


@pytest.mark.parametrize(
    ("configuration", "meta", "expected"),
    [
        ({"CLIENT_IP_HEADER": ""}, {"HTTP_X_FORWARDED_FOR": "203.0.113.5"}, "10.0.0.2"),
        (
            {"CLIENT_IP_HEADER": "X-Forwarded-For"},
            {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"},
            "203.0.113.5",
        ),
        (
            {"CLIENT_IP_HEADER": "X-Forwarded-For", "CLIENT_IP_PROXY_COUNT": 2},
            {"HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5, 10.0.0.7"},
            "203.0.113.5",
        ),
        ({"CLIENT_IP_HEADER": "X-Real-IP"}, {"HTTP_X_REAL_IP": "2001:DB8:0:0::1"}, "2001:db8::1"),
        # Missing (a request that went round the proxy) or not an address: the connection's.
        ({"CLIENT_IP_HEADER": "X-Forwarded-For"}, {}, "10.0.0.2"),
        (
            {"CLIENT_IP_HEADER": "X-Forwarded-For", "CLIENT_IP_PROXY_COUNT": 2},
            {"HTTP_X_FORWARDED_FOR": "203.0.113.5"},
            "10.0.0.2",
        ),
        ({"CLIENT_IP_HEADER": "X-Forwarded-For"}, {"HTTP_X_FORWARDED_FOR": "unknown"}, "10.0.0.2"),
    ],
)
def test_the_client_address(settings, configuration, meta, expected):
    for name, value in configuration.items():
        setattr(settings, name, value)
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", **meta)
    assert client_ip(request) == expected


# Page passwords: the form a visitor sees on a password-restricted page.

PAGE_PASSWORD = "bi-mat-cua-trang"
PAGE_LOCKED_VI = "Bạn đã nhập sai mật khẩu quá nhiều lần"
PAGE_LOCKED_EN = "You have entered a wrong password too many times"


@pytest.fixture
def restricted(site_tree):
    page = NewsPageFactory(parent=site_tree.news, title="Tin nội bộ", slug="tin-noi-bo")
    publish(page, {"Tin nội bộ": "Internal news", "tin-noi-bo": "internal-news"})
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    return page, restriction


def try_page_password(
    page, restriction, password, *, address="192.0.2.50", client=None, english=False
):
    client = client or Client()
    prefix = "/en" if english else ""
    url = f"{prefix}/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    page_url = "/en/news/internal-news/" if english else "/tin-tuc/tin-noi-bo/"
    response = client.post(url, {"password": password, "return_url": page_url}, REMOTE_ADDR=address)
    return client, response


def sees_the_page(client, *, english=False):
    url = "/en/news/internal-news/" if english else "/tin-tuc/tin-noi-bo/"
    title = "Internal news" if english else "Tin nội bộ"
    return title in client.get(url).content.decode()


def test_a_page_password_is_refused_for_a_while_after_repeated_failures(restricted, clock):
    page, restriction = restricted
    for _ in range(LIMIT):
        _, response = try_page_password(page, restriction, "sai")
        assert response.status_code == 200  # the form again, with Wagtail's "not correct"

    client, response = try_page_password(page, restriction, PAGE_PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert PAGE_LOCKED_VI in html and 'name="password"' in html
    assert not sees_the_page(client)

    # Another visitor is not locked out with this one.
    client, response = try_page_password(page, restriction, PAGE_PASSWORD, address="192.0.2.51")
    assert response.status_code == 302 and sees_the_page(client)

    clock.shift(COOL_OFF + datetime.timedelta(seconds=1))
    client, response = try_page_password(page, restriction, PAGE_PASSWORD)
    assert response.status_code == 302 and sees_the_page(client)


def test_the_page_password_lockout_speaks_the_pages_language(restricted):
    page, restriction = restricted
    english = page.get_translation(Locale.objects.get(language_code="en"))
    english_restriction = PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.PASSWORD, password=PAGE_PASSWORD
    )
    for _ in range(LIMIT):
        try_page_password(english, english_restriction, "wrong", english=True)
    client, response = try_page_password(english, english_restriction, PAGE_PASSWORD, english=True)
    assert response.status_code == 429
    html = response.content.decode()
    assert PAGE_LOCKED_EN in html and PAGE_LOCKED_VI not in html
    assert not sees_the_page(client, english=True)


def test_a_right_page_password_is_not_counted(restricted):
    page, restriction = restricted
    for _ in range(LIMIT + 2):
        client, response = try_page_password(page, restriction, PAGE_PASSWORD)
        assert response.status_code == 302
    assert sees_the_page(client)


def test_a_request_without_any_address_still_has_one(settings):
    settings.CLIENT_IP_HEADER = ""
    assert client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == "0.0.0.0"


def test_signing_in_without_a_request_is_not_throttled(editor):
    # The test client's login() (and a shell) call authenticate() without a request: no
    # client to count, so axes is skipped rather than raising.
    assert Client().login(username="bien-tap", password=PASSWORD)
    assert not Client().login(username="bien-tap", password="sai")
