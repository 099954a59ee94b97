"""Found from outside: every page's description, canonical link, Open Graph and Twitter card
tags and schema.org JSON-LD, read back as a crawler or a link preview reads them.

JSON-LD and Open Graph are parsed by extruct (JSON-LD and OpenGraph syntaxes only: nothing
is fetched); meta tags and links by an HTML parser. Every public page type, in Vietnamese
and English, on the Site's host (as in tests/test_discoverable.py).
"""

import datetime
from urllib.parse import urlsplit

import extruct
import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Page, Site

from core.factories import ImageFactory
from home.factories import SitemapPageFactory, StandardPageFactory
from home.models import SiteSettings
from news.factories import NewsPageFactory
from products.factories import AdministrativeUnitFactory, DecisionFactory
from programme.factories import (
    CriteriaPageFactory,
    DecisionIndexPageFactory,
    EventPageFactory,
    GuidancePageFactory,
    OpenDataPageFactory,
    StatisticsPageFactory,
)
from tests.content import make_company, make_product, publish
from tests.leakwalk.content import (
    KINDS,
    build_private_companies,
    build_private_contacts,
    build_restricted_sections,
    build_states,
)

pytestmark = pytest.mark.django_db

HOST = "spcncl.example.vn"
ROOT = f"https://{HOST}"


@pytest.fixture
def site(db):
    """The site as deployed: its own host name, behind a proxy that ends TLS (port 443)."""
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.port = 443
    site.save()
    return site


def read(client, path) -> dict:
    """What a crawler reads from *path*: meta tags, links, Open Graph and JSON-LD."""
    response = client.get(path, secure=True)
    assert response.status_code == 200, path
    text = response.content.decode()
    soup = BeautifulSoup(text, "html.parser")
    data = extruct.extract(
        text, base_url=f"{ROOT}{path}", syntaxes=["json-ld", "opengraph"], errors="strict"
    )
    og: dict[str, list[str]] = {}
    for item in data["opengraph"]:
        for name, value in item["properties"]:
            og.setdefault(name, []).append(value)
    meta = {tag.get("name"): tag.get("content") for tag in soup.find_all("meta") if tag.get("name")}
    canonical = [link["href"] for link in soup.find_all("link", rel="canonical")]
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    nodes: dict[str, list[dict]] = {}
    for node in data["json-ld"]:
        assert node.get("@context") == "https://schema.org", node
        nodes.setdefault(node["@type"], []).append(node)
    return {
        "title": soup.title.string,
        "meta": meta,
        "canonical": canonical,
        "alternates": alternates,
        "og": og,
        "json_ld": nodes,
    }


def one(values: list):
    assert len(values) == 1, values
    return values[0]


