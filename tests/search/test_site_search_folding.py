"""Editorial pages are found without diacritics on the database path (issue 11).

The engine's analyzer folds ("hoi cho" finds "Hội chợ"); Wagtail's database backend did not,
on SQLite or PostgreSQL (the suite runs this module on both): "hội chợ" and "đăng ký" found
the demo's fair news and guidance, "hoi cho" and "dang ky" found nothing.
"""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from news.factories import NewsPageFactory
from programme.factories import GuidancePageFactory


def editorial_titles(client, query, url="/tim-kiem/"):
    """The titles of the editorial results (not the catalogue's) on the site search page."""
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    section = BeautifulSoup(response.content, "html.parser").find(
        "section", attrs={"aria-labelledby": "results-heading"}
    )
    return [link.get_text(strip=True) for link in section.select("ol h3 a")]


@pytest.fixture
def demo(site_tree):
    call_command("load_demo", verbosity=0)


def test_the_demos_fair_news_and_guidance_are_found_without_diacritics(client, demo):
    fair_news = "Khai mạc Hội chợ quốc tế sản phẩm công nghiệp chủ lực Hà Nội 2022"
    guidance = "Hướng dẫn đăng ký"
    expected = {"hoi cho": fair_news, "dang ky": guidance, "ho so": guidance}
    for query, title in expected.items():
        assert title in editorial_titles(client, query), query
    # The unaccented query finds what the accented one finds, no more and no less.
    for typed, folded in (("hội chợ", "hoi cho"), ("đăng ký", "dang ky"), ("hồ sơ", "ho so")):
        assert sorted(editorial_titles(client, folded)) == sorted(editorial_titles(client, typed))
    # English pages too: "Ha Noi" finds "Hà Nội" in an English title.
    assert "International fair of Hà Nội's key industrial products opens" in editorial_titles(
        client, "ha noi fair", url="/en/search/"
    )


@pytest.fixture
def indexed(site_tree):
    NewsPageFactory(
        parent=site_tree.news,
        title="Đăng ký tham gia hội chợ",
        slug="dang-ky-hoi-cho",
        summary="Doanh nghiệp đăng ký gian hàng trước ngày 30.",
    )
    # Folds to the same words, but is not what a visitor typing the accents means.
    NewsPageFactory(
        parent=site_tree.news,
        title="Hồi chờ kết quả",
        slug="hoi-cho-ket-qua",
        summary="Doanh nghiệp chờ kết quả.",
    )
    GuidancePageFactory(parent=site_tree.programme, title="Danh mục hồ sơ", slug="ho-so")
    call_command("update_index", verbosity=0)
    return site_tree


def test_a_d_with_stroke_typed_as_d_finds_the_page(client, indexed):
    assert "Đăng ký tham gia hội chợ" in editorial_titles(client, "dang ky")
    assert "Đăng ký tham gia hội chợ" in editorial_titles(client, "DANG KY gian hang")
    assert editorial_titles(client, "dang ky") == editorial_titles(client, "đăng ký")


def test_exact_diacritics_rank_first(client, indexed):
    assert set(editorial_titles(client, "hoi cho")) == {
        "Đăng ký tham gia hội chợ",
        "Hồi chờ kết quả",
    }
    assert editorial_titles(client, "hội chợ")[0] == "Đăng ký tham gia hội chợ"
    assert editorial_titles(client, "hồi chờ")[0] == "Hồi chờ kết quả"


def test_publishing_keeps_the_folded_copy_current(client, indexed):
    guidance = indexed.programme.get_children().type(GuidancePageFactory._meta.model).get()
    page = guidance.specific
    page.title = "Thời hạn nộp đơn"
    page.save_revision().publish()
    assert "Thời hạn nộp đơn" in editorial_titles(client, "thoi han nop don")
    assert "Thời hạn nộp đơn" not in editorial_titles(client, "ho so")
