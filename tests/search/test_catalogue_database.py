"""The catalogue search's database path, on whichever database the suite runs on.

SQLite by default; PostgreSQL with DATABASE_URL (scripts/postgres.sh). The behaviour is the
engine path's (tests/search/test_catalogue_engine.py): where a database can do less, the test
says what it does instead, computed from the connection, never skipped.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.rich_text import RichText

from core.text import clean_search_text, fold_text
from products.documents import product_document
from products.factories import (
    AdministrativeUnitFactory,
    CertificationFactory,
    MarketFactory,
)
from products.models import ProductCertification, ProductMarket
from search.catalogue import service, source
from search.catalogue.contract import CatalogueQuery
from search.catalogue.database import fulltext
from search.catalogue.database.query import (
    database_capabilities,
    rebuild_entries,
    search_database,
    sync_entry,
)
from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord
from tests.content import make_company, make_product
from tests.search.common import SYNONYMS, counts, selected, titles

pytestmark = pytest.mark.django_db

# Count, page, facets; with nothing matching also the trigram counts (and, with filters,
# whether anything has the words at all, in the same query) and the vocabulary.
QUERIES_PER_SEARCH = 3
# When nothing has every word: the count, whether anything has them without the filters
# (or the similar names, PostgreSQL), the vocabulary, the corrected query's count, then its
# page and facets, or the partial count when the correction found nothing.
QUERIES_PER_EMPTY_SEARCH = 7


def search(q="", *, lang="vi", filters=None, sort="relevance", synonyms=None, **paging):
    query = CatalogueQuery(
        q=clean_search_text(q), lang=lang, filters=filters or {}, sort=sort, **paging
    )
    return search_database(query, synonyms=synonyms)


def synced(*products):
    for product in products:
        assert sync_entry(product.translation_key)
    return products


# -- entries ----------------------------------------------------------------------------


def test_an_entry_is_the_product_document_with_folded_text(led, english):
    assert sync_entry(led.translation_key) is True

    entry = CatalogueEntry.objects.get(translation_key=led.translation_key)
    assert entry.document == product_document(led.translation_key)
    assert (entry.title_vi, entry.title_en) == ("Đèn LED Rạng Đông", "Rạng Đông LED lamps")
    assert entry.url_en == "/en/products/rang-dong-led-lamps/"
    assert entry.company_url_vi == "/doanh-nghiep/rang-dong/"
    assert (entry.top10, entry.latest_year, entry.sector) == (True, 2024, "dien-dien-tu")
    assert entry.sort_name_vi == "den led rang dong"
    # Whole words between spaces, both languages, as written (lower-cased) and folded.
    assert " đèn led rạng đông " in entry.text and " lamps " in entry.text
    assert " den led rang dong " in entry.folded_text
    assert " electrical and electronics " in entry.folded_text
    assert "đ" not in entry.folded_text and "đ" not in entry.folded_names
    assert " rang dong light source jsc " in entry.folded_names
    facets = set(entry.facet_values.values_list("group", "value", "label_en"))
    assert facets == {
        ("sector", "dien-dien-tu", "Electrical and electronics"),
        ("year", "2021", "2021"),
        ("year", "2024", "2024"),
        ("top10", "true", "Yes"),
    }

    led.get_translation(english).unpublish()
    led.unpublish()
    assert sync_entry(led.translation_key) is False
    assert not CatalogueEntry.objects.exists()
    assert not CatalogueFacetValue.objects.exists()
    assert not CatalogueNameWord.objects.exists()


def test_the_names_words_are_the_suggestion_vocabulary(led):
    sync_entry(led.translation_key)

    words = {
        (row.folded, row.word): row.occurrences
        for row in CatalogueNameWord.objects.filter(entry__translation_key=led.translation_key)
    }
    # The words of the product's and company's names, lower-cased as written and folded, with
    # how often the names use them; none from the summary ("tiết kiệm").
    assert words[("den", "đèn")] >= 1
    assert words[("rang", "rạng")] >= 2  # the product's name and the company's
    assert words[("lamps", "lamps")] >= 1
    assert "tiết" not in {word for _, word in words}
    assert all(folded == fold_text(word) for folded, word in words)


def test_the_word_index_follows_every_write(site_tree, minh_phat):
    """SQLite's FTS5 index (kept by triggers) and PostgreSQL's generated word columns and
    indexes exist, and a search sees an entry's new words and forgets its old ones."""
    if connection.vendor == "sqlite":
        assert fulltext.available()
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            found = {name for (name,) in cursor.fetchall()}
        assert {*fulltext.triggers(), *fulltext.triggers(fulltext.COMPANY_ENTRIES)} <= found
    else:
        tables = (fulltext.ENTRIES, fulltext.COMPANY_ENTRIES)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)", [list(tables)]
            )
            indexes = {name for (name,) in cursor.fetchall()}
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_name = ANY(%s) AND is_generated = 'ALWAYS'",
                [list(tables)],
            )
            generated = set(cursor.fetchall())
        assert {
            fulltext.postgres_index(fulltext.ENTRIES),
            fulltext.postgres_index(fulltext.COMPANY_ENTRIES),
            "search_catalogueentry_folded_names_trgm",
        } <= indexes
        assert generated == {
            (table, words) for table in tables for words in fulltext.WORDS_COLUMNS.values()
        }
    fan = make_product(
        site_tree, company=minh_phat, title="Quạt trần Thống Nhất", slug="quat", translate=False
    )
    synced(fan)
    assert titles(search("thong nhat")) == ["Quạt trần Thống Nhất"]

    fan.title = "Quạt cây Sunhouse"
    fan.save_revision().publish()
    synced(fan)
    assert titles(search("quạt sunhouse")) == ["Quạt cây Sunhouse"]
    assert search("thống nhất")["count"] == 0

    fan.unpublish()
    sync_entry(fan.translation_key)
    assert search("sunhouse")["count"] == 0


