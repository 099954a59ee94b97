"""The catalogue search's engine path, against the real search node (settings.SEARCH_URL).

Each test gets an alias of its own (a unique SEARCH_INDEX_PREFIX), fills it from the test's
pages with `rebuild()` or `create_index()`, and deletes every index behind it afterwards.
"""

import io
import threading
import uuid

import pytest
from django.core.management.base import CommandError
from wagtail.rich_text import RichText

from products.documents import product_document
from search.catalogue.contract import CatalogueQuery, expand_synonyms
from search.catalogue.database.query import english_stem
from search.catalogue.engine.client import as_dict, get_client, index_name
from search.catalogue.engine.indexing import (
    PRODUCTS,
    IndexingError,
    bulk_index,
    bulk_into,
    create_index,
    delete_product,
    index_product,
    indexed_documents,
    rebuild,
    write_documents,
)
from search.catalogue.engine.query import build_search, search_catalogue, suggest_names
from tests.content import make_company, make_product
from tests.search.common import SYNONYMS, counts, selected, titles

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture
def catalogue(settings):
    """This test's own catalogue alias; every index whose name starts with it is removed."""
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    alias = index_name()
    client = get_client()
    yield alias
    for name in as_dict(client.indices.get(index=f"{alias}*")):
        client.indices.delete(index=name)


def search(q="", *, lang="vi", filters=None, sort="relevance", synonyms=None, per_page=20):
    query = CatalogueQuery(q=q, lang=lang, filters=filters or {}, sort=sort, per_page=per_page)
    return search_catalogue(query, synonyms=synonyms)


def test_folded_analyzer_maps_d_with_stroke_to_d(catalogue):
    create_index(name=catalogue)
    client = get_client()

    def tokens(field, text):
        response = client.indices.analyze(index=catalogue, body={"field": field, "text": text})
        return [token["token"] for token in as_dict(response)["tokens"]]

    assert tokens("title_vi.folded", "Đèn LED Rạng Đông") == ["den", "led", "rang", "dong"]
    assert tokens("title_vi", "Đèn LED Rạng Đông") == ["đèn", "led", "rạng", "đông"]
    # Decomposed input (NFD, as some tools send it) is recomposed before tokenising.
    assert tokens("title_vi", "Đe\u0300n LED Ra\u0323ng") == ["đèn", "led", "rạng"]
    assert tokens("title_en", "Water heaters") == ["water", "heater"]


def test_the_database_path_stems_english_as_the_engine_does(catalogue):
    create_index(name=catalogue)
    text = (
        "heaters heating heated heat batteries battery scarves knives shelves pumps generators "
        "generating conditioning relational agreed feed horses boxes cafés máy hay thủy us"
    )
    response = get_client().indices.analyze(
        index=catalogue, body={"field": "title_en", "text": text}
    )
    assert [token["token"] for token in as_dict(response)["tokens"]] == [
        english_stem(word) for word in text.split(" ")
    ]


def test_document_carries_both_languages_and_the_company_in_each(led, english):
    document = product_document(led.translation_key)

    assert document["title_vi"] == "Đèn LED Rạng Đông"
    assert document["title_en"] == "Rạng Đông LED lamps"
    assert document["url_vi"] == "/san-pham/den-led-rang-dong/"
    assert document["url_en"] == "/en/products/rang-dong-led-lamps/"
    assert document["company_url_vi"] == "/doanh-nghiep/rang-dong/"
    assert document["company_url_en"] == "/en/companies/rang-dong/"
    assert "Rang Dong Light Source JSC" in document["company_legal_names"]
    assert document["sector"] == "dien-dien-tu"
    assert document["sector_label_en"] == "Electrical and electronics"
    assert document["years"] == ["2021", "2024"]
    assert document["latest_year"] == 2024
    assert document["top10"] == "true"

    led.get_translation(english).unpublish()
    led.unpublish()
    assert product_document(led.translation_key) is None


def test_stream_text_is_indexed_without_layout_choices(site_tree, minh_phat):
    product = make_product(
        site_tree,
        company=minh_phat,
        title="Quạt điện",
        slug="quat-dien",
        description=[
            ("heading", {"text": "Công nghệ động cơ", "level": "h2"}),
            ("paragraph", RichText("<p>Động cơ <b>tiết kiệm</b> điện.</p>")),
        ],
    )
    description = product_document(product.translation_key)["description_vi"]
    assert description == "Công nghệ động cơ Động cơ tiết kiệm điện."


