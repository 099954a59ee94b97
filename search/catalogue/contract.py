"""The catalogue search contract: what a query is and what an answer looks like, on every path.

Both paths (the engine, `search.catalogue.engine`, and the database,
`search.catalogue.database`) import their rules from here and never from each other: the
languages, sorts and facets a query may use, the one immutable `CatalogueQuery` they receive,
the fields a product document searches, how synonyms expand a query, how a result and a
facet's values are shaped and ordered. Nothing here talks to a server, so the database path
works without the engine's client libraries installed.
"""

import datetime
import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from types import MappingProxyType

from core.api import LANGUAGES
from core.dates import today
from core.text import WORD, clean_search_text, fold_text, fold_word, words

# The site's languages (core.api.LANGUAGES), Vietnamese first: every document holds each
# one's text.
SORTS = ("relevance", "newest", "name")
# What a results page lists: products (companies in a short section), or companies only.
TABS = ("products", "companies")
PER_PAGE = 20
MAX_PER_PAGE = 100
MAX_QUERY_LENGTH = 200
# The engine's default index.max_result_window: deeper pages are refused, not clipped, on
# both paths, so that a page that exists on one exists on the other.
MAX_RESULT_WINDOW = 10_000
MAX_SYNONYM_VARIANTS = 8

# Separates the parts of a facet value (slug, Vietnamese label, English label, sort order) so
# one engine aggregation, or one database row, carries everything a facet shows; slugs never
# contain it.
FACET_SEPARATOR = "\x1f"
MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"


@dataclass(frozen=True)
class Facet:
    field: str  # the document field filters use (slugs, years, "true"/"false"/"unknown")
    facet_field: str  # the field counted: encoded "slug<US>vi<US>en<US>order", or `field`
    size: int  # how many of its most frequent values a facet lists
    order: str  # how its values are listed: "sort", "year", "top10" or "count"

    @property
    def encoded(self) -> bool:
        return self.facet_field != self.field


FACETS = {
    "sector": Facet("sector", "sector_facet", 20, "sort"),
    "year": Facet("years", "years", 50, "year"),
    "certification": Facet("certifications", "certifications_facet", 100, "count"),
    "market": Facet("markets", "markets_facet", 100, "count"),
    "unit": Facet("unit", "unit_facet", 200, "count"),
    "top10": Facet("top10", "top10", 3, "top10"),
}
# The facet groups in the order pages show them.
FACET_GROUPS = ("sector", "year", "certification", "unit", "top10", "market")
TOP10_LABELS = {
    "vi": {"true": "Có", "false": "Không", "unknown": "Chưa rõ"},
    "en": {"true": "Yes", "false": "No", "unknown": "Unknown"},
}
TOP10_VALUES = {"true": True, "false": False}

# The "currently recognised" filter, `?status=current`: the products with a recognition
# valid on the query's `today` (Hà Nội's date, core.dates). A document carries the last day
# of its latest recognition (`recognised_until`, ISO date; products.models.recognition
# decides it) and each path compares it with `today` when it searches, never a stored flag,
# which would go stale at midnight. Shown as a facet with its count, first on the page;
# "expired" is a result's status (the API), not a filter.
STATUS_GROUP = "status"
STATUS_CURRENT = "current"
STATUSES = (STATUS_CURRENT,)
STATUS_LABELS = {
    "vi": {STATUS_CURRENT: "Đang được công nhận"},
    "en": {STATUS_CURRENT: "Currently recognised"},
}

# (field base in the document, key in a result's highlight, number of fragments, fragment
# size): 0 fragments = the whole field, for fields short enough to show whole.
HIGHLIGHTS = [
    ("title", "title", 0, None),
    ("company_name", "company", 0, None),
    ("summary", "summary", 0, None),
    ("description", "description", 2, 160),
]
HIGHLIGHTED_NAMES = ("title", "company_name")
# Company names are proper names: analysed as Vietnamese in both languages, never stemmed.
VIETNAMESE_ANALYSED = ("company_name",)

