"""A product's company is a Vietnamese company page: the chooser offers only those, and the
admin refuses an English one."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from products.factories import SectorFactory
from products.models import ProductPage
from tests.content import make_company

COMPANIES = {"page_type": "products.companypage"}


@pytest.fixture
def rang_dong(site_tree):
    return make_company(
        site_tree, title="Rạng Đông", slug="rang-dong", english={"Rạng Đông": "Rạng Sáng Lamps"}
    )


def modal_html(client, url, params):
    response = client.get(url, params)
    assert response.status_code == 200
    # The browse views answer the modal's JSON, the search its results' HTML.
    if response["Content-Type"].startswith("application/json"):
        return response.json()["html"]
    return response.content.decode()


def test_browsing_for_a_company_stays_in_the_vietnamese_tree(admin_client, site_tree, rang_dong):
    english_index = site_tree.translation(site_tree.companies)
    top = modal_html(admin_client, reverse("wagtailadmin_choose_page"), COMPANIES)
    assert "Trang chủ" in top
    assert f"/admin/choose-page/{site_tree.translation(site_tree.home).pk}/" not in top
    vietnamese = reverse("wagtailadmin_choose_page_child", args=[site_tree.companies.pk])
    assert "Rạng Đông" in modal_html(admin_client, vietnamese, COMPANIES)
    english = reverse("wagtailadmin_choose_page_child", args=[english_index.pk])
    assert "Rạng Sáng Lamps" not in modal_html(admin_client, english, COMPANIES)


def test_searching_for_a_company_finds_its_vietnamese_page_only(admin_client, rang_dong):
    found = modal_html(
        admin_client, reverse("wagtailadmin_choose_page_search"), {**COMPANIES, "q": "Rạng"}
    )
    assert "Rạng Đông" in found and "Rạng Sáng Lamps" not in found


def test_other_choosers_still_offer_both_trees(admin_client, site_tree, rang_dong):
    found = modal_html(admin_client, reverse("wagtailadmin_choose_page_search"), {"q": "Rạng"})
    assert "Rạng Đông" in found and "Rạng Sáng Lamps" in found


def product_form(company, sector) -> dict:
    return nested_form_data(
        {
            "title": "Máy thử nghiệm",
            "slug": "may-thu-nghiem",
            "company": company.pk,
            "summary": "",
            "description": streamfield([]),
            "sector": sector.pk,
            "hs_code": "",
            "standards": "",
            "certification_links": inline_formset([]),
            "market_links": inline_formset([]),
            "specifications": streamfield([]),
            "gallery_images": inline_formset([]),
            "recognitions": inline_formset(
                [
                    {
                        "year": 2025,
                        "is_top10": "",
                        "decision": "",
                        "decision_reference": "",
                        "valid_until": "",
                        "source_url": "",
                        "note": "",
                    }
                ]
            ),
        }
    )


def test_the_admin_refuses_a_product_linked_to_an_english_company(
    admin_client, site_tree, rang_dong, english
):
    add = reverse("wagtailadmin_pages:add", args=["products", "productpage", site_tree.products.pk])
    sector = SectorFactory()
    refused = admin_client.post(add, product_form(rang_dong.get_translation(english), sector))
    assert refused.status_code == 200
    assert "“Rạng Sáng Lamps” là trang doanh nghiệp bằng tiếng Anh" in refused.content.decode()
    assert not ProductPage.objects.filter(slug="may-thu-nghiem").exists()
    accepted = admin_client.post(add, product_form(rang_dong, sector))
    assert accepted.status_code == 302
    assert ProductPage.objects.get(slug="may-thu-nghiem").company_id == rang_dong.pk
