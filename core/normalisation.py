import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from wagtail.fields import RichTextField, StreamField

from core.richtext import sanitise_rich_text, sanitise_stream_data
from core.text import normalize_text


def normalise_instance_text(instance) -> None:
    """Rewrite every text, rich-text and stream field of *instance* in NFC, in place, with its
    rich text sanitised (core.richtext): the one place every write path goes through."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            # Prepared stream data is a list (Wagtail stores streams as JSON), a string only
            # for raw text that never became blocks.
            data = field.get_prep_value(field.value_from_object(instance))
            if isinstance(data, str):
                data = json.loads(data or "[]")
            if isinstance(data, list):
                sanitised = sanitise_stream_data(field.stream_block, data)
                text = json.dumps(sanitised, cls=DjangoJSONEncoder, ensure_ascii=False)
                cleaned = normalize_text(text)
                if json.loads(cleaned) != data:
                    setattr(instance, field.attname, cleaned)
        elif isinstance(field, RichTextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalize_text(sanitise_rich_text(value)))
        elif isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, normalize_text(value))
