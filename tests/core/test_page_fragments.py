"""The parts of pages kept for the tree's version (`{% fragment %}`, core_tags): an editor's
preview of a draft never reaches visitors, and always shows the draft."""

import pytest
from django.core.cache import caches

from news.factories import NewsPageFactory
from programme.factories import CriteriaPageFactory, StatisticsPageFactory
from tests.content import make_company, make_product, publish

pytestmark = pytest.mark.django_db

DRAFT = "BẢN NHÁP CHƯA DUYỆT"


def home(tree):
    return tree.home.specific, "hero_heading"


def product(tree):
    company = make_company(tree)
    return make_product(tree, company=company, title="Đèn LED", slug="den-led"), "summary"


def company(tree):
    return make_company(tree, title="Công ty Rạng Đông", slug="rang-dong"), "summary"


def criteria(tree):
    page = CriteriaPageFactory(parent=tree.programme)
    publish(page, translate=False)
    return page, "title"


def news(tree):
    page = NewsPageFactory(parent=tree.news)
    publish(page, translate=False)
    return page, "summary"


def statistics(tree):
    page = StatisticsPageFactory(parent=tree.programme)
    publish(page, translate=False)
    return page, "title"


@pytest.fixture(autouse=True)
def empty_caches():
    for cache in caches.all():
        cache.clear()


@pytest.mark.parametrize("make", [home, product, company, criteria, news, statistics])
def test_a_preview_shows_the_draft_and_visitors_never_see_it(client, site_tree, make):
    page, field = make(site_tree)
    url = page.url
    live = client.get(url).content.decode()  # the live page's fragments are kept now
    assert DRAFT not in live

    setattr(page, field, DRAFT)
    revision = page.save_revision()
    # Shown to the editor although the live page's fragments are kept...
    assert DRAFT in revision.as_object().make_preview_request().content.decode()

    # ... and, previewed when nothing is kept (as after a publish elsewhere in the tree),
    # never kept for visitors.
    for cache in ("loaded-pages", "local"):
        caches[cache].clear()
    assert DRAFT in revision.as_object().make_preview_request().content.decode()
    assert DRAFT not in client.get(url).content.decode()
