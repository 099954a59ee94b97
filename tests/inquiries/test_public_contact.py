"""A company's contact on its public page: only what editors marked public (default: none).
The leak walk (tests/test_leak_walk.py) checks every other public response."""

import pytest

from tests.content import make_company

pytestmark = pytest.mark.django_db


def test_contacts_show_only_when_marked_public(client, site_tree):
    company = make_company(
        site_tree,
        contact_email="lienhe@congty.example.vn",
        contact_phone="024 1234 5678",
    )
    page = client.get("/doanh-nghiep/cong-ty-den-sang/").content.decode()
    assert "lienhe@congty.example.vn" not in page and "024 1234 5678" not in page
    assert "Liên hệ nhà cung cấp này" in page  # buyers still reach it through the form

    company.contact_email_public = True
    company.save_revision().publish()
    page = client.get("/doanh-nghiep/cong-ty-den-sang/").content.decode()
    assert 'href="mailto:lienhe@congty.example.vn"' in page
    assert "024 1234 5678" not in page

    company.contact_phone_public = True
    company.save_revision().publish()
    assert "024 1234 5678" in client.get("/doanh-nghiep/cong-ty-den-sang/").content.decode()


def test_the_choices_are_off_for_a_new_company(site_tree):
    company = make_company(site_tree, contact_email="a@b.vn")
    assert company.contact_email_public is False and company.contact_phone_public is False