def test_folded_query_finds_diacritics_and_exact_spelling_ranks_first(
    catalogue, site_tree, led, minh_phat
):
    make_product(site_tree, company=minh_phat, title="Den LED Rang Dong", slug="den-led-khong-dau")
    rebuild()

    folded = search("den led rang dong")
    assert set(titles(folded)) == {"Đèn LED Rạng Đông", "Den LED Rang Dong"}
    assert titles(folded)[0] == "Den LED Rang Dong"

    exact = search("Đèn LED Rạng Đông")
    assert titles(exact)[0] == "Đèn LED Rạng Đông"
    assert exact["results"][0]["score"] > exact["results"][1]["score"]

    # Folded words are marked in the text as written.
    [with_diacritics] = [r for r in search("den led")["results"] if r["title"].startswith("Đ")]
    assert with_diacritics["highlight"]["title"] == ["<mark>Đèn</mark> <mark>LED</mark> Rạng Đông"]


def test_english_query_finds_a_product_named_in_vietnamese(catalogue, site_tree, minh_phat):
    make_product(
        site_tree,
        company=minh_phat,
        title="Bình nước nóng",
        slug="binh-nuoc-nong",
        english={"Bình nước nóng": "Storage water heater", "binh-nuoc-nong": "water-heater"},
    )
    rebuild()

    english = search("water heaters", lang="en")
    assert titles(english) == ["Storage water heater"]
    assert english["results"][0]["url"] == "/en/products/water-heater/"
    assert english["results"][0]["sector"]["label"] == "Electrical and electronics"
    # The same English words from the Vietnamese site show the Vietnamese page.
    assert titles(search("water heater", lang="vi")) == ["Bình nước nóng"]
    # The English sector label is searchable too.
    assert titles(search("electronics heater", lang="en")) == ["Storage water heater"]


def test_a_typo_still_finds_the_product(catalogue, site_tree, minh_phat):
    make_product(site_tree, company=minh_phat, title="Đá thạch anh Vicostone", slug="vicostone")
    rebuild()

    response = search("vicostome")
    assert titles(response) == ["Đá thạch anh Vicostone"]
    assert "<mark>Vicostone</mark>" in response["results"][0]["highlight"]["title"][0]


def test_synonyms_expand_the_query_in_both_directions(catalogue, site_tree):
    ferroli = make_company(
        site_tree,
        title="Ferroli",
        slug="ferroli",
        legal_name="Công ty trách nhiệm hữu hạn Ferroli Việt Nam",
    )
    make_product(site_tree, company=ferroli, title="Bình nước nóng Ferroli", slug="ferroli-bnn")
    rebuild()

    # The shipped product-type glossary already groups these; editors' synonyms add to it.
    assert titles(search("bình nóng lạnh")) == ["Bình nước nóng Ferroli"]
    assert titles(search("bình nóng lạnh", synonyms=SYNONYMS)) == ["Bình nước nóng Ferroli"]
    # Fold-insensitive: typed without diacritics, the group still applies.
    assert titles(search("binh nong lanh", synonyms=SYNONYMS)) == ["Bình nước nóng Ferroli"]
    assert search("tnhh ferroli")["count"] == 0
    assert search("tnhh ferroli", synonyms=SYNONYMS)["count"] == 1


def test_expand_synonyms_swaps_whole_phrases_and_combines_them():
    assert expand_synonyms("Bình Nóng Lạnh công ty TNHH", SYNONYMS) == [
        "Bình Nóng Lạnh công ty trách nhiệm hữu hạn",
        "bình nước nóng công ty TNHH",
        "bình nước nóng công ty trách nhiệm hữu hạn",
    ]
    assert expand_synonyms("trach nhiem huu han", SYNONYMS) == ["tnhh"]
    assert expand_synonyms("bình nóng", SYNONYMS) == []  # half a phrase is no match
    assert expand_synonyms("bình nóng lạnh", None) == []


@pytest.fixture
def facet_products(facet_catalogue):
    rebuild()
    return facet_catalogue


