"""How the engine analyses the catalogue: index settings and mappings.

Vietnamese is written with spaces between syllables, so the standard tokenizer already splits
it into the units people type; what varies is the diacritics. Every Vietnamese text field is
therefore indexed twice: as written (lower-cased, exact diacritics) and folded (asciifolding:
"Đèn" -> "den", Lucene maps đ to d), and the query scores the exact form higher. English
fields get an English stemmer instead. Names get an edge n-gram sub-field for autocomplete and
a folded keyword for sorting; facets are keyword fields holding the vocabulary slugs.

No ICU plugin is assumed (a bare OpenSearch has none), so NFC normalisation is a mapping
char filter that recomposes the decomposed and half-composed spellings of every Vietnamese
letter; the documents and queries are NFC already, this catches any other client.
"""

import itertools
import unicodedata

from elasticsearch.dsl import (
    Date,
    Index,
    Integer,
    Keyword,
    Mapping,
    Text,
    analyzer,
    char_filter,
    normalizer,
    token_filter,
)

from search.catalogue.contract import IRREGULAR_PLURALS, LANGUAGES, TEXT_FIELDS

_VOWELS = "aeiouyAEIOUY"
# Tone marks (grave, acute, tilde, hook above, dot below) and vowel marks (circumflex, breve,
# horn): the combining marks Vietnamese letters decompose into.
_VIETNAMESE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def _nfc_rules() -> list[str]:
    """Mapping rules that turn every non-NFC spelling of a Vietnamese letter into its NFC form."""
    rules = {}
    for code in range(0x00C0, 0x1EFA):
        letter = chr(code)
        decomposed = unicodedata.normalize("NFD", letter)
        base, marks = decomposed[0], decomposed[1:]
        if base not in _VOWELS or not marks or not set(marks) <= _VIETNAMESE_MARKS:
            continue
        spellings = set()
        for order in itertools.permutations(marks):
            spellings.add(base + "".join(order))
            # A precomposed vowel letter followed by the tone mark ("ê" + acute).
            spellings.add(unicodedata.normalize("NFC", base + order[0]) + "".join(order[1:]))
        for spelling in spellings:
            if spelling != letter and unicodedata.normalize("NFC", spelling) == letter:
                rules[spelling] = letter
    escape = lambda text: "".join(f"\\u{ord(ch):04x}" for ch in text)  # noqa: E731
    return sorted(f"{escape(source)} => {escape(target)}" for source, target in rules.items())


vi_nfc = char_filter("vi_nfc", type="mapping", mappings=_nfc_rules())
vi_folding = token_filter("vi_folding", type="asciifolding", preserve_original=False)
name_edge_ngram = token_filter("name_edge_ngram", type="edge_ngram", min_gram=1, max_gram=20)
suggest_shingle = token_filter(
    "suggest_shingle", type="shingle", min_shingle_size=2, max_shingle_size=3, output_unigrams=True
)
english_possessive = token_filter(
    "english_possessive", type="stemmer", language="possessive_english"
)
english_stop = token_filter("english_stop", type="stop", stopwords="_english_")
english_stemmer = token_filter("english_stemmer", type="stemmer", language="english")
english_plurals = token_filter(
    "english_plurals",
    type="stemmer_override",
    rules=[f"{plural} => {singular}" for plural, singular in IRREGULAR_PLURALS.items()],
)

vi_text = analyzer("vi_text", tokenizer="standard", char_filter=[vi_nfc], filter=["lowercase"])
vi_folded = analyzer(
    "vi_folded", tokenizer="standard", char_filter=[vi_nfc], filter=["lowercase", vi_folding]
)
en_text = analyzer(
    "en_text",
    tokenizer="standard",
    char_filter=[vi_nfc],
    filter=[english_possessive, "lowercase", english_stop, english_plurals, english_stemmer],
)
name_autocomplete = analyzer(
    "name_autocomplete",
    tokenizer="standard",
    char_filter=[vi_nfc],
    filter=["lowercase", vi_folding, name_edge_ngram],
)
# "Did you mean" runs twice: with diacritics, so it can offer "bình nước nóng" for "binh
# nuoc nongg", and folded, for when the diacritics would use up its budget of corrections.
did_you_mean = analyzer(
    "did_you_mean",
    tokenizer="standard",
    char_filter=[vi_nfc],
    filter=["lowercase", suggest_shingle],
)
did_you_mean_folded = analyzer(
    "did_you_mean_folded",
    tokenizer="standard",
    char_filter=[vi_nfc],
    filter=["lowercase", vi_folding, suggest_shingle],
)
sort_folded = normalizer("sort_folded", char_filter=[vi_nfc], filter=["lowercase", "asciifolding"])

# The vocabulary labels (sector, certifications, markets, ward or commune) are searched in the
# engine as one field per language, `labels_<lang>`, which they are copied into: four fields
# fewer for every word of every query (measured: a fifth of a query's cost at 100 000
# products), and a label is short, so which of them matched hardly matters to the ranking.
LABEL_FIELDS = ("sector_label", "certification_labels", "market_labels", "unit_label")
LABELS_BOOST = 1.5


