"""The event registration form.

Messages are gettext strings (Vietnamese msgids, English in locale/en), so a visitor reads
every error in the page's language; Django's own messages come translated with Django.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PersonalDataForm, distinct_up_to
from programme.models import EventRegistration
from programme.models.registrations import MAX_MEETINGS

SEARCH_MAX = 100


class RegistrationForm(PersonalDataForm, forms.ModelForm):
    companies = forms.TypedMultipleChoiceField(
        label=_("Doanh nghiệp bạn muốn gặp (không bắt buộc)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Một doanh nghiệp đã chọn không còn trên trang; hãy chọn lại."),
        },
    )
    # The company search inside the form (a button named "search" re-shows the form).
    q = forms.CharField(
        label=_("Tìm doanh nghiệp theo tên"),
        required=False,
        max_length=SEARCH_MAX,
        # The browser's own suggestions would cover the list the script narrows.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    waiting_list = forms.BooleanField(required=False, widget=forms.HiddenInput)

    consent_purpose = _(
        "Tôi đồng ý để Sở Công Thương Hà Nội lưu các thông tin trên để tổ chức sự kiện "
        "và sắp xếp các cuộc gặp, theo"
    )
    consent_required = _("Cần có sự đồng ý của bạn thì chúng tôi mới ghi nhận đăng ký.")
    autocomplete = {
        "name": "name",
        "organisation": "organization",
        "role": "organization-title",
        "email": "email",
        "phone": "tel",
        "country": "country",
    }

    class Meta:
        model = EventRegistration
        fields = ["name", "organisation", "role", "country", "email", "phone", "language"]
        labels = {
            "name": _("Họ và tên"),
            "organisation": _("Công ty hoặc tổ chức"),
            "role": _("Chức vụ"),
            "country": _("Quốc gia"),
            "email": _("Thư điện tử"),
            "phone": _("Điện thoại (không bắt buộc)"),
            "language": _("Ngôn ngữ của thư xác nhận"),
        }
        widgets = {"language": forms.RadioSelect}

    def __init__(self, *args, companies=(), matching: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.matching = matching
        if matching:
            self.fields["companies"].choices = [(c.pk, c.title) for c in companies]
            self.fields["companies"].help_text = _("Tối đa %(limit)d doanh nghiệp.") % {
                "limit": MAX_MEETINGS
            }
        else:
            del self.fields["companies"]
            del self.fields["q"]

    def clean_companies(self):
        return distinct_up_to(
            self.cleaned_data["companies"],
            limit=MAX_MEETINGS,
            message=_("Bạn chọn được tối đa %(limit)d doanh nghiệp; bạn đã chọn %(count)d."),
        )

    def company_ids(self) -> list[int]:
        return self.cleaned_data.get("companies", []) if self.matching else []
