"""Found from outside: the sitemap, robots.txt, the favicon and the web manifest.

Read back as a crawler or a browser reads them: the sitemap parsed as XML, robots.txt by the
standard library's robots parser, the manifest as JSON, the icons fetched.
"""

import datetime
import json
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from news.factories import NewsPageFactory
from tests.content import publish
from tests.leakwalk.content import (
    KINDS,
    Builder,
    build_private_companies,
    build_restricted_sections,
)

pytestmark = pytest.mark.django_db

HOST = "spcncl.example.vn"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def site(db):
    """The site as deployed: its own host name, behind a proxy that ends TLS (port 443)."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.port = 443
    site.save()
    return site


def publish_skeleton(tree) -> None:
    """Publish the test skeleton's pages (made by factories, never published) as editors
    did on the site, so each has a publication date."""
    for page in (tree.home, tree.programme, tree.news, tree.events, tree.products, tree.companies):
        publish(page, translate=False)
        publish(tree.translation(page), translate=False)


def read_sitemap(client, **extra) -> dict[str, dict]:
    """Each <url> of the sitemap by its location: its lastmod and its alternates."""
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urls = {}
    for url in ElementTree.fromstring(response.content).findall("s:url", NS):
        location = url.findtext("s:loc", namespaces=NS)
        assert location not in urls, f"{location} is listed twice"
        urls[location] = {
            "lastmod": url.findtext("s:lastmod", namespaces=NS),
            "alternates": {
                link.get("hreflang"): link.get("href")
                for link in url.findall("x:link", NS)
                if link.get("rel") == "alternate"
            },
        }
    return urls


def paths(urls) -> set[str]:
    return {urlsplit(location).path for location in urls}


def test_the_sitemap_lists_every_public_page_in_both_languages_on_the_sites_host(
    client, site, site_tree
):
    publish_skeleton(site_tree)
    builder = Builder(site_tree)  # a public company and product, in both languages

    urls = read_sitemap(client, secure=True)

    assert {"/", "/en/"} <= paths(urls)
    assert {
        "/san-pham/",
        "/en/products/",
        "/doanh-nghiep/cong-ty-cong-khai/",
        "/en/companies/cong-ty-cong-khai/",
        "/san-pham/san-pham-cong-khai/",
        "/en/products/san-pham-cong-khai/",
    } <= paths(urls)
    # Each page is there once per language (the Vietnamese and English trees alike).
    assert len(urls) == 2 * len(urls) // 2
    vietnamese = [loc for loc in urls if not urlsplit(loc).path.startswith("/en/")]
    assert len(vietnamese) == len(urls) // 2
    for location, url in urls.items():
        # Absolute, on the Site's host (not the request's "testserver"), with the request's
        # scheme, and the default port left out.
        assert location.startswith(f"https://{HOST}/"), location
        assert datetime.date.fromisoformat(url["lastmod"]) <= timezone.localdate()
        alternates = url["alternates"]
        assert set(alternates) == {"vi", "en", "x-default"}, location
        assert location in alternates.values()
        assert alternates["x-default"] == alternates["vi"]
        assert not urlsplit(alternates["vi"]).path.startswith("/en/")
        assert urlsplit(alternates["en"]).path.startswith("/en/")
        # The translations name each other: both list the same alternates.
        for language in ("vi", "en"):
            assert urls[alternates[language]]["alternates"] == alternates
    product = urls[f"https://{HOST}/san-pham/san-pham-cong-khai/"]
    assert product["alternates"]["en"] == f"https://{HOST}/en/products/san-pham-cong-khai/"
    builder.public_product.refresh_from_db()
    published = timezone.localdate(builder.public_product.last_published_at)
    assert product["lastmod"] == published.isoformat()


def test_the_sitemap_takes_the_scheme_of_the_request_and_names_a_port_that_is_not_the_default(
    client, site, site_tree
):
    site.port = 8443
    site.save()
    locations = read_sitemap(client)
    assert locations
    assert all(loc.startswith(f"http://{HOST}:8443/") for loc in locations)


def tokens_and_urls(content):
    urls = {url for secret in content.secrets for url in secret.urls}
    tokens = {token for secret in content.secrets for token in secret.tokens}
    return urls, tokens


def assert_never_listed(client, content, *, public=("/san-pham/san-pham-cong-khai/",)):
    response = client.get("/sitemap.xml")
    body = response.content.decode()
    secret_urls, tokens = tokens_and_urls(content)
    assert secret_urls, "the private pages have URLs to look for"
    urls = read_sitemap(client)
    listed = paths(urls) | {
        urlsplit(href).path for url in urls.values() for href in url["alternates"].values()
    }
    assert listed & secret_urls == set()
    assert [token for token in tokens if token in body] == []
    # The public pages beside them are listed.
    assert set(public) <= listed


def test_drafts_scheduled_expired_and_restricted_pages_are_never_listed(client, site_tree):
    builder = Builder(site_tree)
    for kind in ("news", "product", "event", "standard"):
        builder.draft(kind)
        builder.scheduled(kind)
        builder.expired(kind)
        for restriction in KINDS:
            builder.restricted(kind, restriction)
    assert_never_listed(client, builder.content)


@pytest.mark.parametrize("restriction", KINDS)
def test_pages_in_a_restricted_section_are_never_listed(client, site_tree, restriction):
    content = build_restricted_sections(site_tree, restriction)
    # Every section is restricted: the home pages are all that is left.
    assert_never_listed(client, content, public=("/", "/en/"))
    assert paths(read_sitemap(client)) == {"/", "/en/"}


def test_products_of_a_private_company_are_never_listed(client, site_tree):
    assert_never_listed(client, build_private_companies(site_tree))


def test_a_page_whose_expiry_has_passed_is_not_listed_before_the_unpublishing_job_runs(
    client, site_tree
):
    page = NewsPageFactory(parent=site_tree.news, slug="het-han-som")
    publish(page)
    page.expire_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    page.save(update_fields=["expire_at"])
    assert page.live  # publish_scheduled has not run yet
    assert "/tin-tuc/het-han-som/" not in paths(read_sitemap(client))


def add_news(tree, start: int, count: int) -> None:
    for number in range(start, start + count):
        publish(NewsPageFactory(parent=tree.news, slug=f"tin-so-{number}"))


def sitemap_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries)


def test_the_sitemaps_queries_do_not_grow_with_the_number_of_pages(client, site_tree):
    builder = Builder(site_tree)
    builder.restricted("news", PageViewRestriction.LOGIN)  # the restriction checks run too
    add_news(site_tree, 0, 6)
    small = len(read_sitemap(client))
    queries = sitemap_queries(client)

    add_news(site_tree, 6, 12)
    large = len(read_sitemap(client))

    assert large >= 30 and large == small + 24  # 12 news pages, in two languages
    assert sitemap_queries(client) == queries
    # The sites, the locales, the site's roots, the restrictions, the pages, then one query
    # per page type for their specific rows (9 types here): 14, however many pages.
    assert queries <= 14


# robots.txt --------------------------------------------------------------------------------


def test_robots_txt_keeps_crawlers_out_of_the_admin_search_and_api_and_names_the_sitemap(
    client, site
):
    response = client.get("/robots.txt", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age=86400" in response["Cache-Control"]
    robots = RobotFileParser()
    robots.parse(response.content.decode().splitlines())

    assert robots.site_maps() == [f"https://{HOST}/sitemap.xml"]
    for path in (
        "/admin/",
        "/admin/pages/",
        "/tim-kiem/?q=den+led",
        "/en/search/?q=led",
        "/api/catalogue/?q=den",
        "/api/catalogue/suggest/?q=de",
    ):
        assert not robots.can_fetch("Googlebot", f"https://{HOST}{path}"), path
    for path in ("/", "/en/", "/san-pham/", "/en/products/", "/san-pham/?nganh=co-khi"):
        assert robots.can_fetch("Googlebot", f"https://{HOST}{path}"), path


# Favicon and web manifest ------------------------------------------------------------------


@pytest.fixture
def static_files(settings):
    """Static files answered by WhiteNoise from the source folders, as in development (the
    test settings have no collected files)."""
    settings.WHITENOISE_USE_FINDERS = True


def test_favicon_ico_answers_with_an_icon(client, static_files):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO header


def test_the_web_manifest_is_valid_json_in_vietnamese_whose_icons_exist(client, static_files):
    response = client.get("/site.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Sản phẩm công nghiệp chủ lực thành phố Hà Nội"
    assert manifest["short_name"] == "SPCNCL Hà Nội"
    assert manifest["lang"] == "vi"
    assert manifest["theme_color"] == "#0b4a85"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
        fetched = client.get(icon["src"])
        assert fetched.status_code == 200, icon["src"]
        assert fetched["Content-Type"] == icon["type"]


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_every_page_links_its_icons_and_manifest(client, site_tree, static_files, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    links = {}
    for link in soup.head.find_all("link"):
        for rel in link["rel"]:
            links.setdefault(rel, []).append(link["href"])
    assert links["manifest"] == ["/site.webmanifest"]
    assert len(links["icon"]) == 2
    assert len(links["apple-touch-icon"]) == 1
    for href in links["icon"] + links["apple-touch-icon"] + links["manifest"]:
        assert client.get(href).status_code == 200, href
    assert soup.head.find("meta", attrs={"name": "theme-color"})["content"] == "#0b4a85"