def test_words_of_any_script_and_digits_are_whole_words(site_tree, minh_phat):
    """What the word index holds is exactly the words of the text: a word in another script,
    a model number, a word that is only an English stem elsewhere; and never part of one."""
    synced(
        make_product(
            site_tree,
            company=minh_phat,
            title="Máy lọc không khí 空气净化器 X9000",
            slug="may-loc",
            translate=False,
        )
    )

    def found(q):
        # Without the typo and similar-name fallbacks: only what has every word.
        return titles(search_database(CatalogueQuery(q=q), fallbacks=False))

    assert found("空气净化器") == ["Máy lọc không khí 空气净化器 X9000"]
    assert found("x9000 may loc") == ["Máy lọc không khí 空气净化器 X9000"]
    # Parts of words are not words: "x900", "空气".
    assert found("x900") == found("空气") == []
    # "mai" is the English stem of "may", and no word of this Vietnamese title.
    assert found("mai loc") == []


def test_rebuild_writes_every_live_product_and_drops_the_rest(site_tree, led, minh_phat):
    other = make_product(
        site_tree, company=minh_phat, title="Quạt điện", slug="quat-dien", translate=False
    )
    assert rebuild_entries() == 2
    other.unpublish()
    calls = []

    assert rebuild_entries(progress=lambda done, total: calls.append((done, total))) == 1
    assert list(CatalogueEntry.objects.values_list("title_vi", flat=True)) == ["Đèn LED Rạng Đông"]
    assert calls == [(1, 1)]


def test_rebuild_in_batches_writes_what_sync_entry_writes(site_tree, minh_phat, monkeypatch):

    certification, market = CertificationFactory(), MarketFactory()
    for index in range(5):
        product = make_product(
            site_tree,
            company=minh_phat,
            title=f"Quạt điện {index}",
            slug=f"quat-dien-{index}",
            recognitions=[{"year": 2020 + index, "is_top10": index % 2 == 0}],
        )
        ProductCertification.objects.create(page=product, certification=certification)
        ProductMarket.objects.create(page=product, market=market)
        sync_entry(product.translation_key)

    def rows():
        return {
            entry.translation_key: (
                entry.pk,
                entry.document,
                entry.folded_text,
                sorted(entry.facet_values.values_list("group", "value", "label_en")),
            )
            for entry in CatalogueEntry.objects.all()
        }

    synced = rows()
    monkeypatch.setattr(source, "BATCH", 2)
    calls = []

    assert rebuild_entries(progress=lambda done, total: calls.append((done, total))) == 5
    assert rows() == synced
    assert calls == [(2, 5), (4, 5), (5, 5)]