@pytest.fixture
def every_page_type(site, site_tree):
    """One published page of every public type, in Vietnamese and English; the department's
    contact in the site settings. Returns {label: (Vietnamese path, English path)}."""
    settings = SiteSettings.load()
    settings.address = "331 Trần Phú, Hà Đông"
    settings.address_en = "331 Tran Phu, Ha Dong"
    settings.phone = "024 3382 5678"
    settings.email = "socongthuong@hanoi.gov.vn"
    settings.save()
    for page in (
        site_tree.home,
        site_tree.programme,
        site_tree.news,
        site_tree.events,
        site_tree.products,
        site_tree.companies,
    ):
        page.search_description = ""
        publish(page, translate=False)
        publish(site_tree.translation(page), translate=False)
    unit = AdministrativeUnitFactory(name="Phường Hà Đông", name_en="Ha Dong Ward")
    company = make_company(
        site_tree,
        title="Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
        slug="rang-dong",
        legal_name="Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
        address="87 Nguyễn Trãi",
        unit=unit,
        website="https://rangdong.com.vn",
        contact_email="info@rangdong.com.vn",
        contact_email_public=True,
        contact_phone="024 3858 4310",
        contact_phone_public=False,
        logo=ImageFactory(title="Logo Rạng Đông"),
        english={"Công ty Cổ phần Bóng đèn Phích nước Rạng Đông": "Rang Dong Light Source"},
    )
    decision = DecisionFactory(number="5012/QĐ-UBND", year=2021)
    make_product(
        site_tree,
        company=company,
        title="Đèn LED chiếu sáng đường phố",
        slug="den-led",
        summary="Đèn LED công suất 100 W cho chiếu sáng đô thị.",
        recognitions=[{"year": 2021, "is_top10": True, "decision": decision}, {"year": 2024}],
        english={
            "Đèn LED chiếu sáng đường phố": "LED street light",
            "Đèn LED công suất 100 W cho chiếu sáng đô thị.": "A 100 W LED light for streets.",
        },
    )
    news = NewsPageFactory(
        parent=site_tree.news,
        title="Công bố sản phẩm chủ lực 2025",
        slug="cong-bo-2025",
        date=datetime.date(2025, 11, 15),
        lead_image=ImageFactory(title="Lễ công bố"),
    )
    news.tags.add("công nhận")
    publish(news, {"Công bố sản phẩm chủ lực 2025": "Key products of 2025 announced"})
    publish(
        EventPageFactory(
            parent=site_tree.events,
            title="Hội nghị kết nối cung cầu",
            slug="ket-noi-cung-cau",
            starts_at=timezone.now() + datetime.timedelta(days=20),
            ends_at=timezone.now() + datetime.timedelta(days=21),
            venue="Cung Văn hóa Hữu nghị",
            address="91 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội",
            organiser="Trung tâm Khuyến công Hà Nội",
            image=ImageFactory(title="Hội nghị"),
            registration_on_site=True,
        )
    )
    for factory in (
        CriteriaPageFactory,
        GuidancePageFactory,
        DecisionIndexPageFactory,
        StatisticsPageFactory,
    ):
        publish(factory(parent=site_tree.programme, intro="<p>Giới thiệu <b>mục</b> này.</p>"))
    publish(OpenDataPageFactory(parent=site_tree.programme, intro="Dữ liệu của chương trình."))
    publish(SitemapPageFactory(parent=site_tree.home, intro="Mọi trang của trang web."))
    publish(
        StandardPageFactory(
            parent=site_tree.home, title="Giới thiệu", slug="gioi-thieu", intro="Về trang này."
        )
    )
    english = {
        "home": "/en/",
        "standard": "/en/gioi-thieu/",
        "news index": "/en/news/",
        "news": "/en/news/cong-bo-2025/",
        "event index": "/en/events/",
        "event": "/en/events/ket-noi-cung-cau/",
        "programme": "/en/programme/",
        "criteria": "/en/programme/tieu-chi/",
        "guidance": "/en/programme/huong-dan/",
        "decisions": "/en/programme/van-ban/",
        "statistics": "/en/programme/so-lieu/",
        "open data": "/en/programme/du-lieu-mo/",
        "self-check": "/en/programme/tieu-chi/self-check/",
        "site map": "/en/so-do-trang/",
        "application": "/en/apply-for-selection/",
        "event registration": "/en/events/ket-noi-cung-cau/register/",
        "product index": "/en/products/",
        "product": "/en/products/den-led/",
        "company index": "/en/companies/",
        "company": "/en/companies/rang-dong/",
        "search": "/en/search/",
        "inquiry": "/en/contact-supplier/",
        "inquiry sent": "/en/contact-supplier/sent/",
        "privacy notice": "/en/personal-data/",
    }
    vietnamese = {
        "home": "/",
        "standard": "/gioi-thieu/",
        "news index": "/tin-tuc/",
        "news": "/tin-tuc/cong-bo-2025/",
        "event index": "/su-kien/",
        "event": "/su-kien/ket-noi-cung-cau/",
        "programme": "/chuong-trinh/",
        "criteria": "/chuong-trinh/tieu-chi/",
        "guidance": "/chuong-trinh/huong-dan/",
        "decisions": "/chuong-trinh/van-ban/",
        "statistics": "/chuong-trinh/so-lieu/",
        "open data": "/chuong-trinh/du-lieu-mo/",
        "self-check": "/chuong-trinh/tieu-chi/tu-kiem-tra/",
        "site map": "/so-do-trang/",
        "application": "/dang-ky-binh-chon/",
        "event registration": "/su-kien/ket-noi-cung-cau/dang-ky/",
        "product index": "/san-pham/",
        "product": "/san-pham/den-led/",
        "company index": "/doanh-nghiep/",
        "company": "/doanh-nghiep/rang-dong/",
        "search": "/tim-kiem/",
        "inquiry": "/lien-he-nha-cung-cap/",
        "inquiry sent": "/lien-he-nha-cung-cap/da-gui/",
        "privacy notice": "/du-lieu-ca-nhan/",
    }
    return {label: (vietnamese[label], english[label]) for label in vietnamese}


