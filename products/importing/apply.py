"""Writing an import plan: one transaction, a revision per page, published or moderated.

Each page the plan changes gets a revision by the importing editor (or none, from the command
line without --user) and a log entry naming the file, so the page's history says where the
change came from. Without `publish` the revisions go to the moderation workflow, in both
languages; with it they go live, and both search paths follow when the transaction commits
(search.catalogue.sync).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.searchindex import deferred_search_index
from core.text import ascii_slug
from core.translation import translate_instance
from products.importing.plan import Action, ImportPlan, PagePlan, field_attribute
from products.importing.rows import ImportProblem, ImportRejected
from products.models import (
    CompanyIndexPage,
    CompanyPage,
    CompanyRecognition,
    Decision,
    ProductIndexPage,
    ProductPage,
    ProductRecognition,
)

IMPORT_ACTION = "spcncl.import"


@dataclass(frozen=True)
class ImportOrigin:
    """Who imports which file, and how: recorded on every revision's log entry."""

    file_name: str
    user: object | None = None  # None: the command line without --user
    via: str = "admin"  # "admin" or "command"

    def log_data(self) -> dict:
        return {"file": self.file_name, "via": self.via}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pages_written: int = 0
    decisions_created: int = 0
    published: bool = False


def apply_plan(
    plan: ImportPlan,
    *,
    origin: ImportOrigin,
    publish: bool,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Write *plan* in one transaction; all of it or, on any error, nothing."""
    writer = _Writer(plan, origin, publish, progress)
    with transaction.atomic():
        # Making and publishing a page in two languages saves it about eight times; its
        # references (images, company, decision) and its search entry are written once, after.
        with deferred_search_index(), disable_reference_index_auto_update():
            result = writer.run()
        for instance in writer.written_objects:
            ReferenceIndex.create_or_update_for_object(instance)
    return result


class _Writer:
    def __init__(self, plan, origin, publish, progress):
        self.plan = plan
        self.origin = origin
        self.publish = publish
        self.progress = progress or (lambda done: None)
        self.vi = Locale.get_default()
        self.en = Locale.objects.filter(language_code="en").first()
        self.result = ImportResult(published=publish)
        self.written = {}  # id(PagePlan) -> the page written; the plan itself stays as planned
        self.written_objects = []  # every page (both languages) and decision written

    def run(self) -> ImportResult:
        self.result.created = self.plan.count(Action.CREATE)
        self.result.updated = self.plan.count(Action.UPDATE)
        self.result.unchanged = self.plan.count(Action.UNCHANGED)
        self.decisions = self._decisions()
        companies_index = self._index(CompanyIndexPage)
        products_index = self._index(ProductIndexPage)
        for company in self.plan.companies:
            self._write(company, companies_index, CompanyPage, CompanyRecognition)
            self.progress(1)
        for product in self.plan.products:
            self._write(product, products_index, ProductPage, ProductRecognition)
            self.progress(1)
        return self.result

    def _index(self, model):
        index = model.objects.filter(locale=self.vi).first()
        if index is None:
            raise ImportRejected(
                [ImportProblem(_("Chưa có trang danh sách để đặt các trang nhập vào."))]
            )
        return index

    def _decisions(self) -> dict[str, Decision]:
        decisions = {}
        years, dates = {}, {}
        for row in (row_plan.row for row_plan in self.plan.rows):
            years.setdefault(row.decision_number, row.year)
            # A decision's date may be given on one of its rows only.
            if row.decision_date:
                dates.setdefault(row.decision_number, row.decision_date)
        for number, existing in self.plan.decisions.items():
            if existing is None:
                year = years[number]
                existing = Decision.objects.create(
                    number=number,
                    kind=Decision.Kind.RECOGNITION,
                    year=year,
                    signed_on=dates.get(number),
                    title=f"Quyết định công nhận sản phẩm công nghiệp chủ lực năm {year}",
                    title_en=f"Decision recognising Hà Nội's key industrial products, {year}",
                )
                revision = existing.save_revision(user=self.origin.user, log_action=True)
                log(
                    existing,
                    IMPORT_ACTION,
                    user=self.origin.user,
                    revision=revision,
                    data=self.origin.log_data(),
                )
                self.result.decisions_created += 1
                self.written_objects.append(existing)
            decisions[number] = existing
        return decisions

    def _write(self, plan: PagePlan, index, model, recognition_model) -> None:
        if plan.page is not None and not plan.changes:
            return
        page = plan.page
        if page is None:
            page = model(
                title=plan.name,
                slug=find_available_slug(index, ascii_slug(plan.name)[:80].strip("-") or "trang"),
                locale=self.vi,
                live=False,
            )
        for name, value in plan.values.items():
            setattr(page, field_attribute(name), value)
        brand_length = CompanyPage._meta.get_field("brand_name").max_length
        if plan.page is None and model is CompanyPage and len(plan.name) <= brand_length:
            # The name a decision gives is the public one; a legal name is set once verified.
            page.brand_name = plan.name
        if plan.page is None and model is ProductPage:
            page.company = self.written.get(id(plan.company)) or plan.company.page
        recognitions = list(page.recognitions.all())
        for year, recognition in plan.recognitions.items():
            record = recognition.existing
            if record is None:
                record = recognition_model(year=year)
                recognitions.append(record)
            else:
                record = next(r for r in recognitions if r.year == year)
            values = recognition.values
            if values["is_top10"] is not None or recognition.existing is None:
                record.is_top10 = values["is_top10"]
            record.decision = self.decisions.get(values["decision_number"])
            record.decision_reference = ""
            for name in ("source_url", "note"):
                if values[name]:
                    setattr(record, name, values[name])
        page.recognitions.set(sorted(recognitions, key=lambda r: -r.year))
        if plan.page is None:
            index.add_child(instance=page)
        self._save(page)
        self.written[id(plan)] = page
        self.written_objects.append(page)
        if (translation := self._translate(page, plan)) is not None:
            self.written_objects.append(translation)
        self.result.pages_written += 1

    def _save(self, page) -> None:
        user = self.origin.user
        revision = page.save_revision(user=user, log_action=True)
        log(page, IMPORT_ACTION, user=user, revision=revision, data=self.origin.log_data())
        if self.publish:
            revision.publish(user=user)
        elif not page.workflow_in_progress and (workflow := page.get_workflow()):
            workflow.start(page, user)

    def _translate(self, page, plan: PagePlan):
        if self.en is None:
            return None
        english = {page.title: plan.english.get("title_en")}
        if plan.english.get("summary_en"):
            english[page.summary] = plan.english["summary_en"]
        new = not page.get_translations().filter(locale=self.en).exists()
        if new:
            english.setdefault(page.slug, None)
            if plan.english.get("title_en"):
                english[page.slug] = ascii_slug(plan.english["title_en"])[:80].strip("-")

        def translate(text):
            # A string the file does not translate keeps its translation, or (new) the source.
            return english.get(text) or (text if new else None)

        target = translate_instance(
            page, locale=self.en, translate=translate, publish=self.publish, user=self.origin.user
        )
        if not self.publish:
            target = target.specific
            if not target.workflow_in_progress and (workflow := target.get_workflow()):
                workflow.start(target, self.origin.user)
        return target
