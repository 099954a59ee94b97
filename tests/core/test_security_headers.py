"""Security headers on every response, and who may keep a response (core.security,
core.cachecontrol, config.settings.base "Security headers").

The public policy is strict: no 'unsafe-inline' anywhere, which only holds while the templates
have no inline code, so one test reads them all. The admin's own policy is proved to work in
a real browser (tests/browser/test_admin_csp.py); here, that it reaches the admin and only it.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import caches
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from wagtail import hooks
from wagtail.models import PageViewRestriction

from core.treecache import bump_tree_version
from home.models import SiteSettings
from news.factories import NewsPageFactory
from news.models import NewsPage
from tests.content import publish
from tests.test_query_budget import PUBLIC_URLS, content, grow_catalogue  # noqa: F401

TEMPLATES = Path(settings.BASE_DIR) / "templates"

# An opening <script> tag, and what follows it up to its closing tag.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_BLOCK = re.compile(r"<style\b", re.IGNORECASE)
# style="…" and inline event handlers (onclick="…"), which CSP blocks like inline scripts.
INLINE_ATTRIBUTE = re.compile(r"""\s(style|on[a-z]+)\s*=\s*["'{]""", re.IGNORECASE)
# Script types the browser does not run (data for scripts, e.g. json_script).
DATA_SCRIPT = re.compile(r"""type\s*=\s*["']application/(ld\+)?json["']""", re.IGNORECASE)


def inline_code(text: str) -> list[str]:
    found = []
    for attributes, body in SCRIPT.findall(text):
        if body.strip() and not DATA_SCRIPT.search(attributes):
            found.append(f"inline <script>: {body.strip()[:60]!r}")
    found += [f"<style> block at {m.start()}" for m in STYLE_BLOCK.finditer(text)]
    found += [f"{m.group(1)}= attribute at {m.start()}" for m in INLINE_ATTRIBUTE.finditer(text)]
    return found


def test_the_scan_finds_each_kind_of_inline_code():
    assert inline_code('<script src="/static/js/site.js" defer></script>') == []
    assert inline_code('<script type="application/json">{"a": 1}</script>') == []
    assert inline_code("<script>alert(1)</script>")
    assert inline_code("<script defer>\n  go();\n</script>")
    assert inline_code("<style>p { color: red }</style>")
    assert inline_code('<p style="color: red">')
    assert inline_code('<a href="#" onclick="go()">')
    assert inline_code('<svg><rect fill="red" class="bar"/></svg>') == []


def test_public_templates_hold_no_inline_script_style_or_handler():
    found = {
        str(path.relative_to(TEMPLATES)): problems
        for path in sorted(TEMPLATES.rglob("*.html"))
        if (problems := inline_code(path.read_text()))
    }
    assert not found, f"inline code the public CSP would block: {found}"


def test_the_public_policy_is_strict():
    policy = settings.SECURE_CSP
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["font-src"] == ["'self'"] and policy["img-src"] == ["'self'"]


@pytest.fixture
def every_public_url(client, content):  # noqa: F811
    grow_catalogue(content, 1)
    article = NewsPage.objects.live().first()
    return [
        *PUBLIC_URLS,
        article.url,
        "/api/catalogue/?q=san+pham",
        "/api/catalogue/suggest/?q=san",
        "/sitemap.xml",
        "/khong-co-trang-nay/",
        "/en/no-such-page/",
        "/health/",
    ]


def assert_public_headers(response, url):
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy, url
    assert "'unsafe-inline'" not in policy, url
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, url
    assert "base-uri 'none'" in policy and "form-action 'self'" in policy, url
    assert response["X-Frame-Options"] == "DENY", url
    assert response["X-Content-Type-Options"] == "nosniff", url
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions, url


def test_every_public_response_carries_the_public_policy_and_headers(every_public_url):
    for url in every_public_url:
        response = Client().get(url)
        assert response.status_code in (200, 404), url
        assert_public_headers(response, url)


def test_a_signed_in_editor_gets_the_public_policy_on_public_pages(client, site_tree):
    client.force_login(User.objects.create_superuser("quan-tri", "q@example.vn", "x"))
    response = client.get("/")
    assert "wagtail-userbar" in response.content.decode()
    assert_public_headers(response, "/")


def test_only_the_admin_gets_the_admin_policy(admin_client, site_tree):
    for url in ("/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/"):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy, url
        assert "style-src 'self';" in policy, url  # no inline styles, even here
        assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy, url
        assert response["X-Frame-Options"] == "DENY", url
    # A URL that merely looks like the admin's is not under it.
    assert "'unsafe-inline'" not in admin_client.get("/administration/")["Content-Security-Policy"]


