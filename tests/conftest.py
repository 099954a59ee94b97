import pytest

from tests.sitetree import build_site_tree, get_site_tree


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # The bilingual skeleton is built once; each test runs in a transaction on top of it.
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    # Never on a real database: a module that only uses module-scoped fixtures gets no test
    # database from pytest-django unless one of its tests is marked django_db.
    assert name.startswith("test_") or "memory" in name, f"not a test database: {name}"
    with django_db_blocker.unblock():
        build_site_tree()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches, as a database rollback leaves them full.

    Without this, what one test cached (the editors' synonyms, a route, the site settings)
    outlived its rolled-back rows and changed what the next test saw, depending on the order.
    """
    from django.core.cache import caches

    for alias in ("default", "local"):
        caches[alias].clear()


@pytest.fixture
def site_tree(db):
    return get_site_tree()


@pytest.fixture
def english(db):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")
