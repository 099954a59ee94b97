import math

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Alt text is not optional: screen-reader users get the description of every image.

    The pixel limit (WAGTAILIMAGES_MAX_IMAGE_PIXELS) is said in the editor's language, in
    millions, instead of Wagtail's raw pixel counts.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            self.fields["description"].required = True
            self.fields["description"].error_messages["required"] = (
                "Vui lòng nhập mô tả ảnh (alt text)."
            )
            self.fields["description"].label = "Mô tả ảnh (alt text)"
            self.fields[
                "description"
            ].help_text = "Bắt buộc. Mô tả ngắn gọn nội dung ảnh cho người dùng trình đọc màn hình."
        if "file" in self.fields:
            self._explain_pixel_limit(self.fields["file"])

    @staticmethod
    def _explain_pixel_limit(field):
        limit = {"megapixels": f"{settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS / 1_000_000:g}"}
        # Wagtail formats this message again with its own counts; it has no placeholder left.
        field.error_messages["file_too_many_pixels"] = (
            _(
                "Ảnh quá lớn: ảnh sản phẩm và logo chỉ được tối đa %(megapixels)s triệu điểm ảnh "
                "(chiều rộng × chiều cao). Hãy thu nhỏ ảnh rồi tải lên lại."
            )
            % limit
        )
        field.help_text = f"{field.help_text} " + _("Tối đa %(megapixels)s triệu điểm ảnh.") % limit

    def clean_description(self):
        value = (self.cleaned_data.get("description") or "").strip()
        if not value:
            raise forms.ValidationError("Vui lòng nhập mô tả ảnh (alt text).")
        return value


class TokenForm(forms.Form):
    """A code from the user's authenticator app, checked against one TOTP device.

    django-otp refuses a code used before and, after each wrong one, any code for a while
    that doubles every time (1 s, 2 s, 4 s…): guessing six digits takes years.
    """

    otp_token = forms.CharField(
        label=_("Mã xác thực"),
        help_text=_("Sáu chữ số trong ứng dụng xác thực trên điện thoại của bạn."),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = "".join(self.cleaned_data["otp_token"].split())
        allowed, details = self.device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until") or timezone.now()
            wait = max(1, math.ceil((locked_until - timezone.now()).total_seconds()))
            raise forms.ValidationError(
                ngettext(
                    "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(seconds)d giây.",
                    "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau %(seconds)d giây.",
                    wait,
                )
                % {"seconds": wait},
                code="throttled",
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Mã không đúng hoặc đã hết hạn. Vui lòng nhập mã đang hiện trong ứng dụng."),
                code="invalid",
            )
        return token
