"""The organisers' side: registrations listed per event with their counts, exported, and the
business-matching table (who asked to meet each company) with its download; editors and
moderators only."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from core.editorial import EDITORS, MODERATORS
from programme.models import EventPage, EventRegistration, EventRegistrationMail
from tests.events.conftest import FORM, FORM_EN, registration_data

pytestmark = pytest.mark.django_db

REGISTRATIONS = "/admin/event_registrations/"
EVENTS = f"{REGISTRATIONS}events/"


def sign_in(client, group=EDITORS):
    user = User.objects.create_user(username=f"user-{group}", password="x")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


@pytest.fixture
def registered(client, event, companies):
    """Three registrants through the public form (capacity 2: the third waits)."""
    lamps, cables = companies
    client.post(FORM_EN, registration_data(lamps, cables))
    client.post(
        FORM,
        registration_data(
            cables, name='=HYPERLINK("http://x")', email="minh@example.vn", language="vi"
        ),
    )
    client.post(FORM_EN, registration_data(name="Late Comer", email="late@example.com"))
    client.logout()
    return {registration.name: registration for registration in EventRegistration.objects.all()}


def names(response) -> set[str]:
    return {registration.name for registration in response.context["object_list"]}


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_see_the_registrations_per_event_with_their_counts(
    client, registered, event, group
):
    sign_in(client, group)
    events = client.get(EVENTS)
    assert events.status_code == 200
    (row,) = events.context["events"]
    assert (row.pk, row.confirmed, row.waiting) == (event.pk, 2, 1)
    listing = client.get(REGISTRATIONS, {"event": event.pk})
    assert listing.status_code == 200
    assert names(listing) == {"Jane Buyer", '=HYPERLINK("http://x")', "Late Comer"}
    assert names(client.get(REGISTRATIONS, {"status": "waiting"})) == {"Late Comer"}
    late = registered["Late Comer"]
    assert client.get(f"{REGISTRATIONS}inspect/{late.pk}/").status_code == 200


def test_nobody_else_sees_the_registrations(client, registered, event):
    sign_in(client, group=None)
    for url in (REGISTRATIONS, EVENTS, f"{REGISTRATIONS}matching/{event.pk}/"):
        assert client.get(url).status_code in (302, 403), url
    client.logout()
    assert client.get(REGISTRATIONS).status_code == 302  # to the admin's login


def test_the_registrations_of_an_event_export_as_csv_and_xlsx(client, registered, event):
    sign_in(client)
    response = client.get(REGISTRATIONS, {"event": event.pk, "export": "csv"})
    assert response.status_code == 200
    assert 'filename="dang-ky-su-kien.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Ngày đăng ký", "Sự kiện", "Trạng thái", "Họ tên"]
    assert {row[3] for row in rows[1:]} == {
        "Jane Buyer",
        '\'=HYPERLINK("http://x")',  # never a formula in a spreadsheet
        "Late Comer",
    }
    xlsx = client.get(REGISTRATIONS, {"event": event.pk, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.max_row == 4


def test_the_matching_table_names_who_asked_to_meet_each_company(
    client, registered, event, companies
):
    sign_in(client)
    matching = f"{REGISTRATIONS}matching/{event.pk}/"
    page = client.get(matching)
    assert page.status_code == 200
    asked = {
        request.company.title: [r.name for r in request.registrations]
        for request in page.context["requests"]
    }
    assert asked == {
        "Công ty Cáp Trần Phú": ["Jane Buyer", '=HYPERLINK("http://x")'],
        "Công ty Rạng Đông": ["Jane Buyer"],
    }
    # The company's private contacts are not the organisers' table's business either.
    assert "rangdong.example.vn" not in page.text

    response = client.get(matching, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == [
        "Doanh nghiệp",
        "Người muốn gặp",
        "Tổ chức",
        "Chức vụ",
        "Quốc gia",
        "Thư điện tử",
        "Điện thoại",
        "Trạng thái",
    ]
    assert [row[:2] for row in rows[1:]] == [
        ["Công ty Cáp Trần Phú", "Jane Buyer"],
        ["Công ty Cáp Trần Phú", '\'=HYPERLINK("http://x")'],
        ["Công ty Rạng Đông", "Jane Buyer"],
    ]
    xlsx = client.get(matching, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert values[1][1] == '\'=HYPERLINK("http://x")'
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert client.get(matching, {"format": "pdf"}).status_code == 404


def test_purge_registrations_runs_from_cron(registered, event, settings, capsys):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    call_command("purge_registrations")
    assert "Deleted 0 registrations" in capsys.readouterr().out
    # The event ended 31 days ago: its registrations, and their mail, go.
    ended = timezone.now() - datetime.timedelta(days=31)
    EventPage.objects.filter(pk=event.pk).update(starts_at=ended, ends_at=ended)
    call_command("purge_registrations")
    assert "Deleted 3 registrations" in capsys.readouterr().out
    assert EventRegistration.objects.count() == 0
    assert EventRegistrationMail.objects.count() == 0


def test_one_persons_registrations_are_exported_then_erased(client, registered):
    sign_in(client)
    tool = f"{REGISTRATIONS}person-data/"
    exported = client.post(tool, {"email": "LATE@example.com", "export": "1"})
    assert exported.status_code == 200
    data = json.loads(exported.content)
    assert [r["name"] for r in data["registrations"]] == ["Late Comer"]
    assert data["registrations"][0]["event"] == "Hội nghị kết nối giao thương 2027"
    unconfirmed = client.post(tool, {"email": "late@example.com", "erase": "1"})
    assert "Hãy xác nhận trước khi xoá." in unconfirmed.text
    assert EventRegistration.objects.count() == 3
    erased = client.post(
        tool, {"email": "late@example.com", "erase": "1", "confirm_erase": "on"}, follow=True
    )
    assert "Đã xoá vĩnh viễn 1 đăng ký tham dự." in erased.text
    assert set(EventRegistration.objects.values_list("name", flat=True)) == {
        "Jane Buyer",
        '=HYPERLINK("http://x")',
    }


def test_the_privacy_notice_covers_event_registrations(client, settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 90
    text = client.get("/en/personal-data/").text
    assert "Event registration" in text
    assert "Registrations are kept 90 days after the event ends" in text
