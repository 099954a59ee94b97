"""The editorial groups and moderation workflow every installation starts with.

Editors ("Biên tập viên") create, edit and submit; moderators ("Người duyệt") approve and
publish. Runs after every migrate, so production, tests and `make run` all have it; it only
adds what is missing, so an administrator's later changes are kept.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "Biên tập viên"
MODERATORS = "Người duyệt"
# Made by products' migration 0003, which says why; superusers can do the same.
CATALOGUE_ADMINISTRATORS = "Quản trị danh mục"
VOCABULARIES = ("sector", "certification", "market", "administrativeunit", "industrialzone")
WORKFLOW_NAME = "Duyệt nội dung"
TASK_NAME = "Người duyệt phê duyệt"
# What Wagtail's own migrations create; replaced on a fresh install, kept once people use them.
_WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
_WAGTAIL_DEFAULT_GROUPS = ("Editors", "Moderators")

_COMMON_PERMISSIONS = [("wagtailadmin", "access_admin"), ("search", "view_searchquerystat")]
# Promoted search results go live at once, without the workflow: only those who publish.
_MODERATOR_PERMISSIONS = [
    ("wagtailsearchpromotions", f"{action}_searchpromotion")
    for action in ("add", "change", "delete")
]
# Images and documents are permitted per collection (Wagtail checks wagtailimages.Image's
# permissions even for the custom image model).
_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def _permissions(pairs):
    found = []
    for app_label, codename in pairs:
        found.extend(
            Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )
    return found


def _snippet_permissions():
    # The catalogue vocabularies go public without review: editors and moderators only see
    # and choose them; CATALOGUE_ADMINISTRATORS change them (products migration 0003).
    codenames = [("products", f"view_{model_name}") for model_name in VOCABULARIES]
    for app_label, model_name in (("products", "decision"), ("programme", "cohortyear")):
        codenames += [(app_label, f"{action}_{model_name}") for action in ("add", "change")]
    # Importing a decision file: what it writes still goes through the workflow unless the
    # importer may publish (products.admin_views.can_publish).
    codenames.append(("products", "add_recognitionimport"))
    return _permissions(codenames)


@transaction.atomic
def ensure_editorial_workflow() -> None:
    # Content types and permissions of every app must exist before groups refer to them.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    root = Page.get_first_root_node()
    if root is None:
        return
    collection_model = apps.get_model("wagtailcore", "Collection")
    root_collection = collection_model.get_first_root_node()

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    for group in (editors, moderators):
        group.permissions.add(*_permissions(_COMMON_PERMISSIONS), *_snippet_permissions())
    moderators.permissions.add(*_permissions(_MODERATOR_PERMISSIONS))

    page_rights = {
        editors: ["add_page", "change_page"],
        moderators: ["add_page", "change_page", "publish_page", "lock_page"],
    }
    for group, codenames in page_rights.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    if root_collection is not None:
        collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
        for group in (editors, moderators):
            for permission in _permissions(_COLLECTION_PERMISSIONS):
                collection_permission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root_link, _ = WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    if (
        root_link.workflow_id != workflow.pk
        and root_link.workflow.name == _WAGTAIL_DEFAULT_WORKFLOW
    ):
        # A fresh install still has Wagtail's English-named defaults: replace them with ours.
        default_workflow = root_link.workflow
        root_link.workflow = workflow
        root_link.save()
        default_workflow.deactivate()
    for name in _WAGTAIL_DEFAULT_GROUPS:
        Group.objects.filter(name=name, user__isnull=True).delete()