def test_a_draft_shown_in_a_tab_of_its_own_is_the_public_policy_not_framed(admin_client, site_tree):
    # The preview panel's iframe (frame-ancestors 'self', X-Frame-Options SAMEORIGIN) is
    # loaded by the browser test; "view draft" opens in a tab and may not be framed at all.
    draft = NewsPageFactory(parent=site_tree.news, title="Bản nháp", slug="ban-nhap")
    response = admin_client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code == 200 and "Bản nháp" in response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "script-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy and response["X-Frame-Options"] == "DENY"
    assert {"private", "no-store"} <= directives(response)


@pytest.fixture
def page_cache(db):
    SiteSettings.load()
    caches["pages"].clear()
    bump_tree_version()
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield
    caches["pages"].clear()


def test_a_page_kept_by_the_page_cache_still_gets_every_header(site_tree, page_cache):
    first = Client().get("/")
    kept = Client().get("/")
    assert kept.content == first.content
    assert_public_headers(kept, "/")
    assert kept["Cache-Control"] == first["Cache-Control"] == "public, max-age=60"


# -- Cache-Control: who may keep a response -------------------------------------------------


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def test_anonymous_public_pages_may_be_kept_briefly_by_anyone(client, site_tree):
    for url in ("/", "/en/", "/api/catalogue/"):
        response = client.get(url)
        assert directives(response) == {"public", f"max-age={settings.PUBLIC_CACHE_SECONDS}"}
        assert not response.cookies


def test_searches_reach_the_site_every_time(client, site_tree):
    for url in ("/tim-kiem/?q=den", "/api/catalogue/?q=den", "/san-pham/?q=den"):
        assert directives(client.get(url)) == {"no-cache"}, url


def test_pages_for_a_signed_in_user_are_private(client, site_tree):
    client.force_login(User.objects.create_user("bien-tap", password="x"))
    for url in ("/", "/en/", "/api/catalogue/"):
        assert "private" in directives(client.get(url)), url
        assert "public" not in directives(client.get(url)), url


def test_a_visitor_with_a_session_or_messages_cookie_gets_private_pages(site_tree):
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        visitor = Client()
        visitor.cookies[cookie] = "anything"
        response = visitor.get("/")
        assert {"private", "no-cache"} <= directives(response), cookie
        assert "public" not in directives(response)


def test_a_response_that_sets_a_cookie_or_holds_a_csrf_token_is_private(client, site_tree):
    def remember_visitor(page, request, args, kwargs):
        request.session["seen"] = True  # sets the session cookie

    with hooks.register_temporarily("before_serve_page", remember_visitor):
        response = Client().get("/")
    assert response.cookies and {"private", "no-cache"} <= directives(response)

    def use_csrf_token(page, request, args, kwargs):
        get_token(request)  # as a form in the page would

    with hooks.register_temporarily("before_serve_page", use_csrf_token):
        response = Client().get("/")
    assert "csrftoken" in response.cookies and {"private", "no-cache"} <= directives(response)


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_restricted_pages_are_private_and_never_stored(client, site_tree, restriction):
    article = NewsPageFactory(parent=site_tree.news, title="Tin nội bộ", slug="noi-bo")
    publish(article, {"Tin nội bộ": "Internal news", "noi-bo": "internal"})
    PageViewRestriction.objects.create(
        page=site_tree.news, restriction_type=restriction, password="bi-mat"
    )
    form_or_redirect = client.get("/tin-tuc/noi-bo/")
    assert "Tin nội bộ" not in form_or_redirect.content.decode()
    assert {"private", "no-store"} <= directives(form_or_redirect)
    if restriction == "password":
        form_url = re.search(r'action="([^"]+)"', form_or_redirect.content.decode()).group(1)
        client.post(form_url, {"password": "bi-mat", "return_url": "/tin-tuc/noi-bo/"})
    else:
        client.force_login(User.objects.create_user("doc-gia", password="x"))
    shown = client.get("/tin-tuc/noi-bo/")
    assert "Tin nội bộ" in shown.content.decode()
    assert {"private", "no-store"} <= directives(shown)


def test_the_admin_is_private_and_never_stored(admin_client, site_tree):
    for url in ("/admin/", "/admin/pages/", "/admin/login/"):
        assert {"private", "no-store"} <= directives(admin_client.get(url)), url


def test_the_page_cache_keeps_nothing_private(site_tree, page_cache):
    signed_in = Client()
    signed_in.force_login(User.objects.create_user("bien-tap", password="x"))
    signed_in.get("/")
    assert not caches["pages"]._cache, "a signed-in editor's page was kept"
    Client().get("/")
    assert len(caches["pages"]._cache) == 1