# The searchable text of a document. Names rank above body text and carry typo tolerance and
# "did you mean"; text fields, per language, map to their boosts.
NAME_FIELDS = {"vi": ["title_vi", "company_name_vi"], "en": ["title_en", "company_name_en"]}
TEXT_FIELDS = {
    language: {
        f"title_{language}": 8,
        f"company_name_{language}": 4,
        f"summary_{language}": 2,
        f"product_type_{language}": 1.5,
        f"sector_label_{language}": 1.5,
        f"certification_labels_{language}": 1,
        f"market_labels_{language}": 1,
        f"unit_label_{language}": 1,
        f"description_{language}": 1,
    }
    for language in LANGUAGES
}
# Language-independent text: registered names, brand, standards.
SHARED_TEXT_FIELDS = {"company_legal_names": 3, "company_brand": 3, "standards": 1}
# Plurals in -ves that the English stemmer leaves apart from their singular ("scarves" ->
# "scarv", "scarf" -> "scarf"): a partner typing "silk scarf" must find "silk scarves".
# Both paths apply the rule.
IRREGULAR_PLURALS = {
    "calves": "calf",
    "halves": "half",
    "knives": "knife",
    "leaves": "leaf",
    "loaves": "loaf",
    "scarves": "scarf",
    "sheaves": "sheaf",
    "shelves": "shelf",
    "wolves": "wolf",
}


# Words a buyer adds to say what they want rather than what the product is ("LED lamp
# supplier", "nhà sản xuất dây cáp Hà Nội"): every product of the catalogue is made by a
# Hà Nội company, so they narrow nothing. They are left out of the words a product must
# match, in both languages whatever the site's language; a query of nothing else lists the
# whole catalogue. English function words go too; Vietnamese ones do not.
INTENT_PHRASES = (
    "nhà cung cấp",
    "nhà sản xuất",
    "nhà phân phối",
    "cơ sở sản xuất",
    "nhà máy",
    "công ty",
    "doanh nghiệp",
    "hà nội",
    "thành phố hà nội",
    "việt nam",
    "sản xuất tại",
    "supplier",
    "suppliers",
    "manufacturer",
    "manufacturers",
    "manufacturing",
    "maker",
    "makers",
    "producer",
    "producers",
    "exporter",
    "exporters",
    "distributor",
    "wholesale",
    "company",
    "companies",
    "factory",
    "factories",
    "vendor",
    "vendors",
    "vietnam",
    "vietnamese",
    "hanoi",
    "made in",
    "from",
    "of",
    "for",
    "the",
    "and",
    "with",
)
# English words that are also Vietnamese ones ("in" is "print": "máy in"; "an" as in "an
# toàn"): left out on the English site only.
ENGLISH_ONLY_INTENT = ("in", "at", "near", "based in", "a", "an")


@lru_cache(maxsize=2)
def _intent_phrases(lang: str) -> tuple[tuple[str, ...], ...]:
    english = ENGLISH_ONLY_INTENT if lang == "en" else ()
    phrases = {tuple(words(fold_text(phrase))) for phrase in (*INTENT_PHRASES, *english)}
    return tuple(sorted(phrases, key=len, reverse=True))


def narrowing_text(q: str, *, lang: str = "vi") -> str:
    """*q* without its buyer-intent words: "LED lamp supplier" -> "LED lamp".

    Words are compared folded ("Ha Noi", "hà nội" and "HÀ NỘI" go alike); the rest is kept
    as typed, punctuation included ("supplier 8544.49" -> "8544.49"). Empty when nothing
    else was typed.
    """
    tokens = list(WORD.finditer(q))
    folded = [fold_text(token[0]) for token in tokens]
    cuts, position = [], 0
    while position < len(tokens):
        for phrase in _intent_phrases(lang):
            if tuple(folded[position : position + len(phrase)]) == phrase:
                end = position + len(phrase) - 1
                cuts.append((tokens[position].start(), tokens[end].end()))
                position += len(phrase)
                break
        else:
            position += 1
    if not cuts:
        return q
    pieces, cursor = [], 0
    for start, end in cuts:
        pieces.append(q[cursor:start])
        cursor = end
    pieces.append(q[cursor:])
    kept = clean_search_text("".join(pieces))
    return kept if WORD.search(kept) else ""


