"""Site-wide signal handlers: clean text storage, renditions made at upload, editorial set-up."""

from django.db.models.signals import post_migrate, post_save, pre_save
from django.dispatch import receiver

from core import pagecache, treecache  # noqa: F401  (connect the cache-invalidating receivers)
from core.images import create_standard_renditions
from core.models import CustomImage
from core.normalisation import normalise_instance_text

# Only our own apps: third-party models keep whatever they store.
_OWN_APPS = {"core", "home", "programme", "news", "products", "search"}


@receiver(pre_save)
def store_clean_text(sender, instance, **kwargs):
    # Every write path (admin, imports, the demo loader, any code) saves through here.
    if sender._meta.app_label in _OWN_APPS:
        normalise_instance_text(instance)


@receiver(post_save, sender=CustomImage)
def make_renditions_on_upload(sender, instance, created, **kwargs):
    # Public pages only read renditions; making them here keeps GET requests write-free.
    create_standard_renditions(instance)


@receiver(post_migrate)
def ensure_editorial_setup(sender, app_config=None, **kwargs):
    if app_config is None or app_config.label != "core":
        return
    from core.editorial import ensure_editorial_workflow

    ensure_editorial_workflow()
