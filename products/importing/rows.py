"""The shapes the import's steps pass to each other."""

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class DecisionRow:
    """One row of a decision file, validated, typed and NFC-normalised.

    A row without `product_name` is the company's own recognition. Empty optional cells are
    "" (or None where the value is not text), never missing.
    """

    line: int  # the row's number as the editor sees it in the file (header = 1)
    year: int
    decision_number: str
    decision_date: datetime.date | None
    product_name: str | None
    product_name_en: str
    company_name: str
    company_name_en: str
    tax_code: str  # "" where the source gives none; else as validated by stdnum (digits, "-")
    sector_slug: str  # products.Sector.slug of one of the official groups
    top10: bool | None  # None: unknown
    unit_code: int | None  # products.AdministrativeUnit.code
    address: str
    website: str
    summary: str
    summary_en: str
    source_url: str
    note: str


@dataclass(frozen=True)
class ImportProblem:
    """Why a file is rejected, pointing at a cell where there is one."""

    message: str | Promise  # in the editor's language (gettext, msgid in Vietnamese)
    line: int | None = None  # None: the whole file (encoding, size, header)
    column: str = ""  # the column as named in the file's header
    value: str = ""
    suggestion: str = ""  # the closest valid value, when there is one


@dataclass
class ImportRejected(Exception):
    """The file cannot be imported; nothing was written. `problems` says why, all of them."""

    problems: list[ImportProblem] = field(default_factory=list)

    def __str__(self):
        return "\n".join(str(problem.message) for problem in self.problems)
