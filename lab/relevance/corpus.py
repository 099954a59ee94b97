"""The relevance corpus, read from corpus.toml: fictional companies, products, synonyms, queries.

The data lives in `corpus.toml` beside this module (its header says how to write an entry), so
adding a query or a confusable product needs no Python. This module turns it into the frozen
records the measurement uses and refuses, naming the entry, a corpus whose keys do not add up.
"""

import tomllib
import unicodedata
from dataclasses import dataclass, fields
from pathlib import Path

CORPUS_FILE = Path(__file__).with_name("corpus.toml")


class CorpusError(ValueError):
    """The corpus file names something it does not define, or misspells a field."""


@dataclass(frozen=True)
class Company:
    key: str
    name: str  # the page title: the name the public knows
    legal_name: str
    legal_name_en: str
    name_en: str = ""  # the English page's title when it differs
    # The year of the company's own recognition: one whose recognition names no product page
    # (it usually has no product of its own in the corpus).
    year: int | None = None


@dataclass(frozen=True)
class Product:
    key: str
    company: str
    sector: str  # an official sector's slug (products.services.OFFICIAL_SECTORS)
    title: str
    title_en: str
    summary: str
    # Empty: the editor left the summary untranslated (the English page shows the Vietnamese).
    summary_en: str = ""
    hs_code: str = ""
    top10: bool | None = None
    year: int = 2023


@dataclass(frozen=True)
class Query:
    text: str
    category: str
    expected: tuple[str, ...]  # product keys; finding any of them counts
    lang: str = "vi"
    # Or a company key, ranked among the answer's companies rather than its products.
    expected_company_result: str = ""


@dataclass(frozen=True)
class Corpus:
    categories: dict[str, str]  # name -> what it holds, in the order the report lists them
    companies: list[Company]
    products: list[Product]
    synonyms: dict[str, list[str]]  # term -> alternatives, as search.models.Synonym holds them
    queries: list[Query]


def load_corpus(path: Path = CORPUS_FILE) -> Corpus:
    with path.open("rb") as file:
        data = tomllib.load(file)
    companies = [_record(Company, entry, "companies") for entry in data.get("companies", [])]
    products = [_record(Product, entry, "products") for entry in data.get("products", [])]
    _unique("company", [company.key for company in companies])
    _unique("product", [product.key for product in products])
    company_keys = {company.key for company in companies}
    for product in products:
        if product.company not in company_keys:
            raise CorpusError(
                f"Product {product.key!r} names an unknown company {product.company!r}."
            )
    product_keys = {product.key for product in products}
    categories = {}
    queries = []
    for category in data.get("categories", []):
        name = category["name"]
        categories[name] = category["what"]
        for entry in category.get("queries", []):
            query = _query(entry, category=name, products=products)
            if unknown := [key for key in query.expected if key not in product_keys]:
                raise CorpusError(f"Query {query.text!r} expects unknown products {unknown}.")
            company = query.expected_company_result
            if company and company not in company_keys:
                raise CorpusError(f"Query {query.text!r} expects an unknown company {company!r}.")
            if not query.expected and not company:
                raise CorpusError(f"Query {query.text!r} expects no product.")
            queries.append(query)
    return Corpus(
        categories=categories,
        companies=companies,
        products=products,
        synonyms=dict(data.get("synonyms", {})),
        queries=queries,
    )


def _record(kind, entry: dict, table: str):
    if unknown := set(entry) - {field.name for field in fields(kind)}:
        raise CorpusError(f"[[{table}]] {entry.get('key')!r}: unknown fields {sorted(unknown)}.")
    try:
        return kind(**entry)
    except TypeError as error:  # a required field is missing
        raise CorpusError(f"[[{table}]] {entry.get('key')!r}: {error}.") from None


def _query(entry: dict, *, category: str, products: list[Product]) -> Query:
    entry = dict(entry)
    text = entry.pop("text")
    # Decomposed input (NFD) is written composed in the file: NFD text is invisible in an
    # editor, and some editors would quietly compose it on saving.
    if entry.pop("nfd", False):
        text = unicodedata.normalize("NFD", text)
    if "expected_company" in entry:
        company = entry.pop("expected_company")
        entry["expected"] = [product.key for product in products if product.company == company]
    if unknown := set(entry) - {"expected", "lang", "expected_company_result"}:
        raise CorpusError(f"Query {text!r}: unknown fields {sorted(unknown)}.")
    return Query(
        text=text,
        category=category,
        expected=tuple(entry.get("expected", ())),
        lang=entry.get("lang", "vi"),
        expected_company_result=entry.get("expected_company_result", ""),
    )


def _unique(kind: str, keys: list[str]) -> None:
    if duplicates := sorted({key for key in keys if keys.count(key) > 1}):
        raise CorpusError(f"More than one {kind} has the key {', '.join(duplicates)}.")


_CORPUS = load_corpus()
CATEGORIES = _CORPUS.categories
COMPANIES = _CORPUS.companies
PRODUCTS = _CORPUS.products
SYNONYMS = _CORPUS.synonyms
QUERIES = _CORPUS.queries