# -- matching and ranking ---------------------------------------------------------------


def test_folded_query_finds_diacritics_and_exact_spelling_ranks_first(site_tree, led, minh_phat):
    plain = make_product(
        site_tree, company=minh_phat, title="Den LED Rang Dong", slug="den-led-khong-dau"
    )
    synced(led, plain)

    folded = search("den led rang dong")
    assert set(titles(folded)) == {"Đèn LED Rạng Đông", "Den LED Rang Dong"}
    assert titles(folded)[0] == "Den LED Rang Dong"

    exact = search("Đèn LED Rạng Đông")
    assert titles(exact) == ["Đèn LED Rạng Đông", "Den LED Rang Dong"]
    assert exact["results"][0]["score"] > exact["results"][1]["score"]

    # Folded words are marked in the text as written.
    [with_diacritics] = [r for r in search("den led")["results"] if r["title"].startswith("Đ")]
    assert with_diacritics["highlight"]["title"] == ["<mark>Đèn</mark> <mark>LED</mark> Rạng Đông"]


def test_d_with_stroke_folds_to_d(site_tree, led, minh_phat):
    don = make_product(site_tree, company=minh_phat, title="Máy Don", slug="may-don")
    synced(led, don)

    for query in ("rang dong", "RẠNG ĐÔNG", "đong", "Dông"):
        assert titles(search(query)) == ["Đèn LED Rạng Đông"], query
    result = search("dong")["results"][0]
    assert result["highlight"]["company"] == ["Rạng <mark>Đông</mark>"]
    # Whole words: "don" is not "Đông" (nor its start), though "Đon" is "Don".
    assert titles(search("don")) == titles(search("Đon")) == ["Máy Don"]


def test_every_word_must_match_and_names_rank_above_the_body(site_tree, minh_phat):
    named = make_product(site_tree, company=minh_phat, title="Quạt trần", slug="quat-tran")
    described = make_product(
        site_tree,
        company=minh_phat,
        title="Động cơ điện",
        slug="dong-co",
        summary="Động cơ cho quạt trần và máy bơm.",
    )
    synced(described, named)

    assert titles(search("quạt trần")) == ["Quạt trần", "Động cơ điện"]
    assert titles(search("quạt bơm")) == ["Động cơ điện"]
    assert search("quạt tủ lạnh")["count"] == 0


def test_english_query_finds_a_product_by_its_translation_or_sector(site_tree, minh_phat):
    heater = make_product(
        site_tree,
        company=minh_phat,
        title="Bình nước nóng",
        slug="binh-nuoc-nong",
        english={"Bình nước nóng": "Storage water heater", "binh-nuoc-nong": "water-heater"},
    )
    synced(heater)

    english = search("water heaters", lang="en")
    assert titles(english) == ["Storage water heater"]
    assert english["results"][0]["url"] == "/en/products/water-heater/"
    assert english["results"][0]["language"] == "en"
    assert english["results"][0]["sector"] == {
        "value": "dien-dien-tu",
        "label": "Electrical and electronics",
    }
    assert english["results"][0]["highlight"]["title"] == [
        "Storage <mark>water</mark> <mark>heater</mark>"
    ]
    # The same English words from the Vietnamese site show the Vietnamese page.
    assert titles(search("water heater", lang="vi")) == ["Bình nước nóng"]
    # The English sector label is searchable too.
    assert titles(search("electronics heater", lang="en")) == ["Storage water heater"]


