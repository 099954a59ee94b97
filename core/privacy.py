"""A page's privacy is its translations' privacy too, from the moment an editor sets it.

Wagtail keeps a view restriction per page, and each language's page is a page of its own, so
restricting "Máy lọc nước" in the privacy dialog left "Water purifier" public. wagtail-localize
copies the restriction to the translations only when they are next synchronised. Editors mean
the product, not one language of it: adding, changing or lifting a restriction on any
translation does the same on the others, at once, in the same transaction.

The receivers below are connected to PageViewRestriction and its groups by core.signals.
"""

from django.db.models import QuerySet
from wagtail.models import Page, PageViewRestriction

# Set on the copies this module writes, so that their own signals do not echo back.
_MIRRORED = "_mirrored_from_translation"


def _others(restriction) -> list[PageViewRestriction]:
    """The restriction of every other translation of *restriction*'s page (new ones unsaved)."""
    page = restriction.page
    existing = {
        other.page_id: other
        for other in PageViewRestriction.objects.filter(
            page__translation_key=page.translation_key
        ).exclude(page_id=page.pk)
    }
    return [
        existing.get(translation.pk) or PageViewRestriction(page=translation)
        for translation in page.get_translations()
    ]


def mirror_save(sender, instance, raw=False, **kwargs):
    if raw or getattr(instance, _MIRRORED, False):
        return
    for other in _others(instance):
        other.restriction_type = instance.restriction_type
        other.password = instance.password
        setattr(other, _MIRRORED, True)
        other.save()
        other.groups.set(instance.groups.all())


def mirror_groups(sender, instance, action, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if getattr(instance, _MIRRORED, False):
        return
    for other in _others(instance):
        if other.pk is not None:
            setattr(other, _MIRRORED, True)
            other.groups.set(instance.groups.all())


def mirror_delete(sender, instance, origin=None, **kwargs):
    # A page being deleted takes its restriction along; a translation that stays is as
    # private as it was, and only an editor lifts that.
    if issubclass(origin.model if isinstance(origin, QuerySet) else type(origin), Page):
        return
    # The translations' restrictions go too; each of their deletions finds nothing left to
    # delete, so this ends after one round.
    PageViewRestriction.objects.filter(
        page__translation_key__in=Page.objects.filter(pk=instance.page_id).values("translation_key")
    ).exclude(pk=instance.pk).delete()
