"""The site search page on the active backend (the database backend here)."""

import pytest
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from news.factories import NewsPageFactory


@pytest.fixture
def indexed(site_tree):
    NewsPageFactory(parent=site_tree.news, title="Hội chợ quốc tế sản phẩm chủ lực", slug="hoi-cho")
    NewsPageFactory(parent=site_tree.news, title="Tập huấn hồ sơ", slug="tap-huan")
    call_command("update_index", verbosity=0)
    return site_tree


def test_search_finds_pages_in_the_visitors_language(client, indexed):
    html = client.get("/tim-kiem/", {"q": "hội chợ"}).content.decode()
    assert "Hội chợ quốc tế sản phẩm chủ lực" in html
    assert "Tập huấn hồ sơ" not in html
    assert client.get("/en/search/", {"q": "hội chợ"}).status_code == 200


def test_editors_promotions_come_first(client, indexed):
    promoted = NewsPageFactory(parent=indexed.news, title="Lịch sự kiện", slug="lich-su-kien")
    SearchPromotion.objects.create(query=Query.get("hội chợ"), page=promoted, sort_order=0)
    html = client.get("/tim-kiem/", {"q": "hội chợ"}).content.decode()
    assert html.index("Lịch sự kiện") < html.index("Hội chợ quốc tế sản phẩm chủ lực")


def test_search_validates_its_parameters(client, indexed):
    too_long = client.get("/tim-kiem/", {"q": "a" * 201})
    assert too_long.status_code == 400
    assert "Từ khoá dài tối đa 200 ký tự." in too_long.content.decode()
    assert client.get("/tim-kiem/", {"q": "hội chợ", "page": "9"}).status_code == 404
    assert client.get("/tim-kiem/", {"q": "hội chợ", "page": "x"}).status_code == 404
    assert client.get("/tim-kiem/").status_code == 200


def test_the_header_search_box_points_at_the_search_page(client, indexed):
    html = client.get("/").content.decode()
    assert 'action="/tim-kiem/"' in html and 'role="search"' in html
    assert 'action="/en/search/"' in client.get("/en/").content.decode()


def test_a_search_asked_again_is_answered_from_memory_until_the_tree_changes(
    client, indexed, django_assert_max_num_queries
):
    def found():
        return client.get("/tim-kiem/", {"q": "hội chợ"}).content.decode()

    assert "Hội chợ quốc tế sản phẩm chủ lực" in found()
    # Again: only the editors' promotions are read (they may change without a publish).
    with django_assert_max_num_queries(1):
        assert "Hội chợ quốc tế sản phẩm chủ lực" in found()
    # A new article is found at once; a restricted one is gone at once.
    article = NewsPageFactory(parent=indexed.news, title="Hội chợ mùa thu", slug="hoi-cho-thu")
    call_command("update_index", verbosity=0)
    assert "Hội chợ mùa thu" in found()
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert "Hội chợ mùa thu" not in found()