LANGUAGES = [("vi", 0, "vi_VN", "en_US"), ("en", 1, "en_US", "vi_VN")]


@pytest.mark.parametrize(("language", "index", "og_locale", "other_locale"), LANGUAGES)
def test_every_page_type_describes_itself_on_the_sites_host(
    client, every_page_type, language, index, og_locale, other_locale
):
    for label, paths in every_page_type.items():
        path = paths[index]
        page = read(client, path)
        where = f"{label} ({path})"
        description = page["meta"]["description"]
        assert description and description.strip(), where
        assert page["canonical"] == [f"{ROOT}{path}"], where
        og = page["og"]
        assert one(og["og:url"]) == f"{ROOT}{path}", where
        assert one(og["og:title"]) and one(og["og:title"]) in page["title"], where
        assert one(og["og:description"]) == description, where
        assert one(og["og:site_name"]), where
        assert one(og["og:type"]) in ("website", "article"), where
        assert one(og["og:locale"]) == og_locale, where
        assert one(og["og:locale:alternate"]) == other_locale, where
        assert page["meta"]["twitter:card"] in ("summary", "summary_large_image"), where
        assert page["meta"]["twitter:title"] == one(og["og:title"]), where
        # Each language names the other, absolute on the Site's host.
        assert set(page["alternates"]) == {"vi", "en", "x-default"}, where
        assert page["alternates"][language] == f"{ROOT}{path}", where
        assert page["alternates"]["vi"] == f"{ROOT}{paths[0]}", where
        assert page["alternates"]["en"] == f"{ROOT}{paths[1]}", where
        # Below the home page, a trail of absolute links from the home page to this page.
        if label == "home":
            assert "BreadcrumbList" not in page["json_ld"], where
            continue
        trail = one(page["json_ld"]["BreadcrumbList"])["itemListElement"]
        assert [item["position"] for item in trail] == list(range(1, len(trail) + 1)), where
        assert trail[0]["item"] == every_page_type_home(index), where
        assert trail[-1]["item"] == f"{ROOT}{path}", where
        assert trail[-1]["name"] == one(og["og:title"]), where
        for earlier, later in zip(trail, trail[1:], strict=False):
            assert urlsplit(later["item"]).path.startswith(urlsplit(earlier["item"]).path), where


def every_page_type_home(index: int) -> str:
    return f"{ROOT}/" if index == 0 else f"{ROOT}/en/"


def test_descriptions_come_from_the_pages_own_summary_or_introduction(client, every_page_type):
    assert read(client, "/san-pham/den-led/")["meta"]["description"] == (
        "Đèn LED công suất 100 W cho chiếu sáng đô thị."
    )
    assert read(client, "/en/products/den-led/")["meta"]["description"] == (
        "A 100 W LED light for streets."
    )
    # Rich-text introductions are read as plain text.
    assert read(client, "/chuong-trinh/tieu-chi/")["meta"]["description"] == "Giới thiệu mục này."
    assert read(client, "/gioi-thieu/")["meta"]["description"] == "Về trang này."


def test_the_home_page_names_the_department_and_the_site(client, every_page_type):
    page = read(client, "/")
    department = one(page["json_ld"]["GovernmentOrganization"])
    assert department["name"] == "Sở Công Thương Hà Nội"
    assert department["telephone"] == "024 3382 5678"
    assert department["email"] == "socongthuong@hanoi.gov.vn"
    assert department["address"]["streetAddress"] == "331 Trần Phú, Hà Đông"
    assert department["address"]["addressCountry"] == "VN"
    website = one(page["json_ld"]["WebSite"])
    assert website["url"] == f"{ROOT}/"
    assert website["publisher"]["@id"] == department["@id"]

    english = one(read(client, "/en/")["json_ld"]["GovernmentOrganization"])
    assert english["name"] == "Hanoi Department of Industry and Trade"
    assert english["address"]["streetAddress"] == "331 Tran Phu, Ha Dong"


