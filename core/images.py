"""The renditions templates use, in one place, so they can be made ahead of any request.

Templates must only ask for specs listed here; `create_standard_renditions` runs when an image
is saved (and from the demo loader), so a public GET never writes a rendition.
"""

from wagtail.images import get_image_model

CARD = "fill-480x320|format-webp|webpquality-75"
CARD_2X = "fill-960x640|format-webp|webpquality-70"
HERO = "width-1200|format-webp|webpquality-75"
HERO_SMALL = "width-600|format-webp|webpquality-75"
LOGO = "max-240x120|format-webp"
THUMB = "fill-160x120|format-webp|webpquality-75"

STANDARD_SPECS = (CARD, CARD_2X, HERO, HERO_SMALL, LOGO, THUMB)


def create_standard_renditions(image) -> None:
    """Make every standard rendition, one after the other.

    Not `get_renditions(*STANDARD_SPECS)`: Wagtail makes those in three threads, each decoding
    the whole original at 4 bytes a pixel, which tripled an upload's peak memory (issue 9).
    """
    if not image.file:
        return
    for spec in STANDARD_SPECS:
        image.get_rendition(spec)


def attach_renditions(images, specs=STANDARD_SPECS) -> None:
    """Load the renditions of every image in *images* with one query.

    Wagtail's `get_rendition(s)` reads prefetched renditions, so a page that shows many
    pictures (cards, a gallery, a hero) pays one query for all of them. `None`s are skipped.
    """
    by_id = {}
    for image in images:
        if image is not None:
            by_id.setdefault(image.pk, []).append(image)
    if not by_id:
        return
    rendition_model = get_image_model().get_rendition_model()
    found = {image_id: [] for image_id in by_id}
    for rendition in rendition_model.objects.filter(image_id__in=by_id, filter_spec__in=specs):
        found[rendition.image_id].append(rendition)
    for image_id, same_images in by_id.items():
        for image in same_images:
            # The attribute Prefetch(..., to_attr="prefetched_renditions") would set.
            image.prefetched_renditions = list(found[image_id])
