"""The company chooser of a product offers the Vietnamese tree's companies only."""

import pytest
from django.urls import reverse

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
