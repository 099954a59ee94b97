"""With SEARCH_URL set the whole site searches through the real engine (make test starts it)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from news.factories import NewsPageFactory

pytestmark = pytest.mark.engine


def test_the_site_uses_the_engine_backend_when_search_url_is_set():
    assert settings.SEARCH_URL
    assert get_search_backend().__class__.__module__.startswith("modelsearch.backends.opensearch")


def test_site_search_answers_from_the_engine(client, site_tree):
    NewsPageFactory(parent=site_tree.news, title="Hội chợ quốc tế sản phẩm chủ lực", slug="hoi-cho")
    call_command("update_index", verbosity=0)
    get_search_backend().get_index_for_model(NewsPageFactory._meta.model).refresh()
    html = client.get("/tim-kiem/", {"q": "hoi cho"}).content.decode()
    # The engine folds diacritics itself: an unaccented query finds the accented title.
    assert "Hội chợ quốc tế sản phẩm chủ lực" in html
