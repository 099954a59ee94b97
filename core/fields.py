"""Form fields shared by the apps' forms (no models needed: importable before apps load)."""

from django import forms

from core.text import clean_search_text


class SearchTextField(forms.CharField):
    """Text a visitor searches for: NFC, whitespace collapsed, and only then measured.

    NFC can make a string longer (U+1D160 becomes three code points), so `max_length` must
    judge the text the search will see, not the text as typed.
    """

    def to_python(self, value):
        return clean_search_text(super().to_python(value))
