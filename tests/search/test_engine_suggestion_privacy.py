"""The engine's "did you mean" never offers the words of a product that left the catalogue.

Its phrase suggester draws candidates from the index's term dictionary, where a deleted
document's words stay until segments merge: a near miss of a private product's name used to
bring the name back as a suggestion.
"""

import uuid

import pytest
from wagtail.models import PageViewRestriction

from search.catalogue.contract import CatalogueQuery
from search.catalogue.engine.client import as_dict, get_client, index_name
from search.catalogue.engine.indexing import rebuild
from search.catalogue.engine.query import search_catalogue
from tests.content import make_company, make_product
from tests.leakwalk.content import restrict

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture
def catalogue(settings):
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    yield
    client = get_client()
    for name in as_dict(client.indices.get(index=f"{index_name()}*")):
        client.indices.delete(index=name)


def suggestion(q):
    return search_catalogue(CatalogueQuery(q=q))["suggestion"]


def test_a_private_products_name_is_not_suggested(catalogue, site_tree, admin_user):
    company = make_company(site_tree, title="Minh Phát", slug="minh-phat")
    make_product(site_tree, company=company, title="Vicostone", slug="vicostone")
    secret = make_product(site_tree, company=company, title="Quasarlamp", slug="quasarlamp")
    rebuild()
    assert suggestion("quasarlanp") == "quasarlamp"
    assert suggestion("vicostome") == "vicostone"

    restrict(secret, PageViewRestriction.LOGIN, user=admin_user)
    get_client().indices.refresh(index=index_name())

    assert suggestion("quasarlanp") is None
    assert suggestion("vicostome quasarlanp") != "vicostone quasarlamp"
    assert suggestion("vicostome") == "vicostone"
