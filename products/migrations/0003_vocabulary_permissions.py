"""Who may change the catalogue vocabularies (see README, "Who may edit what").

Sectors, certifications, markets, wards and communes, and industrial zones are snippets without
the moderation workflow: a change is public at once, on every product that uses it. So only the
new group "Quản trị danh mục" (catalogue administrators) and superusers may add, change or
delete them; editors and moderators keep seeing and choosing them. core.editorial grants the
editorial groups view rights after every migrate; this takes back what it granted before.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOGUE_ADMINISTRATORS = "Quản trị danh mục"
EDITORIAL_GROUPS = ("Biên tập viên", "Người duyệt")
VOCABULARIES = ("sector", "certification", "market", "administrativeunit", "industrialzone")
WRITE = ("add", "change", "delete")


def _ensure_permissions(apps):
    # Permissions are otherwise made after the last migration (post_migrate).
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


def _vocabulary_permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="products",
        codename__in=[f"{action}_{model}" for action in actions for model in VOCABULARIES],
    )


def restrict_vocabularies(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators, _ = Group.objects.get_or_create(name=CATALOGUE_ADMINISTRATORS)
    administrators.permissions.add(
        *_vocabulary_permissions(apps, (*WRITE, "view")),
        *Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin"),
    )
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.remove(*_vocabulary_permissions(apps, WRITE))
        group.permissions.add(*_vocabulary_permissions(apps, ("view",)))


def allow_editorial_groups_again(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.add(*_vocabulary_permissions(apps, ("add", "change")))
    Group.objects.filter(name=CATALOGUE_ADMINISTRATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("products", "0002_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(restrict_vocabularies, allow_editorial_groups_again)]
