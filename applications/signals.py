"""Every signal receiver of the applications app, connected by ApplicationsConfig.ready()."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate

from applications.models import ApplicationFile
from core.editorial import EDITORS, MODERATORS


def delete_stored_file(sender, instance: ApplicationFile, **kwargs):
    # Once the deletion is committed: a rolled-back erasure keeps its files.
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# Editors and moderators see the applications and their files, change their status, and
# erase one; companies apply through the public form, nobody adds one by hand.
APPLICATION_PERMISSIONS = ("view_application", "change_application", "delete_application")


def grant_applications(sender, app_config=None, **kwargs):
    """After every migrate: the editorial groups may handle applications (only adds)."""
    create_permissions(sender, verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label="applications", codename__in=APPLICATION_PERMISSIONS
    )
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def connect(app_config) -> None:
    post_migrate.connect(
        grant_applications, sender=app_config, dispatch_uid="applications-permissions"
    )
    post_delete.connect(delete_stored_file, sender=ApplicationFile, dispatch_uid="dossier-files")
