"""Every signal receiver of the programme app, connected by ProgrammeConfig.ready()."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.signals import page_published

from core.editorial import EDITORS, MODERATORS
from core.treecache import bump_tree_version
from products.models import Sector
from programme.models import CohortYear, EventPage
from programme.registrations import fill_freed_places


def statistics_changed(sender, **kwargs):
    # The statistics page caches its figures with the tree version (programme.models.statistics).
    bump_tree_version()


# Editors and moderators see the registrations, move one between the list and the waiting
# list, and erase one; nobody but a superuser adds registrations by hand.
REGISTRATION_PERMISSIONS = (
    "view_eventregistration",
    "change_eventregistration",
    "delete_eventregistration",
)


def grant_registrations(sender, app_config=None, **kwargs):
    """After every migrate: the editorial groups may see the registrations (only adds)."""
    create_permissions(sender, verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label="programme", codename__in=REGISTRATION_PERMISSIONS
    )
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def event_published(sender, instance, **kwargs):
    # A capacity raised (or removed) gives the new places to the waiting list.
    fill_freed_places(event=instance)


def connect(app_config) -> None:
    for sender in (CohortYear, Sector):
        post_save.connect(statistics_changed, sender=sender, dispatch_uid="statistics")
        post_delete.connect(statistics_changed, sender=sender, dispatch_uid="statistics")
    post_migrate.connect(
        grant_registrations, sender=app_config, dispatch_uid="programme-registrations"
    )
    page_published.connect(event_published, sender=EventPage, dispatch_uid="event-places")