@pytest.mark.parametrize(
    ("path", "company_path", "company_name", "award_words"),
    [
        (
            "/san-pham/den-led/",
            "/doanh-nghiep/rang-dong/",
            "Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
            "Sản phẩm công nghiệp chủ lực",
        ),
        (
            "/en/products/den-led/",
            "/en/companies/rang-dong/",
            "Rang Dong Light Source",
            "key industrial product",
        ),
    ],
)
def test_a_product_names_its_maker_and_its_recognitions(
    client, every_page_type, path, company_path, company_name, award_words
):
    page = read(client, path)
    product = one(page["json_ld"]["Product"])
    assert product["url"] == f"{ROOT}{path}"
    assert product["manufacturer"]["@type"] == "Organization"
    assert product["manufacturer"]["name"] == company_name
    assert product["manufacturer"]["url"] == f"{ROOT}{company_path}"
    awards = product["award"]
    assert len(awards) == 2
    top10 = next(award for award in awards if "2021" in award)
    assert award_words.lower() in top10.lower()
    assert "Top 10" in top10 and "5012/QĐ-UBND" in top10
    assert any("2024" in award and "Top 10" not in award for award in awards)
    # The product's picture, absolute, with its size, for link previews.
    image = one(page["og"]["og:image"])
    assert image.startswith(f"{ROOT}/media/")
    # The largest of the renditions made at upload (the 480 × 320 test picture, not enlarged).
    assert (one(page["og"]["og:image:width"]), one(page["og"]["og:image:height"])) == (
        "480",
        "320",
    )
    assert client.get(urlsplit(image).path).status_code == 200
    assert product["image"] == [image]
    assert page["meta"]["twitter:card"] == "summary_large_image"
    assert page["meta"]["twitter:image"] == image


def test_a_company_shows_its_address_and_only_its_public_contact(client, every_page_type):
    page = read(client, "/doanh-nghiep/rang-dong/")
    company = one(page["json_ld"]["Organization"])
    assert company["name"] == "Công ty Cổ phần Bóng đèn Phích nước Rạng Đông"
    assert company["legalName"] == "Công ty Cổ phần Bóng đèn Phích nước Rạng Đông"
    assert company["url"] == f"{ROOT}/doanh-nghiep/rang-dong/"
    assert company["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "87 Nguyễn Trãi",
        "addressLocality": "Phường Hà Đông",
        "addressRegion": "Hà Nội",
        "addressCountry": "VN",
    }
    assert company["email"] == "info@rangdong.com.vn"  # marked public
    assert "telephone" not in company  # not marked public
    assert company["sameAs"] == ["https://rangdong.com.vn"]
    assert company["logo"].startswith(f"{ROOT}/media/")
    assert any("2021" in award and "Đèn LED" in award for award in company["award"])
    english = one(read(client, "/en/companies/rang-dong/")["json_ld"]["Organization"])
    assert english["name"] == "Rang Dong Light Source"
    assert english["address"]["addressLocality"] == "Ha Dong Ward"


def test_news_and_events_carry_their_dates_place_and_organiser(client, every_page_type):
    news_page = read(client, "/tin-tuc/cong-bo-2025/")
    article = one(news_page["json_ld"]["NewsArticle"])
    assert article["headline"] == "Công bố sản phẩm chủ lực 2025"
    assert article["datePublished"] == "2025-11-15"
    assert article["publisher"]["@type"] == "GovernmentOrganization"
    assert article["publisher"]["name"] == "Sở Công Thương Hà Nội"
    assert article["keywords"] == ["công nhận"]
    assert article["image"] == news_page["og"]["og:image"]
    assert one(news_page["og"]["og:type"]) == "article"
    english = one(read(client, "/en/news/cong-bo-2025/")["json_ld"]["NewsArticle"])
    assert english["headline"] == "Key products of 2025 announced"
    assert english["inLanguage"] == "en"

    for path in ("/su-kien/ket-noi-cung-cau/", "/en/events/ket-noi-cung-cau/"):
        event = one(read(client, path)["json_ld"]["Event"])
        starts = datetime.datetime.fromisoformat(event["startDate"])
        ends = datetime.datetime.fromisoformat(event["endDate"])
        assert starts.tzinfo is not None and starts < ends
        assert starts > timezone.now()
        assert event["location"]["@type"] == "Place"
        assert event["location"]["name"] == "Cung Văn hóa Hữu nghị"
        assert event["location"]["address"] == "91 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội"
        assert event["organizer"]["name"] == "Trung tâm Khuyến công Hà Nội"
        assert event["image"][0].startswith(f"{ROOT}/media/")


