"""The buyer's inquiry form and the editors' personal-data form.

Messages are gettext strings (Vietnamese msgids, English in locale/en), so a visitor reads
every error in the page's language; Django's own messages (required, too long, not an e-mail
address) come translated with Django.
"""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from inquiries.models import MAX_COMPANIES, Inquiry

HONEYPOT = "leave_empty"


class InquiryForm(forms.ModelForm):
    company = forms.TypedMultipleChoiceField(
        label=_("Nhà cung cấp nhận yêu cầu"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Hãy chọn ít nhất một nhà cung cấp."),
            "invalid_choice": _("Một nhà cung cấp đã chọn không còn trên trang; hãy chọn lại."),
        },
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Cần có sự đồng ý của bạn thì chúng tôi mới chuyển được yêu cầu.")
        },
    )
    # Hidden from people (and from screen readers and the keyboard); bots fill every field.
    leave_empty = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)

    class Meta:
        model = Inquiry
        fields = ["name", "organisation", "country", "email", "phone", "message", "language"]
        labels = {
            "name": _("Họ và tên"),
            "organisation": _("Công ty hoặc tổ chức"),
            "country": _("Quốc gia"),
            "email": _("Thư điện tử"),
            "phone": _("Điện thoại (không bắt buộc)"),
            "message": _("Nội dung yêu cầu"),
            "language": _("Ngôn ngữ trả lời"),
        }
        help_texts = {
            "message": _("Sản phẩm, số lượng, yêu cầu kỹ thuật, thời gian bạn cần…"),
        }
        widgets = {
            "language": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, suppliers, **kwargs):
        super().__init__(*args, **kwargs)
        self.suppliers = suppliers
        self.fields["company"].choices = [(s.pk, s.shown.title) for s in suppliers]
        self.fields["consent"].label = format_html(
            '{} <a href="{}">{}</a>.',
            _(
                "Tôi đồng ý để Sở Công Thương Hà Nội lưu các thông tin trên và chuyển chúng "
                "cho các nhà cung cấp đã chọn, theo"
            ),
            reverse("privacy_notice"),
            _("thông báo về xử lý dữ liệu cá nhân"),
        )
        self.fields["country"].choices = [("", _("Chọn quốc gia"))] + [
            choice for choice in self.fields["country"].choices if choice[0]
        ]
        autocomplete = {
            "name": "name",
            "organisation": "organization",
            "email": "email",
            "phone": "tel",
            "country": "country",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        honeypot = self.fields[HONEYPOT].widget.attrs
        honeypot.update({"autocomplete": "off", "tabindex": "-1"})

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def clean_company(self):
        chosen = list(dict.fromkeys(self.cleaned_data["company"]))
        if len(chosen) > MAX_COMPANIES:
            raise forms.ValidationError(
                _("Mỗi yêu cầu gửi tới tối đa %(limit)d nhà cung cấp; bạn đã chọn %(count)d."),
                params={"limit": MAX_COMPANIES, "count": len(chosen)},
                code="too_many",
            )
        return chosen

    def chosen_companies(self) -> list:
        by_pk = {supplier.pk: supplier.stored for supplier in self.suppliers}
        return [by_pk[pk] for pk in self.cleaned_data["company"]]

    def inquiry_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonDataForm(forms.Form):
    """The editors' tool for one person's data: find it by e-mail, export or erase it."""

    email = forms.EmailField(label="Thư điện tử của người yêu cầu")
    confirm_erase = forms.BooleanField(
        label="Tôi hiểu việc xoá là vĩnh viễn và không thể hoàn tác",
        required=False,
    )
