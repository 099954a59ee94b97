"""The department's contact (home.SiteSettings): address, ward, phone, e-mail and office hours
in the footer of every page in both languages, on event pages that ask visitors to register
by e-mail, and as sample values, never instructions, in the demo."""

import re

from django.core.management import call_command

from home.models import SiteSettings
from programme.factories import EventPageFactory
from tests.content import publish

CONTACT = {
    "address": "Số 12 phố Tràng Tiền",
    "address_en": "12 Tràng Tiền Street",
    "ward": "Phường Hoàn Kiếm",
    "ward_en": "Hoàn Kiếm Ward",
    "phone": "024 3825 0000",
    "email": "lienhe@sct.example",
    "office_hours": "Thứ Hai – Thứ Sáu, 8:00 – 17:00",
    "office_hours_en": "Monday – Friday, 8:00 – 17:00",
}


def footer(response) -> str:
    html = response.content.decode()
    return " ".join(html[html.index('<footer class="site-footer">') :].split())


def save_contact(**values):
    settings = SiteSettings.load()
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()  # as the admin's settings form does: the footer reads it afresh


def test_the_footer_shows_the_departments_contact_in_each_language(client, site_tree):
    save_contact(**CONTACT)
    vietnamese = footer(client.get("/"))
    assert "Số 12 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội" in vietnamese
    assert '<a href="tel:02438250000">024 3825 0000</a>' in vietnamese
    assert '<a href="mailto:lienhe@sct.example">lienhe@sct.example</a>' in vietnamese
    assert "Giờ làm việc: Thứ Hai – Thứ Sáu, 8:00 – 17:00" in vietnamese
    english = footer(client.get("/en/"))
    assert "12 Tràng Tiền Street, Hoàn Kiếm Ward, Hà Nội" in english
    assert "Office hours: Monday – Friday, 8:00 – 17:00" in english
    assert "Phường Hoàn Kiếm" not in english


def test_an_editors_change_reaches_the_footer_and_english_falls_back_to_vietnamese(
    client, site_tree
):
    save_contact(**CONTACT)
    client.get("/")
    save_contact(office_hours="Thứ Hai – Thứ Bảy, 7:30 – 16:30", office_hours_en="")
    assert "Giờ làm việc: Thứ Hai – Thứ Bảy, 7:30 – 16:30" in footer(client.get("/"))
    # No English text: the English footer shows the Vietnamese rather than nothing.
    assert "Office hours: Thứ Hai – Thứ Bảy, 7:30 – 16:30" in footer(client.get("/en/"))


def test_an_event_that_asks_for_registration_by_email_names_the_address(client, site_tree):
    save_contact(**CONTACT)
    by_mail = EventPageFactory(
        parent=site_tree.events,
        slug="hoi-nghi-dang-ky-thu",
        registration_details="<p>Đăng ký qua thư điện tử của ban tổ chức.</p>",
    )
    publish(by_mail, {"hoi-nghi-dang-ky-thu": "by-mail"})
    html = " ".join(client.get("/su-kien/hoi-nghi-dang-ky-thu/").content.decode().split())
    registration = html[html.index('id="registration-heading"') :]
    assert "Liên hệ: Sở Công Thương Hà Nội, thư điện tử" in registration
    assert 'href="mailto:lienhe@sct.example"' in registration
    english = " ".join(client.get("/en/events/by-mail/").content.decode().split())
    assert "Contact: Hanoi Department of Industry and Trade, email" in english
    # An event that names its own address or form keeps only that.
    own = EventPageFactory(
        parent=site_tree.events,
        slug="hoi-nghi-co-dia-chi",
        registration_details="<p>Gửi thư tới btc@hoinghi.example.</p>",
    )
    publish(own, {"hoi-nghi-co-dia-chi": "own-address"})
    html = client.get("/su-kien/hoi-nghi-co-dia-chi/").content.decode()
    assert "btc@hoinghi.example" in html and "Liên hệ: Sở Công Thương" not in html


def test_the_demo_fills_the_contact_with_marked_samples_not_instructions(client, db):
    call_command("load_demo")
    settings = SiteSettings.load()
    assert all(
        getattr(settings, name)
        for name in ("address", "address_en", "ward", "phone", "email", "office_hours")
    )
    vietnamese, english = footer(client.get("/")), footer(client.get("/en/"))
    assert "(dữ liệu mẫu)" in vietnamese and "(sample data)" in english
    assert "Giờ làm việc:" in vietnamese and "Office hours:" in english
    for text in (vietnamese, english):
        assert not re.search(r"Cài đặt ›|Settings ›|cập nhật trong|set it in", text)
