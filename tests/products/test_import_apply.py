"""Planning and writing an imported decision: matching, idempotence, revisions, moderation."""

import datetime

import pytest
from django.contrib.auth.models import User
from wagtail.models import PageLogEntry, Revision, WorkflowState

from products.importing.apply import IMPORT_ACTION, ImportOrigin, apply_plan
from products.importing.plan import Action, plan_import
from products.importing.rows import DecisionRow
from products.models import CompanyPage, Decision, ProductPage
from search.models import CatalogueEntry


def row(line=2, **values) -> DecisionRow:
    defaults = {
        "year": 2025,
        "decision_number": "6104/QĐ-UBND",
        "decision_date": datetime.date(2025, 12, 10),
        "product_name": "Dây cáp điện hạ thế",
        "product_name_en": "Low-voltage power cable",
        "company_name": "Cadivi Hà Nội",
        "company_name_en": "Cadivi Hanoi",
        "tax_code": "0100101114",
        "sector_slug": "dien-dien-tu",
        "top10": None,
        "unit_code": None,
        "address": "Số 1 Trần Hưng Đạo",
        "website": "https://example.vn",
        "summary": "Cáp điện hạ thế ruột đồng.",
        "summary_en": "Copper-core low-voltage cable.",
        "source_url": "",
        "note": "",
    }
    return DecisionRow(line=line, **(defaults | values))


def run(rows, *, publish=True, user=None):
    plan = plan_import(rows)
    result = apply_plan(
        plan,
        origin=ImportOrigin(file_name="qd-6104.csv", user=user, via="command"),
        publish=publish,
    )
    return plan, result


@pytest.fixture
def importer(db):
    return User.objects.create_superuser("nhap-lieu", password="mat-khau-thu-nghiem")


def snapshot():
    return (
        sorted(ProductPage.objects.values_list("title", "locale__language_code", "live")),
        sorted(CompanyPage.objects.values_list("title", "locale__language_code", "live")),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        Decision.objects.count(),
        CatalogueEntry.objects.count(),
    )


def test_a_published_import_creates_both_languages_and_the_catalogue_follows(
    site_tree, importer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the catalogue's search data
        plan, result = run(
            [row(), row(3, product_name="Cáp ngầm trung thế", product_name_en="")], user=importer
        )
    assert [r.action for r in plan.rows] == [Action.CREATE, Action.CREATE]
    assert (result.created, result.decisions_created) == (2, 1)
    cable = ProductPage.objects.get(title="Dây cáp điện hạ thế", locale__language_code="vi")
    assert cable.live and cable.company.tax_code == "0100101114"
    english = ProductPage.objects.get(
        translation_key=cable.translation_key, locale__language_code="en"
    )
    assert english.live and english.title == "Low-voltage power cable"
    assert english.summary == "Copper-core low-voltage cable."
    # Both languages link to the Vietnamese company (the synchronised field, by design); its
    # English page carries the file's English name.
    assert english.company_id == cable.company_id
    assert english.company.get_translation(english.locale).title == "Cadivi Hanoi"
    # A product without an English name keeps its Vietnamese one in English.
    assert ProductPage.objects.filter(title="Cáp ngầm trung thế", live=True).count() == 2
    recognition = cable.recognitions.get()
    assert recognition.decision.number == "6104/QĐ-UBND"
    assert recognition.decision.signed_on == datetime.date(2025, 12, 10)
    entry = CatalogueEntry.objects.get(translation_key=cable.translation_key)
    assert (entry.title_vi, entry.title_en) == ("Dây cáp điện hạ thế", "Low-voltage power cable")
    log_entry = PageLogEntry.objects.get(page=cable, action=IMPORT_ACTION)
    assert log_entry.user == importer and log_entry.data["file"] == "qd-6104.csv"
    assert cable.get_latest_revision().user == importer


def test_reimporting_the_same_file_changes_nothing(site_tree):
    rows = [row(), row(3, product_name=None, product_name_en="", summary="")]
    run(rows)
    before = snapshot()
    plan, result = run(rows)
    assert [r.action for r in plan.rows] == [Action.UNCHANGED, Action.UNCHANGED]
    assert not plan.changes_anything
    assert (result.unchanged, result.pages_written) == (2, 0)
    assert snapshot() == before


def test_a_later_year_adds_a_recognition_to_the_existing_product(site_tree):
    run([row()])
    plan, _ = run([row(year=2028, decision_number="99/QĐ-UBND", decision_date=None, top10=True)])
    assert plan.rows[0].action is Action.UPDATE
    assert plan.rows[0].describe() == ["công nhận 2028"]
    cable = ProductPage.objects.get(title="Dây cáp điện hạ thế", locale__language_code="vi")
    assert sorted(cable.recognitions.values_list("year", "is_top10")) == [
        (2025, None),
        (2028, True),
    ]
    english = ProductPage.objects.get(
        translation_key=cable.translation_key, locale__language_code="en"
    )
    assert english.recognitions.count() == 2
    assert ProductPage.objects.filter(locale__language_code="vi").count() == 1


def test_a_company_without_a_tax_code_is_matched_by_its_exact_name(site_tree):
    run([row(tax_code="")])
    plan, _ = run([row(tax_code="", product_name="Cáp ngầm", product_name_en="")])
    assert plan.rows[0].company.page is not None
    assert CompanyPage.objects.filter(locale__language_code="vi").count() == 1
    # The company's tax code, given later, fills the company found by name.
    plan, _ = run([row(product_name="Cáp ngầm", product_name_en="")])
    assert plan.rows[0].describe() == ["mã số thuế"]
    assert CompanyPage.objects.get(locale__language_code="vi").tax_code == "0100101114"


def test_an_empty_cell_keeps_what_editors_wrote(site_tree):
    run([row()])
    company = CompanyPage.objects.get(locale__language_code="vi")
    company.website = "https://cadivi-hanoi.vn"
    company.save_revision().publish()
    plan, _ = run([row(website="", address="")])
    assert plan.rows[0].action is Action.UNCHANGED
    company.refresh_from_db()
    assert company.website == "https://cadivi-hanoi.vn"


def test_without_publish_the_pages_wait_for_moderation_in_both_languages(
    site_tree, importer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run([row()])
    cable = ProductPage.objects.get(locale__language_code="vi")
    with django_capture_on_commit_callbacks(execute=True):
        plan, _ = run([row(summary="Cáp hạ thế ruột đồng, vỏ PVC.")], publish=False)
    assert plan.rows[0].describe() == ["tóm tắt"]
    cable.refresh_from_db()
    # The live page is as it was; the change is a revision in the workflow.
    assert cable.summary == "Cáp điện hạ thế ruột đồng."
    assert cable.has_unpublished_changes
    assert cable.get_latest_revision_as_object().summary == "Cáp hạ thế ruột đồng, vỏ PVC."
    state = WorkflowState.objects.get(object_id=str(cable.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    entry = CatalogueEntry.objects.get(translation_key=cable.translation_key)
    assert entry.summary_vi == "Cáp điện hạ thế ruột đồng."
    # A new product waits too: nothing of it is public.
    run([row(product_name="Cáp ngầm", product_name_en="Underground cable")], publish=False)
    new = ProductPage.objects.filter(title__in=["Cáp ngầm", "Underground cable"])
    assert new.count() == 2 and not new.filter(live=True).exists()
    assert (
        WorkflowState.objects.filter(
            object_id__in=[str(pk) for pk in new.values_list("pk", flat=True)],
            status=WorkflowState.STATUS_IN_PROGRESS,
        ).count()
        == 2
    )
