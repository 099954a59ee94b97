from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import SearchTextField
from search.catalogue.contract import MAX_QUERY_LENGTH


class SiteSearchForm(forms.Form):
    q = SearchTextField(
        label=_("Từ khoá"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={"max_length": _("Từ khoá dài tối đa %(limit_value)d ký tự.")},
    )