def test_facets_are_multi_select_within_a_group_and_intersect_across(catalogue, facet_products):
    everything = search()
    assert everything["count"] == 4
    assert counts(everything, "sector") == {"dien-dien-tu": 2, "co-khi-che-tao": 2}
    assert counts(everything, "year") == {"2021": 2, "2023": 1, "2019": 1}
    assert counts(everything, "certification") == {"iso-9001": 2, "hop-chuan-tcvn": 2}
    assert counts(everything, "top10") == {"true": 2, "false": 2}
    assert [item["value"] for item in everything["facets"]["year"]] == ["2023", "2021", "2019"]

    # One sector ticked: its own group still counts every sector (multi-select) ...
    electrical = search(filters={"sector": ["dien-dien-tu"]})
    assert sorted(titles(electrical)) == ["Cáp điện", "Máy biến áp"]
    assert counts(electrical, "sector") == {"dien-dien-tu": 2, "co-khi-che-tao": 2}
    assert selected(electrical, "sector") == {"dien-dien-tu"}
    # ... while the other groups count within it.
    assert counts(electrical, "year") == {"2021": 1, "2023": 1}
    assert counts(electrical, "market") == {"eu": 1}

    # Two values of one group: either (OR).
    both = search(filters={"sector": ["dien-dien-tu", "co-khi-che-tao"]})
    assert both["count"] == 4

    # Two groups: both (AND); each group is counted under the other's filter.
    crossed = search(filters={"sector": ["dien-dien-tu"], "year": ["2021", "2019"]})
    assert titles(crossed) == ["Máy biến áp"]
    assert counts(crossed, "sector") == {"dien-dien-tu": 1, "co-khi-che-tao": 2}
    # A ticked value that nothing matches any more stays listed (count 0) so it can be unticked.
    assert counts(crossed, "year") == {"2021": 1, "2023": 1, "2019": 0}
    assert counts(crossed, "certification") == {"iso-9001": 1}
    assert selected(crossed, "year") == {"2021", "2019"}


def test_facet_labels_follow_the_language(catalogue, facet_products):
    vietnamese = {item["value"]: item["label"] for item in search()["facets"]["market"]}
    english = {item["value"]: item["label"] for item in search(lang="en")["facets"]["market"]}
    assert vietnamese == {"eu": "Liên minh châu Âu"}
    assert english == {"eu": "European Union"}
    top10 = search(lang="en")["facets"]["top10"]
    assert [item["label"] for item in top10] == ["Yes", "No"]
    # These products have no English page: the English catalogue shows the Vietnamese one.
    result = search("ống thép", lang="en")["results"][0]
    assert (result["language"], result["title"]) == ("vi", "Ống thép")
    assert result["url"] == "/san-pham/san-pham-2/"


def test_sorts_by_newest_and_by_name(catalogue, facet_products):
    assert titles(search(sort="newest"))[0] == "Cáp điện"
    assert titles(search(sort="name")) == ["Cáp điện", "Khuôn mẫu", "Máy biến áp", "Ống thép"]


def test_highlight_escapes_markup_but_keeps_mark(catalogue, site_tree, minh_phat):
    make_product(
        site_tree,
        company=minh_phat,
        title="Bóng đèn",
        slug="bong-den",
        summary="Bóng đèn <script>alert('x')</script> tiết kiệm điện",
    )
    rebuild()

    [fragment] = search("tiết kiệm")["results"][0]["highlight"]["summary"]
    assert "<script>" not in fragment
    assert "&lt;script&gt;" in fragment
    assert "<mark>tiết</mark>" in fragment or "<mark>tiết kiệm</mark>" in fragment
    assert fragment.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_a_zero_result_query_offers_a_suggestion(catalogue, site_tree, minh_phat):
    make_product(site_tree, company=minh_phat, title="Đá thạch anh Vicostone", slug="vicostone")
    rebuild()

    # A wrong first letter is beyond the fuzzy clause (prefix_length 1), not the suggester:
    # nothing has the word, so the suggestion's results are shown at once, saying so.
    response = search("licostone")
    assert (response["corrected"], response["suggestion"]) == ("vicostone", None)
    assert titles(response) == ["Đá thạch anh Vicostone"]
    assert search("vicostone")["corrected"] is None
    # No catalogue phrase is close: nothing is suggested or corrected.
    nothing = search("ho so dang ky")
    assert (nothing["count"], nothing["suggestion"], nothing["corrected"]) == (0, None, None)


