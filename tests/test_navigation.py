"""Navigation reaches every public page: the footer's links (chosen by editors in the site
settings), the site map page, and the language switch that keeps a search's words and a
catalogue view's filters."""

from collections import deque
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.factories import SitemapPageFactory, StandardPageFactory
from home.models import FooterLink, SiteSettings
from news.factories import NewsPageFactory
from products.factories import SectorFactory
from programme.factories import CriteriaPageFactory, EventPageFactory
from tests.content import publish
from tests.leakwalk.content import Builder, build_private_companies, build_states

pytestmark = pytest.mark.django_db


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def footer_links(client, url) -> dict[str, str]:
    nav = soup_of(client, url).find("footer").find("nav")
    return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")} if nav else {}


def standard_page(tree, title, slug, english_title, english_slug):
    page = StandardPageFactory(parent=tree.home, title=title, slug=slug)
    publish(page, {title: english_title, slug: english_slug})
    return page


def link_in_footer(*pages):
    settings = SiteSettings.load()
    for order, page in enumerate(pages):
        FooterLink.objects.create(settings=settings, page=page, sort_order=order)


@pytest.fixture
def site_pages(site_tree):
    about = standard_page(site_tree, "Giới thiệu", "gioi-thieu", "About", "about")
    access = standard_page(
        site_tree, "Khả năng tiếp cận", "kha-nang-tiep-can", "Accessibility", "accessibility"
    )
    sitemap = SitemapPageFactory(parent=site_tree.home)
    publish(sitemap, {"Sơ đồ trang": "Site map", "so-do-trang": "sitemap"})
    return about, access, sitemap


def test_the_footer_links_the_pages_editors_chose_in_each_language(client, site_pages):
    about, access, sitemap = site_pages
    link_in_footer(about, sitemap, access)
    assert list(footer_links(client, "/").items()) == [
        ("Giới thiệu", "/gioi-thieu/"),
        ("Sơ đồ trang", "/so-do-trang/"),
        ("Khả năng tiếp cận", "/kha-nang-tiep-can/"),
    ]
    assert list(footer_links(client, "/en/products/").items()) == [
        ("About", "/en/about/"),
        ("Site map", "/en/sitemap/"),
        ("Accessibility", "/en/accessibility/"),
    ]


def test_the_footer_leaves_out_pages_that_are_not_public_and_follows_changes(client, site_pages):
    about, access, sitemap = site_pages
    only_vietnamese = StandardPageFactory(
        parent=about.get_parent(), slug="lien-he", title="Liên hệ"
    )
    publish(only_vietnamese, translate=False)
    link_in_footer(about, only_vietnamese, access)
    assert list(footer_links(client, "/en/")) == ["About", "Accessibility"]
    assert list(footer_links(client, "/")) == ["Giới thiệu", "Liên hệ", "Khả năng tiếp cận"]
    access.unpublish()
    assert list(footer_links(client, "/")) == ["Giới thiệu", "Liên hệ"]
    FooterLink.objects.filter(page=about).delete()
    assert list(footer_links(client, "/")) == ["Liên hệ"]


def site_map_links(client, url) -> dict[str, str]:
    nav = soup_of(client, url).select_one("main nav.site-map")
    return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")}


def test_the_site_map_page_lists_the_public_pages_of_its_language_nested(
    client, site_tree, site_pages
):
    publish(CriteriaPageFactory(parent=site_tree.programme))
    vietnamese = site_map_links(client, "/so-do-trang/")
    assert vietnamese["Giới thiệu"] == "/gioi-thieu/"
    assert vietnamese["Sản phẩm"] == "/san-pham/"
    assert all(not href.startswith("/en/") for href in vietnamese.values())
    english = site_map_links(client, "/en/sitemap/")
    assert english["About"] == "/en/about/"
    assert english["Products"] == "/en/products/"
    assert all(href.startswith("/en/") for href in english.values())
    # Nested as the tree is: the criteria page sits in the programme's branch.
    soup = soup_of(client, "/so-do-trang/")
    programme = soup.select_one('nav.site-map a[href="/chuong-trinh/"]').find_parent("li")
    assert [a["href"] for a in programme.select(":scope > ul a")] == ["/chuong-trinh/tieu-chi/"]


