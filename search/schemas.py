"""The catalogue API's parameters and answers as the OpenAPI description states them.

They document, they do not validate: the views answer `CatalogueQueryForm`'s verdict (a 400
with its messages in the visitor's language), never django-ninja's own 422. So every
parameter is declared an optional string, its allowed values (`enum`, `pattern`,
`maxLength`) written into the description as JSON Schema keywords only; and the views return
their JSON themselves, which ninja passes through without checking. The answers are
pydantic models of what the search service returns (search.catalogue.contract,
search.catalogue.company_contract); tests/search/test_openapi.py and schemathesis hold the
description to the answers.
"""

from typing import Literal

from ninja import Field, Schema

from core.tabular import FORMATS
from search.catalogue.contract import (
    LANGUAGES,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    PER_PAGE,
    SORTS,
    STATUSES,
    TABS,
    TOP10_LABELS,
)


def _documented(description: str, **keywords):
    """An optional string parameter whose constraints are documented, not enforced by ninja."""
    return Field(None, description=description, json_schema_extra=keywords or None)


_SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class SuggestParameters(Schema):
    q: str = _documented(
        "Đầu gõ của tên sản phẩm hoặc doanh nghiệp. / The first letters of a product's or "
        "company's name.",
        maxLength=MAX_QUERY_LENGTH,
    )
    lang: str = _documented(
        "Ngôn ngữ của kết quả và thông báo lỗi (mặc định vi). / The language of the answer "
        "and of error messages (default vi).",
        enum=list(LANGUAGES),
    )


class CatalogueParameters(SuggestParameters):
    """Every parameter the catalogue accepts; any other is refused (400)."""

    q: str = _documented(
        "Từ khoá, có dấu hoặc không dấu. / Words to search, with or without diacritics.",
        maxLength=MAX_QUERY_LENGTH,
    )
    sort: str = _documented("Thứ tự (mặc định relevance). / Order.", enum=list(SORTS))
    page: str = _documented(
        f"Trang kết quả, từ 1 đến {MAX_RESULT_WINDOW // PER_PAGE}; trang không có là lỗi 400. "
        "/ Results page; a page past the last is a 400.",
        pattern=r"^[1-9][0-9]*$",
    )
    tab: str = _documented(
        "Danh sách sản phẩm hay doanh nghiệp (mặc định products). / List products or companies.",
        enum=list(TABS),
    )
    status: str = _documented(
        "current: chỉ sản phẩm đang được công nhận. / Only currently recognised products.",
        enum=list(STATUSES),
    )
    sector: list[str] = _documented(
        "Nhóm ngành (slug; lặp lại để chọn nhiều). / Sector slugs (repeat for several).",
        items={"type": "string", "pattern": _SLUG},
    )
    year: list[str] = _documented(
        "Năm công nhận. / Recognition years.", items={"type": "string", "pattern": r"^20\d\d$"}
    )
    certification: list[str] = _documented(
        "Chứng nhận (slug). / Certification slugs.", items={"type": "string", "pattern": _SLUG}
    )
    unit: list[str] = _documented(
        "Phường/xã (slug). / Ward or commune slugs.", items={"type": "string", "pattern": _SLUG}
    )
    top10: list[str] = _documented(
        "Top 10 của năm: true, false, unknown. / Top 10 of its year.",
        items={"type": "string", "enum": list(TOP10_LABELS["vi"])},
    )
    market: list[str] = _documented(
        "Thị trường xuất khẩu (slug). / Export market slugs.",
        items={"type": "string", "pattern": _SLUG},
    )


class ExportParameters(CatalogueParameters):
    """The catalogue's parameters, and the download's format (every page: `page` is ignored)."""

    format: str = _documented(
        "Định dạng tải về (mặc định csv). / The download's format (csv by default).",
        enum=list(FORMATS),
    )


class Errors(Schema):
    errors: list[str] = Field(
        description="Lỗi của từng tham số, bằng ngôn ngữ `lang`. / What is wrong with the "
        "parameters, in the language asked for.",
        min_length=1,
    )


class Link(Schema):
    name: str
    url: str | None


class Choice(Schema):
    value: str
    label: str


class FacetValue(Choice):
    count: int
    selected: bool


class ProductResult(Schema):
    id: int | None
    translation_key: str
    language: str
    title: str
    url: str | None
    summary: str
    company: Link | None
    sector: Choice | None
    years: list[int]
    top10: bool | None
    recognised_until: str | None = Field(description="ISO date; the last day recognised.")
    status: Literal["current", "expired"] | None
    highlight: dict[str, list[str]] = Field(
        description="Fragments with the words found in `<mark>`; text otherwise escaped."
    )
    score: float | None


class CompanyResult(Schema):
    id: int | None
    translation_key: str
    language: str
    title: str
    url: str | None
    summary: str
    brand: str
    legal_name: str
    tax_code: str
    unit: str
    zone: str
    product_count: int
    years: list[int]
    recognised_until: str | None = Field(
        description="ISO date; the last day of its own or its products' latest recognition."
    )
    status: Literal["current", "expired"] | None = Field(
        description="Current or expired on the day of the search."
    )
    score: float | None


class Companies(Schema):
    count: int
    results: list[CompanyResult]
    page: int
    num_pages: int
    exact: bool


class CatalogueAnswer(Schema):
    count: int
    page: int
    num_pages: int
    tab: Literal["products", "companies"]
    results: list[ProductResult]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = Field(description="“Did you mean”, when nothing matched.")
    corrected: str | None = Field(description="The corrected words the results are for.")
    partial: bool = Field(description="Results match only part of the words.")
    took: int | None = Field(description="Milliseconds the search took.")
    companies: Companies
    notice: str | None = Field(
        None, description="Present when the engine is down and the database answered."
    )


class Suggestion(Schema):
    text: str
    url: str | None
    type: Literal["product", "company"]


class Suggestions(Schema):
    suggestions: list[Suggestion]
