"""One behaviour suite for the catalogue search, run against every path.

`path` is "database" (always) or "engine" (the real node; marked so that `make test` runs it
in its engine pass). A capability only one path has is parametrised over that path alone.
"""

import json

import pytest
from django.db import connection

from products.factories import CertificationFactory, SectorFactory
from products.models import ProductCertification
from search.catalogue.sync import update_products
from tests.content import make_company, make_product


@pytest.fixture
def catalogue(site_tree, path):
    """Three products in two sectors; the search data of the path under test is built."""
    electrical = SectorFactory(
        slug="dien-dien-tu", name="Điện, điện tử", name_en="Electrical and electronics"
    )
    mechanical = SectorFactory(
        slug="co-khi-che-tao", name="Cơ khí, chế tạo", name_en="Mechanical engineering"
    )
    iso = CertificationFactory(slug="iso-9001", name="ISO 9001")
    rang_dong = make_company(site_tree, title="Rạng Đông", slug="rang-dong")
    son_ha = make_company(site_tree, title="Sơn Hà", slug="son-ha")
    led = make_product(
        site_tree,
        company=rang_dong,
        title="Đèn LED Rạng Đông",
        slug="den-led-rang-dong",
        sector=electrical,
        summary="Đèn LED tiết kiệm điện <script>alert(1)</script>",
        english={
            "Đèn LED Rạng Đông": "Rạng Đông LED lamps",
            "den-led-rang-dong": "rang-dong-led-lamps",
        },
        recognitions=[{"year": 2021, "is_top10": True}],
    )
    heater = make_product(
        site_tree,
        company=son_ha,
        title="Bình nước nóng Sơn Hà",
        slug="binh-nuoc-nong-son-ha",
        sector=electrical,
        recognitions=[{"year": 2019}],
        english={
            "Bình nước nóng Sơn Hà": "Sơn Hà water heaters",
            "binh-nuoc-nong-son-ha": "son-ha-water-heaters",
        },
    )
    pipe = make_product(
        site_tree,
        company=son_ha,
        title="Ống thép inox Sơn Hà",
        slug="ong-thep-inox-son-ha",
        sector=mechanical,
        recognitions=[{"year": 2021}],
        english={
            "Ống thép inox Sơn Hà": "Sơn Hà stainless steel pipes",
            "ong-thep-inox-son-ha": "son-ha-stainless-steel-pipes",
        },
    )
    ProductCertification.objects.create(page=led, certification=iso)
    ProductCertification.objects.create(page=pipe, certification=iso)
    keys = [product.translation_key for product in (led, heater, pipe)]
    update_products(keys)
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()
    return {"led": led, "heater": heater, "pipe": pipe}


def api(client, **params):
    response = client.get("/api/catalogue/", params)
    return response.status_code, json.loads(response.content)


def titles(data):
    return [result["title"] for result in data["results"]]


def facet(data, group):
    return {item["value"]: (item["count"], item["selected"]) for item in data["facets"][group]}


def test_the_contract_has_every_documented_field(client, catalogue):
    status, data = api(client, q="đèn led")
    assert status == 200
    assert set(data) >= {"count", "page", "num_pages", "results", "facets", "suggestion"}
    result = data["results"][0]
    assert set(result) >= {
        "id",
        "title",
        "url",
        "summary",
        "company",
        "sector",
        "years",
        "top10",
        "highlight",
    }
    assert result["company"] == {"name": "Rạng Đông", "url": "/doanh-nghiep/rang-dong/"}
    assert result["sector"]["value"] == "dien-dien-tu"
    assert (result["years"], result["top10"]) == ([2021], True)
    assert set(data["facets"]) >= {"sector", "year", "certification", "unit", "top10", "market"}


def test_queries_without_diacritics_find_accented_names(client, catalogue):
    assert titles(api(client, q="den led rang dong")[1])[0] == "Đèn LED Rạng Đông"
    assert "Bình nước nóng Sơn Hà" in titles(api(client, q="binh nuoc nong")[1])


def test_english_queries_find_products_in_english(client, catalogue):
    status, data = api(client, q="water heater", lang="en")
    assert status == 200
    assert titles(data)[0] == "Sơn Hà water heaters"
    assert data["results"][0]["url"] == "/en/products/son-ha-water-heaters/"


def test_facets_are_multi_select_within_a_group_and_intersect_across(client, catalogue):
    _, everything = api(client)
    assert everything["count"] == 3
    _, electrical = api(client, sector="dien-dien-tu")
    assert electrical["count"] == 2
    # Choosing one sector keeps the other sector's count visible.
    assert facet(electrical, "sector") == {"dien-dien-tu": (2, True), "co-khi-che-tao": (1, False)}
    _, both = api(client, sector=["dien-dien-tu", "co-khi-che-tao"])
    assert both["count"] == 3
    _, narrowed = api(client, sector="dien-dien-tu", year="2021")
    assert titles(narrowed) == ["Đèn LED Rạng Đông"]
    assert facet(narrowed, "year")["2019"] == (1, False)
    _, certified = api(client, certification="iso-9001", top10="true")
    assert titles(certified) == ["Đèn LED Rạng Đông"]


