"""No leaks: an anonymous visitor never sees what is private, on any public endpoint.

Private pages of every kind (drafts, newer drafts, scheduled pages and updates, expired
pages, pages with a password, login or group restriction on themselves or on a section above
them, products of a private company, documents in private collections) carry unique tokens;
the walk (tests/leakwalk/walk.py) visits every public endpoint and fails on any token it sees,
and on any URL pattern of the project it did not visit. Restrictions are added after
publishing, as an editor adds them. The database path runs on SQLite and PostgreSQL; the
engine path against the real node, with its indices (products, companies) kept up to date by
publishing alone.
"""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from core.editorial import MODERATORS
from search.catalogue.engine.client import as_dict, get_client, index_name
from search.catalogue.engine.companies import company_index_name, rebuild_companies
from search.catalogue.engine.indexing import rebuild
from tests.leakwalk.content import (
    KINDS,
    PASSWORD,
    build_applicants,
    build_private_companies,
    build_private_contacts,
    build_registrants,
    build_restricted_sections,
    build_states,
    open_registration,
    open_selection_round,
    publish_data_pages,
)
from tests.leakwalk.walk import Walk, unvisited_patterns, walk_site
from tests.sitetree import get_site_tree

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_path(settings):
    settings.SEARCH_URL = ""


@pytest.fixture
def engine_path(settings):
    """An empty catalogue alias of this test's own on the real node, which publishing then
    keeps up to date (as on a site); removed afterwards."""
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}{uuid.uuid4().hex[:10]}_"
    rebuild()
    rebuild_companies()
    yield
    client = get_client()
    for name in as_dict(client.indices.get(index=f"{index_name()}*")):
        client.indices.delete(index=name)


def walk(client, content, *, engine=False):
    # The pages that list the downloads and the figures, public as on the site.
    publish_data_pages(get_site_tree())
    # An event taking registrations: its form lists companies (issue 14).
    open_registration(get_site_tree())
    # This year's selection round, taking registrations of interest (issue 14).
    open_selection_round()
    if engine:
        call_command("update_index", verbosity=0)
        get_search_backend().get_index_for_model(Page).refresh()
        # The catalogue's writes become searchable at the engine's next refresh, within a
        # second; a walk that starts sooner would read the index as it was.
        get_client().indices.refresh(index=index_name())
        get_client().indices.refresh(index=company_index_name())
    visit = Walk(client=client, content=content)
    walk_site(visit)
    return visit


def assert_no_leaks(visit):
    assert visit.problems == [], f"{len(visit.problems)} problems:\n" + "\n".join(visit.problems)


def test_private_pages_never_show_and_every_endpoint_is_walked(client, site_tree, database_path):
    visit = walk(client, build_states(site_tree))
    assert_no_leaks(visit)
    assert unvisited_patterns(visit.paths) == []


def test_products_of_a_private_company_never_show(client, site_tree, database_path):
    assert_no_leaks(walk(client, build_private_companies(site_tree)))


def test_company_contacts_that_are_not_public_never_show(client, site_tree, database_path):
    assert_no_leaks(walk(client, build_private_contacts(site_tree)))


def test_event_registrants_never_show(client, site_tree, database_path):
    assert_no_leaks(walk(client, build_registrants(site_tree)))


def test_selection_applicants_and_their_dossiers_never_show(
    client, site_tree, database_path, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert_no_leaks(walk(client, build_applicants(site_tree)))


def test_a_url_pattern_the_walk_does_not_visit_is_named():
    # What the walks above assert empty: without visits, every public pattern is missing
    # (and the admin, skipped with its reason, is not).
    missing = unvisited_patterns(["/api/catalogue/", "/en/search/"])
    assert any(name.startswith("api/catalogue/suggest/ (") for name in missing)
    assert any(name.startswith("api/v2/^pages/<int:pk>/ (") for name in missing)
    assert "tim-kiem/ (search.views.search)" not in missing
    assert "sitemap.xml (wagtail.contrib.sitemaps.views.sitemap)" in missing
    assert "robots.txt (core.discovery.robots_txt)" in missing
    assert not any(name.startswith("admin/") for name in missing)


@pytest.mark.parametrize("restriction", KINDS)
def test_pages_in_private_sections_never_show(client, site_tree, database_path, restriction):
    assert_no_leaks(walk(client, build_restricted_sections(site_tree, restriction)))


@pytest.mark.engine
def test_private_pages_never_show_on_the_engine_path(client, site_tree, engine_path):
    visit = walk(client, build_states(site_tree), engine=True)
    assert_no_leaks(visit)
    assert unvisited_patterns(visit.paths) == []


@pytest.mark.engine
def test_products_of_a_private_company_never_show_on_the_engine_path(
    client, site_tree, engine_path
):
    assert_no_leaks(walk(client, build_private_companies(site_tree), engine=True))


@pytest.mark.engine
def test_company_contacts_that_are_not_public_never_show_on_the_engine_path(
    client, site_tree, engine_path
):
    assert_no_leaks(walk(client, build_private_contacts(site_tree), engine=True))


@pytest.mark.engine
@pytest.mark.parametrize("restriction", KINDS)
def test_pages_in_private_sections_never_show_on_the_engine_path(
    client, site_tree, engine_path, restriction
):
    assert_no_leaks(walk(client, build_restricted_sections(site_tree, restriction), engine=True))


# Documents: private only in a private collection (README, "Private documents") -------------


def private_document(kind):
    collection = Collection.get_first_root_node().add_child(name="Tài liệu nội bộ")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection,
        restriction_type=kind,
        password=PASSWORD if kind == CollectionViewRestriction.PASSWORD else "",
    )
    restriction.groups.set([Group.objects.get(name=MODERATORS)])
    document = get_document_model().objects.create(
        title="Biên bản họp hội đồng",
        file=ContentFile(b"bien ban noi bo", name="bien-ban.csv"),
        collection=collection,
    )
    return document, restriction


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("kind", KINDS)
def test_a_document_in_a_private_collection_is_not_served_anonymously(client, kind):
    document, restriction = private_document(kind)

    response = client.get(document.url)
    if kind == CollectionViewRestriction.PASSWORD:
        assert response.status_code == 200
        assert b"authenticate_with_password" in response.content
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/_util/login/")
    assert b"bien ban noi bo" not in body(response)
    # Nor is its file under /media/, which the development server and the proxy serve.
    assert client.get(f"/media/{document.file.name}").status_code == 404

    # Whoever the collection admits gets it.
    moderator = get_user_model().objects.create_user("nguoi-duyet-tai-lieu")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client.force_login(moderator)
    if kind == CollectionViewRestriction.PASSWORD:
        client.post(
            f"/documents/authenticate_with_password/{restriction.pk}/",
            {"password": PASSWORD, "return_url": document.url},
        )
    allowed = client.get(document.url)
    assert allowed.status_code == 200
    assert body(allowed) == b"bien ban noi bo"


def test_a_public_document_is_served_only_through_wagtail(client):
    document = get_document_model().objects.create(
        title="Quyết định công nhận",
        file=ContentFile(b"quyet dinh", name="quyet-dinh.csv"),
        collection=Collection.get_first_root_node(),
    )
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == b"quyet dinh"
    assert client.get(f"/media/{document.file.name}").status_code == 404
