"""A product behind a view restriction leaves every public catalogue surface at once.

Editors restrict pages after publishing them, through the admin's privacy dialog: on the
product, on its company, or on any ancestor. The catalogue's search data (database entries
and engine documents) must follow once the change is committed, on both paths, and come back
when the restriction is lifted; `check_catalogue_index` finds and repairs what was missed.
"""

import io
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from search.catalogue.sync import update_products
from tests.content import make_company, make_product

TOKEN = "quartzvine"  # a word no other content has, searched for on every surface
# What a listed product shows: its names, summary and URLs (the query itself is echoed back
# in search boxes, so the token alone proves nothing).
SHOWN = ("Máy lọc nước", "Water purifier", "Tóm tắt", "may-loc-nuoc", "/purifier/")


@pytest.fixture
def restricted_catalogue(site_tree, path):
    company = make_company(site_tree, title="Hồng Hà", slug="hong-ha")
    secret = make_product(
        site_tree,
        company=company,
        title=f"Máy lọc nước {TOKEN}",
        slug="may-loc-nuoc",
        summary=f"Tóm tắt {TOKEN}.",
        english={f"Máy lọc nước {TOKEN}": f"Water purifier {TOKEN}", "may-loc-nuoc": "purifier"},
        recognitions=[{"year": 2021}],
    )
    other = make_company(site_tree, title="Minh Khai", slug="minh-khai")
    visible = make_product(
        site_tree,
        company=other,
        title="Ống thép Minh Khai",
        slug="ong-thep",
        english={"Ống thép Minh Khai": "Minh Khai steel pipes", "ong-thep": "steel-pipes"},
        recognitions=[{"year": 2021}],
    )
    if path == "engine":
        from search.catalogue.engine.indexing import rebuild

        rebuild()
    else:
        update_products([secret.translation_key, visible.translation_key])
    return {"company": company, "secret": secret, "visible": visible, "tree": site_tree}


def public_surfaces(client) -> dict[str, str]:
    """What an anonymous visitor reads on every surface that lists catalogue products."""
    pages = {
        "api": "/api/catalogue/",
        "api q": f"/api/catalogue/?q={TOKEN}",
        "api en": f"/api/catalogue/?lang=en&q={TOKEN}",
        "suggest": f"/api/catalogue/suggest/?q={TOKEN[:5]}",
        "catalogue vi": "/san-pham/",
        "catalogue vi q": f"/san-pham/?q={TOKEN}",
        "catalogue en": "/en/products/",
        "site search vi": f"/tim-kiem/?q={TOKEN}",
        "site search en": f"/en/search/?q={TOKEN}",
    }
    seen = {}
    for name, url in pages.items():
        response = client.get(url)
        # A listing below a restricted ancestor is itself restricted: a password form or
        # the way to the login; the search endpoints stay open.
        allowed = (200, 302) if name.startswith("catalogue") else (200,)
        assert response.status_code in allowed, (name, response.status_code)
        seen[name] = response.content.decode()
    return seen


def leaks(client) -> list[str]:
    if settings.SEARCH_URL:
        # Writes become searchable at the engine's next refresh (within a second): now.
        from search.catalogue.engine.client import get_client, index_name

        get_client().indices.refresh(index=index_name())
    return [
        name
        for name, body in public_surfaces(client).items()
        if any(shown in body for shown in SHOWN)
    ]


def assert_still_listed(client, catalogue):
    data = json.loads(client.get("/api/catalogue/").content)
    assert "Ống thép Minh Khai" in [result["title"] for result in data["results"]]


def restrict(page, kind, *, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind, **extra)
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.set([Group.objects.get_or_create(name="Buyers")[0]])
    return restriction


def test_the_product_is_public_before_any_restriction(client, restricted_catalogue):
    assert set(leaks(client)) >= {"api", "api q", "suggest", "catalogue vi", "site search vi"}


@pytest.mark.parametrize(
    "kind, extra",
    [
        (PageViewRestriction.PASSWORD, {"password": "s3cret"}),
        (PageViewRestriction.LOGIN, {}),
        (PageViewRestriction.GROUPS, {}),
    ],
)
@pytest.mark.parametrize("where", ["product", "company", "ancestor"])
def test_a_restriction_hides_the_product_everywhere(
    client, restricted_catalogue, django_capture_on_commit_callbacks, kind, extra, where
):
    page = {
        "product": restricted_catalogue["secret"],
        "company": restricted_catalogue["company"],
        "ancestor": restricted_catalogue["tree"].products,
    }[where]
    restrict(
        page, kind, django_capture_on_commit_callbacks=django_capture_on_commit_callbacks, **extra
    )
    assert leaks(client) == []
    if where != "ancestor":
        assert_still_listed(client, restricted_catalogue)


def test_lifting_the_restriction_brings_the_product_back(
    client, restricted_catalogue, django_capture_on_commit_callbacks
):
    restriction = restrict(
        restricted_catalogue["secret"],
        PageViewRestriction.LOGIN,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert leaks(client) == []
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert {"api", "api q", "catalogue vi"} <= set(leaks(client))


def test_the_admin_privacy_dialog_hides_the_product(
    client, admin_client, restricted_catalogue, django_capture_on_commit_callbacks
):
    product = restricted_catalogue["secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/pages/{product.pk}/privacy/",
            {"restriction_type": "password", "password": "s3cret", "groups": []},
        )
    assert response.status_code == 200
    assert PageViewRestriction.objects.filter(page=product).exists()
    assert leaks(client) == []
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/pages/{product.pk}/privacy/", {"restriction_type": "none"})
    assert not PageViewRestriction.objects.filter(page=product).exists()
    assert "api q" in leaks(client)


def test_check_catalogue_index_finds_and_repairs_a_missed_restriction(client, restricted_catalogue):
    # Made without running the after-commit work, as if the process had died before it.
    PageViewRestriction.objects.create(
        page=restricted_catalogue["secret"], restriction_type=PageViewRestriction.LOGIN
    )
    assert "api q" in leaks(client)
    output = io.StringIO()
    with pytest.raises(CommandError):
        call_command("check_catalogue_index", stdout=output)
    assert str(restricted_catalogue["secret"].translation_key) in output.getvalue()
    call_command("check_catalogue_index", "--repair", stdout=io.StringIO())
    assert leaks(client) == []
    output = io.StringIO()
    call_command("check_catalogue_index", stdout=output)
    assert "Database entries: missing: 0, stale: 0, extra: 0" in output.getvalue()


def test_one_change_rebuilds_each_product_once(
    restricted_catalogue, django_capture_on_commit_callbacks, monkeypatch
):
    # Restricting the Vietnamese page also restricts its English translation (core.privacy):
    # two restrictions saved, each a signal, and the product's document built once for both.
    from products.documents import ProductCatalogueSource

    built = []
    documents = ProductCatalogueSource.documents

    def counting(self, keys):
        keys = list(keys)
        built.append(keys)
        return documents(self, keys)

    monkeypatch.setattr(ProductCatalogueSource, "documents", counting)
    restrict(
        restricted_catalogue["secret"],
        PageViewRestriction.LOGIN,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )
    assert PageViewRestriction.objects.count() == 2
    assert built == [[str(restricted_catalogue["secret"].translation_key)]]
