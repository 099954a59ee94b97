"""Importing a decision in the admin: upload, preview, confirm; bad files change nothing."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision, WorkflowState
from wagtail.users.models import UserProfile

from core.editorial import EDITORS, MODERATORS
from products.models import CompanyPage, Decision, ProductPage, RecognitionImport
from products.services import sync_administrative_units
from search.models import CatalogueEntry
from tests.products.test_import_reader import KEYS, csv_bytes, row, xlsx_bytes

UPLOAD = "/admin/nhap-quyet-dinh/"


@pytest.fixture(autouse=True)
def _units(db):
    sync_administrative_units()


def user_in(group: str, username: str) -> User:
    user = User.objects.create_user(username=username, password="mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(site_tree):
    return user_in(EDITORS, "bien-tap")


@pytest.fixture
def moderator(site_tree):
    return user_in(MODERATORS, "nguoi-duyet")


def upload(client, content: bytes, name="qd-5012.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def everything():
    """What an import could touch: pages, revisions, workflows, decisions, search entries."""
    return (
        sorted(ProductPage.objects.values_list("pk", "title", "live")),
        sorted(CompanyPage.objects.values_list("pk", "title", "live")),
        Revision.objects.count(),
        WorkflowState.objects.count(),
        Decision.objects.count(),
        CatalogueEntry.objects.count(),
        RecognitionImport.objects.count(),
    )


TWO_ROWS = csv_bytes(
    row(),
    row(product_name="Bóng đèn huỳnh quang", product_name_en="Fluorescent lamps", top10=""),
)


def test_an_editor_previews_then_confirms_and_the_pages_wait_for_moderation(client, editor):
    client.force_login(editor)
    before = everything()
    response = upload(client, TWO_ROWS)
    record = RecognitionImport.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{record.pk}/")
    preview = client.get(response["Location"])
    html = preview.content.decode()
    # The preview says what each row will do; nothing is written yet.
    assert html.count('data-action="create"') == 2
    assert "Đèn LED Rạng Đông" in html and "Quyết định mới:" in html
    assert 'name="publish"' not in html  # editors cannot publish
    assert everything()[:6] == before[:6]
    response = client.post(response["Location"], {"publish": "1"})
    assert response.status_code == 302
    product = ProductPage.objects.get(title="Đèn LED Rạng Đông")
    assert not product.live
    assert product.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert product.get_latest_revision().user == editor
    record.refresh_from_db()
    assert (record.status, record.created, record.published) == ("applied", 2, False)
    # The upload page lists it; the preview of an applied import is gone, and confirming
    # again (a second click) says so and writes nothing.
    assert "qd-5012.csv" in client.get(UPLOAD).content.decode()
    written = everything()
    again = client.post(f"{UPLOAD}{record.pk}/", {"publish": "1"}, follow=True)
    assert "Bản xem trước này không còn" in again.content.decode()
    assert everything() == written


def test_someone_allowed_to_publish_may_publish_at_once_and_search_follows(
    client, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    location = upload(client, TWO_ROWS)["Location"]
    assert 'name="publish"' in client.get(location).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(location, {"publish": "1"})
    product = ProductPage.objects.get(title="Đèn LED Rạng Đông", locale__language_code="vi")
    assert product.live
    entry = CatalogueEntry.objects.get(translation_key=product.translation_key)
    assert entry.title_en == "Rạng Đông LED lighting"
    found = client.get("/api/catalogue/", {"q": "den huynh quang"}).json()["results"]
    assert [result["title"] for result in found] == ["Bóng đèn huỳnh quang"]


def test_the_same_file_again_changes_nothing_and_offers_no_confirmation(client, moderator):
    client.force_login(moderator)
    client.post(upload(client, TWO_ROWS)["Location"], {"publish": "1"})
    before = everything()
    html = client.get(upload(client, TWO_ROWS)["Location"]).content.decode()
    assert html.count('data-action="unchanged"') == 2
    assert "Tệp không thay đổi gì" in html and "Xác nhận nhập" not in html
    assert everything()[:6] == before[:6]


BAD_FILES = {
    "unknown column": (
        csv_bytes(row(), header=[*KEYS[:-1], "ghi chu x"]),
        "ghi chu x",
    ),
    "other encoding": (
        csv_bytes(row()).decode().encode("cp1258", errors="replace"),
        "UTF-8",
    ),
    "bad date": (csv_bytes(row(decision_date="31/02/2021")), "31/02/2021"),
    "year out of range": (csv_bytes(row(year="1999")), "1999"),
    "invalid tax code": (csv_bytes(row(tax_code="0101245487")), "0101245487"),
    "unknown sector": (csv_bytes(row(sector="Dien tu vien thong")), "Dien tu vien thong"),
    "unknown unit": (csv_bytes(row(unit="Phuong Hoan Kiem Moi")), "Phuong Hoan Kiem Moi"),
    "duplicate rows": (csv_bytes(row(), row()), "Đèn LED Rạng Đông"),
    "contradicting rows": (
        csv_bytes(row(), row(company_name="Công ty khác", product_name="Khác")),
        "Mã số thuế này đã dùng cho doanh nghiệp “Rạng Đông” ở dòng 2.",
    ),
    "empty file": (b"", ""),
    "header only": (csv_bytes(), ""),
    "not a spreadsheet": (b"PK\x03\x04 not really a zip", ""),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_explained_and_nothing_is_written(client, moderator, case):
    client.force_login(moderator)
    content, shown = BAD_FILES[case]
    name = "qd.xlsx" if case == "not a spreadsheet" else "qd.csv"
    before = everything()
    response = upload(client, content, name)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tệp bị từ chối" in html and "không có gì được ghi" in html
    assert shown in html
    assert everything() == before


def test_a_file_over_the_limit_is_refused(client, moderator, settings):
    settings.RECOGNITION_IMPORT_MAX_BYTES = 100
    client.force_login(moderator)
    before = everything()
    html = upload(client, TWO_ROWS).content.decode()
    assert "Tệp quá lớn" in html and "giới hạn là 100" in html
    assert everything() == before


def test_problems_are_explained_in_english_to_an_english_speaking_editor(client, moderator):
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(moderator)
    html = upload(client, csv_bytes(row(sector="Textiles and garment"))).content.decode()
    assert "This sector is not one of the official groups." in html
    assert "Textiles, garments, leather and footwear" in html


def test_an_xlsx_decision_is_imported_too(client, moderator):
    client.force_login(moderator)
    content = xlsx_bytes([list(row().values())])
    location = upload(client, content, "qd-5012.xlsx")["Location"]
    assert 'data-action="create"' in client.get(location).content.decode()


def test_the_templates_download_in_the_editors_language(client, editor):
    client.force_login(editor)
    response = client.get(f"{UPLOAD}mau.csv")
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-quyet-dinh.csv"'
    assert response.content.decode("utf-8-sig").startswith("Năm,Số quyết định")
    response = client.get(f"{UPLOAD}mau.xlsx")
    assert response.content[:2] == b"PK"
    assert client.get(f"{UPLOAD}mau.pdf").status_code == 404


def test_only_those_given_the_permission_may_import(client, site_tree):
    assert client.get(UPLOAD).status_code == 302  # to the login page
    nobody = User.objects.create_user("khach", password="mat-khau-thu-nghiem")
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(UPLOAD).status_code in (302, 403)
    assert client.get(f"{UPLOAD}mau.csv").status_code in (302, 403)


def test_previews_never_confirmed_are_deleted_after_the_retention_days(client, editor, settings):
    settings.RECOGNITION_IMPORT_PREVIEW_DAYS = 7
    client.force_login(editor)
    location = upload(client, TWO_ROWS)["Location"]
    abandoned = RecognitionImport.objects.get()
    applied_location = upload(client, TWO_ROWS, name="qd-da-nhap.csv")["Location"]
    client.post(applied_location, {})
    recent = upload(client, TWO_ROWS, name="qd-moi.csv")["Location"]
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    RecognitionImport.objects.exclude(file_name="qd-moi.csv").update(uploaded_at=eight_days_ago)

    call_command("purge_import_previews", verbosity=0)

    # The confirmed file stays as the record of the import; the fresh preview waits.
    assert sorted(RecognitionImport.objects.values_list("file_name", "status")) == [
        ("qd-da-nhap.csv", "applied"),
        ("qd-moi.csv", "previewed"),
    ]
    assert client.get(recent).status_code == 200
    # The editor who comes back to the deleted preview is told what happened.
    response = client.get(location, follow=True)
    assert response.redirect_chain[-1][0] == UPLOAD
    assert "đã bị xoá vì không được nhập sau 7 ngày" in response.content.decode()
    assert not RecognitionImport.objects.filter(pk=abandoned.pk).exists()
