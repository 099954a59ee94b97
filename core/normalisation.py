from django.db import models
from wagtail.fields import RichTextField, StreamField

from core.text import normalize_text


def normalise_instance_text(instance) -> None:
    """Rewrite every text, rich-text and stream field of *instance* in NFC, in place."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = field.value_from_object(instance)
            raw = field.get_prep_value(value)
            if isinstance(raw, str):
                normalised = normalize_text(raw)
                if normalised != raw:
                    setattr(instance, field.attname, normalised)
        elif isinstance(field, (models.CharField, models.TextField, RichTextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalize_text(value))
