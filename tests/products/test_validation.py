import pytest
from django.core.exceptions import ValidationError

from products.validators import validate_hs_code, validate_tax_code


@pytest.mark.parametrize("value", ["0101234567", "0101234567-001"])
def test_valid_tax_codes(value):
    validate_tax_code(value)


@pytest.mark.parametrize(
    "value", ["010123456", "01012345678", "0101234567-01", "01O1234567", "0101234567 001"]
)
def test_invalid_tax_codes_are_explained_in_vietnamese(value):
    with pytest.raises(ValidationError) as error:
        validate_tax_code(value)
    assert "Mã số thuế phải gồm 10 chữ số" in error.value.messages[0]


@pytest.mark.parametrize("value", ["8539", "853952", "8539.52", "8539.52.00"])
def test_valid_hs_codes(value):
    validate_hs_code(value)


@pytest.mark.parametrize("value", ["853", "85395", "ab39", "8539.5"])
def test_invalid_hs_codes(value):
    with pytest.raises(ValidationError):
        validate_hs_code(value)


def test_company_form_rejects_a_bad_tax_code_and_keeps_the_page(client, site_tree, admin_user):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from products.models import CompanyPage

    client.force_login(admin_user)
    response = client.post(
        f"/admin/pages/add/products/companypage/{site_tree.companies.pk}/",
        nested_form_data(
            {
                "title": "Công ty Sai Mã",
                "slug": "cong-ty-sai-ma",
                "tax_code": "12345",
                "legal_name": "",
                "brand_name": "",
                "summary": "",
                "address": "",
                "website": "",
                "contact_email": "",
                "contact_phone": "",
                "body": streamfield([]),
                "recognitions": inline_formset([]),
            }
        ),
    )
    assert response.status_code == 200
    assert "Mã số thuế phải gồm 10 chữ số" in response.content.decode()
    assert not CompanyPage.objects.filter(slug="cong-ty-sai-ma").exists()