def test_highlights_escape_everything_but_mark(client, catalogue):
    _, data = api(client, q="tiết kiệm")
    fragments = [
        fragment
        for result in data["results"]
        for fragments in result["highlight"].values()
        for fragment in fragments
    ]
    assert fragments
    assert all("<script>" not in fragment for fragment in fragments)
    assert any("<mark>" in fragment for fragment in fragments)


def test_sorting_by_name_and_newest(client, catalogue):
    _, by_name = api(client, sort="name")
    assert titles(by_name) == sorted(titles(by_name), key=lambda title: title.casefold())
    _, newest = api(client, sort="newest")
    assert titles(newest)[-1] == "Bình nước nóng Sơn Hà"  # recognised in 2019, the others 2021


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"colour": "red"}, "Tham số “colour” không được hỗ trợ."),
        ({"page": "0"}, "Số trang phải là số nguyên dương."),
        ({"page": "abc"}, "Số trang phải là số nguyên dương."),
        ({"page": "9"}, "Trang 9 không có"),
        ({"sort": "price"}, "Cách sắp xếp “price” không được hỗ trợ."),
        ({"sector": "khong-co"}, "Không có giá trị “khong-co” cho bộ lọc sector."),
        ({"year": "1990"}, "Năm “1990” không hợp lệ."),
        ({"year": "²"}, "Năm “²” không hợp lệ."),  # a digit to str.isdigit(), not to int()
        ({"top10": "maybe"}, "top10 phải là true, false hoặc unknown."),
        ({"lang": "fr"}, "Ngôn ngữ phải là vi hoặc en."),
        ({"q": "x" * 201}, "Từ khoá dài tối đa 200 ký tự."),
    ],
)
def test_bad_parameters_get_a_clear_400(client, catalogue, params, message):
    status, data = api(client, **params)
    assert status == 400
    assert any(message in error for error in data["errors"]), data


def test_errors_speak_english_when_asked(client, catalogue):
    status, data = api(client, lang="en", page="0")
    assert status == 400
    assert data["errors"] == ["The page number must be a positive integer."]


def test_suggestions_name_products_and_companies(client, catalogue):
    data = json.loads(client.get("/api/catalogue/suggest/", {"q": "son h"}).content)
    kinds = {(item["type"], item["text"]) for item in data["suggestions"]}
    assert ("company", "Sơn Hà") in kinds
    assert any(kind == "product" and "Sơn Hà" in text for kind, text in kinds)


def test_the_catalogue_page_uses_the_same_search(client, catalogue):
    html = client.get("/san-pham/", {"q": "den led"}).content.decode()
    assert "Rạng Đông" in html and "Ống thép inox" not in html
    assert 'name="sector" value="dien-dien-tu"' in html
    english = client.get("/en/products/", {"sector": "co-khi-che-tao"}).content.decode()
    assert "Sơn Hà stainless steel pipes" in english and "water heaters" not in english
    assert client.get("/san-pham/", {"page": "7"}).status_code == 404
    assert client.get("/san-pham/", {"page": "x"}).status_code == 404
    bad = client.get("/san-pham/", {"sector": "khong-co"})
    assert bad.status_code == 400 and "khong-co" in bad.content.decode()


