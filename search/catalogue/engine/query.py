"""The catalogue query: one request body for OpenSearch and Elasticsearch, and its response.

`build_search` returns a body that gets everything a results page shows in ONE request: the
page of hits with highlights, every facet's counts, and a "did you mean" suggestion.

- Facets are multi-select within a group and intersect across groups. The hits are narrowed
  by a `post_filter` holding every group's filter; the aggregation of group G sits under a
  filter of all the *other* groups, so G's counts say what ticking one more G value would add.
- Relevance: the query runs against both languages' fields (the visitor's language boosted),
  once as typed (exact diacritics, boosted) and once folded ("den led" finds "Đèn LED"),
  plus a phrase clause on names and a low-boosted fuzzy clause, so a typo still finds
  "Vicostone" while exact matches rank first.
- Synonyms are expanded here, at query time, from groups the caller passes in (editors manage
  them; changing one needs no reindex). Matching a group is fold-insensitive.

Every sort and facet name is allow-listed: anything else raises `ValueError`, which the view's
form should have prevented.
"""

from dataclasses import replace
from typing import Any

from elasticsearch.dsl import Q, Search

from core.text import clean_search_text, fold_text, words
from search.catalogue.contract import (
    FACET_SEPARATOR,
    FACETS,
    HIGHLIGHTED_NAMES,
    HIGHLIGHTS,
    LANGUAGES,
    MARK_CLOSE,
    MARK_OPEN,
    NAME_FIELDS,
    SHARED_TEXT_FIELDS,
    STATUS_GROUP,
    VIETNAMESE_ANALYSED,
    CatalogueQuery,
    decode_facet_value,
    document_result,
    expand_synonyms,
    facet_values,
    shown_language,
    status_facet,
)
from search.catalogue.engine.client import as_dict, get_client, index_name
from search.catalogue.engine.mapping import engine_text_fields

# Every word must match, however long the query, as on the database path. A stray word
# ("của", "loại") that empties the results brings the partial search below, which says so.
# (Letting one word in five miss cost a long query a third of its time at 100 000 products,
# and needed a second clause to rank the products with every word first.)
MINIMUM_SHOULD_MATCH = "100%"
# When nothing has every word of a query of three or more: at least half of them (rounded
# up), the database path's rule too (see its PARTIAL_MIN_WORDS for why not two), ranked by
# how many (each word found adds PARTIAL_WORD_BOOST, more than any text score).
PARTIAL_MIN_WORDS = 3
PARTIAL_MINIMUM_SHOULD_MATCH = "1<-50%"
PARTIAL_WORD_BOOST = 100
LANGUAGE_BOOST = 1.5
SYNONYM_BOOST = 0.8

# The fields whose exact spelling (diacritics as typed) earns the exact clause's bonus: names
# and summaries. Descriptions and vocabulary labels are matched folded only: measured at
# 100 000 products, the exact clause over every field was a third of a query's cost, and the
# bonus is about ranking the product named as typed first.
EXACT_FIELDS = ("title", "company_name", "summary", "company_legal_names", "company_brand")

# "Did you mean" with diacritics first, then folded: see _suggestion.
SUGGESTERS = {"did_you_mean": "suggest", "did_you_mean_folded": "suggest.folded"}

# All facet values are aggregated from one field (see _add_facet_aggregations). One such
# aggregation returns up to FACETS_SIZE values: far more than the whole vocabulary (sectors,
# years, certifications, markets, wards and communes: a few hundred), so it returns every
# value and each group is cut to its own size afterwards.
FACETS_FIELD = "facets"
FACETS_SIZE = 5_000

# The aggregation counting what the words match without the filters.
UNFILTERED = "unfiltered"
# The aggregation counting the products recognised today under every other filter.
STATUS_COUNT = "status_current"

RESULT_SOURCE = [
    "translation_key",
    "languages",
    "id_*",
    "url_*",
    "title_*",
    "summary_*",
    "company_name_*",
    "company_url_*",
    "sector",
    "sector_label_*",
    "years",
    "latest_year",
    "top10",
    "recognised_until",
]


