"""Who may change the catalogue vocabularies, which go public without the workflow.

Editors and moderators see and choose sectors, certifications, markets, units and zones;
only catalogue administrators ("Quản trị danh mục") and superusers add, change or delete them.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User

from core.editorial import CATALOGUE_ADMINISTRATORS, EDITORS, MODERATORS
from products.models import AdministrativeUnit, Certification, IndustrialZone, Market, Sector

VOCABULARIES = [Sector, Certification, Market, AdministrativeUnit, IndustrialZone]
WRITE = ("add", "change", "delete")


def user_in(group_name, username):
    user = User.objects.create_user(username=username, password="mat-khau-thu-nghiem")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def url(model, action="", pk=None):
    base = f"/admin/snippets/products/{model._meta.model_name}/"
    return base + (f"{action}/" if action else "") + (f"{pk}/" if pk else "")


def sector_form(name):
    return {"name": name, "name_en": "Renamed", "slug": "co-khi-che-tao", "sort_order": "1"}


@pytest.fixture
def sector(site_tree):
    return Sector.objects.get(slug="co-khi-che-tao")


@pytest.mark.parametrize("group", [EDITORS, MODERATORS])
def test_editors_and_moderators_see_and_choose_but_cannot_change(client, sector, group):
    user = user_in(group, "nguoi-dung")
    client.force_login(user)
    listing = client.get(url(Sector))
    assert listing.status_code == 200 and sector.name in listing.content.decode()
    chooser = client.get("/admin/snippets/choose/products/sector/")
    assert chooser.status_code == 200 and sector.name in chooser.json()["html"]

    for model in VOCABULARIES:
        for action in WRITE:
            assert not user.has_perm(f"products.{action}_{model._meta.model_name}")
        assert client.get(url(model, "add")).status_code == 302  # refused: to the dashboard

    name = sector.name
    refused = client.post(url(Sector, "edit", sector.pk), sector_form("Đổi tên trái phép"))
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert client.post(url(Sector, "delete", sector.pk)).status_code == 302
    sector.refresh_from_db()
    assert sector.name == name


@pytest.mark.parametrize("who", ["catalogue administrator", "superuser"])
def test_catalogue_administrators_and_superusers_change_them(client, sector, who):
    if who == "superuser":
        user = User.objects.create_superuser("quan-tri", password="x")
    else:
        user = user_in(CATALOGUE_ADMINISTRATORS, "quan-tri-danh-muc")
    client.force_login(user)
    response = client.post(url(Sector, "edit", sector.pk), sector_form("Cơ khí chế tạo (mới)"))
    assert response.status_code == 302 and response.url == url(Sector)
    sector.refresh_from_db()
    assert sector.name == "Cơ khí chế tạo (mới)"

    created = client.post(
        url(Market, "add"), {"name": "Nhật Bản", "name_en": "Japan", "slug": "nhat-ban"}
    )
    assert created.status_code == 302
    assert Market.objects.filter(slug="nhat-ban").exists()


def test_the_migration_takes_back_what_the_editorial_groups_had(db):
    """An installation from before the change: editors and moderators could add and change."""
    editors = Group.objects.get(name=EDITORS)
    old_rights = Permission.objects.filter(
        content_type__app_label="products", codename__in=["add_sector", "change_industrialzone"]
    )
    editors.permissions.add(*old_rights)
    Group.objects.filter(name=CATALOGUE_ADMINISTRATORS).delete()

    migration = importlib.import_module("products.migrations.0003_vocabulary_permissions")
    migration.restrict_vocabularies(apps, None)

    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert not codenames & {"add_sector", "change_industrialzone"}
    assert {"view_sector", "view_industrialzone"} <= codenames
    administrators = Group.objects.get(name=CATALOGUE_ADMINISTRATORS)
    assert {"access_admin", "add_sector", "change_market", "delete_industrialzone"} <= set(
        administrators.permissions.values_list("codename", flat=True)
    )
