"""Catalogue answers kept in memory (search.catalogue.service): a search asked again costs no
query, and every change to what it would find is found at once."""

import io
import json
import socket

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.factories import NewsPageFactory
from products.models import ProductPage
from search.catalogue.sync import update_products
from search.models import Synonym
from tests.content import make_product
from tests.search.common import titles

pytestmark = pytest.mark.django_db


def api(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/catalogue/", params)
    assert response.status_code == 200
    return json.loads(response.content), len(queries)


@pytest.fixture
def catalogue(settings, site_tree, rang_dong):
    settings.SEARCH_URL = ""
    led = make_product(
        site_tree, company=rang_dong, title="Đèn LED Rạng Đông", slug="den-led", translate=False
    )
    update_products([led.translation_key])
    return led


def test_a_search_asked_again_is_answered_without_a_query(client, catalogue):
    first, asked = api(client, q="den led")
    again, reasked = api(client, q="den led")
    assert titles(first) == titles(again) == ["Đèn LED Rạng Đông"]
    assert asked > 0 and reasked == 0
    # Any other parameter is another search.
    _, other = api(client, q="den led", year="2021")
    assert other > 0


def test_a_new_product_is_found_at_once(client, catalogue, site_tree, rang_dong):
    assert titles(api(client, q="den")[0]) == ["Đèn LED Rạng Đông"]
    make_product(
        site_tree, company=rang_dong, title="Đèn bàn Rạng Đông", slug="den-ban", translate=False
    )
    assert sorted(titles(api(client, q="den")[0])) == ["Đèn LED Rạng Đông", "Đèn bàn Rạng Đông"]


def test_an_unpublished_product_is_gone_at_once(
    client, catalogue, django_capture_on_commit_callbacks
):
    assert api(client, q="den led")[0]["count"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.unpublish()
    assert api(client, q="den led")[0]["count"] == 0


def test_a_synonym_applies_to_a_search_already_kept(client, catalogue):
    assert api(client, q="diot phat quang")[0]["count"] == 0
    Synonym.objects.create(term="điốt phát quang", alternatives="LED")
    assert titles(api(client, q="diot phat quang")[0]) == ["Đèn LED Rạng Đông"]


def test_an_answer_from_the_fallback_path_is_not_kept(client, catalogue, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings.SEARCH_URL = closed
    degraded, _ = api(client, q="den led")
    assert "notice" in degraded
    # The engine is back (here: the site no longer uses one): the same search is asked again
    # and answered without the notice.
    settings.SEARCH_URL = ""
    answer, asked = api(client, q="den led")
    assert "notice" not in answer and asked > 0


def test_a_repair_applies_to_a_search_already_kept(client, catalogue):
    assert api(client, q="den led")[0]["count"] == 1
    # Unpublished behind the site's back (no signal, no new tree version): the search data
    # still has it until a repair, which the next search must then follow.
    ProductPage.objects.filter(pk=catalogue.pk).update(live=False)
    assert api(client, q="den led")[0]["count"] == 1
    with pytest.raises(CommandError):
        call_command("check_catalogue_index", stdout=io.StringIO())
    call_command("check_catalogue_index", "--repair", stdout=io.StringIO())
    assert api(client, q="den led")[0]["count"] == 0


# The pages keep their rendered results beside the answers (the catalogue's facets and
# cards, the site search's products and pages): the same promise holds for what they show.


def card_titles(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    products = soup.select("ul.cards:not(.cards--companies) .card__title a")
    return sorted(link.get_text(" ", strip=True) for link in products), soup


def test_the_pages_show_a_new_product_at_once(client, catalogue, site_tree, rang_dong):
    for path in ("/san-pham/", "/tim-kiem/"):
        assert card_titles(client, path, q="den")[0] == ["Đèn LED Rạng Đông"], path
    make_product(
        site_tree, company=rang_dong, title="Đèn bàn Rạng Đông", slug="den-ban", translate=False
    )
    for path in ("/san-pham/", "/tim-kiem/"):
        found = card_titles(client, path, q="den")[0]
        assert found == ["Đèn LED Rạng Đông", "Đèn bàn Rạng Đông"], path


def test_a_renamed_page_is_renamed_in_the_site_searchs_kept_results(client, site_tree):
    def pages(query):
        soup = card_titles(client, "/tim-kiem/", q=query)[1]
        section = soup.find("section", attrs={"aria-labelledby": "results-heading"})
        return [link.get_text(strip=True) for link in section.select("ol h3 a")]

    news = NewsPageFactory(parent=site_tree.news, title="Hội chợ công nghiệp 2026")
    call_command("update_index", verbosity=0)
    assert pages("hoi cho") == ["Hội chợ công nghiệp 2026"]
    news.title = "Hội chợ công nghiệp 2026 (dời lịch)"
    news.save_revision().publish()
    assert pages("hoi cho") == ["Hội chợ công nghiệp 2026 (dời lịch)"]


def test_the_results_links_carry_the_view_and_not_a_campaign_tag(
    client, catalogue, site_tree, rang_dong
):
    for number in range(20):  # a second page of results
        make_product(
            site_tree,
            company=rang_dong,
            title=f"Đèn số {number}",
            slug=f"den-so-{number}",
            translate=False,
        )
    _, tagged = card_titles(client, "/san-pham/", q="den", utm_source="zalo")
    _, plain = card_titles(client, "/san-pham/", q="den")
    for soup in (tagged, plain):
        next_page = soup.select_one('a[rel="next"]')["href"]
        assert "q=den" in next_page and "utm_source" not in next_page
        downloads = [link["href"] for link in soup.select(".catalogue-downloads a")]
        assert downloads and all("utm_source" not in href for href in downloads)
    assert str(tagged.select_one(".catalogue__results")) == str(
        plain.select_one(".catalogue__results")
    )
