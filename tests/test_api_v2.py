"""Wagtail's API v2 at /api/v2/ (home.api): public pages with the catalogue's fields, the
images they use, nothing else, read-only.

The leak walk (tests/test_leak_walk.py) throws every kind of private page at it too; these
tests state what a reuser gets.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from core.editorial import MODERATORS
from products.factories import CertificationFactory, ImageFactory, SectorFactory
from products.models import ProductCertification, ProductPage
from tests.content import make_company, make_product, publish
from tests.leakwalk.content import PASSWORD

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
IMAGES = "/api/v2/images/"


def get(client, path, params=None):
    response = client.get(path, params or {})
    return response.status_code, json.loads(response.content)


def listed(client, **params) -> dict:
    status, data = get(client, PAGES, {"limit": "20", **params})
    assert status == 200
    return {item["id"]: item for item in data["items"]}


@pytest.fixture
def catalogue(site_tree):
    sector = SectorFactory(slug="dien-dien-tu")
    company = make_company(
        site_tree,
        title="Rạng Đông",
        slug="rang-dong",
        legal_name="Công ty Cổ phần Rạng Đông",
        contact_email="lien-he@rangdong.example",
        contact_phone="024 3858 4310",
        contact_email_public=True,
    )
    product = make_product(
        site_tree,
        company=company,
        title="Đèn LED Rạng Đông",
        slug="den-led",
        sector=sector,
        summary="Đèn LED tiết kiệm điện.",
        recognitions=[{"year": 2023, "is_top10": True}],
    )
    ProductCertification.objects.create(
        page=product, certification=CertificationFactory(slug="iso-9001", name="ISO 9001")
    )
    publish(product, translate=False)
    return {"company": company, "product": product, "sector": sector}


def test_a_product_comes_with_its_catalogue_fields(client, catalogue):
    product, company = catalogue["product"], catalogue["company"]

    status, data = get(client, f"{PAGES}{product.pk}/")

    assert status == 200
    assert data["title"] == "Đèn LED Rạng Đông"
    assert data["meta"]["type"] == "products.ProductPage"
    assert data["summary"] == "Đèn LED tiết kiệm điện."
    assert data["company"]["id"] == company.pk
    assert data["company"]["title"] == "Rạng Đông"
    assert data["company"]["html_url"].endswith("/doanh-nghiep/rang-dong/")
    assert data["sector"]["slug"] == "dien-dien-tu"
    assert data["sector"]["name"] == catalogue["sector"].name
    assert [c["slug"] for c in data["certifications"]] == ["iso-9001"]
    assert [(r["year"], r["is_top10"]) for r in data["recognitions"]] == [(2023, True)]
    assert data["image"]["id"] == product.image_id


def test_products_are_listed_by_type_with_their_fields(client, catalogue):
    items = listed(client, type="products.ProductPage", fields="summary,sector", locale="vi")

    assert list(items) == [catalogue["product"].pk]
    assert items[catalogue["product"].pk]["sector"]["slug"] == "dien-dien-tu"


def test_a_company_shows_only_the_contacts_it_agreed_to_publish(client, catalogue):
    status, data = get(client, f"{PAGES}{catalogue['company'].pk}/")

    assert status == 200
    assert data["legal_name"] == "Công ty Cổ phần Rạng Đông"
    assert data["public_contact_email"] == "lien-he@rangdong.example"
    assert data["public_contact_phone"] == ""
    body = json.dumps(data)
    assert "3858" not in body
    assert "contact_phone" not in {key for key in data if key != "public_contact_phone"}


def _restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password=PASSWORD if kind == "password" else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get(name=MODERATORS)])
    return restriction


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_a_restricted_page_is_neither_listed_nor_served(client, catalogue, kind):
    product = catalogue["product"]
    _restrict(product, kind)

    assert product.pk not in listed(client)
    assert get(client, f"{PAGES}{product.pk}/")[0] == 404
    assert get(client, f"{PAGES}find/", {"html_path": "/san-pham/den-led/"})[0] == 404


def test_a_visitor_who_knows_the_password_still_gets_public_pages_only(client, catalogue):
    product = catalogue["product"]
    restriction = _restrict(product, "password")
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{product.pk}/",
        {"password": PASSWORD, "return_url": product.url},
    )
    assert client.get(product.url).status_code == 200  # the page itself opens for them

    assert get(client, f"{PAGES}{product.pk}/")[0] == 404


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_products_of_a_private_company_are_left_out(client, catalogue, kind):
    _restrict(catalogue["company"], kind)

    items = listed(client)
    assert catalogue["product"].pk not in items
    assert catalogue["company"].pk not in items
    assert get(client, f"{PAGES}{catalogue['product'].pk}/")[0] == 404


def test_drafts_scheduled_and_expired_pages_are_left_out(client, catalogue, site_tree):
    company = catalogue["company"]
    draft = ProductPage.objects.get(pk=catalogue["product"].pk)
    draft = make_product(
        site_tree, company=company, title="Bản nháp", slug="ban-nhap", translate=False
    )
    draft.unpublish()
    expired = make_product(
        site_tree, company=company, title="Hết hạn", slug="het-han", translate=False
    )
    # Past its expiry time, before `publish_scheduled` has run: still live in the database.
    ProductPage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    scheduled = make_product(
        site_tree, company=company, title="Hẹn giờ", slug="hen-gio", translate=False
    )
    scheduled.unpublish()
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live

    items = listed(client, type="products.ProductPage", locale="vi")
    assert list(items) == [catalogue["product"].pk]
    for page in (draft, expired, scheduled):
        assert get(client, f"{PAGES}{page.pk}/")[0] == 404
    # Searching finds what is public only.
    _, found = get(client, PAGES, {"search": "Hết hạn"})
    assert found["items"] == []


def test_images_are_those_public_pages_use(client, catalogue, site_tree):
    used = catalogue["product"].image
    unused = ImageFactory(title="Ảnh chưa dùng")
    private = make_product(
        site_tree, company=catalogue["company"], title="Sản phẩm riêng", slug="rieng"
    )
    _restrict(private, "login")

    status, data = get(client, IMAGES, {"limit": "20"})

    assert status == 200
    assert [item["id"] for item in data["items"]] == [used.pk]
    assert get(client, f"{IMAGES}{used.pk}/")[0] == 200
    _, found = get(client, IMAGES, {"search": "Đèn LED"})
    assert [item["id"] for item in found["items"]] == [used.pk]
    for image in (unused, private.image):
        assert get(client, f"{IMAGES}{image.pk}/")[0] == 404


def test_an_image_of_a_page_that_is_no_longer_public_leaves_the_listing(client, catalogue):
    product = catalogue["product"]
    assert get(client, IMAGES)[1]["items"] != []
    for page in product.get_translations(inclusive=True):
        page.unpublish()

    assert get(client, IMAGES)[1]["items"] == []


def test_there_is_no_documents_endpoint_and_nothing_can_be_written(client, catalogue):
    assert client.get("/api/v2/documents/").status_code == 404
    for path in (PAGES, f"{PAGES}{catalogue['product'].pk}/", IMAGES):
        assert client.post(path, {}).status_code == 405
        assert client.delete(path).status_code == 405


def test_a_listing_costs_the_same_queries_however_many_products(client, catalogue, site_tree):
    def count():
        with CaptureQueriesContext(connection) as queries:
            items = listed(client, type="products.ProductPage", fields="*")
        return len(items), len(queries)

    listed_before, before = count()
    for number in range(5):
        make_product(
            site_tree,
            company=catalogue["company"],
            title=f"Sản phẩm {number}",
            slug=f"san-pham-{number}",
            translate=False,
        )
    listed_after, after = count()

    assert (listed_before, listed_after) == (2, 7)
    assert after == before
