"""The demo site's texts and records, read from the TOML files in content/ (sample data).

Every file is read and checked against the models below before the loader writes anything,
so a mistake in a file stops `load_demo` with the file and the key at fault and leaves the
database as it was. In the files, a text may be wrapped over several lines: line breaks and
runs of spaces read as one space (as in HTML), so long prose stays readable.
"""

import datetime
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from products.models import Decision
from programme.models import EventPage
from programme.thresholds import MEASURES, UNITS, Comparison, ProductType

CONTENT_DIR = Path(__file__).resolve().parent / "content"


class DemoContentError(Exception):
    """A data file is missing, is not valid TOML, or its content is not what the loader reads."""


class Entry(BaseModel):
    # A misspelt key is an error, not a text that silently never reaches the site.
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Text(Entry):
    """One text in both languages: `title.vi = "…"` and `title.en = "…"`."""

    vi: str
    en: str

    def format(self, **values) -> "Text":
        return Text(vi=self.vi.format(**values), en=self.en.format(**values))


class PageSpec(Entry):
    slug: Text
    title: Text
    search_description: Text | None = None


class IndexPageSpec(PageSpec):
    intro: list[Text] = []


class HomePageSpec(IndexPageSpec):
    hero_heading: Text


class StandardPageSpec(PageSpec):
    intro: Text
    body: list[Text]


class SiteSettingsSpec(Entry):
    department_name: Text
    address: Text
    ward: Text
    phone: str
    email: str
    office_hours: Text
    is_sample_content: bool

    def fields(self) -> dict:
        """The values of home.models.SiteSettings' fields."""
        return {
            "department_name": self.department_name.vi,
            "department_name_en": self.department_name.en,
            "address": self.address.vi,
            "address_en": self.address.en,
            "ward": self.ward.vi,
            "ward_en": self.ward.en,
            "phone": self.phone,
            "email": self.email,
            "office_hours": self.office_hours.vi,
            "office_hours_en": self.office_hours.en,
            "is_sample_content": self.is_sample_content,
        }


class Threshold(Entry):
    """A structured threshold (programme.blocks.ThresholdBlock); the vocabularies' keys are
    in programme.thresholds: product types, measures, comparisons and units."""

    product_type: ProductType = ProductType.ALL
    measure: Literal[tuple(MEASURES)] | None = None
    comparison: Comparison = Comparison.AT_LEAST
    amount: Decimal | None = None
    unit: Literal[tuple(UNITS)] | None = None
    requirement: Text
    legal_basis: Text

    def block_value(self, vi) -> dict:
        """The block's value, in the block's order (the block's id is derived from it); *vi*
        records each text's English (home.demo.loader.Strings)."""
        return {
            "product_type": self.product_type,
            "measure": self.measure or "",
            "comparison": self.comparison,
            "amount": None if self.amount is None else str(self.amount),
            "unit": self.unit or "",
            "requirement": vi(self.requirement),
            "legal_basis": vi(self.legal_basis),
        }


class Indicator(Entry):
    indicator: Text
    description: Text


class CriteriaPageSpec(IndexPageSpec):
    thresholds: list[Threshold]
    indicators: list[Indicator]


class Step(Entry):
    title: Text
    body: Text


class RequiredDocument(Entry):
    name: Text
    description: Text
    sample_form: bool = False


class Deadline(Entry):
    label: Text
    note: Text


class Question(Entry):
    question: Text
    answer: Text


class GuidancePageSpec(IndexPageSpec):
    steps: list[Step]
    documents: list[RequiredDocument]
    deadlines: list[Deadline]
    faq: list[Question]


class DecisionRecord(Entry):
    number: str
    kind: Decision.Kind
    year: int
    signed_on: datetime.date | None = None
    issuer: str | None = None  # the model's default issuer when absent
    title: Text
    source: str

    def fields(self) -> dict:
        """The values of programme.models.Decision's fields."""
        fields = {
            "number": self.number,
            "kind": self.kind,
            "signed_on": self.signed_on,
            "year": self.year,
            "title": self.title.vi,
            "title_en": self.title.en,
            "source_url": self.source,
        }
        if self.issuer is not None:
            fields["issuer"] = self.issuer
        return fields


class Cohort(Entry):
    """One recognition round's published figures; a figure left out was not published."""

    year: int
    products_recognised: int
    companies_recognised: int
    products_registered: int | None = None
    revenue_vnd_billion: Decimal | None = None
    exports_usd_million: Decimal | None = None
    note: Text = Text(vi="", en="")
    source: str


class Article(PageSpec):
    date: datetime.date
    summary: Text
    source: str
    tags: list[str]
    body: list[Text]


class Event(PageSpec):
    kind: EventPage.Kind
    starts_at: datetime.datetime  # Hà Nội time
    ends_at: datetime.datetime | None = None
    venue: Text
    address: Text
    organiser: Text
    summary: Text
    registration: Text | None = None
    registration_deadline: datetime.date | None = None


