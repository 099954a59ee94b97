"""Company results on the engine path: a second index, its query and its upkeep.

One document per company (`catalogue_source().company_documents`) in the index behind the
alias `<prefix>catalogue_companies`, analysed as the product index is (`mapping.py`'s
analysers: names as written and folded, English stemming where the database path stems too,
edge n-grams for the autocomplete). A rebuild fills a new generation and swaps the alias in
one call, and an editor's save rewrites a company's document through the alias, with the
product index's code (`indexing.rebuild_into`, `write_into`: the index is `COMPANIES`).

A search of companies is ONE request (`search_companies`), and so is a company autocomplete.
"""

from collections.abc import Callable

from django.conf import settings
from elasticsearch.dsl import Date, Index, Integer, Keyword, Mapping, Q, Search, Text

from search.catalogue.company_contract import (
    COMPANY_ENGLISH_FIELDS,
    COMPANY_NAME_FIELDS,
    COMPANY_TEXT_FIELDS,
    company_result,
)
from search.catalogue.contract import LANGUAGES, CatalogueQuery, expand_synonyms
from search.catalogue.drift import DriftReport, expected_company_documents
from search.catalogue.engine.client import ENGINE_ERRORS, as_dict, get_client
from search.catalogue.engine.indexing import (
    DocumentIndex,
    RebuildReport,
    find_drift_in,
    rebuild_into,
    repair_in,
)
from search.catalogue.engine.mapping import (
    did_you_mean,
    did_you_mean_folded,
    en_text,
    name_autocomplete,
    sort_folded,
    vi_folded,
    vi_text,
)
from search.catalogue.source import catalogue_source

__all__ = ["ENGINE_ERRORS", "search_companies", "suggest_companies"]

# Every word must match, as on the database path: a company is a name, not a text to rank.
MINIMUM_SHOULD_MATCH = "100%"
LANGUAGE_BOOST = 1.5
SYNONYM_BOOST = 0.8
RESULT_SOURCE = [
    "translation_key",
    "languages",
    "id_*",
    "url_*",
    "title_*",
    "summary_*",
    "legal_name_*",
    "brand",
    "tax_code",
    "unit_label_*",
    "zone_label_*",
    "product_count",
    "years",
    "recognised_until",
]


def company_index_name() -> str:
    """The alias every company read and write goes through; rebuilds move it."""
    return f"{settings.SEARCH_INDEX_PREFIX}catalogue_companies"


# -- the index --------------------------------------------------------------------------


def _text(field: str, *, autocomplete: bool = False) -> Text:
    """A searchable field: analysed as English or Vietnamese (COMPANY_ENGLISH_FIELDS), with a
    folded sub-field; names are also copied where the fuzzy clause and "did you mean" look."""
    fields = {"folded": Text(analyzer=vi_folded)}
    if autocomplete:
        fields["autocomplete"] = Text(analyzer=name_autocomplete, search_analyzer=vi_folded)
    options = {"copy_to": ["names_folded", "suggest"]} if field in COMPANY_NAME_FIELDS else {}
    analysis = en_text if field in COMPANY_ENGLISH_FIELDS else vi_text
    return Text(analyzer=analysis, fields=fields, **options)


def company_mapping() -> Mapping:
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    field = mapping.field
    field("translation_key", Keyword())
    field("languages", Keyword())
    for language in LANGUAGES:
        field(f"id_{language}", Integer(index=False))
        field(f"url_{language}", Keyword(index=False))
        field(f"sort_name_{language}", Keyword(normalizer=sort_folded))
    for name in COMPANY_TEXT_FIELDS:
        field(name, _text(name, autocomplete=name.startswith(("title_", "brand"))))
    # The tax code: a keyword for exact filters, and its digits as words ("0100100079" finds
    # the branch "0100100079-001", as on the database path).
    field("tax_code", Keyword(fields={"folded": Text(analyzer=vi_folded)}))
    field("unit", Keyword())
    field("zone", Keyword())
    field("product_count", Integer())
    field("years", Keyword())
    field("latest_year", Integer())
    field("recognised_until", Date(format="strict_date"))
    field("names_folded", Text(analyzer=vi_folded))
    field(
        "suggest",
        Text(analyzer=did_you_mean, fields={"folded": Text(analyzer=did_you_mean_folded)}),
    )
    return mapping


def company_index_body(name: str) -> dict:
    index = Index(name)
    index.settings(number_of_shards=1, auto_expand_replicas="0-1", max_result_window=10000)
    index.mapping(company_mapping())
    return index.to_dict()


COMPANIES = DocumentIndex(
    alias=company_index_name,
    body=company_index_body,
    keys=lambda: catalogue_source().company_keys(),
    documents=lambda keys: catalogue_source().company_documents(keys),
    expected=expected_company_documents,
)