def build_search(
    query: CatalogueQuery,
    *,
    synonyms: dict[str, list[str]] | None = None,
    partial: bool = False,
) -> dict:
    """The request body of one catalogue search (hits, highlights, facets, suggestion).

    *partial*: the products with at least half of the words, those with the most first
    (see search_catalogue).
    """
    q, lang, selected = query.text, query.lang, query.filters
    search = Search()
    if q:
        spellings = [q, *expand_synonyms(q, synonyms)]
        search = search.query(_relevance_query(spellings, lang=lang, partial=partial))
        search = _with_highlight(search, spellings=spellings, lang=lang)
        if not partial:
            for name, field in SUGGESTERS.items():
                search = search.suggest(name, q, phrase=_phrase_suggester(field))
        if selected or query.status:
            # Whether the words match anything when the filters are left out (the hits'
            # total counts under them): if so, the filters emptied the page, not the words.
            search.aggs.bucket(UNFILTERED, "filter", filter=Q("match_all"))
    group_filters = {
        group: Q("terms", **{FACETS[group].field: values}) for group, values in selected.items()
    }
    # Compared with the query's date, written out: the shard request cache keys on the body,
    # so a cached count never outlives its day.
    current = Q("range", recognised_until={"gte": query.today_iso})
    if query.status:
        # One more filter among the groups': in the hits' post_filter, and in the filter of
        # every facet's counts, as a ticked value of another group would be.
        group_filters[STATUS_GROUP] = current
    if group_filters:
        search = search.post_filter(Q("bool", filter=list(group_filters.values())))
    if query.facets:
        _add_facet_aggregations(search, selected=selected, group_filters=group_filters)
        others = [clause for group, clause in group_filters.items() if group != STATUS_GROUP]
        search.aggs.bucket(STATUS_COUNT, "filter", filter=Q("bool", filter=[*others, current]))
    search = search.sort(*_sort(query.sort, lang=lang)).source(RESULT_SOURCE)
    search = search.extra(track_total_hits=True)[query.start : query.start + query.per_page]
    return search.to_dict()


def _add_facet_aggregations(
    search: Search, *, selected: dict[str, tuple[str, ...]], group_filters: dict[str, Q]
) -> None:
    """Every facet's counts from one terms aggregation, plus one per group with a selection.

    All facet values live in one keyword field, `facets` ("<group><US><value>", see
    `indexed_source`). A group nobody has narrowed is counted under every selected group's
    filter, the same filter for all of them, so one aggregation counts them all: measured at
    100 000 products, six aggregations cost 20 ms of a search and one costs 5. A group with a
    selection is counted under the *other* groups' filters, in an aggregation of its own
    limited to its values.
    """
    combined = search.aggs.bucket(
        "facets",
        "filter",
        filter=Q("bool", filter=list(group_filters.values())) if group_filters else Q("match_all"),
    )
    options = {"size": FACETS_SIZE}
    if selected:
        options["exclude"] = f"({'|'.join(selected)}){FACET_SEPARATOR}.*"
    combined.bucket("values", "terms", field=FACETS_FIELD, **options)
    for group, values in selected.items():
        others = [query for other, query in group_filters.items() if other != group]
        bucket = search.aggs.bucket(
            f"facets_{group}",
            "filter",
            filter=Q("bool", filter=others) if others else Q("match_all"),
        )
        bucket.bucket(
            "values",
            "terms",
            field=FACETS_FIELD,
            size=FACETS[group].size,
            include=f"{group}{FACET_SEPARATOR}.*",
        )
        # The selected values with their counts even when those are 0, so a visitor can
        # always see (and untick) what they chose.
        bucket.bucket(
            "selected",
            "terms",
            field=FACETS_FIELD,
            size=len(values),
            min_doc_count=0,
            include=_include(group, values),
        )