def test_one_search_is_one_engine_request(catalogue, led, monkeypatch):
    rebuild()
    transport = get_client().transport
    requests = []
    send = transport.perform_request

    def counting(method, url, *args, **kwargs):
        requests.append((method, url))
        return send(method, url, *args, **kwargs)

    monkeypatch.setattr(transport, "perform_request", counting)
    response = search(
        "đèn led", filters={"sector": ["dien-dien-tu"], "year": ["2021"]}, synonyms=SYNONYMS
    )

    assert requests == [("POST", f"/{catalogue}/_search")]
    assert titles(response) == ["Đèn LED Rạng Đông"]
    assert response["results"][0]["highlight"]["title"]
    assert set(response["facets"]) == {
        "status",
        "sector",
        "year",
        "certification",
        "market",
        "unit",
        "top10",
    }
    assert response["took"] is not None

    requests.clear()
    suggest_names(q="đèn", lang="vi")
    assert len(requests) == 1

    # Nothing has the words: the suggestion's search, then the partial one, at most.
    requests.clear()
    assert search("ho so dang ky")["count"] == 0
    assert len(requests) <= 3


def test_autocomplete_offers_products_by_prefix(catalogue, led):
    # Companies come from their own index (tests/search/test_company_results.py).
    rebuild()

    products = suggest_names(q="đèn l", lang="vi")["products"]
    assert [product["title"] for product in products] == ["Đèn LED Rạng Đông"]
    assert suggest_names(q="rang d", lang="en")["products"] == [
        {
            "translation_key": str(led.translation_key),
            "title": "Rạng Đông LED lamps",
            "url": "/en/products/rang-dong-led-lamps/",
            "company": "Rạng Đông",
        }
    ]


