"""Queries strangers send: each answered with a clear 400/404 or results, never a 500.

Found by trying the site as an attacker would: a `q` under the length limit that grows past
it under NFC, a page past the engine's result window, and search-syntax characters that
Wagtail's SQLite backend read as FTS5 syntax. The fuzz tests throw random values at the same
parameters; these are the cases that were real 500s.
"""

import json

import pytest

# 67 × U+1D160 is 67 characters as typed and 201 after NFC (each decomposes into three);
# 101 × U+0958 is 101 and 202.
NFC_GROWTH = ["\U0001d160" * 67, "\u0958" * 101]
SYNTAX = ['"', 'a"b', '{"$gt": ""}', "đèn AND OR NOT", "led*", "(", "NEAR(a b)", "^x", "a:b"]


@pytest.fixture
def searchable(site_tree, path, led):
    from search.catalogue.sync import update_products

    update_products([led.translation_key])
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()
    return led


@pytest.mark.parametrize("q", NFC_GROWTH)
def test_a_query_that_grows_under_nfc_is_refused_clearly(client, searchable, q):
    response = client.get("/api/catalogue/", {"q": q})
    assert response.status_code == 400
    assert "200" in json.loads(response.content)["errors"][0]
    assert client.get("/api/catalogue/suggest/", {"q": q}).status_code == 400
    for url in ("/san-pham/", "/en/products/"):
        page = client.get(url, {"q": q})
        assert page.status_code == 400
        assert "200" in page.content.decode()
    for url in ("/tim-kiem/", "/en/search/"):
        page = client.get(url, {"q": q})
        assert page.status_code == 400
        assert "200" in page.content.decode()


def test_english_errors_on_the_english_search_page(client, searchable):
    page = client.get("/en/search/", {"q": NFC_GROWTH[1]})
    assert page.status_code == 400
    assert "at most 200 characters" in page.content.decode()


@pytest.mark.parametrize("page", ["501", "10000", str(10**30)])
def test_a_page_past_the_result_window_is_a_400_or_a_404(client, searchable, page):
    response = client.get("/api/catalogue/", {"page": page})
    assert response.status_code == 400
    assert json.loads(response.content)["errors"]
    for url in ("/san-pham/", "/en/products/"):
        assert client.get(url, {"page": page}).status_code == 404


def test_the_last_page_inside_the_window_is_still_checked_against_the_results(client, searchable):
    # 500 × 20 = 10 000 results fit the window, but there is one result: no page 500.
    assert client.get("/api/catalogue/", {"page": "500"}).status_code == 400
    assert client.get("/san-pham/", {"page": "500"}).status_code == 404


@pytest.mark.parametrize("q", SYNTAX)
def test_search_syntax_in_the_site_search_is_text(client, searchable, q):
    for url in ("/tim-kiem/", "/en/search/"):
        assert client.get(url, {"q": q}).status_code == 200
    assert client.get("/api/catalogue/", {"q": q}).status_code == 200


def test_words_around_syntax_still_find_products(client, searchable):
    body = client.get("/tim-kiem/", {"q": '"đèn led'}).content.decode()
    assert searchable.url in body
