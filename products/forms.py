from django import forms
from django.utils.translation import gettext_lazy as _

from products.models import Sector


class CatalogueFilterForm(forms.Form):
    """Validates the catalogue page's query parameters; unknown values are errors, not ignored."""

    sector = forms.ModelMultipleChoiceField(
        label=_("Nhóm ngành"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Không có nhóm ngành “%(value)s”.")},
    )
    year = forms.TypedMultipleChoiceField(
        label=_("Năm công nhận"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Không có năm công nhận “%(value)s”.")},
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(str(year), str(year)) for year in years]
        self.fields["sector"].label_from_instance = lambda sector: sector.label
