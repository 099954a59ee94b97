"""Wagtail's site search sees a bulk change once, at its end (core.searchindex)."""

import pytest
from wagtail.search.backends import get_search_backend

from core.searchindex import deferred_search_index
from news.factories import NewsPageFactory
from news.models import NewsPage


def found(words: str) -> list[str]:
    backend = get_search_backend()
    if hasattr(backend, "get_index_for_model"):
        index = backend.get_index_for_model(NewsPage)
        if hasattr(index, "refresh"):
            index.refresh()
    return [page.title for page in backend.search(words, NewsPage.objects.live())]


def publish_news(tree, title, slug):
    page = NewsPageFactory(parent=tree.news, title=title, slug=slug)
    page.save_revision().publish()
    return page


@pytest.mark.django_db
def test_pages_saved_in_a_deferred_block_are_found_once_it_ends(site_tree):
    with deferred_search_index():
        publish_news(site_tree, "Hội chợ đèn LED Hà Nội", "hoi-cho-den-led")
        # Saved and published, not yet indexed: the block writes the index when it ends.
        assert found("hoi cho den led") == []
    assert found("hoi cho den led") == ["Hội chợ đèn LED Hà Nội"]


@pytest.mark.django_db
def test_the_index_holds_a_page_as_last_saved_in_the_block(site_tree):
    with deferred_search_index():
        page = publish_news(site_tree, "Hội thảo gốm sứ", "hoi-thao-gom-su")
        page.title = "Hội thảo dệt may"
        page.save_revision().publish()
    assert found("det may") == ["Hội thảo dệt may"]
    assert found("gom su") == []


@pytest.mark.django_db
def test_a_block_that_fails_indexes_nothing(site_tree):
    with pytest.raises(RuntimeError), deferred_search_index():
        publish_news(site_tree, "Triển lãm cơ khí", "trien-lam-co-khi")
        raise RuntimeError("the import failed")
    assert found("trien lam co khi") == []


@pytest.mark.django_db
def test_saves_outside_a_block_are_indexed_at_once(site_tree):
    with deferred_search_index():
        pass
    # The block replaced Wagtail's receiver with its own; outside a block it indexes as before.
    publish_news(site_tree, "Kết nối giao thương", "ket-noi-giao-thuong")
    assert found("ket noi giao thuong") == ["Kết nối giao thương"]
