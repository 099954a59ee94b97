"""The synthetic benchmark catalogue (manage.py generate_catalogue) on the test database.

The command only runs under the benchmark settings; here `settings.BENCHMARK` stands in for
them so it writes to the (throwaway) test database.
"""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from core.text import fold_text
from products.documents import product_document
from products.models import CompanyPage, ProductPage, ProductRecognition
from search.catalogue.contract import CatalogueQuery
from search.catalogue.database.query import rebuild_entries, search_database
from search.models import CatalogueEntry, CatalogueFacetValue, CatalogueNameWord

pytestmark = pytest.mark.django_db

PRODUCTS = 30


@pytest.fixture
def bench(settings):
    settings.BENCHMARK = True
    return settings


def generate(seed=7, products=PRODUCTS, *options):
    out = io.StringIO()
    call_command(
        "generate_catalogue", "--products", str(products), "--seed", str(seed), *options, stdout=out
    )
    return out.getvalue()


def catalogue():
    """What a visitor could tell apart: every page's language, title, URL, and its records."""
    products = [
        (
            page.locale.language_code,
            page.title,
            page.url,
            page.summary,
            page.company.title,
            page.sector.slug,
            sorted((r.year, r.is_top10) for r in page.recognitions.all()),
        )
        for page in ProductPage.objects.select_related("locale", "company", "sector")
        .prefetch_related("recognitions")
        .order_by("path")
    ]
    companies = [
        (page.locale.language_code, page.title, page.url, page.unit_id)
        for page in CompanyPage.objects.select_related("locale").order_by("path")
    ]
    return products, companies


def entries():
    rows = {
        str(entry.translation_key): (entry.text, entry.folded_text, json.dumps(entry.document))
        for entry in CatalogueEntry.objects.all()
    }
    facets = sorted(
        (str(row.entry.translation_key), row.group, row.value, row.label_vi, row.label_en)
        for row in CatalogueFacetValue.objects.select_related("entry")
    )
    words = sorted(
        (str(row.entry.translation_key), row.folded, row.word, row.occurrences)
        for row in CatalogueNameWord.objects.select_related("entry")
    )
    return rows, facets, words


def test_refuses_outside_the_benchmark_settings():
    with pytest.raises(CommandError, match="config.settings.bench"):
        generate()
    assert not ProductPage.objects.exists()


def test_products_and_companies_in_both_languages_live_and_public(bench, site_tree):
    output = generate()

    assert f"Generated {PRODUCTS} products" in output
    vi = ProductPage.objects.live().public().filter(locale__language_code="vi")
    en = ProductPage.objects.live().public().filter(locale__language_code="en")
    assert vi.count() == en.count() == PRODUCTS
    assert set(vi.values_list("translation_key", flat=True)) == set(
        en.values_list("translation_key", flat=True)
    )
    companies = CompanyPage.objects.live().public()
    assert (
        companies.filter(locale__language_code="vi").count()
        == companies.filter(locale__language_code="en").count()
    )
    # Roughly one company for three to five products.
    assert PRODUCTS / 5 <= companies.filter(locale__language_code="vi").count() <= PRODUCTS / 3 + 1
    product = vi.select_related("company").first()
    english = product.get_translation(site_tree.translation(site_tree.products).locale)
    assert english.url.startswith("/en/products/") and product.url.startswith("/san-pham/")
    assert english.title != product.title
    assert product.company.locale.language_code == "vi"
    assert ProductRecognition.objects.filter(page=english).count() == (
        ProductRecognition.objects.filter(page=product).count()
    )
    # The tree is what treebeard would have built: fixtree finds nothing to repair.
    out = io.StringIO()
    call_command("fixtree", stdout=out)
    assert "missing a subclass record" not in out.getvalue()
    assert out.getvalue().count("No problems found.") == 2, out.getvalue()


def test_same_seed_same_catalogue_other_seed_another(bench, site_tree):
    generate(seed=7)
    first = catalogue()
    generate(seed=8)
    other = catalogue()
    assert "already there" in generate(seed=8)
    generate(seed=7, products=PRODUCTS)

    assert catalogue() == first
    assert other != first
    assert len(other[0]) == len(first[0]) == 2 * PRODUCTS


def test_entries_are_the_database_paths_own(bench, site_tree):
    generate()
    bulk = entries()

    rebuild_entries()

    assert entries() == bulk
    for key, (_, _, document) in bulk[0].items():
        assert json.loads(document) == json.loads(json.dumps(product_document(key)))


def test_catalogue_search_finds_a_generated_product_by_its_folded_title(bench, site_tree):
    generate()
    product = ProductPage.objects.filter(locale__language_code="vi").order_by("path")[3]

    found = search_database(CatalogueQuery(q=fold_text(product.title)))

    assert found["results"][0]["title"] == product.title
    assert found["results"][0]["url"] == product.url
