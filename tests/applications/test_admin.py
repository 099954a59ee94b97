"""The editors' side: applications listed by round and status, inspected with their files,
their status changed with a mail to the company each time, exported as CSV and XLSX with no
formula left alive; editors and moderators only."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from openpyxl import load_workbook

from applications.models import Application, ApplicationMail
from core.editorial import EDITORS, MODERATORS
from tests.applications.conftest import FORM, FORM_EN, OTHER_TAX_CODE, application_data
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = pytest.mark.django_db

APPLICATIONS = "/admin/applications/"


def sign_in(client, group=EDITORS):
    user = User.objects.create_user(username=f"user-{group}", password="x")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def applied(client, selection_round):
    client.post(FORM, application_data())
    client.post(
        FORM_EN,
        application_data(
            company_name='=HYPERLINK("http://x")',
            tax_code=OTHER_TAX_CODE,
            email="sales@example.com",
            language="en",
        ),
    )
    deliver_queued_mail()
    mail.outbox.clear()
    client.logout()
    return {a.tax_code: a for a in Application.objects.all()}


def companies(response) -> set[str]:
    return {application.company_name for application in response.context["object_list"]}


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_list_filter_and_inspect_with_the_files(client, applied, selection_round, group):
    sign_in(client, group)
    listing = client.get(APPLICATIONS, {"selection_round": selection_round.pk})
    assert listing.status_code == 200
    assert len(companies(listing)) == 2
    applied[OTHER_TAX_CODE].status = "complete"
    applied[OTHER_TAX_CODE].save()
    assert companies(client.get(APPLICATIONS, {"status": "complete"})) == {'=HYPERLINK("http://x")'}
    first = Application.objects.get(tax_code="0100109106")
    inspect = client.get(f"{APPLICATIONS}inspect/{first.pk}/")
    assert inspect.status_code == 200
    for stored in first.files.all():
        assert f'href="/admin/applications/files/{stored.pk}/"' in inspect.text
        assert stored.original_name in inspect.text
    assert "Xác nhận đã nhận: Đã gửi" in inspect.text  # the queue's outcome, per mail


def test_nobody_else_sees_the_applications(client, applied):
    sign_in(client, group=None)
    first = Application.objects.first()
    for url in (
        APPLICATIONS,
        f"{APPLICATIONS}inspect/{first.pk}/",
        f"{APPLICATIONS}edit/{first.pk}/",
    ):
        assert client.get(url).status_code in (302, 403), url
    client.logout()
    assert client.get(APPLICATIONS).status_code == 302


def test_each_status_change_mails_the_company_in_its_language(client, applied):
    sign_in(client)
    application = applied[OTHER_TAX_CODE]  # applied in English
    edit = f"{APPLICATIONS}edit/{application.pk}/"
    assert client.post(edit, {"status": "incomplete"}).status_code == 302
    assert client.post(edit, {"status": "incomplete"}).status_code == 302  # unchanged: no mail
    assert client.post(edit, {"status": "complete"}).status_code == 302
    application.refresh_from_db()
    assert application.status == "complete"
    assert application.company_name == '=HYPERLINK("http://x")'  # as the company wrote it
    deliver_queued_mail()
    subjects = [message.subject for message in mail.outbox]
    assert len(subjects) == 2
    assert subjects[0].endswith(": incomplete")
    assert subjects[1].endswith(": complete")
    assert "is incomplete" in mail.outbox[0].body
    assert "is complete and goes forward" in mail.outbox[1].body
    assert all(message.to == ["sales@example.com"] for message in mail.outbox)
    assert ApplicationMail.objects.filter(kind="status").count() == 2


def test_the_applications_export_as_csv_and_xlsx_with_formulas_neutralised(client, applied):
    sign_in(client)
    response = client.get(APPLICATIONS, {"export": "csv"})
    assert response.status_code == 200
    assert 'filename="dang-ky-binh-chon.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == [
        "Ngày đăng ký",
        "Đợt bình chọn",
        "Trạng thái",
        "Doanh nghiệp",
        "Mã số thuế",
    ]
    assert {row[3] for row in rows[1:]} == {
        "Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
        '\'=HYPERLINK("http://x")',
    }
    xlsx = client.get(APPLICATIONS, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 3
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
