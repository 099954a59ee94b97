"""Registering interest in the selection: the form in both languages, storing first, the
confirmation in the applicant's language through the mail queue; closed rounds, duplicates,
bad tax codes, bots, the per-address limit."""

import datetime

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.utils import timezone

from applications.models import Application, ApplicationMail
from tests.applications.conftest import FORM, FORM_EN, OTHER_TAX_CODE, application_data
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = pytest.mark.django_db


def test_the_form_opens_with_the_round_in_each_language(client, selection_round):
    page = client.get(FORM)
    assert page.status_code == 200
    assert f"Đợt bình chọn năm {selection_round.year} nhận đăng ký đến" in page.text
    assert "Doanh nghiệp đăng ký và nộp hồ sơ" in page.text
    assert 'href="/du-lieu-ca-nhan/"' in page.text
    assert "csrfmiddlewaretoken" in page.text
    english = client.get(FORM_EN)
    assert english.status_code == 200
    assert "Companies register and send their dossier" in english.text
    assert english.context["form"]["language"].value() == "en"


def test_applying_stores_first_then_mails_a_confirmation_in_the_chosen_language(
    client, selection_round
):
    response = client.post(FORM_EN, application_data(language="en", tax_code=" 0100109106-001"))
    assert response.status_code == 302
    assert response["Location"] == "/en/apply-for-selection/received/"
    assert client.get(response["Location"]).status_code == 200

    application = Application.objects.get()
    assert application.selection_round == selection_round
    assert application.tax_code == "0100109106-001"
    assert application.status == "received"
    assert application.consented_at is not None
    assert mail.outbox == []  # stored; the mail waits for the worker
    deliver_queued_mail()
    deliver_queued_mail()  # nothing is sent twice
    (message,) = mail.outbox
    assert message.to == ["an.nguyen@rangdong.example.vn"]
    assert message.subject.startswith(f"Application for the {selection_round.year} selection")
    assert "Hello Nguyễn Văn An," in message.body
    assert "Bóng đèn LED A60" in message.body
    assert ApplicationMail.objects.get().status == "sent"


def test_a_vietnamese_applicant_reads_vietnamese(client, selection_round):
    assert client.post(FORM, application_data()).status_code == 302
    deliver_queued_mail()
    (message,) = mail.outbox
    assert message.subject.startswith(f"Đã nhận đăng ký tham gia bình chọn {selection_round.year}")
    assert "Xin chào Nguyễn Văn An," in message.body


def test_a_closed_round_says_so_names_the_next_and_stores_nothing(client, next_round):
    page = client.get(FORM)
    assert page.status_code == 200
    assert "Hiện không có đợt bình chọn nào đang nhận đăng ký." in page.text
    assert f"Đợt bình chọn năm {next_round.year} sẽ nhận đăng ký từ" in page.text
    assert "csrfmiddlewaretoken" not in page.text
    english = client.post(FORM_EN, application_data())
    assert english.status_code == 409
    assert "not taking applications" in english.text
    assert Application.objects.count() == 0


def test_a_round_that_closed_between_page_and_post_refuses_clearly(client, selection_round):
    client.get(FORM)
    selection_round.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    selection_round.save()
    response = client.post(FORM, application_data())
    assert response.status_code == 409
    assert "Đợt bình chọn đã đóng nhận đăng ký; không có gì được lưu." in response.text
    assert Application.objects.count() == 0


def test_the_same_tax_code_applies_once_per_round(client, selection_round):
    assert client.post(FORM, application_data()).status_code == 302
    again = client.post(FORM_EN, application_data(email="other@rangdong.example.vn"))
    assert again.status_code == 409
    assert "already applied in this round" in again.text
    assert again.context["form"]["company_name"].value().startswith("Công ty")  # kept
    assert Application.objects.count() == 1
    assert ApplicationMail.objects.count() == 1
    other = client.post(FORM, application_data(tax_code=OTHER_TAX_CODE))
    assert other.status_code == 302
    assert Application.objects.count() == 2


@pytest.mark.parametrize(
    ("tax_code", "message"),
    [
        ("0100109107", "check digit (its 10th digit) is wrong"),
        ("12345", "A tax code is 10 digits"),
        ("=1+2", "A tax code is 10 digits"),
        ("01001091060101", "A tax code is 10 digits"),
    ],
)
def test_a_bad_tax_code_is_refused_in_the_visitors_language(
    client, selection_round, tax_code, message
):
    response = client.post(FORM_EN, application_data(tax_code=tax_code))
    assert response.status_code == 400
    assert message in response.text
    assert response.context["form"]["products"].value() == "Bóng đèn LED A60"
    assert Application.objects.count() == 0


def test_without_consent_nothing_is_stored(client, selection_round):
    data = application_data()
    del data["consent"]
    response = client.post(FORM, data)
    assert response.status_code == 400
    assert "Cần có sự đồng ý của bạn" in response.text
    assert Application.objects.count() == 0


def test_a_bot_filling_the_hidden_field_is_thanked_and_ignored(client, selection_round):
    response = client.post(FORM, application_data(leave_empty="http://spam.example"))
    assert response.status_code == 302
    assert Application.objects.count() == 0
    assert ApplicationMail.objects.count() == 0


@override_settings(APPLICATION_LIMIT_PER_ADDRESS="2/h")
def test_one_address_stores_a_limited_number(client, selection_round):
    for tax_code in ("0100109106", OTHER_TAX_CODE):
        assert client.post(FORM, application_data(tax_code=tax_code)).status_code == 302
    third = client.post(FORM, application_data(tax_code="0100100079"))
    assert third.status_code == 429
    assert "vui lòng thử lại sau" in third.text
    assert Application.objects.count() == 2


def test_the_form_is_protected_by_csrf(selection_round):
    response = Client(enforce_csrf_checks=True).post(FORM, application_data())
    assert response.status_code == 403
    assert Application.objects.count() == 0