def test_english_fields_are_stemmed_and_vietnamese_words_never(site_tree, minh_phat, heat_pump):
    tea = make_product(
        site_tree,
        company=minh_phat,
        title="Trà Hoa Mai",
        slug="tra-hoa-mai",
        english={"Trà Hoa Mai": "Hoa Mai green tea", "tra-hoa-mai": "hoa-mai-green-tea"},
    )
    synced(heat_pump, tea)

    entry = CatalogueEntry.objects.get(translation_key=tea.translation_key)
    # An English field's words, then their marked stems; a Vietnamese field's words alone.
    assert " hoa mai green tea ~hoa ~mai ~green ~tea " in entry.folded_text
    assert " trà hoa mai " in entry.text and "~trà" not in entry.text
    # Stems as the engine's Porter makes them: "heating" and "heat" share one.
    assert titles(search("heating pump")) == ["Máy bơm nhiệt"]
    # A query word is stemmed as written: "máy" stays "máy", where its folded "may" would
    # have become "mai" and found the tea's English "Mai".
    assert titles(search("máy")) == ["Máy bơm nhiệt"]


def test_the_suggestion_leaves_english_inflections_alone(site_tree, minh_phat, heat_pump):
    sauce = make_product(
        site_tree, company=minh_phat, title="Nước mắm Khải Hoàn", slug="mam", translate=False
    )
    synced(heat_pump, sauce)

    # "heated" finds "Heat" by its stem: no typo, though two edits from "heat". The corrected
    # query's results are shown at once ("pump": a water pump's product-type word).
    corrected = search("heated pumpz")
    assert (corrected["corrected"], corrected["suggestion"]) == ("heated pump", None)
    assert titles(corrected) == ["Máy bơm nhiệt"]
    # A Vietnamese syllable is no inflection of another: "khay" (stem "khai") is a typo for
    # "khải", not a form of it.
    assert search("nuoc mam khay hoan")["corrected"] == "nước mắm khải hoàn"


def test_synonyms_expand_the_query_in_both_directions(site_tree):
    ferroli = make_company(
        site_tree,
        title="Ferroli",
        slug="ferroli",
        legal_name="Công ty trách nhiệm hữu hạn Ferroli Việt Nam",
    )
    storage = make_product(
        site_tree, company=ferroli, title="Bình nước nóng Ferroli", slug="ferroli-bnn"
    )
    instant = make_product(
        site_tree, company=ferroli, title="Bình nóng lạnh Ferroli", slug="ferroli-bnl"
    )
    synced(storage, instant)

    # The shipped product-type glossary already groups these two, the spelling typed first;
    # editors' synonyms add to it.
    assert titles(search("bình nóng lạnh")) == ["Bình nóng lạnh Ferroli", "Bình nước nóng Ferroli"]
    # Both directions; the spelling typed ranks above the synonym's.
    assert titles(search("bình nóng lạnh", synonyms=SYNONYMS)) == [
        "Bình nóng lạnh Ferroli",
        "Bình nước nóng Ferroli",
    ]
    assert titles(search("bình nước nóng", synonyms=SYNONYMS)) == [
        "Bình nước nóng Ferroli",
        "Bình nóng lạnh Ferroli",
    ]
    # Fold-insensitive: typed without diacritics, the group still applies.
    assert search("binh nong lanh", synonyms=SYNONYMS)["count"] == 2
    # The synonym's words are marked too.
    marked = search("binh nong lanh", synonyms=SYNONYMS)["results"][1]["highlight"]["title"]
    assert marked == ["<mark>Bình</mark> <mark>nước</mark> <mark>nóng</mark> Ferroli"]
    assert search("tnhh")["count"] == 0
    assert search("tnhh", synonyms=SYNONYMS)["count"] == 2
    assert search("công ty trách nhiệm hữu hạn", synonyms=SYNONYMS)["count"] == 2


# -- facets, sorts, pages ---------------------------------------------------------------


@pytest.fixture
def facet_products(facet_catalogue):
    return synced(*facet_catalogue)


