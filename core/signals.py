"""Site-wide signal handlers: NFC storage, renditions made at upload, editorial set-up,
privacy that reaches translations."""

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction

from core import pagecache, treecache  # noqa: F401  (connect the cache-invalidating receivers)
from core.images import create_standard_renditions
from core.models import CustomImage
from core.normalisation import normalise_instance_text

# Only our own apps: third-party models keep whatever they store.
_OWN_APPS = {"core", "home", "programme", "news", "products", "search"}


@receiver(pre_save)
def store_text_as_nfc(sender, instance, **kwargs):
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


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def share_privacy_with_translations(sender, instance, **kwargs):
    """A Vietnamese page's view restriction applies to its translations at once.

    wagtail-localize copies it only when the translations are next synchronised, so a page made
    private in the privacy dialog stayed public in English, content and all, until then. The
    source language rules, as in wagtail-localize: the translations' restrictions follow it.
    """
    if not isinstance(instance, PageViewRestriction) or kwargs.get("action", "post").startswith(
        "pre"
    ):
        return
    origin = kwargs.get("origin")  # what a deletion started from
    if issubclass(origin.model if isinstance(origin, QuerySet) else type(origin), Page):
        return  # the page is being deleted, not made public: its translations keep theirs
    page = instance.page
    if page.locale.language_code != settings.LANGUAGE_CODE:
        return
    restriction = page.view_restrictions.first()
    for translation in page.get_translations():
        mirrored = translation.view_restrictions.first()
        if restriction is None:
            if mirrored is not None:
                translation.view_restrictions.all().delete()
            continue
        mirrored = mirrored or PageViewRestriction(page=translation)
        mirrored.restriction_type = restriction.restriction_type
        mirrored.password = restriction.password
        mirrored.save()
        mirrored.groups.set(restriction.groups.all())
