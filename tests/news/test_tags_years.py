"""News by tag (/tin-tuc/the/<tag>/, /en/news/tag/<tag>/) and by year (/tin-tuc/nam/<year>/,
/en/news/year/<year>/): reached by links from the articles and the index, paginated like the
index, 404 for what does not exist."""

import datetime

import pytest
from bs4 import BeautifulSoup

from news.factories import NewsPageFactory
from news.models import NEWS_PER_PAGE
from tests.content import publish

pytestmark = pytest.mark.django_db


def make_article(tree, n, *, date, tags=(), live=True):
    article = NewsPageFactory(
        parent=tree.news, title=f"Tin số {n}", slug=f"tin-so-{n}", date=date, live=live
    )
    if tags:
        article.tags.add(*tags)
    if live:
        publish(article, {f"Tin số {n}": f"News item {n}"})
    else:
        article.save_revision()
    return article


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select("main .cards h2")]


def links(response, heading_text) -> dict[str, str]:
    """{text: href} of the links in the navigation headed *heading_text*."""
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find("h2", string=heading_text)
    assert heading is not None, heading_text
    return {a.get_text(strip=True): a["href"] for a in heading.find_parent("nav").find_all("a")}


@pytest.fixture
def news(site_tree):
    make_article(site_tree, 1, date=datetime.date(2024, 5, 1), tags=["hội chợ", "công nhận"])
    make_article(site_tree, 2, date=datetime.date(2025, 2, 1), tags=["công nhận"])
    make_article(site_tree, 3, date=datetime.date(2025, 6, 1))
    make_article(site_tree, 4, date=datetime.date(2023, 1, 1), tags=["bản nháp"], live=False)
    return site_tree


def test_an_articles_tags_link_to_their_listing_in_both_languages(client, news):
    response = client.get("/tin-tuc/tin-so-1/")
    soup = BeautifulSoup(response.content, "html.parser")
    tag_links = {a.get_text(strip=True): a["href"] for a in soup.select("article a.badge")}
    assert tag_links == {"hội chợ": "/tin-tuc/the/hoi-cho/", "công nhận": "/tin-tuc/the/cong-nhan/"}
    listing = client.get(tag_links["công nhận"])
    assert listing.status_code == 200
    assert titles(listing) == ["Tin số 2", "Tin số 1"]
    assert BeautifulSoup(listing.content, "html.parser").h1.get_text() == "Tin có thẻ “công nhận”"

    english = client.get("/en/news/tin-so-1/")
    soup = BeautifulSoup(english.content, "html.parser")
    english_links = {a.get_text(strip=True): a["href"] for a in soup.select("article a.badge")}
    assert english_links["hội chợ"] == "/en/news/tag/hoi-cho/"
    listing = client.get(english_links["hội chợ"])
    assert titles(listing) == ["News item 1"]
    assert BeautifulSoup(listing.content, "html.parser").h1.get_text() == "News tagged “hội chợ”"


def test_the_index_links_every_year_and_tag_of_its_live_articles(client, news):
    response = client.get("/tin-tuc/")
    years = links(response, "Tin theo năm")
    assert years == {"2025": "/tin-tuc/nam/2025/", "2024": "/tin-tuc/nam/2024/"}
    assert list(links(response, "Tin theo thẻ")) == ["công nhận", "hội chợ"]  # no draft's tag
    listing = client.get(years["2025"])
    assert listing.status_code == 200
    assert titles(listing) == ["Tin số 3", "Tin số 2"]
    assert BeautifulSoup(listing.content, "html.parser").h1.get_text() == "Tin năm 2025"
    english = client.get("/en/news/")
    assert links(english, "News by year")["2024"] == "/en/news/year/2024/"
    assert titles(client.get("/en/news/year/2024/")) == ["News item 1"]


@pytest.mark.parametrize(
    "url",
    [
        "/tin-tuc/the/khong-co/",
        "/tin-tuc/the/ban-nhap/",  # only a draft carries it
        "/tin-tuc/tag/hoi-cho/",  # the English word on the Vietnamese index
        "/en/news/the/hoi-cho/",
        "/tin-tuc/nam/2019/",
        "/tin-tuc/nam/2023/",  # only a draft is dated then
        "/en/news/nam/2025/",
        "/tin-tuc/nam/20255/",
        "/tin-tuc/nam/2025/?page=2",
        "/tin-tuc/the/cong-nhan/?page=abc",
    ],
)
def test_unknown_tags_years_and_pages_are_404(client, news, url):
    assert client.get(url).status_code == 404