def indexed_source(document: dict) -> dict:
    """What the engine is sent for *document*: the document plus its `facets` values.

    `facets` is left out of the stored `_source` (mapping.py), so what the engine returns,
    and what check_catalogue_index compares, is the document itself.
    """
    values = []
    for group, facet in FACETS.items():
        value = document.get(facet.facet_field)
        for item in value if isinstance(value, list) else [] if value is None else [value]:
            values.append(f"{group}{FACET_SEPARATOR}{item}")
    return {**document, FACETS_FIELD: values}


def build_suggest(*, q: str, lang: str, size: int = 8) -> dict:
    """The request body of the autocomplete's products: those whose names start so.

    Every word typed must be the start of a word of the name ("đèn l" finds "Đèn LED"),
    diacritics optional. Companies come from their own index (engine/companies.py), so that
    one without products is suggested too.
    """
    if not q:
        raise ValueError("The autocomplete needs at least one character.")
    search = Search().query(
        Q("multi_match", query=q, operator="and", fields=_prefix_fields("title", lang))
    )
    search = search.sort("_score", {f"sort_name_{lang}": "asc"})
    search = search.source(["translation_key", "languages", "title_*", "url_*", "company_name_*"])
    return search[:size].to_dict()


def parse_response(response: Any, *, lang: str, status: str = "") -> dict:
    """Plain data from a `build_search` response: count, results, facets, suggestion, took.

    *status*: the query's status filter, shown ticked in the facets.
    """
    response = as_dict(response)
    hits = response["hits"]
    total = hits["total"]
    aggregations = response.get("aggregations", {})
    facets = _facets(aggregations, lang=lang)
    if STATUS_COUNT in aggregations:
        count = aggregations[STATUS_COUNT]["doc_count"]
        facets[STATUS_GROUP] = status_facet(count, selected=bool(status), lang=lang)
    return {
        "count": total["value"] if isinstance(total, dict) else int(total),
        "results": [_result(hit, lang=lang) for hit in hits["hits"]],
        "facets": facets,
        "suggestion": _suggestion(response),
        "took": response.get("took"),
    }


def parse_suggest(response: Any, *, lang: str) -> dict:
    """Plain data from a `build_suggest` response: product and company names with URLs."""
    response = as_dict(response)
    products = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        shown = shown_language(source, lang)
        products.append(
            {
                "translation_key": source["translation_key"],
                "title": source.get(f"title_{shown}"),
                "url": source.get(f"url_{shown}"),
                "company": source.get(f"company_name_{lang}"),
            }
        )
    return {"products": products}


def search_catalogue(
    query: CatalogueQuery,
    *,
    synonyms: dict[str, list[str]] | None = None,
    fallbacks: bool = True,
) -> dict:
    """Run one catalogue search against the engine: one request when it finds something.

    When nothing has the words (whatever the filters), at most two more: the suggestion's
    ("showing results for"; a suggestion that finds nothing is not offered), then the
    products with most of the words (`partial`). Without *fallbacks*, neither, and no
    suggestion.
    """
    response = _cached_search(build_search(query, synonyms=synonyms))
    data = parse_response(response, lang=query.lang, status=query.status) | {
        "corrected": None,
        "partial": False,
    }
    if data["count"] or not query.text or _matched_without_filters(response):
        return data
    if not fallbacks:
        return data | {"suggestion": None}
    if suggestion := data["suggestion"]:
        corrected = replace(query, q=clean_search_text(suggestion))
        found = parse_response(
            _cached_search(build_search(corrected, synonyms=synonyms)),
            lang=query.lang,
            status=query.status,
        )
        if found["count"]:
            return found | {"suggestion": None, "corrected": corrected.q, "partial": False}
    data["suggestion"] = None
    if len(words(query.text)) >= PARTIAL_MIN_WORDS:
        found = parse_response(
            _cached_search(build_search(query, synonyms=synonyms, partial=True)),
            lang=query.lang,
            status=query.status,
        )
        if found["count"]:
            return found | {"suggestion": None, "corrected": None, "partial": True}
    return data