def test_rebuild_swaps_the_alias_without_a_moment_without_results(catalogue, led):
    client = get_client()
    first = rebuild()
    assert first.documents == 1
    assert search("đèn")["count"] == 1

    failures, done = [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                count = search("đèn")["count"]
            except Exception as error:  # any failure at all is what this test looks for
                failures.append(repr(error))
            else:
                if count != 1:
                    failures.append(count)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        second = rebuild()
    finally:
        done.set()
        searcher.join()

    assert failures == []
    assert search("đèn")["count"] == 1
    assert second.removed == [first.index]
    assert not client.indices.exists(index=first.index)
    assert list(as_dict(client.indices.get_alias(name=catalogue))) == [second.index]


def test_a_generation_built_with_older_mappings_is_found_and_rebuilt(catalogue, led, monkeypatch):
    from django.core.management import call_command

    from search.catalogue.engine import indexing, mapping

    rebuild()
    assert indexing.outdated_definitions() == []

    # The live generation as a deploy finds it when the code's mappings have changed: built
    # by an older version that had no `facets` field and analysed names otherwise.
    older = mapping.index_body(catalogue)
    del older["mappings"]["properties"]["facets"]
    del older["mappings"]["_source"]
    older["settings"]["analysis"]["filter"]["name_edge_ngram"]["max_gram"] = 15
    monkeypatch.setattr(indexing, "index_body", lambda name: {**older})
    monkeypatch.setattr(indexing, "indexed_source", lambda document: document)
    rebuild()
    monkeypatch.undo()
    assert indexing.outdated_definitions() == ["analysis", "facets", "_source"]
    assert search("đèn")["facets"]["year"] == []  # what a deploy would have served

    out = io.StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("check_catalogue_index", stdout=out)
    assert "analysis, facets, _source" in out.getvalue()
    call_command("check_catalogue_index", "--repair", stdout=io.StringIO())
    assert indexing.outdated_definitions() == []
    assert [(item["value"], item["count"]) for item in search("đèn")["facets"]["year"]] == [
        ("2024", 1),
        ("2021", 1),
    ]


def test_single_product_updates_go_through_the_alias(catalogue, site_tree, led, english):
    rebuild()
    led.title = "Đèn LED âm trần"
    led.save_revision().publish()
    index_product(translation_key=led.translation_key, refresh=True)
    assert titles(search("âm trần")) == ["Đèn LED âm trần"]

    led.get_translation(english).unpublish()
    led.unpublish()
    assert index_product(translation_key=led.translation_key, refresh=True) is False
    assert search("đèn")["count"] == 0
    delete_product(translation_key=led.translation_key)  # already gone: not an error


def test_bulk_index_refuses_a_document_the_mapping_does_not_know(catalogue):
    create_index(catalogue)
    with pytest.raises(IndexingError, match="strict"):
        bulk_index([{"translation_key": "x", "colour": "red"}], catalogue)


def test_every_indexed_document_is_read_back_whatever_the_number_of_pages(catalogue):
    create_index(name=catalogue)
    documents = {
        key: {"translation_key": key, "title_vi": f"Sản phẩm {key}"}
        for key in (f"key-{number:04}" for number in range(450))  # three chunks, three pages
    }
    assert bulk_index(documents.values(), catalogue, refresh=True) == 450

    assert indexed_documents() == documents


def test_a_rebuilds_threaded_sending_sends_everything_and_refuses_a_bad_document(catalogue):
    create_index(catalogue)
    documents = [
        {"translation_key": f"key-{number:04}", "title_vi": f"Sản phẩm {number}"}
        for number in range(450)
    ]
    assert bulk_into(PRODUCTS, documents, catalogue, refresh=True, senders=2) == 450
    assert set(indexed_documents()) == {document["translation_key"] for document in documents}

    documents[300] = {"translation_key": "key-0300", "colour": "red"}
    with pytest.raises(IndexingError, match="strict"):
        bulk_into(PRODUCTS, documents, catalogue, senders=2)


def test_an_editors_save_is_one_bulk_request_through_the_alias(catalogue, led, monkeypatch):
    key = str(led.translation_key)
    document = product_document(key)
    # No generation yet: the alias is required, so nothing is created under its name.
    with pytest.raises(IndexingError, match="require_alias"):
        write_documents([key], {key: document})
    assert not get_client().indices.exists(index=catalogue)

    rebuild()
    transport = get_client().transport
    requests = []
    send = transport.perform_request

    def counting(method, url, *args, **kwargs):
        requests.append((method, url, kwargs.get("params", {})))
        return send(method, url, *args, **kwargs)

    monkeypatch.setattr(transport, "perform_request", counting)
    never_indexed = str(uuid.uuid4())
    write_documents([key, never_indexed], {key: {**document, "title_vi": "Đèn LED thế hệ mới"}})
    [(method, url, params)] = requests
    assert (method, url) == ("POST", f"/{catalogue}/_bulk")
    assert params["require_alias"] in ("true", b"true")  # opensearch-py sends bytes
    monkeypatch.undo()
    get_client().indices.refresh(index=catalogue)
    assert titles(search("thế hệ mới")) == ["Đèn LED thế hệ mới"]

    with pytest.raises(IndexingError, match="1 document.*strict"):
        write_documents([key], {key: {**document, "colour": "red"}})
    write_documents([key], {})
    get_client().indices.refresh(index=catalogue)
    assert search("đèn")["count"] == 0


def test_unknown_sort_and_facet_are_refused():
    with pytest.raises(ValueError):
        build_search(CatalogueQuery(sort="price"), synonyms=None)
    with pytest.raises(ValueError):
        build_search(CatalogueQuery(filters={"colour": ["red"]}, sort="name"))
    with pytest.raises(ValueError):
        build_search(CatalogueQuery(sort="name", page=501, per_page=20))


def test_a_long_query_finds_only_the_products_with_every_word(catalogue, site_tree, minh_phat):
    # Seven words: the other product repeats five of them in its name, which weighs most, but
    # lacks "siêu bền": it is not found.
    make_product(
        site_tree,
        company=minh_phat,
        title="Đèn âm trần",
        slug="full",
        summary="Loại dùng cho nhà xưởng, siêu bền.",
    )
    make_product(
        site_tree,
        company=minh_phat,
        title="Đèn âm trần nhà xưởng, đèn âm trần nhà xưởng",
        slug="missing-one",
    )
    rebuild()

    response = search("đèn âm trần nhà xưởng siêu bền")
    assert (titles(response), response["partial"]) == (["Đèn âm trần"], False)
