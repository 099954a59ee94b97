"""No leaks: an anonymous visitor never sees what is private, on any public endpoint.

Private pages of every kind (drafts, newer drafts, scheduled pages and updates, expired
pages, pages with a password, login or group restriction on themselves or on a section above
them, products of a private company) carry unique tokens; the walk (tests/leakwalk/walk.py)
visits every public endpoint and fails on any token it sees, and on any URL pattern of the
project it did not visit. Restrictions are added after publishing, as an editor adds them.
The database path runs on SQLite and PostgreSQL; the engine path against the real node.
"""

import uuid

import pytest

from search.catalogue.engine import as_dict, get_client, index_name
from search.catalogue.indexing import rebuild
from tests.leakwalk.content import KINDS, build_restricted_sections, build_states
from tests.leakwalk.walk import Walk, unvisited_patterns, walk_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_catalogue(settings):
    """A catalogue alias of this test's own on the real node, removed afterwards."""
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    yield
    client = get_client()
    for name in as_dict(client.indices.get(index=f"{index_name()}*")):
        client.indices.delete(index=name)


def walk(client, content):
    visit = Walk(client=client, content=content)
    walk_site(visit)
    return visit


def assert_no_leaks(visit):
    import os
    if os.environ.get("LEAKWALK_DUMP"):
        open(os.environ["LEAKWALK_DUMP"], "w").write("\n".join(visit.problems) + f"\nrequests {visit.requests}\n")
    assert visit.problems == [], f"{len(visit.problems)} problems:\n" + "\n".join(visit.problems)


# Database path ---------------------------------------------------------------------------


@pytest.mark.parametrize("restriction", KINDS)
def test_pages_in_restricted_sections_never_show(client, site_tree, settings, restriction):
    settings.SEARCH_URL = ""
    assert_no_leaks(walk(client, build_restricted_sections(site_tree, restriction)))


def test_private_pages_never_show_and_every_endpoint_is_walked(client, site_tree, settings):
    settings.SEARCH_URL = ""
    import time
    t=time.time()
    c = build_states(site_tree)
    print("build", time.time()-t)
    t=time.time()
    visit = walk(client, c)
    print("walk", time.time()-t, visit.requests)
    assert_no_leaks(visit)
    assert unvisited_patterns(visit.paths) == []
