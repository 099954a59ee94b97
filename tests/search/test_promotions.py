"""Wagtail's search promotions on the site search page: any page type, above both sections."""

import unicodedata

import pytest
from django.contrib.auth.models import Group, User
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.editorial import MODERATORS
from news.factories import NewsPageFactory
from search.models import SearchQueryStat
from tests.content import make_company, make_product


@pytest.fixture
def product(site_tree, settings):
    settings.SEARCH_URL = ""
    company = make_company(site_tree, title="Sơn Hà", slug="son-ha")
    return make_product(
        site_tree,
        company=company,
        title="Bình nước nóng Sơn Hà",
        slug="binh-nuoc-nong-son-ha",
        english={
            "Bình nước nóng Sơn Hà": "Sơn Hà water heaters",
            "binh-nuoc-nong-son-ha": "son-ha-water-heaters",
        },
    )


def promote(client, term, *pages):
    """Promote *pages* for *term* through Wagtail's admin form, as a moderator does."""
    moderator = User.objects.create_user(username="nguoi-duyet", password="x")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    data = {
        "query_string": term,
        "editors_picks-TOTAL_FORMS": len(pages),
        "editors_picks-INITIAL_FORMS": 0,
        "editors_picks-MAX_NUM_FORMS": 1000,
    }
    for index, page in enumerate(pages):
        data |= {
            f"editors_picks-{index}-DELETE": "",
            f"editors_picks-{index}-ORDER": index,
            f"editors_picks-{index}-page": page.pk,
            f"editors_picks-{index}-description": "",
        }
    response = client.post("/admin/searchpicks/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def promoted_section(html):
    start = html.index('id="promoted-heading"')
    return html[start : html.index("</section>", start)]


def test_a_promoted_product_comes_first_on_the_site_search_page(client, product):
    # The moderator typed the term decomposed (NFD), as some keyboards send it.
    promote(client, unicodedata.normalize("NFD", "Máy nước nóng"), product)
    assert Query.objects.get().query_string == "máy nước nóng"  # stored NFC, lower-cased

    html = client.get("/tim-kiem/", {"q": "MÁY  nước nóng"}).content.decode()
    assert "Bình nước nóng Sơn Hà" in promoted_section(html)
    assert html.index('id="promoted-heading"') < html.index('id="catalogue-heading"')
    assert 'href="/san-pham/binh-nuoc-nong-son-ha/"' in promoted_section(html)


def test_pages_of_any_type_are_promoted_in_the_editors_order(
    client, product, site_tree, django_capture_on_commit_callbacks
):
    article = NewsPageFactory(parent=site_tree.news, title="Lịch hội chợ", slug="lich-hoi-cho")
    promote(client, "máy giặt", article, product)

    with django_capture_on_commit_callbacks(execute=True):
        html = client.get("/tim-kiem/", {"q": "máy giặt"}).content.decode()
    section = promoted_section(html)
    assert section.index("Lịch hội chợ") < section.index("Bình nước nóng Sơn Hà")
    # Found nothing by itself, but the visitor was shown two pages: not a zero-result search.
    row = SearchQueryStat.objects.get(query="máy giặt")
    assert (row.last_result_count, row.zero_result_hits) == (2, 0)


def test_a_promoted_page_is_shown_in_the_visitors_language(client, product, site_tree):
    # Editors promote one page; visitors of the other language get its translation.
    promote(client, "hot water", site_tree.translation(product))

    english = client.get("/en/search/", {"q": "hot water"}).content.decode()
    assert "Sơn Hà water heaters" in promoted_section(english)
    assert 'href="/en/products/son-ha-water-heaters/"' in promoted_section(english)
    vietnamese = client.get("/tim-kiem/", {"q": "hot water"}).content.decode()
    assert "Bình nước nóng Sơn Hà" in promoted_section(vietnamese)
    assert "Sơn Hà water heaters" not in promoted_section(vietnamese)


def test_promotions_of_pages_no_longer_live_are_not_shown(client, product):
    SearchPromotion.objects.create(query=Query.get("bình nóng lạnh"), page=product, sort_order=0)
    product.unpublish()
    html = client.get("/tim-kiem/", {"q": "bình nóng lạnh"}).content.decode()
    assert 'id="promoted-heading"' not in html
