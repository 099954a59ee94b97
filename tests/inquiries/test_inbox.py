"""The editors' inbox in the admin: list, filters, read, forward, answered, spam, export,
one person's data; editors and moderators only."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from core.editorial import EDITORS, MODERATORS
from inquiries.models import Inquiry, InquiryMail
from tests.inquiries.conftest import deliver_queued_mail, inquiry_data

pytestmark = pytest.mark.django_db

INBOX = "/admin/inquiries/"
FORM = "/lien-he-nha-cung-cap/"


def sign_in(client, group=EDITORS):
    user = User.objects.create_user(username=f"user-{group}", password="x")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def inquiries(client, suppliers):
    """Three buyers' inquiries, sent through the public form; the inbox's rows."""
    lamps, cables, _ = suppliers
    client.post(FORM, inquiry_data(lamps, cables))
    client.post(FORM, inquiry_data(cables, name="Minh Trần", email="minh@example.vn"))
    client.post(FORM, inquiry_data(lamps, name="Old Buyer", email="old@example.com"))
    Inquiry.objects.filter(name="Old Buyer").update(
        created_at=timezone.now() - datetime.timedelta(days=40)
    )
    deliver_queued_mail()
    mail.outbox.clear()
    return {inquiry.name: inquiry for inquiry in Inquiry.objects.all()}


def names(response) -> set[str]:
    return {inquiry.name for inquiry in response.context["object_list"]}


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_list_and_filter_the_inquiries(client, inquiries, suppliers, group):
    sign_in(client, group)
    lamps, cables, _ = suppliers
    response = client.get(INBOX)
    assert response.status_code == 200
    assert names(response) == {"Jane Buyer", "Minh Trần", "Old Buyer"}
    assert names(client.get(INBOX, {"companies": lamps.pk})) == {"Jane Buyer", "Old Buyer"}
    inquiries["Minh Trần"].status = Inquiry.Status.ANSWERED
    inquiries["Minh Trần"].save()
    assert names(client.get(INBOX, {"status": "answered"})) == {"Minh Trần"}
    since = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    assert names(client.get(INBOX, {"created_at_from": since})) == {"Jane Buyer", "Minh Trần"}


def test_nobody_else_sees_the_inbox(client, inquiries):
    sign_in(client, group=None)
    assert client.get(INBOX).status_code in (302, 403)
    client.logout()
    assert client.get(INBOX).status_code == 302  # to the admin's login


def test_an_editor_reads_an_inquiry_and_forwards_it_to_the_companies(client, inquiries):
    sign_in(client)
    inquiry = inquiries["Jane Buyer"]
    page = client.get(f"{INBOX}inspect/{inquiry.pk}/").content.decode()
    assert "We need 20 000 LED tubes a year." in page
    assert "kinhdoanh@rangdong.example.vn" in page  # the editor sees where it would go

    response = client.post(f"{INBOX}action/{inquiry.pk}/forward/", follow=True)
    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.FORWARDED and inquiry.forwarded_at
    assert mail.outbox == []  # queued, not sent by the request
    deliver_queued_mail()
    sent = {message.to[0]: message for message in mail.outbox}
    # Both contacts are private on the site: forwarding reaches them all the same.
    assert set(sent) == {"kinhdoanh@rangdong.example.vn", "sales@tranphu.example.vn"}
    forwarded = sent["sales@tranphu.example.vn"]
    assert forwarded.reply_to == ["jane@northwind.example.com"]
    assert "Kính gửi Công ty Cáp Trần Phú" in forwarded.body
    assert "We need 20 000 LED tubes a year." in forwarded.body


def test_a_company_without_a_contact_email_is_named_and_nothing_forwarded(client, inquiries):
    sign_in(client)
    inquiry = inquiries["Minh Trần"]
    inquiry.companies.get().__class__.objects.filter(pk=inquiry.companies.get().pk).update(
        contact_email=""
    )
    response = client.post(f"{INBOX}action/{inquiry.pk}/forward/", follow=True)
    assert "Chưa có thư điện tử liên hệ" in response.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.NEW
    assert not inquiry.mails.filter(kind=InquiryMail.Kind.FORWARD).exists()


def test_mark_answered_and_spam(client, inquiries):
    sign_in(client, MODERATORS)
    answered, spam = inquiries["Jane Buyer"], inquiries["Minh Trần"]
    client.post(f"{INBOX}action/{answered.pk}/answered/")
    client.post(f"{INBOX}action/{spam.pk}/spam/")
    answered.refresh_from_db()
    spam.refresh_from_db()
    assert answered.status == Inquiry.Status.ANSWERED and answered.answered_at
    assert spam.status == Inquiry.Status.SPAM
    assert client.get(f"{INBOX}action/{spam.pk}/spam/").status_code == 405


def test_the_inbox_exports_csv_and_xlsx(client, inquiries):
    sign_in(client)
    response = client.get(INBOX, {"export": "csv", "status": "new"})
    assert response.status_code == 200
    assert 'filename="yeu-cau-lien-he.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Ngày gửi", "Trạng thái", "Họ tên", "Tổ chức"]
    assert {row[2] for row in rows[1:]} == {"Jane Buyer", "Minh Trần", "Old Buyer"}
    jane = next(row for row in rows if row[2] == "Jane Buyer")
    assert "Công ty Rạng Đông" in jane[8] and "Công ty Cáp Trần Phú" in jane[8]

    xlsx = client.get(INBOX, {"export": "xlsx"})
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:3] == ["Ngày gửi", "Trạng thái", "Họ tên"]
    assert sheet.max_row == 4


def test_one_persons_data_is_exported_then_erased(client, inquiries):
    sign_in(client)
    tool = f"{INBOX}person-data/"
    assert client.get(tool).status_code == 200
    exported = client.post(tool, {"email": "JANE@northwind.example.com", "export": "1"})
    assert exported.status_code == 200
    data = json.loads(exported.content)
    assert [item["name"] for item in data["inquiries"]] == ["Jane Buyer"]
    assert data["inquiries"][0]["message"].startswith("We need 20 000 LED tubes")
    assert {m["kind"] for m in data["inquiries"][0]["mails"]} == {"department", "confirmation"}

    # Erasing needs the explicit confirmation.
    unconfirmed = client.post(tool, {"email": "jane@northwind.example.com", "erase": "1"})
    assert "Hãy xác nhận trước khi xoá." in unconfirmed.content.decode()
    assert Inquiry.objects.of_person("jane@northwind.example.com").exists()
    client.post(tool, {"email": "jane@northwind.example.com", "erase": "1", "confirm_erase": "on"})
    assert not Inquiry.objects.of_person("jane@northwind.example.com").exists()
    assert all("jane" not in str(m.recipients) for m in InquiryMail.objects.all())
    assert set(Inquiry.objects.values_list("name", flat=True)) == {"Minh Trần", "Old Buyer"}


def test_the_inbox_export_never_hands_a_formula_to_a_spreadsheet(client, suppliers):
    lamps, _cables, _ = suppliers
    client.post(FORM, inquiry_data(lamps, organisation='=HYPERLINK("http://x.example","Hi")'))
    sign_in(client)
    response = client.get(INBOX, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][3] == '\'=HYPERLINK("http://x.example","Hi")'
    xlsx = client.get(INBOX, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    cell = sheet.cell(row=2, column=4)
    assert cell.data_type == "s" and cell.value.startswith("'=")
