"""RSS and Atom feeds of news, events and catalogue searches, read as a feed reader reads them
(feedparser), in both languages."""

import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import Site

from news.factories import NewsPageFactory
from products.factories import SectorFactory
from programme.factories import EventPageFactory
from tests.content import make_company, make_product, publish
from tests.leakwalk.content import KINDS, Builder

pytestmark = pytest.mark.django_db

HOST = "spcncl.example.vn"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
FEED_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


@pytest.fixture
def site(db):
    site = Site.objects.get(is_default_site=True)
    site.hostname = HOST
    site.port = 443
    site.save()
    return site


def read_feed(client, url, kind):
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    assert response["Content-Type"].startswith(FEED_TYPES[kind])
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    return feed


def feed_links(client, url):
    """The feeds a page links to in its <head>: {kind: href}."""
    response = client.get(url)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content, "html.parser")
    links = {}
    for kind, content_type in FEED_TYPES.items():
        link = soup.head.find("link", rel="alternate", type=content_type)
        if link is not None:
            links[kind] = link["href"]
    return links


def make_news(tree, n, **fields):
    article = NewsPageFactory(
        parent=tree.news,
        title=f"Tin số {n}",
        slug=f"tin-so-{n}",
        date=datetime.date(2025, 3, n),
        **fields,
    )
    publish(article, {f"Tin số {n}": f"News item {n}"})
    return article


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_news_feed_lists_live_public_articles_newest_first_in_both_languages(
    client, site_tree, site, kind
):
    for n in (1, 3, 2):
        make_news(site_tree, n)
    vi = read_feed(client, f"/tin-tuc/{kind}/", kind)
    assert [entry.title for entry in vi.entries] == ["Tin số 3", "Tin số 2", "Tin số 1"]
    assert vi.entries[0].link == f"http://{HOST}/tin-tuc/tin-so-3/"
    assert vi.feed.link == f"http://{HOST}/tin-tuc/"
    # The article's date, at the start of Hà Nội's day (feedparser gives UTC).
    published = datetime.datetime(*vi.entries[0].published_parsed[:6], tzinfo=datetime.UTC)
    assert published.astimezone(HANOI) == datetime.datetime(2025, 3, 3, tzinfo=HANOI)
    en = read_feed(client, f"/en/news/{kind}/", kind)
    assert [entry.title for entry in en.entries] == ["News item 3", "News item 2", "News item 1"]
    assert en.entries[0].link == f"http://{HOST}/en/news/tin-so-3/"
    assert en.feed.get("language", "en").startswith("en")


def test_news_feed_carries_tags_as_categories(client, site_tree, site):
    article = make_news(site_tree, 1)
    article.tags.add("hội chợ", "công nhận")
    publish(article, translate=False)
    feed = read_feed(client, "/tin-tuc/rss/", "rss")
    assert {tag.term for tag in feed.entries[0].tags} == {"hội chợ", "công nhận"}


@pytest.mark.parametrize("kind", ["news", "event"])
def test_feeds_leave_out_drafts_scheduled_expired_and_restricted_pages(client, site_tree, kind):
    builder = Builder(site_tree)
    builder.draft(kind)
    builder.scheduled(kind)
    builder.expired(kind)
    for restriction in KINDS:
        builder.restricted(kind, restriction)
    public = builder._create(kind, {"title": "Công khai", "slug": "cong-khai"})
    publish(public, {"Công khai": "Public"})
    base = {"news": ("/tin-tuc/", "/en/news/"), "event": ("/su-kien/", "/en/events/")}[kind]
    for url, title in zip(base, ("Công khai", "Public"), strict=True):
        for feed_kind in ("rss", "atom"):
            feed = read_feed(client, f"{url}{feed_kind}/", feed_kind)
            assert [entry.title for entry in feed.entries] == [title], (url, feed_kind)


def test_a_page_past_its_expiry_leaves_the_feed_before_it_is_unpublished(client, site_tree):
    article = make_news(site_tree, 1)
    article.expire_at = timezone.now() + datetime.timedelta(hours=1)
    publish(article, translate=False)
    assert [e.title for e in read_feed(client, "/tin-tuc/rss/", "rss").entries] == ["Tin số 1"]
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert read_feed(client, "/tin-tuc/rss/", "rss").entries == []


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_event_feed_says_when_and_where(client, site_tree, site, kind):
    event = EventPageFactory(
        parent=site_tree.events,
        title="Hội chợ hàng công nghiệp",
        slug="hoi-cho",
        venue="Cung Văn hoá Hữu nghị",
        starts_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 8, 30)),
    )
    publish(event, {"Hội chợ hàng công nghiệp": "Industrial fair"})
    vi = read_feed(client, f"/su-kien/{kind}/", kind)
    assert [entry.title for entry in vi.entries] == ["Hội chợ hàng công nghiệp"]
    assert "Cung Văn hoá Hữu nghị" in vi.entries[0].summary
    assert vi.entries[0].link == f"http://{HOST}/su-kien/hoi-cho/"
    en = read_feed(client, f"/en/events/{kind}/", kind)
    assert [entry.title for entry in en.entries] == ["Industrial fair"]