def test_facets_are_multi_select_within_a_group_and_intersect_across(facet_products):
    everything = search()
    assert everything["count"] == 4
    assert set(everything["facets"]) == {
        "status",
        "sector",
        "year",
        "certification",
        "market",
        "unit",
        "top10",
    }
    assert counts(everything, "sector") == {"dien-dien-tu": 2, "co-khi-che-tao": 2}
    assert counts(everything, "year") == {"2021": 2, "2023": 1, "2019": 1}
    assert counts(everything, "certification") == {"iso-9001": 2, "hop-chuan-tcvn": 2}
    assert counts(everything, "top10") == {"true": 2, "false": 2}
    assert [item["value"] for item in everything["facets"]["year"]] == ["2023", "2021", "2019"]
    # Sectors in the programme's official order, not by count or name.
    assert [item["value"] for item in everything["facets"]["sector"]] == [
        "co-khi-che-tao",
        "dien-dien-tu",
    ]

    # One sector ticked: its own group still counts every sector (multi-select) ...
    electrical = search(filters={"sector": ["dien-dien-tu"]})
    assert sorted(titles(electrical)) == ["Cáp điện", "Máy biến áp"]
    assert counts(electrical, "sector") == {"dien-dien-tu": 2, "co-khi-che-tao": 2}
    assert selected(electrical, "sector") == {"dien-dien-tu"}
    # ... while the other groups count within it.
    assert counts(electrical, "year") == {"2021": 1, "2023": 1}
    assert counts(electrical, "market") == {"eu": 1}

    # Two values of one group: either (OR).
    assert search(filters={"sector": ["dien-dien-tu", "co-khi-che-tao"]})["count"] == 4
    assert search(filters={"certification": ["iso-9001", "hop-chuan-tcvn"]})["count"] == 3

    # Two groups: both (AND); each group is counted under the other's filter.
    crossed = search(filters={"sector": ["dien-dien-tu"], "year": ["2021", "2019"]})
    assert titles(crossed) == ["Máy biến áp"]
    assert counts(crossed, "sector") == {"dien-dien-tu": 1, "co-khi-che-tao": 2}
    # A ticked value that nothing matches any more stays listed (count 0) so it can be unticked.
    assert counts(crossed, "year") == {"2021": 1, "2023": 1, "2019": 0}
    assert counts(crossed, "certification") == {"iso-9001": 1}
    assert selected(crossed, "year") == {"2021", "2019"}

    # The query narrows every group's counts.
    queried = search("thép", filters={"top10": ["true"]})
    assert titles(queried) == ["Ống thép"]
    assert counts(queried, "top10") == {"true": 1}
    assert counts(queried, "certification") == {"iso-9001": 1, "hop-chuan-tcvn": 1}


def test_facet_labels_follow_the_language(facet_products, site_tree, minh_phat):
    ward = AdministrativeUnitFactory(name="Phường Hoàn Kiếm", name_en="Hoan Kiem Ward")
    minh_phat.unit = ward
    minh_phat.save_revision().publish()
    synced(*facet_products)

    vietnamese = {item["value"]: item["label"] for item in search()["facets"]["market"]}
    english = {item["value"]: item["label"] for item in search(lang="en")["facets"]["market"]}
    assert vietnamese == {"eu": "Liên minh châu Âu"}
    assert english == {"eu": "European Union"}
    assert search(lang="en")["facets"]["unit"] == [
        {"value": ward.slug, "label": "Hoan Kiem Ward", "count": 4, "selected": False}
    ]
    assert [item["label"] for item in search(lang="en")["facets"]["top10"]] == ["Yes", "No"]
    assert [item["label"] for item in search()["facets"]["top10"]] == ["Có", "Không"]
    # These products have no English page: the English catalogue shows the Vietnamese one.
    result = search("ống thép", lang="en")["results"][0]
    assert (result["language"], result["title"]) == ("vi", "Ống thép")
    assert result["url"] == "/san-pham/san-pham-2/"
    assert (result["years"], result["top10"]) == ([2021], True)


def test_sorts_by_relevance_newest_and_name(facet_products):
    assert titles(search(sort="newest")) == ["Cáp điện", "Máy biến áp", "Ống thép", "Khuôn mẫu"]
    # Folded, so "Ống" sorts among the O's, after "Máy".
    assert titles(search(sort="name")) == ["Cáp điện", "Khuôn mẫu", "Máy biến áp", "Ống thép"]
    # Without a query every entry is as relevant: newest first, then by name.
    assert titles(search()) == titles(search(sort="newest"))
    with pytest.raises(ValueError, match="Unknown sort"):
        search(sort="price")