@dataclass(frozen=True, kw_only=True)
class CatalogueQuery:
    """One catalogue search, checked once: every path receives it as it is.

    `q` is the visitor's text as `core.text.clean_search_text` leaves it (the parameter
    form's field does that); `filters` maps facet groups to the values ticked, in the order
    given. A query that breaks the contract cannot be built (ValueError): the parameter form
    (search.catalogue.parameters) explains such input to visitors before it gets here.
    """

    q: str = ""
    lang: str = "vi"
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE
    tab: str = "products"
    # False where no facet is shown (the site search): the paths then count none.
    facets: bool = True
    # "" or one of STATUSES; `today` is the day the status is judged on.
    status: str = ""
    today: datetime.date = field(default_factory=today)

    def __post_init__(self):
        if self.status and self.status not in STATUSES:
            raise ValueError(f"Unknown status {self.status!r}; expected one of {STATUSES}.")
        if self.tab not in TABS:
            raise ValueError(f"Unknown tab {self.tab!r}; expected one of {', '.join(TABS)}.")
        if self.lang not in LANGUAGES:
            raise ValueError(f"Unknown language {self.lang!r}; expected one of {LANGUAGES}.")
        if self.sort not in SORTS:
            raise ValueError(f"Unknown sort {self.sort!r}; expected one of {', '.join(SORTS)}.")
        if self.page < 1 or not 1 <= self.per_page <= MAX_PER_PAGE:
            raise ValueError(f"page must be >= 1 and per_page between 1 and {MAX_PER_PAGE}.")
        if self.page * self.per_page > MAX_RESULT_WINDOW:
            raise ValueError(f"Results beyond the first {MAX_RESULT_WINDOW} cannot be paged to.")
        if len(self.q) > MAX_QUERY_LENGTH:
            raise ValueError(f"Queries are limited to {MAX_QUERY_LENGTH} characters.")
        if self.q != clean_search_text(self.q):
            raise ValueError("q must be cleaned first (core.text.clean_search_text).")
        if unknown := set(self.filters) - set(FACETS):
            raise ValueError(f"Unknown facet(s) {', '.join(sorted(unknown))}.")
        filters = {
            group: values
            for group, raw in self.filters.items()
            if (values := tuple(dict.fromkeys(str(v).strip() for v in raw if str(v).strip())))
        }
        object.__setattr__(self, "filters", MappingProxyType(filters))

    @property
    def today_iso(self) -> str:
        """`today` as documents write `recognised_until` (ISO 8601), for the paths to compare."""
        return self.today.isoformat()

    @property
    def start(self) -> int:
        """The index of the page's first result."""
        return (self.page - 1) * self.per_page

    @cached_property
    def text(self) -> str:
        """The words results must match: `q` without its buyer-intent words."""
        return narrowing_text(self.q, lang=self.lang)


# -- synonyms ---------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def expand_synonyms(q: str, synonyms: Mapping[str, list[str]] | None) -> list[str]:
    """Other spellings of *q* with synonym phrases swapped in, the original excluded.

    Each key and its values form one group, usable in both directions ("tnhh" <->
    "trách nhiệm hữu hạn"). A phrase matches whole words, fold-insensitively ("binh nong
    lanh" matches "bình nóng lạnh"); the longest match wins and matches do not overlap.
    When several phrases match, their replacements combine (at most 8 variants).
    """
    if not synonyms:
        return []
    alternatives: dict[tuple[str, ...], list[str]] = {}
    for key, values in synonyms.items():
        group = [clean_search_text(phrase) for phrase in [key, *values]]
        group = [phrase for phrase in group if phrase]
        for phrase in group:
            words = _folded_words(phrase)
            for other in group:
                if _folded_words(other) != words:
                    alternatives.setdefault(words, [])
                    if other not in alternatives[words]:
                        alternatives[words].append(other)
    if not alternatives:
        return []
    longest = max(len(words) for words in alternatives)
    tokens = [(match.start(), match.end(), fold_text(match[0])) for match in _WORD.finditer(q)]
    matches = []  # (start, end, replacements)
    position = 0
    while position < len(tokens):
        for length in range(min(longest, len(tokens) - position), 0, -1):
            words = tuple(token[2] for token in tokens[position : position + length])
            if words in alternatives:
                end = tokens[position + length - 1][1]
                matches.append((tokens[position][0], end, alternatives[words]))
                position += length
                break
        else:
            position += 1
    variants = []
    for choice in itertools.product(*[[None, *replacements] for *_, replacements in matches]):
        if all(replacement is None for replacement in choice):
            continue
        pieces, cursor = [], 0
        for (start, end, _), replacement in zip(matches, choice, strict=True):
            if replacement is not None:
                pieces += [q[cursor:start], replacement]
                cursor = end
        variant = "".join([*pieces, q[cursor:]])
        if variant not in variants:
            variants.append(variant)
        if len(variants) >= MAX_SYNONYM_VARIANTS:
            break
    return variants