@pytest.mark.parametrize(
    ("url", "feed_base"),
    [
        ("/tin-tuc/", "/tin-tuc/"),
        ("/en/news/", "/en/news/"),
        ("/tin-tuc/tin-so-1/", "/tin-tuc/"),
        ("/en/news/tin-so-1/", "/en/news/"),
        ("/su-kien/", "/su-kien/"),
        ("/en/events/", "/en/events/"),
        ("/su-kien/hoi-cho/", "/su-kien/"),
        ("/en/events/hoi-cho/", "/en/events/"),
    ],
)
def test_news_and_event_pages_link_to_their_feeds(client, site_tree, url, feed_base):
    make_news(site_tree, 1)
    event = EventPageFactory(parent=site_tree.events, slug="hoi-cho")
    publish(event)
    links = feed_links(client, url)
    assert links == {"rss": f"{feed_base}rss/", "atom": f"{feed_base}atom/"}
    for kind, href in links.items():
        assert read_feed(client, href, kind).entries


@pytest.fixture
def database_path(settings):
    settings.SEARCH_URL = ""


@pytest.fixture
def catalogue(site_tree):
    company = make_company(site_tree)
    food = SectorFactory(slug="che-bien-thuc-pham", name="Chế biến thực phẩm")
    electrical = SectorFactory(slug="dien-dien-tu")
    for title, slug, year, sector in [
        ("Bóng đèn LED", "bong-den-led", 2021, electrical),
        ("Quạt điện", "quat-dien", 2024, electrical),
        ("Bánh cốm", "banh-com", 2024, food),
        ("Ổ cắm", "o-cam", 2022, electrical),
    ]:
        make_product(
            site_tree,
            company=company,
            title=title,
            slug=slug,
            sector=sector,
            recognitions=[{"year": year}],
            english={title: f"{title} (en)"},
        )
    return site_tree


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_catalogue_feed_follows_the_filters_newest_recognitions_first(
    client, catalogue, site, database_path, kind
):
    feed = read_feed(client, f"/san-pham/{kind}/?sector=dien-dien-tu", kind)
    assert [entry.title for entry in feed.entries] == ["Quạt điện", "Ổ cắm", "Bóng đèn LED"]
    assert feed.entries[0].link == f"http://{HOST}/san-pham/quat-dien/"
    assert feed.feed.link == f"http://{HOST}/san-pham/?sector=dien-dien-tu"
    en = read_feed(client, f"/en/products/{kind}/?sector=dien-dien-tu&year=2024", kind)
    assert [entry.title for entry in en.entries] == ["Quạt điện (en)"]
    assert en.entries[0].link == f"http://{HOST}/en/products/quat-dien/"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/san-pham/rss/?sector=khong-co", "Không có giá trị “khong-co” cho bộ lọc sector."),
        (
            "/en/products/atom/?sector=none-such",
            "There is no value “none-such” for the sector filter.",
        ),
        ("/san-pham/rss/?utm_source=x", "Tham số “utm_source” không được hỗ trợ."),
        ("/en/products/rss/?page=0", "The page number must be a positive integer."),
        ("/en/products/rss/?page=99", "There is no page 99: the results end earlier."),
    ],
)
def test_a_bad_catalogue_feed_parameter_is_explained_in_the_visitors_language(
    client, catalogue, database_path, url, message
):
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode().splitlines()


def test_the_catalogue_page_links_to_the_feed_of_its_current_view(client, catalogue, database_path):
    url = "/en/products/?sector=dien-dien-tu&year=2024&q=fan&page=1&utm_source=mail"
    links = feed_links(client, url)
    assert set(links) == {"rss", "atom"}
    for kind, href in links.items():
        parts = urlsplit(href)
        assert parts.path == f"/en/products/{kind}/"
        assert parse_qs(parts.query) == {"sector": ["dien-dien-tu"], "year": ["2024"], "q": ["fan"]}
        read_feed(client, href, kind)