def test_pages_and_their_limits(facet_products, settings):
    settings.SEARCH_URL = ""

    def paged(q="", **paging):
        return service.search(CatalogueQuery(q=q, sort="name", **paging)).data

    first = paged(per_page=3)
    assert (first["count"], first["page"], first["num_pages"]) == (4, 1, 2)
    assert titles(first) == ["Cáp điện", "Khuôn mẫu", "Máy biến áp"]
    second = paged(per_page=3, page=2)
    assert (second["page"], titles(second)) == (2, ["Ống thép"])
    # Past the last page: no results, not the last page again (the views turn it into a 404
    # or a 400).
    beyond = search(sort="name", per_page=3, page=3)
    assert (beyond["count"], beyond["results"]) == (4, [])
    with pytest.raises(service.PageOutOfRange):
        paged(per_page=3, page=3)
    assert paged("không có gì như thế")["num_pages"] == 1
    for paging in ({"page": 0}, {"per_page": 101}, {"page": 1001, "per_page": 10}):
        with pytest.raises(ValueError):
            search(**paging)
    with pytest.raises(ValueError, match="Unknown facet"):
        search(filters={"price": ["1"]})
    with pytest.raises(ValueError, match="200 characters"):
        search("a" * 201)


# -- highlights, suggestions, typos -----------------------------------------------------


def test_highlight_escapes_markup_but_keeps_mark(site_tree, minh_phat):
    product = make_product(
        site_tree,
        company=minh_phat,
        title="Bóng đèn",
        slug="bong-den",
        summary="Bóng đèn <script>alert('x')</script> tiết kiệm điện",
        description=[
            ("paragraph", RichText(f"<p>{'Mở đầu dài dòng. ' * 20}Công nghệ tiết kiệm.</p>")),
        ],
    )
    synced(product)

    highlight = search("tiết kiệm")["results"][0]["highlight"]
    [fragment] = highlight["summary"]
    assert "<script>" not in fragment
    assert "&lt;script&gt;" in fragment
    assert "<mark>tiết</mark> <mark>kiệm</mark>" in fragment
    assert fragment.replace("<mark>", "").replace("</mark>", "").count("<") == 0
    # A long description gives a fragment around the match, not the whole text.
    [excerpt] = highlight["description"]
    assert excerpt.endswith("Công nghệ <mark>tiết</mark> <mark>kiệm</mark>.")
    assert len(excerpt.replace("<mark>", "").replace("</mark>", "")) <= 160
    assert "title" not in highlight


def test_a_zero_result_query_offers_a_suggestion(site_tree, minh_phat):
    product = make_product(
        site_tree, company=minh_phat, title="Đá thạch anh Vicostone", slug="vicostone"
    )
    synced(product)

    # Two letters swapped: too far for trigrams, close enough for the vocabulary. Nothing has
    # the words as typed, so the corrected query's results are shown, saying so.
    response = search("đá vicotsone")
    assert (response["corrected"], response["suggestion"]) == ("đá vicostone", None)
    assert titles(response) == ["Đá thạch anh Vicostone"]
    # The correction restores diacritics only along with a real correction.
    assert search("thach anhh")["corrected"] == "thạch anh"
    assert search("vicostone")["corrected"] is None
    nothing = search("đá quạt")  # every word is known: nothing to correct
    assert (nothing["count"], nothing["corrected"], nothing["suggestion"]) == (0, None, None)
    # A word that is no catalogue word and close to none: no suggestion at all, rather than
    # one mixing the words typed with words corrected ("ho so rạng ky").
    assert search("ho so thach anhh")["suggestion"] is None
    assert search("ho so thach anhh")["corrected"] is None


