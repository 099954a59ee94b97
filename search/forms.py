from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import normalize_text


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khoá"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Từ khoá dài tối đa %(limit_value)d ký tự.")},
    )

    def clean_q(self):
        return " ".join(normalize_text(self.cleaned_data["q"]).split())