def test_the_site_map_never_lists_private_draft_scheduled_or_expired_pages(client, site_tree):
    content = build_states(site_tree)
    private = build_private_companies(site_tree)
    sitemap = SitemapPageFactory(parent=site_tree.home)
    publish(sitemap, {"Sơ đồ trang": "Site map", "so-do-trang": "sitemap"})
    secret_urls = {url for secret in content.secrets + private.secrets for url in secret.urls}
    listed = set(site_map_links(client, "/so-do-trang/").values())
    listed |= set(site_map_links(client, "/en/sitemap/").values())
    assert "/san-pham/san-pham-cong-khai/" in listed
    assert not listed & secret_urls
    tokens = {token for secret in content.secrets + private.secrets for token in secret.tokens}
    for url in ("/so-do-trang/", "/en/sitemap/"):
        body = client.get(url).content.decode()
        assert not [token for token in tokens if token in body], url


def test_every_public_page_is_reached_by_following_links_from_the_home_page(
    client, site_tree, site_pages
):
    """A visitor following links (menu, footer, site map, listings) from the home page reaches
    every page the XML sitemap lists, in both languages."""
    link_in_footer(*site_pages)
    Builder(site_tree)  # a public company and product
    publish(NewsPageFactory(parent=site_tree.news))
    publish(EventPageFactory(parent=site_tree.events))
    publish(CriteriaPageFactory(parent=site_tree.programme))
    sitemap = BeautifulSoup(client.get("/sitemap.xml").content, "xml")
    listed = {urlsplit(loc.get_text()).path for loc in sitemap.find_all("loc")}
    assert {"/en/about/", "/san-pham/san-pham-cong-khai/", "/chuong-trinh/tieu-chi/"} <= listed
    seen, queue = set(), deque(["/"])
    while queue:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code != 200 or "html" not in response["Content-Type"]:
            continue
        for a in BeautifulSoup(response.content, "html.parser").find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.netloc or parts.query or not parts.path.startswith("/"):
                continue
            if not parts.path.startswith(("/static/", "/media/", "/documents/", "/admin/")):
                queue.append(parts.path)
    assert listed - seen == set()


@pytest.mark.parametrize(
    ("url", "language", "path", "query"),
    [
        (
            "/san-pham/?q=%C4%91%C3%A8n&sector=dien-dien-tu&year=2024&page=1&utm_source=x&lang=vi",
            "en",
            "/en/products/",
            {"q": ["đèn"], "sector": ["dien-dien-tu"], "year": ["2024"]},
        ),
        (
            "/en/products/?status=current&sort=newest&tab=companies",
            "vi",
            "/san-pham/",
            {"status": ["current"], "sort": ["newest"], "tab": ["companies"]},
        ),
        (
            "/tim-kiem/?q=b%C3%B3ng+%C4%91%C3%A8n&page=1&x=1",
            "en",
            "/en/search/",
            {"q": ["bóng đèn"]},
        ),
        ("/en/search/?q=lamp", "vi", "/tim-kiem/", {"q": ["lamp"]}),
    ],
)
def test_the_language_switch_keeps_the_query_and_filters(
    client, site_tree, settings, url, language, path, query
):
    settings.SEARCH_URL = ""
    SectorFactory(slug="dien-dien-tu")
    soup = soup_of(client, url)
    switch = soup.select_one(f'nav.language-switcher a[hreflang="{language}"]')
    parts = urlsplit(switch["href"])
    assert parts.path == path
    assert parse_qs(parts.query) == query
    assert client.get(switch["href"]).status_code == 200


def test_the_demo_fills_the_footer_and_the_site_map(client, db):
    call_command("load_demo")
    assert list(footer_links(client, "/").values()) == [
        "/gioi-thieu/",
        "/kha-nang-tiep-can/",
        "/lien-he/",
        "/chuong-trinh/du-lieu-mo/",
        "/so-do-trang/",
    ]
    assert list(footer_links(client, "/en/").values()) == [
        "/en/about/",
        "/en/accessibility/",
        "/en/contact/",
        "/en/programme/open-data/",
        "/en/sitemap/",
    ]
    assert "/en/products/" in site_map_links(client, "/en/sitemap/").values()


def test_editors_choose_the_footer_links_in_the_site_settings(client, site_pages, admin_user):
    about, access, sitemap = site_pages
    client.force_login(admin_user)
    response = client.get("/admin/settings/home/sitesettings/", follow=True)
    assert response.status_code == 200
    url = (
        response.redirect_chain[-1][0] if response.redirect_chain else response.request["PATH_INFO"]
    )
    form = response.context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    links = [{"page": sitemap.pk, "ORDER": 1}, {"page": about.pk, "ORDER": 2}]
    data |= nested_form_data({"footer_links": inline_formset(links)})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    assert list(footer_links(client, "/en/")) == ["Site map", "About"]
