"""Applications under the personal-data rules: the privacy notice covers them, they go after
APPLICATION_RETENTION_DAYS with their files, and one person's data is exported or erased."""

import datetime
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from applications.models import Application, ApplicationFile, ApplicationMail
from core.editorial import EDITORS
from tests.applications.conftest import FORM, OTHER_TAX_CODE, application_data

pytestmark = pytest.mark.django_db

PERSON_DATA = "/admin/applications/person-data/"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def applied(client, selection_round):
    client.post(FORM, application_data())
    client.post(FORM, application_data(tax_code=OTHER_TAX_CODE, email="other@example.vn"))
    return Application.objects.get(email="an.nguyen@rangdong.example.vn")


def on_disk(root: Path) -> int:
    return len(list(root.rglob("*.pdf")))


def test_the_privacy_notice_covers_applications(client, settings):
    settings.APPLICATION_RETENTION_DAYS = 1095
    page = client.get("/du-lieu-ca-nhan/")
    assert "Đăng ký tham gia bình chọn" in page.text
    assert "mã số thuế" in page.text
    assert "được lưu 1095 ngày sau khi đợt bình chọn đóng" in page.text
    english = client.get("/en/personal-data/")
    assert "Applying to the selection" in english.text
    assert "kept 1095 days after the round closes" in english.text


def test_an_editor_exports_one_persons_applications(client, applied):
    editor = User.objects.create_user(username="editor", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    response = client.post(PERSON_DATA, {"email": "AN.NGUYEN@rangdong.example.vn", "export": "1"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="du-lieu-ca-nhan.json"'
    data = json.loads(response.content)
    (application,) = data["applications"]
    assert application["tax_code"] == "0100109106"
    assert application["contact_name"] == "Nguyễn Văn An"
    assert [f["name"] for f in application["files"]] == [
        "ho-so-nang-luc.pdf",
        "giay-chung-nhan.pdf",
    ]


def test_erasing_one_person_removes_their_applications_files_and_mails(
    client, applied, private_root, django_capture_on_commit_callbacks
):
    editor = User.objects.create_user(username="editor", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert on_disk(private_root) == 4
    unconfirmed = client.post(PERSON_DATA, {"email": applied.email, "erase": "1"})
    assert "Hãy xác nhận trước khi xoá." in unconfirmed.text
    assert Application.objects.count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            PERSON_DATA, {"email": applied.email, "erase": "1", "confirm_erase": "on"}
        )
    assert response.status_code == 302
    assert list(Application.objects.values_list("email", flat=True)) == ["other@example.vn"]
    assert ApplicationFile.objects.count() == 2
    assert ApplicationMail.objects.count() == 1
    assert on_disk(private_root) == 2


def test_purge_applications_runs_from_cron(
    applied, selection_round, settings, private_root, capsys, django_capture_on_commit_callbacks
):
    settings.APPLICATION_RETENTION_DAYS = 30
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_applications")
    assert Application.objects.count() == 2  # the round is still open
    selection_round.opens_at = timezone.now() - datetime.timedelta(days=100)
    selection_round.closes_at = timezone.now() - datetime.timedelta(days=31)
    selection_round.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_applications")
    assert "Deleted 2 applications" in capsys.readouterr().out
    assert Application.objects.count() == 0
    assert ApplicationFile.objects.count() == 0
    assert on_disk(private_root) == 0