def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(fold_text(word) for word in _WORD.findall(text))


# -- the answer -------------------------------------------------------------------------


def shown_language(document: Mapping, lang: str) -> str:
    """The language a result is shown in: the visitor's, else the one it exists in."""
    languages = document.get("languages") or [lang]
    return lang if lang in languages else languages[0]


def document_result(document: Mapping, *, lang: str) -> dict:
    """A result's fields from a product document, on both paths (highlight and score aside)."""
    shown = shown_language(document, lang)
    company_name = document.get(f"company_name_{lang}")
    sector = document.get("sector")
    return {
        "id": document.get(f"id_{shown}"),
        "translation_key": document["translation_key"],
        "language": shown,
        "title": document.get(f"title_{shown}", ""),
        "url": document.get(f"url_{shown}"),
        "summary": document.get(f"summary_{shown}", ""),
        "company": {"name": company_name, "url": document.get(f"company_url_{lang}")}
        if company_name
        else None,
        "sector": {"value": sector, "label": document.get(f"sector_label_{lang}", sector)}
        if sector
        else None,
        "years": sorted(int(year) for year in document.get("years", [])),
        "top10": TOP10_VALUES.get(document.get("top10")),
        "recognised_until": document.get("recognised_until"),
    }


def result_status(recognised_until: str | None, *, today: datetime.date) -> str | None:
    """A result's status on *today*: "current", "expired", or None without a recognition."""
    if not recognised_until:
        return None
    return STATUS_CURRENT if recognised_until >= today.isoformat() else "expired"


def status_facet(count: int, *, selected: bool, lang: str) -> list[dict]:
    """The status facet's one value as a facet lists it (like `facet_values`): shown when it
    counts something or is ticked."""
    if not count and not selected:
        return []
    return [
        {
            "value": STATUS_CURRENT,
            "label": STATUS_LABELS[lang][STATUS_CURRENT],
            "count": count,
            "selected": selected,
        }
    ]


def decode_facet_value(group: str, raw: str) -> tuple[str, str, str, int]:
    """(value, Vietnamese label, English label, sort order) of a stored facet value."""
    if FACETS[group].encoded:
        value, label_vi, label_en, order = raw.split(FACET_SEPARATOR)
        return value, label_vi, label_en, int(order)
    if group == "top10":
        return raw, TOP10_LABELS["vi"].get(raw, raw), TOP10_LABELS["en"].get(raw, raw), 0
    return raw, raw, raw, 0


def facet_values(
    group: str, counted: Iterable[tuple[str, str, str, int, int]], *, chosen: set[str], lang: str
) -> list[dict]:
    """One facet's values as every path lists them.

    *counted* holds (value, label_vi, label_en, order, count) for each value found, selected
    ones included even when nothing counts for them any more (so a visitor can untick them).
    Listed: the group's `size` most frequent values (ties by value, as the engine's terms
    aggregation breaks them) plus every selected one, in the group's order.
    """
    facet = FACETS[group]
    rows = {}
    for value, label_vi, label_en, order, count in counted:
        rows.setdefault(value, (label_vi, label_en, order, count))
    ranked = sorted(
        (value for value, row in rows.items() if row[3] > 0 and value not in chosen),
        key=lambda value: (-rows[value][3], value),
    )[: facet.size]
    items = []
    for value in [*ranked, *(value for value in rows if value in chosen)]:
        label_vi, label_en, order, count = rows[value]
        if group == "top10":
            label = TOP10_LABELS[lang].get(value, value)
        else:
            label = label_en if lang == "en" and label_en else label_vi
        items.append(
            {
                "value": value,
                "label": label,
                "count": count,
                "selected": value in chosen,
                "_order": order,
            }
        )
    if facet.order == "sort":
        items.sort(key=lambda item: (item["_order"], fold_word(item["label"])))
    elif facet.order == "year":
        items.sort(key=lambda item: item["value"], reverse=True)
    elif facet.order == "top10":
        rank = list(TOP10_LABELS[lang])
        items.sort(key=lambda item: rank.index(item["value"]) if item["value"] in rank else 9)
    else:
        items.sort(key=lambda item: (-item["count"], fold_word(item["label"])))
    for item in items:
        del item["_order"]
    return items
