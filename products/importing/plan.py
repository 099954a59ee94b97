"""What importing a decision file will do, row by row, before anything is written.

The plan compares each row with the Vietnamese tree as editors last left it (a page's latest
revision, so a pending draft is built on, never lost) and records, per company, product and
recognition, the fields that would change. `apply` writes exactly those changes, so the preview
an editor confirms is what happens, and a file imported twice plans nothing the second time.

Matching: a company by tax code, else (when the row gives none, or no company has that code)
by its exact name or brand on a company without a tax code; a product by its company and its
folded name; a recognition by its product (or company) and year. An empty cell changes nothing:
a decision file does not know what editors added since.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.text import fold_text
from products.importing.rows import DecisionRow
from products.models import AdministrativeUnit, CompanyPage, Decision, ProductPage, Sector


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


ACTION_LABELS = {
    Action.CREATE: _("Tạo mới"),
    Action.UPDATE: _("Cập nhật"),
    Action.UNCHANGED: _("Không đổi"),
}

# The labels a preview shows for a changed field, in the editor's language.
FIELD_LABELS = {
    "tax_code": _("mã số thuế"),
    "address": _("địa chỉ"),
    "website": _("trang web"),
    "unit": _("phường/xã"),
    "summary": _("tóm tắt"),
    "sector": _("nhóm ngành"),
    "title_en": _("tên tiếng Anh"),
    "summary_en": _("tóm tắt tiếng Anh"),
    "recognition": _("công nhận"),
    "is_top10": _("Top 10"),
    "decision": _("quyết định"),
    "source_url": _("nguồn"),
    "note": _("ghi chú"),
}


@dataclass
class RecognitionPlan:
    year: int
    values: dict  # is_top10, decision_number, source_url, note: what the row says
    existing: object | None  # the ProductRecognition / CompanyRecognition of that year
    changes: list[str] = field(default_factory=list)

    @property
    def action(self) -> Action:
        if self.existing is None:
            return Action.CREATE
        return Action.UPDATE if self.changes else Action.UNCHANGED


@dataclass
class PagePlan:
    """A company or product page: made, changed or left as it is."""

    name: str
    page: CompanyPage | ProductPage | None  # the latest revision's object; None: to create
    values: dict  # field -> value to write (changed fields only, when the page exists)
    english: dict  # title_en / summary_en -> value to write into the English translation
    recognitions: dict[int, RecognitionPlan] = field(default_factory=dict)
    first_line: int = 0
    company: "PagePlan | None" = None  # a product's maker

    @property
    def changes(self) -> list[str]:
        changed = list(self.values) + list(self.english)
        changed += [
            f"recognition:{year}"
            for year, plan in self.recognitions.items()
            if plan.action is not Action.UNCHANGED
        ]
        return changed

    @property
    def action(self) -> Action:
        if self.page is None:
            return Action.CREATE
        return Action.UPDATE if self.changes else Action.UNCHANGED


@dataclass
class RowPlan:
    row: DecisionRow
    company: PagePlan
    product: PagePlan | None  # None: the company's own recognition

    @property
    def action(self) -> Action:
        target = self.product or self.company
        if target.page is None:
            return Action.CREATE
        return Action.UPDATE if self.describe() else Action.UNCHANGED

    def describe(self) -> list[str]:
        """The changes this row makes, as an editor reads them ("tóm tắt", "công nhận 2025")."""
        described = []
        for plan in (self.company, self.product):
            if plan is None or plan.first_line != self.row.line or plan.page is None:
                continue
            described += [str(FIELD_LABELS[name]) for name in (*plan.values, *plan.english)]
        target = self.product or self.company
        recognition = target.recognitions[self.row.year]
        if recognition.action is Action.CREATE and target.page is not None:
            described.append(f"{FIELD_LABELS['recognition']} {self.row.year}")
        described += [f"{FIELD_LABELS[name]} {self.row.year}" for name in recognition.changes]
        return described


@dataclass
class ImportPlan:
    rows: list[RowPlan]
    companies: list[PagePlan]
    products: list[PagePlan]
    decisions: dict[str, Decision | None]  # number -> existing decision, None: to create

    def count(self, action: Action) -> int:
        return sum(1 for row in self.rows if row.action is action)

    @property
    def changes_anything(self) -> bool:
        return any(row.action is not Action.UNCHANGED for row in self.rows) or any(
            decision is None for decision in self.decisions.values()
        )


def company_key(row: DecisionRow) -> tuple[str, str]:
    return ("tax", row.tax_code) if row.tax_code else ("name", row.company_name.casefold())


def _latest(page):
    """The page as editors last left it: its draft when it has one."""
    return page.get_latest_revision_as_object() if page.has_unpublished_changes else page


class _Tree:
    """The Vietnamese tree's companies, products and the lookups a plan needs, read once."""

    def __init__(self, rows: list[DecisionRow]):
        self.vi = Locale.get_default()
        self.en = Locale.objects.filter(language_code="en").first()
        companies = list(
            CompanyPage.objects.filter(locale=self.vi).prefetch_related("recognitions__decision")
        )
        self.by_tax = {company.tax_code: company for company in companies if company.tax_code}
        self.by_name = {}
        for company in companies:
            if company.tax_code:
                continue
            for name in (company.title, company.brand_name):
                if name:
                    self.by_name.setdefault(name.casefold(), company)
        self.products = {
            (product.company_id, fold_text(product.title)): product
            for product in ProductPage.objects.filter(locale=self.vi).prefetch_related(
                "recognitions__decision"
            )
        }
        self.sectors = {sector.slug: sector for sector in Sector.objects.all()}
        codes = {row.unit_code for row in rows if row.unit_code is not None}
        self.units = {unit.code: unit for unit in AdministrativeUnit.objects.filter(code__in=codes)}
        numbers = {row.decision_number for row in rows}
        self.decisions = {
            decision.number: decision for decision in Decision.objects.filter(number__in=numbers)
        }
        keys = [page.translation_key for page in (*companies, *self.products.values())]
        self.english = {}
        if self.en is not None:
            for page in (
                *CompanyPage.objects.filter(locale=self.en, translation_key__in=keys),
                *ProductPage.objects.filter(locale=self.en, translation_key__in=keys),
            ):
                self.english[page.translation_key] = page

    def company_for(self, row: DecisionRow) -> CompanyPage | None:
        if row.tax_code and row.tax_code in self.by_tax:
            return self.by_tax[row.tax_code]
        return self.by_name.get(row.company_name.casefold())


