"""The relevance corpus file (lab/relevance/corpus.toml) as someone editing it meets it."""

import unicodedata

import pytest

from lab.relevance.corpus import CorpusError, Query, load_corpus

COMPANY = """
[[companies]]
key = "qm"
name = "Quang Minh"
legal_name = "Công ty Cổ phần Quang Minh"
legal_name_en = "Quang Minh JSC"
"""
PRODUCTS = """
[[products]]
key = "qm-bulb"
company = "qm"
sector = "dien-dien-tu"
title = "Bóng đèn LED"
title_en = "LED bulbs"
summary = "Bóng đèn."

[[products]]
key = "qm-tube"
company = "qm"
sector = "dien-dien-tu"
title = "Đèn tuýp"
title_en = "Tubes"
summary = "Đèn tuýp."
summary_en = "Tubes."
top10 = false
year = 2021
"""


def corpus_file(tmp_path, text):
    path = tmp_path / "corpus.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_queries_keep_their_category_order_company_and_decomposed_text(tmp_path):
    path = corpus_file(
        tmp_path,
        COMPANY
        + PRODUCTS
        + """
[synonyms]
"đèn tuýp" = ["đèn ống"]

[[categories]]
name = "company"
what = "a company's name"
queries = [{ text = "quang minh", expected_company = "qm" }]

[[categories]]
name = "case_nfd"
what = "decomposed input"
queries = [{ text = "Bóng Đèn", nfd = true, expected = ["qm-bulb"], lang = "en" }]
""",
    )

    corpus = load_corpus(path)

    assert corpus.categories == {"company": "a company's name", "case_nfd": "decomposed input"}
    assert corpus.queries == [
        Query("quang minh", "company", ("qm-bulb", "qm-tube")),
        Query(unicodedata.normalize("NFD", "Bóng Đèn"), "case_nfd", ("qm-bulb",), lang="en"),
    ]
    assert corpus.queries[1].text != "Bóng Đèn"  # really sent decomposed
    assert corpus.synonyms == {"đèn tuýp": ["đèn ống"]}
    bulb, tube = corpus.products
    assert (bulb.summary_en, bulb.top10, bulb.year) == ("", None, 2023)  # the defaults
    assert (tube.summary_en, tube.top10, tube.year) == ("Tubes.", False, 2021)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            '[[categories]]\nname = "typo"\nwhat = "typos"\n'
            'queries = [{ text = "den tuyp", expected = ["qm-tueb"] }]',
            "Query 'den tuyp' expects unknown products ['qm-tueb']",
        ),
        (
            '[[categories]]\nname = "company"\nwhat = "names"\n'
            'queries = [{ text = "phu long", expected_company = "pl" }]',
            "Query 'phu long' expects no product",
        ),
        (
            '[[categories]]\nname = "english"\nwhat = "English"\n'
            'queries = [{ text = "bulb", expected = ["qm-bulb"], language = "en" }]',
            "Query 'bulb': unknown fields ['language']",
        ),
        (
            '[[products]]\nkey = "pl-cable"\ncompany = "pl"\nsector = "dien-dien-tu"\n'
            'title = "Cáp"\ntitle_en = "Cable"\nsummary = "Cáp."',
            "Product 'pl-cable' names an unknown company 'pl'",
        ),
        (
            '[[products]]\nkey = "qm-bulb"\ncompany = "qm"\nsector = "dien-dien-tu"\n'
            'title = "Đèn"\ntitle_en = "Lamp"\nsummary = "Đèn."',
            "More than one product has the key qm-bulb",
        ),
        (
            '[[products]]\nkey = "qm-fan"\ncompany = "qm"\nsector = "dien-dien-tu"\n'
            'title = "Quạt"\ntitle_en = "Fan"\nsumary = "Quạt."',
            "[[products]] 'qm-fan': unknown fields ['sumary']",
        ),
    ],
    ids=[
        "unknown-product",
        "company-without-products",
        "misspelt-field",
        "unknown-company",
        "duplicate-key",
        "misspelt-product-field",
    ],
)
def test_a_mistake_in_the_file_is_refused_naming_the_entry(tmp_path, extra, message):
    path = corpus_file(tmp_path, COMPANY + PRODUCTS + "\n" + extra + "\n")

    with pytest.raises(CorpusError) as refused:
        load_corpus(path)

    assert message in str(refused.value)
