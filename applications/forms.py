"""The public form of registration of interest.

Messages are gettext strings (Vietnamese msgids, English in locale/en), so a company reads
every error in the page's language; Django's own messages come translated with Django.
"""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from applications.dossiers import check_pdf
from applications.models import Application
from core.forms import PersonalDataForm
from products.validators import checked_tax_code


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DossierField(forms.FileField):
    """Several files in one input; each checked by content (applications.dossiers)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list) else [data]) if upload]
        if not uploads:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        limit = settings.APPLICATION_MAX_FILES
        if len(uploads) > limit:
            raise forms.ValidationError(
                _("Hồ sơ gồm tối đa %(limit)d tệp; bạn đã chọn %(count)d tệp."),
                code="too_many",
                params={"limit": limit, "count": len(uploads)},
            )
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(check_pdf(upload))
            except forms.ValidationError as error:
                errors.append(error)
        if errors:
            raise forms.ValidationError(errors)
        return checked


class ApplicationForm(PersonalDataForm, forms.ModelForm):
    dossier = DossierField(
        label=_("Hồ sơ (tệp PDF)"),
        error_messages={"required": _("Hãy chọn ít nhất một tệp PDF của hồ sơ.")},
    )

    consent_purpose = _(
        "Tôi đồng ý để Sở Công Thương Hà Nội lưu các thông tin và hồ sơ trên để xét bình chọn, theo"
    )
    consent_required = _("Cần có sự đồng ý của bạn thì chúng tôi mới ghi nhận đăng ký.")
    autocomplete = {
        "company_name": "organization",
        "contact_name": "name",
        "email": "email",
        "phone": "tel",
        "tax_code": "off",
    }

    class Meta:
        model = Application
        fields = [
            "company_name",
            "tax_code",
            "contact_name",
            "email",
            "phone",
            "products",
            "language",
        ]
        labels = {
            "company_name": _("Tên doanh nghiệp"),
            "tax_code": _("Mã số thuế"),
            "contact_name": _("Người liên hệ"),
            "email": _("Thư điện tử"),
            "phone": _("Điện thoại"),
            "products": _("Sản phẩm đăng ký bình chọn"),
            "language": _("Ngôn ngữ của thư xác nhận"),
        }
        help_texts = {
            "tax_code": _("10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số."),
            "products": _("Mỗi sản phẩm một dòng."),
        }
        widgets = {"language": forms.RadioSelect, "products": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tax_code"].widget.attrs["inputmode"] = "numeric"
        self.fields["dossier"].help_text = _(
            "Chỉ nhận tệp PDF không đặt mật khẩu; tối đa %(count)d tệp, mỗi tệp tối đa "
            "%(size)s. Có thể chọn nhiều tệp cùng lúc."
        ) % {
            "count": settings.APPLICATION_MAX_FILES,
            "size": filesizeformat(settings.APPLICATION_FILE_MAX_BYTES),
        }

    def clean_tax_code(self):
        return checked_tax_code(self.cleaned_data["tax_code"])

    def dossier_files(self) -> list:
        return self.cleaned_data["dossier"]
