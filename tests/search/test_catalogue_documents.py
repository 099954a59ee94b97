"""Search documents built for a batch of products: the same documents, at a fixed cost.

The documents' contents are asserted with the engine path (tests/search/test_catalogue_engine.py)
and the database path (test_catalogue_database.py); here, what batching must not change.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from products.documents import product_document, product_documents
from products.factories import AdministrativeUnitFactory, CertificationFactory, MarketFactory
from products.models import ProductCertification, ProductMarket, ProductPage
from tests.content import make_company, make_product

pytestmark = pytest.mark.django_db

# View restrictions, product pages, recognitions, certifications, markets, sectors, company
# pages, units, and the pages' parents (for their URLs).
QUERIES_PER_BATCH = 9


@pytest.fixture
def products(site_tree):
    """Ten bilingual products of three companies, each with its own vocabulary rows."""
    companies = [
        make_company(
            site_tree,
            title=f"Công ty {index}",
            slug=f"cong-ty-{index}",
            unit=AdministrativeUnitFactory(),
        )
        for index in range(3)
    ]
    made = []
    for index in range(10):
        product = make_product(
            site_tree,
            company=companies[index % 3],
            title=f"Đèn LED {index}",
            slug=f"den-led-{index}",
            english={f"Đèn LED {index}": f"LED lamp {index}", f"den-led-{index}": f"led-{index}"},
            recognitions=[{"year": 2020 + index % 4, "is_top10": index % 2 == 0}],
        )
        ProductCertification.objects.create(page=product, certification=CertificationFactory())
        ProductMarket.objects.create(page=product, market=MarketFactory())
        made.append(product)
    return made


def queries(build) -> int:
    with CaptureQueriesContext(connection) as captured:
        build()
    return len(captured)


def test_a_batch_costs_the_same_queries_for_two_products_or_ten(products):
    keys = [str(product.translation_key) for product in products]
    product_documents(keys)  # Wagtail caches the sites' root paths on first use.

    two = queries(lambda: product_documents(keys[:2]))
    ten = queries(lambda: product_documents(keys))
    one = queries(lambda: product_document(keys[0]))

    assert two == ten == one <= QUERIES_PER_BATCH
    assert len(product_documents(keys)) == 10


def test_a_batch_gives_each_product_its_own_document(products):
    keys = [product.translation_key for product in products]

    batch = product_documents([*keys, "00000000-0000-0000-0000-000000000000"])

    assert list(batch) == [str(key) for key in keys]
    for product in products:
        document = batch[str(product.translation_key)]
        assert document == product_document(product.translation_key)
        assert document["url_vi"] == product.get_url()
        assert document["company_url_vi"] == product.company.get_url()
        assert document["unit"] == product.company.unit.slug
        [link] = product.certification_links.all()
        assert document["certifications"] == [link.certification.slug]
        assert document["years"] == [str(product.recognitions.get().year)]


def test_a_url_is_wagtails_own_even_for_a_slug_with_diacritics(site_tree, products):
    # Editors' slugs are made ASCII (core.pages); an imported one may not be.
    product = products[0]
    ProductPage.objects.filter(pk=product.pk).update(
        slug="thép", url_path=f"{site_tree.products.url_path}thép/"
    )
    product.refresh_from_db()

    document = product_document(product.translation_key)

    assert document["url_vi"] == product.get_url() == "/san-pham/th%C3%A9p/"


def test_a_renamed_parent_is_in_the_next_document(site_tree, products):
    """Parent URLs are read per call: a long-running process never serves an old one."""
    key = products[0].translation_key
    assert product_document(key)["url_vi"] == "/san-pham/den-led-0/"

    index = site_tree.products.specific
    index.slug = "danh-muc"
    index.save_revision().publish()

    assert product_document(key)["url_vi"] == "/danh-muc/den-led-0/"
