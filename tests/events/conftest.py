"""An event open for registration on the site (bilingual), companies to meet, and a
registrant's form as a browser sends it."""

import datetime

import pytest
from django.utils import timezone

from programme.factories import EventPageFactory
from tests.content import make_company, publish

ENGLISH = {
    "Hội nghị kết nối giao thương 2027": "Business matching conference 2027",
    "hoi-nghi-ket-noi-2027": "business-matching-2027",
    "Công ty Rạng Đông": "Rang Dong Company",
    "rang-dong": "rang-dong",
    "Công ty Cáp Trần Phú": "Tran Phu Cable Company",
    "cap-tran-phu": "tran-phu-cable",
}
FORM = "/su-kien/hoi-nghi-ket-noi-2027/dang-ky/"
FORM_EN = "/en/events/business-matching-2027/register/"
EVENT = "/su-kien/hoi-nghi-ket-noi-2027/"
EVENT_EN = "/en/events/business-matching-2027/"


@pytest.fixture
def companies(site_tree):
    lamps = make_company(
        site_tree,
        title="Công ty Rạng Đông",
        slug="rang-dong",
        english=ENGLISH,
        contact_email="kinhdoanh@rangdong.example.vn",
        contact_phone="024 3858 4310",
    )
    cables = make_company(
        site_tree,
        title="Công ty Cáp Trần Phú",
        slug="cap-tran-phu",
        english=ENGLISH,
        contact_email="sales@tranphu.example.vn",
    )
    return lamps, cables


@pytest.fixture
def event(site_tree, companies):
    page = EventPageFactory(
        parent=site_tree.events,
        title="Hội nghị kết nối giao thương 2027",
        slug="hoi-nghi-ket-noi-2027",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=4),
        address="1 Đại lộ Thăng Long, Hà Nội",
        registration_on_site=True,
        business_matching=True,
        capacity=2,
    )
    publish(page, ENGLISH)
    return page


def registration_data(*companies, **changes) -> dict:
    data = {
        "name": "Jane Buyer",
        "organisation": "Northwind Lighting Ltd",
        "role": "Purchasing manager",
        "country": "GB",
        "email": "jane@northwind.example.com",
        "phone": "",
        "language": "en",
        "companies": [str(company.pk) for company in companies],
        "q": "",
        "consent": "on",
        "leave_empty": "",
    }
    return data | changes