def _matched_without_filters(response: Any) -> bool:
    return as_dict(response).get("aggregations", {}).get(UNFILTERED, {}).get("doc_count", 0) > 0


def suggest_names(*, q: str, lang: str, size: int = 8) -> dict:
    """Run the autocomplete against the engine: exactly one request."""
    body = build_suggest(q=q, lang=lang, size=size)
    return parse_suggest(_cached_search(body), lang=lang)


def _cached_search(body: dict):
    """One search through the engine's shard request cache.

    The engine caches only `size: 0` requests unless asked: asked, it keeps the query phase
    (hits, counts, facets, suggestion) of a repeated request until the index next changes,
    and runs only the fetch phase (sources, highlights) again. Measured on the benchmark mix
    at 100 000 products: a repeated search's `took` is about half of a first one's.
    """
    return get_client().search(index=index_name(), body=body, request_cache=True)


# -- query parts ------------------------------------------------------------------------


def _relevance_query(spellings: list[str], *, lang: str, partial: bool = False) -> Q:
    """The query as typed, or it or any synonym variant (each variant scored a bit lower).

    A variant is matched folded only: its diacritics are the synonym list's, not the
    visitor's, so they earn no exact-spelling bonus. Otherwise "binh nuoc nong", typed
    without accents, ranked "Máy nước nóng …" (found exactly through the synonym "máy nước
    nóng") above "Bình nước nóng …", which is what was typed (measured on the relevance set).
    """
    typed, *variants = spellings
    # Partial: any word scores the products that have enough of them (see below).
    msm = "1" if partial else MINIMUM_SHOULD_MATCH
    clauses = [_text_query(typed, lang=lang, minimum_should_match=msm)]
    clauses += [
        _text_query(variant, lang=lang, boost=SYNONYM_BOOST, exact=False, minimum_should_match=msm)
        for variant in variants
    ]
    query = clauses[0] if not variants else Q("bool", should=clauses, minimum_should_match=1)
    if not partial:
        return query
    # At least half the words, each found adding the same constant: the products with the
    # most words first, then the usual relevance among them. A word typed with diacritics
    # must be found as typed (see the database path's _words_found: folded, "tủ" is "tử").
    exact = [field.split("^")[0] for field in _weighted_fields(lang)]
    folded = [field.split("^")[0] for field in _weighted_fields(lang, suffix=".folded")]
    found = [
        Q(
            "constant_score",
            filter=Q(
                "multi_match",
                query=word,
                fields=exact if fold_text(word) != word else [*exact, *folded],
            ),
            boost=PARTIAL_WORD_BOOST,
        )
        for word in dict.fromkeys(word.casefold() for word in words(typed))
    ]
    return Q(
        "bool",
        must=[Q("bool", should=found, minimum_should_match=PARTIAL_MINIMUM_SHOULD_MATCH)],
        should=[query],
    )


def _text_query(
    q: str,
    *,
    lang: str,
    boost: float = 1.0,
    exact: bool = True,
    minimum_should_match: str = MINIMUM_SHOULD_MATCH,
) -> Q:
    """Exact-diacritic, folded, phrase and fuzzy clauses for one spelling of the query.

    `cross_fields` lets the words of a query fall in different fields ("đèn rạng đông":
    product and company), grouped per analyzer, so Vietnamese, English and the HS code
    keyword are each matched with their own analysis. Without *exact*, only the folded
    clauses (and the fuzzy one) are kept.
    """
    folded = _weighted_fields(lang, suffix=".folded")
    names = [field for language in LANGUAGES for field in NAME_FIELDS[language]]
    clauses = []
    if exact:
        clauses += [
            Q(
                "multi_match",
                query=q,
                type="cross_fields",
                fields=[*_weighted_fields(lang, only=EXACT_FIELDS), "hs_code^6"],
                minimum_should_match=minimum_should_match,
                boost=3,
            ),
            Q("multi_match", query=q, type="phrase", slop=1, fields=names, boost=4),
        ]
    clauses += [
        Q(
            "multi_match",
            query=q,
            type="cross_fields",
            fields=folded,
            minimum_should_match=minimum_should_match,
        ),
        Q(
            "multi_match",
            query=q,
            type="phrase",
            slop=1,
            fields=[f"{field}.folded" for field in names],
            boost=1.5,
        ),
        # Fuzzy matching on its own clause, low boost, on all names folded together: a typo
        # finds the product, an exact spelling still outranks it. prefix_length 1 keeps the
        # number of expanded terms small and matches how people mistype (rarely the start).
        Q(
            "match",
            names_folded={
                "query": q,
                "fuzziness": "AUTO",
                "prefix_length": 1,
                "minimum_should_match": minimum_should_match,
                "boost": 0.5,
            },
        ),
    ]
    return Q("bool", should=clauses, minimum_should_match=1, boost=boost)


