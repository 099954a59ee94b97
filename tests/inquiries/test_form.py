"""The buyer's form: reached from a product, a company or ticked results; storing only;
errors in the visitor's language with nothing lost; honeypot, limits and sizes."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from inquiries.models import Inquiry, InquiryMail
from tests.content import make_company
from tests.inquiries.conftest import inquiry_data
from tests.leakwalk.content import restrict

pytestmark = pytest.mark.django_db

FORM = "/lien-he-nha-cung-cap/"
FORM_EN = "/en/contact-supplier/"


def shown_suppliers(response) -> list[str]:
    return [label for _, label in response.context["form"].fields["company"].choices]


def test_a_company_page_and_a_product_page_link_to_the_form_for_their_maker(
    client, suppliers, site_tree
):
    lamps, _, product = suppliers
    company_page = client.get("/doanh-nghiep/rang-dong/").content.decode()
    assert f'href="/lien-he-nha-cung-cap/?company={lamps.pk}"' in company_page
    assert "Liên hệ nhà cung cấp này" in company_page
    english = client.get("/en/products/rang-dong-led-lamps/").content.decode()
    english_lamps = site_tree.translation(lamps)
    assert f'href="/en/contact-supplier/?company={english_lamps.pk}"' in english
    assert "Contact this supplier" in english


def test_the_form_names_the_suppliers_in_the_visitors_language(client, suppliers, site_tree):
    lamps, cables, product = suppliers
    english_cables = site_tree.translation(cables)
    # A product's maker and a company named by its English page: both, once each.
    response = client.get(
        FORM_EN, {"product": [product.pk], "company": [english_cables.pk, lamps.pk]}
    )
    assert response.status_code == 200
    assert shown_suppliers(response) == ["Rang Dong Company", "Tran Phu Cable Company"]
    form = response.context["form"]
    assert form["language"].value() == "en"
    assert form["company"].value() == [lamps.pk, cables.pk]  # stored: the Vietnamese pages
    vietnamese = client.get(FORM, {"company": [lamps.pk]})
    assert shown_suppliers(vietnamese) == ["Công ty Rạng Đông"]
    assert vietnamese.context["form"]["language"].value() == "vi"


def test_without_suppliers_the_form_says_where_to_choose_them(client, site_tree):
    response = client.get(FORM_EN, {"company": ["abc", "99999999", "١٢"]})
    assert response.status_code == 200
    assert "No supplier chosen yet" in response.content.decode()


def test_a_private_or_unpublished_company_is_never_offered(client, suppliers, site_tree):
    lamps, cables, _ = suppliers
    hidden = make_company(site_tree, title="Công ty Bí Mật", slug="bi-mat")
    restrict(hidden, PageViewRestriction.LOGIN, user=None)
    cables.unpublish()
    response = client.get(FORM, {"company": [lamps.pk, cables.pk, hidden.pk]})
    assert shown_suppliers(response) == ["Công ty Rạng Đông"]
    assert "Bí Mật" not in response.content.decode()
    # Nor can a form posted by hand reach them.
    refused = client.post(FORM, inquiry_data(hidden))
    assert refused.status_code == 400
    assert Inquiry.objects.count() == 0


def test_sending_stores_the_inquiry_queues_its_mail_and_confirms_in_the_buyers_language(
    client, suppliers
):
    lamps, cables, _ = suppliers
    response = client.post(FORM, inquiry_data(lamps, cables, language="en"))
    # Sent from the Vietnamese page in English: the confirmation is English.
    assert response.status_code == 302
    assert response["Location"] == "/en/contact-supplier/sent/"
    inquiry = Inquiry.objects.get()
    assert inquiry.status == Inquiry.Status.NEW
    assert inquiry.name == "Jane Buyer" and inquiry.country.code == "GB"
    assert inquiry.language == "en" and inquiry.consented_at is not None
    assert set(inquiry.companies.all()) == {lamps, cables}
    # Only queued: the request itself sends nothing.
    assert mail.outbox == []
    assert sorted(inquiry.mails.values_list("kind", flat=True)) == ["confirmation", "department"]
    assert DBTaskResult.objects.filter(queue_name="mail", status="READY").count() == 2
    confirmation = client.get(response["Location"])
    assert "Inquiry sent" in confirmation.content.decode()


def test_errors_are_in_the_visitors_language_and_nothing_typed_is_lost(client, suppliers):
    lamps, _, _ = suppliers
    data = inquiry_data(lamps, email="not an address", consent="", message="")
    response = client.post(FORM_EN, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please correct the fields marked below" in page
    assert "Enter a valid email address." in page
    assert "We can only pass your inquiry on with your consent" in page
    # What was typed is still there.
    assert 'value="Northwind Lighting Ltd"' in page and 'value="not an address"' in page
    assert Inquiry.objects.count() == 0
    vietnamese = client.post(FORM, data).content.decode()
    assert "Cần có sự đồng ý của bạn" in vietnamese


def test_at_most_ten_suppliers_and_every_field_has_a_size_limit(client, site_tree):
    companies = [
        make_company(site_tree, title=f"Công ty {n}", slug=f"cong-ty-{n}") for n in range(11)
    ]
    response = client.post(
        FORM_EN,
        inquiry_data(*companies, name="N" * 121, message="m" * 5001, phone="0" * 41),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["company"] == ["One inquiry goes to at most 10 suppliers; you chose 11."]
    assert set(errors) >= {"name", "message", "phone"}
    assert "Ensure this value has at most 120 characters" in errors["name"][0]
    assert Inquiry.objects.count() == 0


def test_the_honeypot_stores_and_sends_nothing_but_looks_like_success(client, suppliers):
    lamps, _, _ = suppliers
    response = client.post(FORM_EN, inquiry_data(lamps, leave_empty="http://spam.example"))
    assert response.status_code == 302 and response["Location"] == "/en/contact-supplier/sent/"
    assert Inquiry.objects.count() == 0 and InquiryMail.objects.count() == 0


def test_one_address_is_limited_with_a_clear_message_and_the_text_kept(client, suppliers, settings):
    settings.INQUIRY_LIMIT_PER_ADDRESS = "2/h"
    lamps, _, _ = suppliers
    for number in range(2):
        data = inquiry_data(lamps, email=f"buyer{number}@example.com")
        assert client.post(FORM_EN, data).status_code == 302
    refused = client.post(FORM_EN, inquiry_data(lamps, email="third@example.com"))
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "You have sent several inquiries in a short time" in page
    assert 'value="third@example.com"' in page
    assert Inquiry.objects.count() == 2
    # Another client is not affected.
    other = client.post(FORM_EN, inquiry_data(lamps), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_one_email_address_is_limited_whatever_the_client(client, suppliers, settings):
    settings.INQUIRY_LIMIT_PER_EMAIL = "2/d"
    lamps, _, _ = suppliers
    for number in range(2):
        response = client.post(FORM, inquiry_data(lamps), REMOTE_ADDR=f"203.0.113.{number}")
        assert response.status_code == 302
    refused = client.post(
        FORM, inquiry_data(lamps, email="JANE@northwind.example.com"), REMOTE_ADDR="203.0.113.9"
    )
    assert refused.status_code == 429
    assert "Bạn đã gửi nhiều yêu cầu trong thời gian ngắn" in refused.content.decode()
    assert Inquiry.objects.count() == 2


def test_the_privacy_notice_is_linked_from_the_form_in_both_languages(client, suppliers):
    lamps, _, _ = suppliers
    form = client.get(FORM_EN, {"company": lamps.pk}).content.decode()
    assert 'href="/en/personal-data/"' in form
    notice = client.get("/en/personal-data/").content.decode()
    assert "Personal data notice" in notice and "365 days" in notice
    assert "Thông báo về xử lý dữ liệu cá nhân" in client.get("/du-lieu-ca-nhan/").content.decode()
