"""Translating content through wagtail-localize, as an editor would in its editor.

Editors translate in the admin; the demo loader and the tests use this function so that the
English pages carry a real TranslationSource: synchronised fields (tax code, recognitions,
sector, images, company link) then follow the Vietnamese page on every later sync.
"""

from collections.abc import Callable

from django.db import transaction
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


@transaction.atomic
def translate_instance(
    instance,
    *,
    locale: Locale,
    translate: Callable[[str], str | None],
    publish=True,
    user=None,
):
    """Create or update *instance*'s translation into *locale*; return the translated object.

    *translate* maps each source string (a title, a paragraph, a slug…) to its translation;
    returning the source unchanged keeps a proper noun as it is, returning None keeps the
    translation editors gave (or, for a string never translated, the source text).

    The source is *instance* as given: a page's draft (its latest revision as an object)
    translates into a draft of the translation, so moderators see both languages together.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = translate(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            },
        )
    # wagtail-localize publishes through transaction.on_commit with the object it held, which
    # inside a longer transaction overwrites tree fields changed since (a parent's numchild).
    # Saving a draft and publishing a freshly loaded revision here avoids both problems.
    translation.save_target(user=user, publish=False)
    target = instance.get_translation(locale)
    if publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target
