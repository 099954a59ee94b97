"""How products and companies appear in Wagtail's API v2 (/api/v2/pages/): what their pages show.

The models' `api_fields` name these serializers. A company's contacts appear only where its
page shows them (the company agreed: `contact_*_public`); a product's company is named only
while the company's page is itself in the API (public and live), as Wagtail names a page's
parent.
"""

from rest_framework import serializers
from wagtail.images.api.fields import ImageRenditionField


class VocabularySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class PublicPageSerializer(serializers.Field):
    """A link to another page ({id, title, html_url}), or null when that page is not public."""

    def get_attribute(self, instance):
        page = super().get_attribute(instance)
        return page if page is not None and page.pk in self._public_ids() else None

    def _public_ids(self) -> set[int]:
        # Once per answer, not once per item of a listing.
        if "public_page_ids" not in self.context:
            pages = self.context["base_queryset"]
            self.context["public_page_ids"] = set(pages.values_list("pk", flat=True))
        return self.context["public_page_ids"]

    def to_representation(self, page):
        request = self.context.get("request")
        return {"id": page.pk, "title": page.title, "html_url": page.get_full_url(request)}


class RecognitionSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    is_top10 = serializers.BooleanField(allow_null=True)
    decision = serializers.CharField(source="decision_label")
    recognised_until = serializers.DateField()
    source_url = serializers.URLField()
    note = serializers.CharField()


class GalleryImageSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="image_id")
    caption = serializers.CharField()
    thumbnail = ImageRenditionField("max-800x600", source="image")
