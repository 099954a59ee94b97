"""The catalogue search ranks what people look for first, on every path (issue 3's target).

The relevance corpus (lab/relevance/corpus.toml: fictional companies, confusable products,
queries in nine categories) is built once for the module in a transaction rolled back at
its end, and measured per path like the contract suite: "database" always (SQLite or
PostgreSQL, whichever the suite runs on), "engine" against the real node. The failure
message is the whole report: per-category figures and every query that missed.
"""

import csv
from collections import Counter
from pathlib import Path

import pytest
from django.db import transaction

from core.text import fold_text
from lab.relevance.corpus import CATEGORIES, COMPANIES, QUERIES
from lab.relevance.measure import (
    build_corpus,
    engine_index,
    format_report,
    measure,
)
from search.synonyms import forget_synonyms
from tests.sitetree import get_site_tree

PATHS = [
    pytest.param("database", id="database"),
    pytest.param("engine", id="engine", marks=pytest.mark.engine),
]
DEMO_CSV = Path(__file__).resolve().parents[2] / "home/demo/recognized_products.csv"


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            tree = get_site_tree()
            yield build_corpus(products_index=tree.products, companies_index=tree.companies)
            transaction.set_rollback(True)
        forget_synonyms()  # the synonyms are cached; the rows are gone


@pytest.fixture(scope="module", params=PATHS)
def report(request, corpus, django_db_blocker):
    with django_db_blocker.unblock():
        if request.param == "database":
            return measure(path="database", keys=corpus)
        from django.conf import settings

        assert settings.SEARCH_URL, "engine tests run with SEARCH_URL (make test sets it)"
        with engine_index():
            return measure(path="engine", keys=corpus)


# The mark matters even though the fixtures open the database themselves: pytest-django
# creates the test database only for a session that has a test marked so; without one, the
# module-scoped fixtures would build the corpus in the configured (development) database.
@pytest.mark.django_db
def test_mean_reciprocal_rank_meets_the_target_in_every_category(report):
    print(format_report(report))  # the figures, shown with -s
    assert report.outcomes and not report.categories_below_target(), format_report(report)


def test_the_query_set_covers_every_category_with_several_queries():
    counts = Counter(query.category for query in QUERIES)
    assert len(QUERIES) >= 60
    assert (
        set(counts)
        == set(CATEGORIES)
        == {
            "diacritics",
            "no_diacritics",
            "typo",
            "english",
            "synonym",
            "company",
            "hs_sector",
            "case_nfd",
            "buyer",
        }
    )
    assert min(counts.values()) >= 5, counts


def test_the_corpus_names_no_company_of_the_real_programme():
    # The corpus is fictional; the demo's CSV lists the real recognised companies.
    with DEMO_CSV.open(encoding="utf-8") as file:
        real = {
            fold_text(row["company_name_vi"].split("(")[0].strip()) for row in csv.DictReader(file)
        }
    invented = {fold_text(company.name) for company in COMPANIES}
    assert real and not real & invented