def test_listings_are_paginated_like_the_index(client, site_tree):
    for n in range(NEWS_PER_PAGE + 2):
        make_article(site_tree, n, date=datetime.date(2025, 1, 1 + n), tags=["tiêu chí"])
    first = client.get("/tin-tuc/the/tieu-chi/")
    assert len(titles(first)) == NEWS_PER_PAGE
    soup = BeautifulSoup(first.content, "html.parser")
    next_link = soup.select_one("nav.pagination a[rel=next]")["href"]
    second = client.get("/tin-tuc/the/tieu-chi/" + next_link)
    assert titles(second) == ["Tin số 1", "Tin số 0"]
    year = client.get("/tin-tuc/nam/2025/?page=2")
    assert titles(year) == ["Tin số 1", "Tin số 0"]
    assert client.get("/tin-tuc/nam/2025/?page=3").status_code == 404


def test_a_new_article_shows_in_the_listings_at_once(client, news):
    """Years and tags are cached per tree version: a publish changes them at once."""
    assert client.get("/tin-tuc/nam/2026/").status_code == 404
    make_article(news, 5, date=datetime.date(2026, 1, 2), tags=["mới"])
    assert titles(client.get("/tin-tuc/nam/2026/")) == ["Tin số 5"]
    assert titles(client.get("/tin-tuc/the/moi/")) == ["Tin số 5"]


def test_a_tag_added_later_reaches_the_english_article_when_the_translation_is_synced(
    client, site_tree
):
    article = make_article(site_tree, 1, date=datetime.date(2025, 5, 1))
    assert client.get("/en/news/tag/hoi-cho/").status_code == 404
    article.tags.add("hội chợ")
    publish(article, {"Tin số 1": "News item 1"})  # saved, and the translation synced
    assert titles(client.get("/en/news/tag/hoi-cho/")) == ["News item 1"]


def test_listings_and_feeds_are_kept_by_the_page_cache_until_a_publish(
    client, news, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    for url in ("/tin-tuc/the/cong-nhan/", "/en/news/year/2025/", "/tin-tuc/rss/"):
        first = client.get(url)
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
    make_article(news, 5, date=datetime.date(2025, 9, 1), tags=["công nhận"])
    assert titles(client.get("/tin-tuc/the/cong-nhan/")) == ["Tin số 5", "Tin số 2", "Tin số 1"]


def test_tags_written_differently_share_one_listing(client, site_tree):
    make_article(site_tree, 1, date=datetime.date(2025, 5, 1), tags=["hội chợ"])
    make_article(site_tree, 2, date=datetime.date(2025, 6, 1), tags=["Hội Chợ"])
    response = client.get("/tin-tuc/")
    assert links(response, "Tin theo thẻ") == {"Hội Chợ": "/tin-tuc/the/hoi-cho/"}
    assert titles(client.get("/tin-tuc/the/hoi-cho/")) == ["Tin số 2", "Tin số 1"]


def language_switch(response) -> dict[str, str]:
    """{language: href} of the header's language link (to the other language) and of the
    hreflang alternates."""
    soup = BeautifulSoup(response.content, "html.parser")
    switch = {a["hreflang"]: a["href"] for a in soup.select("header a[hreflang]")}
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
        if link["hreflang"] != "x-default"
    }
    return switch, alternates


def test_a_tags_and_a_years_listing_switch_language_to_the_same_listing(client, news):
    switch, alternates = language_switch(client.get("/tin-tuc/the/hoi-cho/"))
    assert switch == {"en": "/en/news/tag/hoi-cho/"}
    assert alternates == {
        "vi": "http://localhost/tin-tuc/the/hoi-cho/",
        "en": "http://localhost/en/news/tag/hoi-cho/",
    }
    switch, _alternates = language_switch(client.get("/en/news/year/2024/"))
    assert switch == {"vi": "/tin-tuc/nam/2024/"}


def test_a_listing_the_other_language_lacks_switches_to_that_languages_news(client, news):
    # The Vietnamese article of 2026 has no English translation yet.
    NewsPageFactory(
        parent=news.news, title="Tin số 5", slug="tin-so-5", date=datetime.date(2026, 1, 5)
    )
    switch, _alternates = language_switch(client.get("/tin-tuc/nam/2026/"))
    assert switch == {"en": "/en/news/"}