def engine_text_fields(language: str) -> dict[str, float]:
    """TEXT_FIELDS of *language* as the engine searches them: the labels as one field."""
    fields = {
        field: boost
        for field, boost in TEXT_FIELDS[language].items()
        if field.rsplit("_", 1)[0] not in LABEL_FIELDS
    }
    return {**fields, f"labels_{language}": LABELS_BOOST}


def _text(
    language: str, *, name: bool = False, autocomplete: bool = False, highlighted: bool = False
) -> Text:
    """A text field analysed for *language*, with a folded sub-field (and an autocomplete one).

    Names are also copied into `names_folded` (where the fuzzy clause looks: typos in names
    matter, while fuzzy matching short Vietnamese syllables in descriptions mostly adds
    noise) and into `suggest` (the vocabulary of "did you mean"). Highlighted fields store
    offsets in their postings, so the highlighter need not re-analyse every hit's text
    (measured: it was half the time of a search).
    """
    options = {"index_options": "offsets"} if highlighted else {}
    fields = {"folded": Text(analyzer=vi_folded, **options)}
    if autocomplete:
        fields["autocomplete"] = Text(analyzer=name_autocomplete, search_analyzer=vi_folded)
    analysis = en_text if language == "en" else vi_text
    if name:
        options["copy_to"] = ["names_folded", "suggest"]
    return Text(analyzer=analysis, fields=fields, **options)


def _stored(field_class=Keyword, **kwargs):
    """A value the results display but nobody searches or filters by."""
    return field_class(index=False, **kwargs)


def catalogue_mapping() -> Mapping:
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    field = mapping.field
    field("translation_key", Keyword())
    field("languages", Keyword())
    for language in LANGUAGES:
        field(f"id_{language}", _stored(Integer))
        field(f"url_{language}", _stored())
        field(f"title_{language}", _text(language, name=True, autocomplete=True, highlighted=True))
        field(f"sort_name_{language}", Keyword(normalizer=sort_folded))
        field(f"summary_{language}", _text(language, highlighted=True))
        # Product-type words are a product's other names ("lamp" for "đèn"): typos in them
        # are forgiven and "did you mean" offers them, as for titles.
        field(f"product_type_{language}", _text(language, name=True))
        field(f"description_{language}", _text(language, highlighted=True))
        # A company's name is a proper name in either language: no English stemming.
        field(
            f"company_name_{language}", _text("vi", name=True, autocomplete=True, highlighted=True)
        )
        field(f"company_url_{language}", _stored())
        # "name<US>url" of the company in this language, for the autocomplete's company list.
        field(f"company_key_{language}", Keyword())
        for label in LABEL_FIELDS:
            field(f"{label}_{language}", _stored(Text, copy_to=f"labels_{language}"))
        field(f"labels_{language}", _text(language))
    field("company_legal_names", _text("vi", name=True))
    field("company_brand", _text("vi", name=True))
    field("standards", _text("vi"))
    field("hs_code", Keyword())
    # Facets: the slugs filter; the encoded "<slug><US><vi><US><en><US><order>" labels are
    # kept for the results, and counted through `facets`.
    for group in ("sector", "unit", "certifications", "markets"):
        field(group, Keyword())
        field(f"{group}_facet", _stored(doc_values=False))
    # Every facet value of the product as "<group><US><value>", one field for one terms
    # aggregation (query._add_facet_aggregations). The indexer adds it (query.indexed_source)
    # and it is not kept in `_source`, which stays the document itself.
    # Its global ordinals are built when a generation is refreshed, not by the first search
    # after it (which, at 100 000 products, timed out into the database fallback).
    field("facets", Keyword(eager_global_ordinals=True))
    mapping.meta("_source", {"excludes": ["facets"]})
    field("years", Keyword())
    field("latest_year", Integer())
    field("top10", Keyword())
    # The last day of the latest recognition: the status filter compares it with the day.
    field("recognised_until", Date(format="strict_date"))
    field("names_folded", Text(analyzer=vi_folded))
    field(
        "suggest",
        Text(analyzer=did_you_mean, fields={"folded": Text(analyzer=did_you_mean_folded)}),
    )
    return mapping


def catalogue_index(name: str) -> Index:
    """The index definition; one shard so that every document is scored with the same IDF.

    The analysis settings come with the mapping: elasticsearch.dsl declares every analyzer,
    filter and normalizer a field uses.
    """
    index = Index(name)
    index.settings(number_of_shards=1, auto_expand_replicas="0-1", max_result_window=10000)
    index.mapping(catalogue_mapping())
    return index


def index_body(name: str) -> dict:
    """The `indices.create` body (settings + mappings) as plain JSON for either engine."""
    return catalogue_index(name).to_dict()