def _phrase_suggester(field: str) -> dict:
    return {
        "field": field,
        "size": 1,
        # Up to (almost) every word may be corrected: a query typed without diacritics has
        # a "misspelling" in every accented word as far as the diacritic field can tell.
        "max_errors": 0.99,
        "direct_generator": [
            {"field": field, "suggest_mode": "missing", "prefix_length": 0, "min_word_length": 3}
        ],
        # Candidates come from the term dictionary, which keeps a deleted (unpublished,
        # restricted) product's words until its segments merge: only a correction that
        # is a phrase of a live document's names is offered (a real word sequence, not
        # "ho so rạng ky" pieced together from several names). Needs the engine's mustache
        # module (bundled with every OpenSearch and Elasticsearch distribution; added to
        # lab/search-engine).
        "collate": {
            "query": {
                "source": {"match_phrase": {"{{field}}": {"query": "{{suggestion}}", "slop": 1}}}
            },
            "params": {"field": field},
        },
    }


def _weighted_fields(lang: str, *, suffix: str = "", only: tuple[str, ...] = ()) -> list[str]:
    """The text fields with their boosts (the visitor's language's higher); *only*: these."""
    fields = []
    for language in LANGUAGES:
        factor = LANGUAGE_BOOST if language == lang else 1
        for field, boost in engine_text_fields(language).items():
            if not only or field.rsplit("_", 1)[0] in only:
                fields.append(f"{field}{suffix}^{boost * factor:g}")
    fields += [
        f"{field}{suffix}^{boost:g}"
        for field, boost in SHARED_TEXT_FIELDS.items()
        if not only or field in only
    ]
    return fields


def _prefix_fields(base: str, lang: str) -> list[str]:
    return [
        f"{base}_{language}.autocomplete^{3 if language == lang else 1}" for language in LANGUAGES
    ]


def _with_highlight(search: Search, *, spellings: list[str], lang: str) -> Search:
    """Highlights on the visitor's language's fields, exact and folded; parse_response picks.

    The highlight query is simpler than the search query: a plain match per spelling on the
    highlighted fields themselves, and a fuzzy one on the (short) name fields only, since the
    search query's fuzzy clause targets `names_folded`, which has no text to mark. Fuzzy
    highlighting of summaries and descriptions was measured to double a search's time.
    """
    fields, names = [], []
    for base, _, fragments, size in HIGHLIGHTS:
        options = {"number_of_fragments": fragments}
        if size:
            options["fragment_size"] = size
        # A field analysed as Vietnamese marks nothing that its folded sub-field would not
        # (the query is folded too), so only the English fields, whose stemming the folded
        # sub-field lacks ("heaters" ~ "heater"), are highlighted both ways.
        stemmed = lang == "en" and base not in VIETNAMESE_ANALYSED
        folded = f"{base}_{lang}.folded"
        for field in (f"{base}_{lang}", folded) if stemmed else (folded,):
            search = search.highlight(field, **options)
            fields.append(field)
            if base in HIGHLIGHTED_NAMES:
                names.append(field)
    clauses = []
    for spelling in spellings:
        clauses.append(Q("multi_match", query=spelling, fields=fields))
        clauses.append(
            Q("multi_match", query=spelling, fields=names, fuzziness="AUTO", prefix_length=1)
        )
    return search.highlight_options(
        pre_tags=[MARK_OPEN],
        post_tags=[MARK_CLOSE],
        encoder="html",
        highlight_query=Q("bool", should=clauses).to_dict(),
    )


