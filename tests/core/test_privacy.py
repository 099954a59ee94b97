"""A restriction set on one language's page applies to its translations at once."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.content import make_company, make_product


@pytest.fixture
def product(site_tree):
    company = make_company(site_tree)
    return make_product(
        site_tree,
        company=company,
        title="Máy lọc nước",
        slug="may-loc-nuoc",
        english={"Máy lọc nước": "Water purifier", "may-loc-nuoc": "water-purifier"},
    )


def restrictions(page):
    return {
        restriction.page.locale.language_code: (
            restriction.restriction_type,
            restriction.password,
            sorted(restriction.groups.values_list("name", flat=True)),
        )
        for restriction in PageViewRestriction.objects.filter(
            page__translation_key=page.translation_key
        )
    }


def test_restricting_one_language_restricts_the_other(client, product, site_tree):
    english = site_tree.translation(product)
    assert client.get(english.url).status_code == 200
    PageViewRestriction.objects.create(
        page=product, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert restrictions(product) == {
        "vi": ("password", "s3cret", []),
        "en": ("password", "s3cret", []),
    }
    response = client.get(english.url)
    assert response.status_code == 200
    assert "Water purifier" not in response.content.decode().split("<main", 1)[-1]
    assert 'name="password"' in response.content.decode()


def test_changes_and_groups_follow_and_lifting_lifts_both(client, product, site_tree):
    english = site_tree.translation(product)
    restriction = PageViewRestriction.objects.create(
        page=english, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(product.url).status_code == 302
    restriction.restriction_type = PageViewRestriction.GROUPS
    restriction.save()
    restriction.groups.set([Group.objects.create(name="Buyers")])
    assert restrictions(product) == {
        "vi": ("groups", "", ["Buyers"]),
        "en": ("groups", "", ["Buyers"]),
    }
    restriction.delete()
    assert restrictions(product) == {}
    assert client.get(product.url).status_code == 200
    assert client.get(english.url).status_code == 200


def test_deleting_a_restricted_page_keeps_its_translation_restricted(product, site_tree):
    english = site_tree.translation(product)
    PageViewRestriction.objects.create(page=product, restriction_type=PageViewRestriction.LOGIN)
    product.delete()
    # What is left of the product is as private as it was: only an editor lifts that.
    assert PageViewRestriction.objects.filter(page=english).count() == 1