class ProductNames(Entry):
    """What a decision file does not say about a product: its HS heading."""

    hs_code: str = ""


class RowTexts(Entry):
    """Texts filled in for every product and company of the CSV ({year}: the CSV row's year)."""

    product_summary: Text
    product_summary_top10: Text
    product_description: list[Text]
    company_summary: Text

    @field_validator("product_summary", "product_summary_top10", "company_summary")
    @classmethod
    def fills_in_the_year_only(cls, text: Text) -> Text:
        try:
            text.format(year=2000)
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(
                f"only {{year}} can be filled in here (write {{{{ and }}}} for a brace): {error}"
            ) from None
        return text


# One model per file: the whole content of the file, as the loader reads it.
class SiteFile(Entry):
    settings: SiteSettingsSpec
    home: HomePageSpec


class OpenDataPageSpec(IndexPageSpec):
    licence: list[Text]


class ProgrammeFile(Entry):
    index: IndexPageSpec
    criteria: CriteriaPageSpec
    guidance: GuidancePageSpec
    decisions: IndexPageSpec
    statistics: IndexPageSpec
    open_data: OpenDataPageSpec


class DecisionsFile(Entry):
    decisions: list[DecisionRecord]


class StatisticsFile(Entry):
    cohorts: list[Cohort]


class CatalogueFile(Entry):
    products_index: IndexPageSpec
    companies_index: IndexPageSpec
    products: dict[str, ProductNames]  # by the product name of recognitions.csv
    row_texts: RowTexts

    def names_of(self, product_name: str) -> ProductNames:
        return self.products.get(product_name) or ProductNames()


class NewsFile(Entry):
    index: PageSpec
    articles: list[Article]


class EventsFile(Entry):
    index: PageSpec
    events: list[Event]


class SitemapPageSpec(PageSpec):
    intro: Text


class PagesFile(Entry):
    footer: list[str]
    about: StandardPageSpec
    accessibility: StandardPageSpec
    contact: StandardPageSpec
    sitemap: SitemapPageSpec

    @field_validator("footer")
    @classmethod
    def paths(cls, value: list[str]) -> list[str]:
        for path in value:
            if not (path.startswith("/") and path.endswith("/")):
                raise ValueError(f"“{path}” is not a path like “/gioi-thieu/”.")
        return value


FILES = {
    "site.toml": SiteFile,
    "programme.toml": ProgrammeFile,
    "decisions.toml": DecisionsFile,
    "statistics.toml": StatisticsFile,
    "catalogue.toml": CatalogueFile,
    "news.toml": NewsFile,
    "events.toml": EventsFile,
    "pages.toml": PagesFile,
}


@dataclass(frozen=True)
class DemoContent:
    site: SiteFile
    programme: ProgrammeFile
    decisions: DecisionsFile
    statistics: StatisticsFile
    catalogue: CatalogueFile
    news: NewsFile
    events: EventsFile
    pages: PagesFile


def read_demo_content(directory: Path = CONTENT_DIR) -> DemoContent:
    """Every data file in *directory*, checked; DemoContentError names the file at fault."""
    unknown = sorted(path.name for path in directory.glob("*.toml") if path.name not in FILES)
    if unknown:
        raise DemoContentError(
            f"{directory / unknown[0]}: the demo loader does not read this file "
            f"(it reads {', '.join(FILES)})."
        )
    files = {
        name.removesuffix(".toml"): read_file(directory / name, model)
        for name, model in FILES.items()
    }
    return DemoContent(**files)


def read_file[M: Entry](path: Path, model: type[M]) -> M:
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except FileNotFoundError:
        raise DemoContentError(f"{path}: the file is missing.") from None
    except tomllib.TOMLDecodeError as error:
        raise DemoContentError(f"{path}: not valid TOML: {error}.") from None
    except UnicodeDecodeError as error:
        raise DemoContentError(f"{path}: not UTF-8 text: {error}.") from None
    try:
        return model.model_validate(_fold_spaces(data))
    except ValidationError as error:
        problems = "; ".join(
            f"{_key_path(problem['loc'])}: {problem['msg']}" for problem in error.errors()
        )
        raise DemoContentError(f"{path}: {problems}.") from None


def _key_path(location) -> str:
    """`articles[2].summary.en`: the second [[articles]] of the file, counted as editors do."""
    path = ""
    for part in location:
        path += f"[{part + 1}]" if isinstance(part, int) else f".{part}"
    return path.removeprefix(".")


def _fold_spaces(data):
    if isinstance(data, str):
        return " ".join(data.split())
    if isinstance(data, list):
        return [_fold_spaces(item) for item in data]
    if isinstance(data, dict):
        return {key: _fold_spaces(value) for key, value in data.items()}
    return data