def _sort(sort: str, *, lang: str) -> list:
    name = {f"sort_name_{lang}": {"order": "asc"}}
    latest = {"latest_year": {"order": "desc", "missing": "_last"}}
    tiebreak = {"translation_key": {"order": "asc"}}
    return {
        "relevance": ["_score", latest, name, tiebreak],
        "newest": [latest, "_score", name, tiebreak],
        "name": [name, latest, tiebreak],
    }[sort]


def _include(group: str, values: list[str]) -> str:
    """The terms-aggregation `include` that keeps exactly *values* of *group* in `facets`."""
    # Every character of a value is escaped, since Lucene's regexp syntax reserves more than
    # Python's does; an encoded value continues after the slug, a plain one ends with it.
    escaped = ["".join(ch if ch.isalnum() else f"\\{ch}" for ch in value) for value in values]
    tail = f"{FACET_SEPARATOR}.*" if FACETS[group].encoded else ""
    return f"{group}{FACET_SEPARATOR}({'|'.join(escaped)}){tail}"


# -- response parts ---------------------------------------------------------------------


def _result(hit: dict, *, lang: str) -> dict:
    return {
        **document_result(hit["_source"], lang=lang),
        "highlight": _highlight(hit.get("highlight", {}), lang=lang),
        "score": hit.get("_score"),
    }


def _highlight(highlight: dict, *, lang: str) -> dict[str, list[str]]:
    """One list of fragments per field: the exact or the folded sub-field, whichever marks more.

    Fragments come from the engine with `encoder: html`: the text is escaped, and the only
    markup left is <mark>…</mark>.
    """
    result = {}
    for base, name, *_ in HIGHLIGHTS:
        field = f"{base}_{lang}"
        candidates = [highlight.get(field, []), highlight.get(f"{field}.folded", [])]
        best = max(candidates, key=lambda fragments: sum(f.count(MARK_OPEN) for f in fragments))
        if best:
            result[name] = best
    return result


def _facets(aggregations: dict, *, lang: str) -> dict[str, list[dict]]:
    """Each group's values from the combined aggregation and the selected groups' own."""
    if "facets" not in aggregations:
        return {}
    counted: dict[str, list[tuple]] = {group: [] for group in FACETS}
    selected: dict[str, set[str]] = {group: set() for group in FACETS}
    for name, aggregation in aggregations.items():
        if name != "facets" and not name.startswith("facets_"):
            continue
        found = [(bucket, False) for bucket in aggregation["values"]["buckets"]]
        found += [(bucket, True) for bucket in aggregation.get("selected", {}).get("buckets", [])]
        for bucket, chosen in found:
            group, key = bucket["key"].split(FACET_SEPARATOR, 1)
            value, *labels = decode_facet_value(group, key)
            if chosen:
                selected[group].add(value)
            counted[group].append((value, *labels, bucket["doc_count"]))
    return {
        group: facet_values(group, counted[group], chosen=selected[group], lang=lang)
        for group in FACETS
    }


def _suggestion(response: dict) -> str | None:
    """The best correction of the whole query that changes more than its diacritics.

    The diacritic suggester often only restores accents ("rang dong" -> "rạng dong"), which
    the folded search matches anyway: that is no correction. Then the folded suggester's
    answer is used, when it changes something.
    """
    suggest = response.get("suggest", {})
    for name in SUGGESTERS:
        for entry in suggest.get(name, [])[:1]:
            typed = fold_text(entry["text"])
            for option in entry["options"]:
                if fold_text(option["text"]) != typed:
                    return option["text"]
    return None