def test_publishing_and_unpublishing_update_the_search(
    client, catalogue, path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["pipe"].unpublish()
    if path == "engine":
        from search.catalogue.engine.client import get_client, index_name

        get_client().indices.refresh(index=index_name())
    assert "Ống thép inox Sơn Hà" not in titles(api(client)[1])


def test_editors_synonyms_apply_at_once_on_both_paths(client, catalogue):
    from search.models import Synonym

    # A word the shipped product-type glossary does not know (it knows "bình nóng lạnh").
    assert api(client, q="sưởi")[1]["count"] == 0
    Synonym.objects.create(term="sưởi", alternatives="bình nước nóng")
    assert titles(api(client, q="suoi")[1]) == ["Bình nước nóng Sơn Hà"]


def test_english_words_match_by_the_engines_stem_on_both_paths(client, heat_pump, path):
    """Both paths stem English fields with Porter, the engine's English analysis: "heating"
    finds "heat" (the database path's old plural rules did not know "-ing") and the
    highlight marks the words as written."""
    update_products([heat_pump.translation_key])
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()

    _, data = api(client, q="heating pump", lang="en")
    assert titles(data) == ["Heat pumps"]
    assert data["results"][0]["highlight"]["title"] == ["<mark>Heat</mark> <mark>pumps</mark>"]


# -- a buyer's own words (issue 11) ---------------------------------------------------------


def test_a_buyer_finds_a_product_by_type_words_its_text_lacks(client, catalogue):
    # The product-type vocabulary: the LED lamp's own texts say "Đèn" and "lamps", never
    # "lighting"; the heater's never "boiler" nor "bình nóng lạnh"; the pipe's never "tube".
    assert titles(api(client, q="lighting", lang="en")[1]) == ["Rạng Đông LED lamps"]
    assert titles(api(client, q="boiler", lang="en")[1]) == ["Sơn Hà water heaters"]
    assert titles(api(client, q="binh nong lanh")[1]) == ["Bình nước nóng Sơn Hà"]
    assert titles(api(client, q="steel tube", lang="en")[1]) == ["Sơn Hà stainless steel pipes"]


def test_buyer_intent_words_narrow_nothing(client, catalogue):
    _, data = api(client, q="water heater supplier from Hanoi", lang="en")
    assert titles(data) == ["Sơn Hà water heaters"]
    _, data = api(client, q="a water heater maker in Hanoi", lang="en")
    assert (titles(data), data["partial"]) == (["Sơn Hà water heaters"], False)
    _, data = api(client, q="nhà sản xuất ống thép Hà Nội")
    assert titles(data) == ["Ống thép inox Sơn Hà"]
    # Nothing but intent words: the whole catalogue, as with no words at all.
    assert api(client, q="Vietnam manufacturer")[1]["count"] == 3
    assert api(client, q="công ty")[1]["count"] == 3


def test_without_a_product_having_every_word_the_most_words_rank_first(client, catalogue):
    # Nobody makes a stainless steel pipe for drinking water: the pipe has three of the five
    # words, the water heater one ("water"), short of half.
    _, data = api(client, q="stainless steel pipe drinking water", lang="en")
    assert (titles(data), data["partial"]) == (["Sơn Hà stainless steel pipes"], True)
    assert api(client, q="stainless steel pipe", lang="en")[1]["partial"] is False
    # Two words: both must match; half of a Vietnamese compound ("máy giặt") finds nothing.
    assert api(client, q="máy giặt")[1]["count"] == 0


def test_a_long_query_without_a_product_having_every_word_says_so(client, catalogue, path):
    # However long the query, a product missing a word is never shown as having them all:
    # it is shown as having part of them, the most words first. PostgreSQL's database path
    # first looks for names similar by trigrams (search_database), and a name with five of
    # the words is similar: it shows that one product, as a near match.
    similar_first = path == "database" and connection.vendor == "postgresql"
    heater, pipe = "Bình nước nóng Sơn Hà", "Ống thép inox Sơn Hà"
    for q, partial in (
        ("bình nước nóng Sơn Hà chống giật", [heater]),  # seven words, the heater has five
        ("bình nước nóng Sơn Hà inox", [heater, pipe]),  # five of six before three of six
        ("bình nước nóng Sơn Hà chính hãng", [heater]),  # words nobody wrote
    ):
        _, data = api(client, q=q)
        expected = ([heater], False) if similar_first else (partial, True)
        assert (titles(data), data["partial"]) == expected, q


def test_a_typo_shows_the_corrected_querys_results_at_once(client, catalogue):
    # A wrong first letter: beyond the engine's fuzzy clause (prefix_length 1) and every
    # database's, so each path finds nothing as typed and corrects it.
    _, data = api(client, q="vinh nuoc nong")
    # Spelt as the catalogue spells it; the engine's folded suggester may leave the accents
    # out, never half of them.
    assert data["corrected"] in ("bình nước nóng", "binh nuoc nong")
    assert data["suggestion"] is None
    assert titles(data) == ["Bình nước nóng Sơn Hà"]
    english = client.get("/en/products/", {"q": "ttainless steel pipe"}).content.decode()
    assert "Showing results for “<strong>stainless steel pipe</strong>”" in english
    assert "No results for “ttainless steel pipe”" in english
    assert 'href="/en/products/son-ha-stainless-steel-pipes/"' in english
    vietnamese = client.get("/san-pham/", {"q": "vinh nuoc nong"}).content.decode()
    assert "Không có kết quả cho “vinh nuoc nong”. Đang hiện kết quả cho" in vietnamese
    assert 'href="/san-pham/binh-nuoc-nong-son-ha/"' in vietnamese


def test_no_suggestion_mixes_words_typed_with_words_corrected(client, catalogue):
    # "ho so dang ky" is an editorial phrase: no catalogue phrase is close, so the catalogue
    # offers nothing rather than "ho so rạng ky".
    _, data = api(client, q="ho so dang ky")
    assert (data["count"], data["suggestion"], data["corrected"]) == (0, None, None)


def test_every_facet_value_offered_can_be_ticked(client, catalogue):
    # "unknown" Top 10 (a recognition whose source does not say) was offered and refused.
    _, data = api(client)
    offered = [(group, item) for group, items in data["facets"].items() for item in items]
    assert ("top10", "unknown") in {(group, item["value"]) for group, item in offered}
    for group, item in offered:
        status, narrowed = api(client, **{group: item["value"]})
        assert status == 200, (group, item["value"], narrowed)
        assert narrowed["count"] == item["count"], (group, item["value"])
