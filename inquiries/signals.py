"""The app's receivers, connected once in InquiriesConfig.ready()."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate, pre_save

from core.editorial import EDITORS, MODERATORS
from core.normalisation import normalise_instance_text
from inquiries.models import Inquiry, InquiryMail

# Editors and moderators read the inbox, change an inquiry's status and erase a person's data;
# nobody but a superuser adds inquiries by hand.
INBOX_PERMISSIONS = ("view_inquiry", "change_inquiry", "delete_inquiry")


def store_clean_text(sender, instance, **kwargs):
    # NFC like every other text of the site (core.signals does it for the content apps).
    normalise_instance_text(instance)


def grant_inbox(sender, app_config=None, **kwargs):
    """After every migrate: the editorial groups may use the inbox (only adds)."""
    create_permissions(sender, verbosity=0)
    permissions = Permission.objects.filter(
        content_type__app_label="inquiries", codename__in=INBOX_PERMISSIONS
    )
    for name in (EDITORS, MODERATORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def connect(app_config) -> None:
    for model in (Inquiry, InquiryMail):
        pre_save.connect(store_clean_text, sender=model, dispatch_uid="inquiries-clean-text")
    post_migrate.connect(grant_inbox, sender=app_config, dispatch_uid="inquiries-inbox")