def test_a_typo_falls_back_to_what_the_database_supports(site_tree, minh_phat):
    product = make_product(
        site_tree, company=minh_phat, title="Đá thạch anh Vicostone", slug="vicostone"
    )
    synced(product)
    capabilities = sorted(database_capabilities())
    assert ("trigram" in capabilities) == (connection.vendor == "postgresql")

    # One wrong letter: every database corrects it from the names' vocabulary.
    response = search("vicostome")
    assert (titles(response), response["corrected"]) == (["Đá thạch anh Vicostone"], "vicostone")
    assert response["results"][0]["highlight"]["title"] == ["Đá thạch anh <mark>Vicostone</mark>"]
    # Three wrong letters: beyond a correction (two edits at most), within trigram similarity.
    farther = search("vicostonezzz")
    for capability in capabilities:
        if capability == "trigram":
            # The migration created pg_trgm, and word similarity finds the product.
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
                assert cursor.fetchone() == (1,)
            assert (titles(farther), farther["corrected"]) == (["Đá thạch anh Vicostone"], None)
            assert farther["results"][0]["highlight"]["title"] == [
                "Đá thạch anh <mark>Vicostone</mark>"
            ]
            assert search("vicostonezzz", filters={"year": ["1999"]})["count"] == 0
        elif capability == "suggestion":
            assert search("vicostome", filters={"year": ["1999"]})["count"] == 0
        else:
            pytest.fail(f"untested capability {capability}")
    if "trigram" not in capabilities:
        assert farther["count"] == 0


# -- cost -------------------------------------------------------------------------------


def test_a_search_costs_the_same_queries_whatever_the_catalogue(
    site_tree, minh_phat, django_assert_max_num_queries
):
    certification = CertificationFactory()

    def grow(count, offset):
        for index in range(offset, offset + count):
            product = make_product(
                site_tree,
                company=minh_phat,
                title=f"Đèn LED {index}",
                slug=f"den-led-{index}",
                recognitions=[{"year": 2020 + index % 5, "is_top10": index % 2 == 0}],
                translate=False,
            )
            ProductCertification.objects.create(page=product, certification=certification)
            sync_entry(product.translation_key)

    def measured(**kwargs):
        with CaptureQueriesContext(connection) as queries:
            search(**kwargs)
        return len(queries)

    arguments = {
        "q": "đèn led",
        "filters": {"sector": ["dien-dien-tu"], "year": ["2021", "2022"]},
        "synonyms": SYNONYMS,
        "per_page": 50,
    }
    grow(2, 0)
    small = measured(**arguments)
    grow(30, 2)
    with django_assert_max_num_queries(QUERIES_PER_SEARCH):
        response = search(**arguments)
    expected = sum(1 for index in range(32) if 2020 + index % 5 in (2021, 2022))
    assert response["count"] == expected and len(response["results"]) == expected
    assert measured(**arguments) == small
    with django_assert_max_num_queries(QUERIES_PER_EMPTY_SEARCH):
        assert search("đèn lde")["corrected"] == "đèn led"
    # Filters too: whether anything has the words at all is part of the same budget.
    with django_assert_max_num_queries(QUERIES_PER_EMPTY_SEARCH):
        assert search("đèn lde", filters={"year": ["2021"]})["corrected"] == "đèn led"
    with django_assert_max_num_queries(QUERIES_PER_EMPTY_SEARCH):
        assert search("đèn lde zzz quạt")["count"] == 0
    with django_assert_max_num_queries(QUERIES_PER_SEARCH):
        nothing = search("đèn led", filters={"year": ["1999"]})
    assert nothing["count"] == 0 and nothing["suggestion"] is None


def test_what_a_page_adds_to_an_answer_never_reaches_the_kept_one(facet_products, settings):
    settings.SEARCH_URL = ""
    query = CatalogueQuery(q="", sort="name")
    first = service.search(query)
    # What the catalogue page does with its answer: pictures and links on each result.
    first.data["results"][0]["image"] = {"url": "/media/elsewhere.jpg"}
    first.data["results"].pop()

    again = service.search(query)

    assert again.key == first.key  # answered from memory
    assert "image" not in again.data["results"][0]
    assert titles(again.data) == ["Cáp điện", "Khuôn mẫu", "Máy biến áp", "Ống thép"]
