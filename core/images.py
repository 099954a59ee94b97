"""The renditions templates use, in one place, so they can be made ahead of any request.

Templates must only ask for specs listed here; `create_standard_renditions` runs when an image
is saved (and from the demo loader), so a public GET never writes a rendition.
"""

CARD = "fill-480x320|format-webp|webpquality-75"
CARD_2X = "fill-960x640|format-webp|webpquality-70"
HERO = "width-1200|format-webp|webpquality-75"
HERO_SMALL = "width-600|format-webp|webpquality-75"
LOGO = "max-240x120|format-webp"
THUMB = "fill-160x120|format-webp|webpquality-75"

STANDARD_SPECS = (CARD, CARD_2X, HERO, HERO_SMALL, LOGO, THUMB)


def create_standard_renditions(image) -> None:
    if not image.file:
        return
    image.get_renditions(*STANDARD_SPECS)


def prefetch_renditions(lookup: str, *specs: str):
    """A Prefetch that loads the given renditions of the image at *lookup* (e.g. "image").

    Wagtail's `get_rendition` reads prefetched renditions, so a listing of N pages costs one
    query for all their pictures instead of one per picture.
    """
    from django.db.models import Prefetch
    from wagtail.images import get_image_model

    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(
        f"{lookup}__renditions",
        queryset=rendition_model.objects.filter(filter_spec__in=specs or STANDARD_SPECS),
    )
