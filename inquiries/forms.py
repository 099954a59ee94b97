"""The buyer's inquiry form and the editors' personal-data form.

Messages are gettext strings (Vietnamese msgids, English in locale/en), so a visitor reads
every error in the page's language; Django's own messages (required, too long, not an e-mail
address) come translated with Django.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PersonalDataForm, distinct_up_to
from inquiries.models import MAX_COMPANIES, Inquiry


class InquiryForm(PersonalDataForm, forms.ModelForm):
    company = forms.TypedMultipleChoiceField(
        label=_("Nhà cung cấp nhận yêu cầu"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Hãy chọn ít nhất một nhà cung cấp."),
            "invalid_choice": _("Một nhà cung cấp đã chọn không còn trên trang; hãy chọn lại."),
        },
    )

    consent_purpose = _(
        "Tôi đồng ý để Sở Công Thương Hà Nội lưu các thông tin trên và chuyển chúng "
        "cho các nhà cung cấp đã chọn, theo"
    )
    consent_required = _("Cần có sự đồng ý của bạn thì chúng tôi mới chuyển được yêu cầu.")
    autocomplete = {
        "name": "name",
        "organisation": "organization",
        "email": "email",
        "phone": "tel",
        "country": "country",
    }
    rate_limit_message = _(
        "Bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Để chống thư rác, vui lòng "
        "thử lại sau %(minutes)d phút; nội dung bạn nhập vẫn còn nguyên dưới đây."
    )

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

    def clean_company(self):
        return distinct_up_to(
            self.cleaned_data["company"],
            limit=MAX_COMPANIES,
            message=_("Mỗi yêu cầu gửi tới tối đa %(limit)d nhà cung cấp; bạn đã chọn %(count)d."),
        )

    def chosen_companies(self) -> list:
        by_pk = {supplier.pk: supplier.stored for supplier in self.suppliers}
        return [by_pk[pk] for pk in self.cleaned_data["company"]]