def rebuild_companies(progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Rebuild every company into a new index and swap the alias onto it atomically."""
    return rebuild_into(COMPANIES, progress=progress)


def find_company_drift() -> tuple[DriftReport, dict[str, dict]]:
    """The company index against the pages; a missing alias or other mappings: "outdated"."""
    return find_drift_in(COMPANIES)


def repair_companies(report: DriftReport, expected: dict[str, dict]) -> None:
    repair_in(COMPANIES, report, expected)


# -- the query --------------------------------------------------------------------------


# The aggregation counting the companies that have every word without a typo.
EXACT = "exact"


def build_company_search(
    query: CatalogueQuery, *, synonyms: dict[str, list[str]] | None, start: int, size: int
) -> dict:
    """The request body of one company search: the page of companies and their count."""
    search = Search()
    # The words that narrow: "cable supplier" looks for cable makers (contract.narrowing_text).
    if query.text:
        typed, *variants = [query.text, *expand_synonyms(query.text, synonyms)]
        clauses = [_text_query(typed, lang=query.lang)]
        clauses += [
            _text_query(variant, lang=query.lang, boost=SYNONYM_BOOST, exact=False)
            for variant in variants
        ]
        search = search.query(Q("bool", should=clauses, minimum_should_match=1))
        # How many have every word without a forgiven typo (the service's question: do the
        # words name a company?).
        exact = Q(
            "multi_match",
            query=query.text,
            type="cross_fields",
            fields=[*_weighted(query.lang, suffix=".folded"), "tax_code.folded"],
            operator="and",
        )
        search.aggs.bucket(EXACT, "filter", filter=exact)
    name = {f"sort_name_{query.lang}": {"order": "asc"}}
    latest = {"latest_year": {"order": "desc", "missing": "_last"}}
    tiebreak = {"translation_key": {"order": "asc"}}
    if query.sort == "name" or (not query.text and query.sort == "relevance"):
        order = [name, tiebreak]
    elif query.sort == "newest":
        order = [latest, "_score", name, tiebreak]
    else:
        order = ["_score", name, tiebreak]
    search = search.sort(*order).source(RESULT_SOURCE).extra(track_total_hits=True)
    return search[start : start + size].to_dict()


def _text_query(q: str, *, lang: str, boost: float = 1.0, exact: bool = True) -> Q:
    """As the product query: exact diacritics (boosted), folded, names as a phrase, and a
    low-boosted fuzzy clause on the names, every word required."""
    names = [f"{field}.folded" for field in COMPANY_NAME_FIELDS]
    clauses = [
        Q(
            "multi_match",
            query=q,
            type="cross_fields",
            fields=[*_weighted(lang, suffix=".folded"), "tax_code.folded^8"],
            minimum_should_match=MINIMUM_SHOULD_MATCH,
        ),
        Q("multi_match", query=q, type="phrase", slop=1, fields=names, boost=1.5),
        Q(
            "match",
            names_folded={
                "query": q,
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "minimum_should_match": MINIMUM_SHOULD_MATCH,
                "boost": 0.5,
            },
        ),
    ]
    if exact:
        clauses.append(
            Q(
                "multi_match",
                query=q,
                type="cross_fields",
                fields=_weighted(lang),
                minimum_should_match=MINIMUM_SHOULD_MATCH,
                boost=3,
            )
        )
    return Q("bool", should=clauses, minimum_should_match=1, boost=boost)


def _weighted(lang: str, *, suffix: str = "") -> list[str]:
    return [
        f"{field}{suffix}^{boost * (LANGUAGE_BOOST if field.endswith(f'_{lang}') else 1):g}"
        for field, boost in COMPANY_TEXT_FIELDS.items()
    ]


def parse_company_response(response, *, lang: str) -> tuple[int, list[dict], bool]:
    """(count, results, whether some company has every word without a forgiven typo)."""
    response = as_dict(response)
    hits = response["hits"]
    total = hits["total"]
    return (
        total["value"] if isinstance(total, dict) else int(total),
        [
            company_result(hit["_source"], lang=lang, score=hit.get("_score"))
            for hit in hits["hits"]
        ],
        response.get("aggregations", {}).get(EXACT, {}).get("doc_count", 0) > 0,
    )


def search_companies(
    query: CatalogueQuery, *, synonyms: dict[str, list[str]] | None, start: int, size: int
) -> tuple[int, list[dict], bool]:
    """Search the companies (count, results, exact: see parse_company_response): exactly one
    request."""
    body = build_company_search(query, synonyms=synonyms, start=start, size=size)
    response = get_client().search(index=company_index_name(), body=body, request_cache=True)
    return parse_company_response(response, lang=query.lang)


def build_company_suggest(*, q: str, lang: str, size: int = 8) -> dict:
    """The autocomplete: companies whose name or brand has words starting as typed."""
    fields = [
        f"title_{language}.autocomplete^{3 if language == lang else 1}" for language in LANGUAGES
    ] + ["brand.autocomplete"]
    search = Search().query(Q("multi_match", query=q, operator="and", fields=fields))
    search = search.sort("_score", {f"sort_name_{lang}": "asc"}).source(RESULT_SOURCE)
    return search[:size].to_dict()


def suggest_companies(*, q: str, lang: str, size: int = 8) -> list[dict]:
    """Company names for the autocomplete: exactly one request."""
    response = get_client().search(
        index=company_index_name(), body=build_company_suggest(q=q, lang=lang, size=size)
    )
    _, companies, _ = parse_company_response(response, lang=lang)
    return [
        {"name": company["title"], "url": company["url"], "count": company["product_count"]}
        for company in companies
    ]