def _changed(page, values: dict) -> dict:
    """The values that differ from the page's (all of them for a page still to be made)."""
    if page is None:
        return values
    return {name: value for name, value in values.items() if _current(page, name) != value}


def field_attribute(name: str) -> str:
    """The page attribute a planned value is compared with and written to (a key's id)."""
    return f"{name}_id" if name in ("unit", "sector", "company") else name


def _current(page, name):
    return getattr(page, field_attribute(name))


def _english_changes(tree: _Tree, page, values: dict) -> dict:
    values = {name: value for name, value in values.items() if value}
    if page is None:
        return values
    english = tree.english.get(page.translation_key)
    if english is None:
        return values
    current = {"title_en": english.title, "summary_en": getattr(english, "summary", "")}
    return {name: value for name, value in values.items() if current[name] != value}


def _recognition(tree: _Tree, page, row: DecisionRow) -> RecognitionPlan:
    values = {
        "is_top10": row.top10,
        "decision_number": row.decision_number,
        "source_url": row.source_url,
        "note": row.note,
    }
    existing = None
    if page is not None:
        existing = next((r for r in page.recognitions.all() if r.year == row.year), None)
    plan = RecognitionPlan(year=row.year, values=values, existing=existing)
    if existing is not None:
        if row.top10 is not None and existing.is_top10 != row.top10:
            plan.changes.append("is_top10")
        if existing.decision_label != row.decision_number:
            plan.changes.append("decision")
        for name in ("source_url", "note"):
            if values[name] and getattr(existing, name) != values[name]:
                plan.changes.append(name)
    return plan


def _company_values(row: DecisionRow, tree: _Tree) -> dict:
    values = {
        "tax_code": row.tax_code,
        "address": row.address,
        "website": row.website,
        "unit": tree.units[row.unit_code].pk if row.unit_code is not None else None,
    }
    if row.product_name is None:
        values["summary"] = row.summary
    return {name: value for name, value in values.items() if value}


def plan_import(rows: Iterable[DecisionRow]) -> ImportPlan:
    """What importing *rows* (as read by `reader.read_decision_file`) would do; writes nothing."""
    rows = list(rows)
    tree = _Tree(rows)
    companies: dict[tuple, PagePlan] = {}
    products: dict[tuple, PagePlan] = {}
    row_plans = []
    for row in rows:
        key = company_key(row)
        company = companies.get(key)
        if company is None:
            page = tree.company_for(row)
            page = _latest(page) if page is not None else None
            company = companies[key] = PagePlan(
                name=row.company_name,
                page=page,
                values=_changed(page, _company_values(row, tree)),
                english=_english_changes(tree, page, {"title_en": row.company_name_en}),
                first_line=row.line,
            )
        product = None
        if row.product_name is None:
            company.recognitions[row.year] = _recognition(tree, company.page, row)
        else:
            existing = None
            if company.page is not None:
                existing = tree.products.get((company.page.pk, fold_text(row.product_name)))
            product_key = (key, fold_text(row.product_name))
            product = products.get(product_key)
            if product is None:
                page = _latest(existing) if existing is not None else None
                values = {"sector": tree.sectors[row.sector_slug].pk}
                if row.summary:
                    values["summary"] = row.summary
                product = products[product_key] = PagePlan(
                    name=row.product_name,
                    page=page,
                    values=_changed(page, values),
                    english=_english_changes(
                        tree,
                        page,
                        {"title_en": row.product_name_en, "summary_en": row.summary_en},
                    ),
                    first_line=row.line,
                    company=company,
                )
            product.recognitions[row.year] = _recognition(tree, product.page, row)
        row_plans.append(RowPlan(row=row, company=company, product=product))
    # A row whose source names no decision ("không rõ") cites none.
    decisions = {
        row.decision_number: tree.decisions.get(row.decision_number)
        for row in rows
        if row.decision_number
    }
    return ImportPlan(
        rows=row_plans,
        companies=list(companies.values()),
        products=list(products.values()),
        decisions=decisions,
    )