def test_a_search_or_a_filter_is_not_a_page_of_its_own(client, every_page_type):
    for path, canonical in (
        ("/tim-kiem/?q=%C4%91%C3%A8n", "/tim-kiem/"),
        ("/san-pham/?sector=dien-dien-tu", "/san-pham/"),
        ("/en/products/?q=light", "/en/products/"),
    ):
        response = client.get(path, secure=True)
        soup = BeautifulSoup(response.content, "html.parser")
        links = [link["href"] for link in soup.find_all("link", rel="canonical")]
        assert links == [f"{ROOT}{canonical}"], path


def test_json_ld_cannot_close_its_script_element(client, site, site_tree):
    """A title typed with "</script>" stays inside the JSON-LD: read back, it is the title."""
    title = "Tin </script><script>alert(1)</script> & <!-- chú thích"
    publish(site_tree.news, translate=False)
    news = NewsPageFactory(parent=site_tree.news, title=title, slug="tin-la")
    publish(news, translate=False)
    page = read(client, "/tin-tuc/tin-la/")
    assert one(page["json_ld"]["NewsArticle"])["headline"] == title
    assert one(page["og"]["og:title"]) == title


def test_addresses_take_the_scheme_of_the_request_and_the_page_cache_keeps_them_apart(
    client, every_page_type, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    secure = read(client, "/san-pham/den-led/")
    plain = client.get("/san-pham/den-led/")  # http, right after the https page was cached
    soup = BeautifulSoup(plain.content, "html.parser")
    assert secure["canonical"] == [f"{ROOT}/san-pham/den-led/"]
    assert soup.find("link", rel="canonical")["href"] == f"http://{HOST}/san-pham/den-led/"


# Nothing private in anyone's metadata -------------------------------------------------------


def metadata_text(client, path) -> str | None:
    """Everything a page says about itself in its <head> (meta, links, JSON-LD); None unless
    it answers 200."""
    response = client.get(path, secure=True)
    if response.status_code != 200:
        return None
    head = BeautifulSoup(response.content, "html.parser").head
    parts = [str(tag) for tag in head.find_all(["meta", "link", "title"])]
    parts += [script.string or "" for script in head.find_all("script", type="application/ld+json")]
    return "\n".join(parts).lower()


PRIVATE_CONTENT = {
    "states": build_states,
    "private companies": build_private_companies,
    "private contacts": build_private_contacts,
    **{
        f"{kind}-restricted sections": lambda tree, kind=kind: build_restricted_sections(tree, kind)
        for kind in KINDS
    },
}


@pytest.mark.parametrize("build", PRIVATE_CONTENT.values(), ids=PRIVATE_CONTENT.keys())
def test_no_private_content_in_any_public_pages_metadata(client, site, site_tree, build):
    """Drafts, scheduled and expired pages, restricted pages and sections, private
    companies' products and contacts not marked public (tests/leakwalk/content.py) name
    nothing in the metadata of any page an anonymous visitor can read."""
    content = build(site_tree)
    secret_urls = set(content.secret_urls)
    paths = {"/", "/en/", "/tim-kiem/", "/en/search/", "/lien-he-nha-cung-cap/"}
    # Pages behind a restriction answer with a login or password form (the leak walk reads
    # those); every other page is read.
    paths |= {page.url for page in Page.objects.exclude(depth=1).public() if page.url}
    read = set()
    for path in sorted(paths - secret_urls):
        text = metadata_text(client, path)
        if text is None:
            continue
        # Every public page describes itself (so there is something to leak from).
        assert "https://schema.org" in text, path
        read.add(path)
        leaked = [label for token, label in content.tokens.items() if token in text]
        assert not leaked, f"{path}: {leaked}"
    assert {"/", "/en/", "/tim-kiem/", "/en/search/", "/lien-he-nha-cung-cap/"} <= read


def test_a_missing_page_claims_no_address(client, site, site_tree):
    response = client.get("/khong-co-trang-nay/", secure=True)
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.title.string.strip()
    assert soup.find("link", rel="canonical") is None
    assert soup.find("meta", property="og:url") is None
    assert soup.find("script", type="application/ld+json") is None
