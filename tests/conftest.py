import pytest

from tests.sitetree import attach_rollback_snapshot, build_site_tree, get_site_tree

# What these modules check does not depend on the database: HTTP headers, markup, feeds,
# metadata, the API's description, settings, permissions walked through every URL. `make test`
# runs them on PostgreSQL and leaves them out of its SQLite pass (-m "not database_agnostic",
# scripts/run-tests.sh), which keeps what SQLite can change: models, pages, imports, the demo,
# the database search path, and the fuzzing of every search (SQLite's full-text syntax).
DATABASE_AGNOSTIC = {
    "tests/test_leak_walk.py",
    "tests/test_fuzz_parameters.py::test_recognitions_and_statistics_exports",
    "tests/test_fuzz_parameters.py::test_news_tags_and_years_in_the_path",
    "tests/test_fuzz_parameters.py::test_pages_with_query_strings",
    "tests/test_fuzz_parameters.py::test_inquiry_form_query_strings",
    "tests/test_fuzz_parameters.py::test_inquiry_form_posts",
    "tests/test_fuzz_parameters.py::test_wagtail_api",
    "tests/test_metadata.py",
    "tests/test_navigation.py",
    "tests/test_english_labels.py",
    "tests/test_discoverable.py",
    "tests/test_api_v2.py",
    "tests/test_rendering.py",
    "tests/test_settings.py",
    "tests/test_system_packages.py",
    "tests/core/test_security_headers.py",
    "tests/core/test_login_throttling.py",
    "tests/core/test_two_factor.py",
    "tests/news/test_feeds.py",
    "tests/search/test_openapi.py",
    "tests/search/test_without_engine_clients.py",
    # Not agnostic, but only possible there: worker processes need a database other processes
    # can open, and SQLite's test database is in memory (database.query._prepared_batches).
    "tests/search/test_rebuild_workers.py",
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    for item in items:
        module, _, test = item.nodeid.partition("::")
        if {module, f"{module}::{test.split('[')[0]}"} & DATABASE_AGNOSTIC:
            item.add_marker(pytest.mark.database_agnostic)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The bilingual skeleton, built once; each test runs in a transaction on top of it.

    Transactional tests (the live server's, the browser's) flush the database afterwards and
    ask for serialized rollback. Django serialized the database when it created it, before
    the skeleton existed, and restoring that would leave the next tests without a home page:
    the snapshot is taken again here, with the skeleton. Returns it, for connection objects
    made later (see tests/browser/conftest.py).
    """
    from django.db import connection, connections

    name = str(connection.settings_dict["NAME"])
    # Never on a real database: a module that only uses module-scoped fixtures gets no test
    # database from pytest-django unless one of its tests is marked django_db.
    assert name.startswith("test_") or "memory" in name, f"not a test database: {name}"
    with django_db_blocker.unblock():
        build_site_tree()
        snapshot = {
            each.alias: each.creation.serialize_db_to_string()
            for each in connections.all(initialized_only=True)
            if hasattr(each, "_test_serialized_contents")
        }
    attach_rollback_snapshot(snapshot)
    return snapshot


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches, as a database rollback leaves them full.

    Without this, what one test cached (the editors' synonyms, a route, the site settings)
    outlived its rolled-back rows and changed what the next test saw, depending on the order.
    """
    from django.core.cache import caches

    for alias in ("default", "local", "loaded-pages", "catalogue-answers", "search-visitors"):
        caches[alias].clear()


@pytest.fixture
def site_tree(db):
    return get_site_tree()


@pytest.fixture
def english(db):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
