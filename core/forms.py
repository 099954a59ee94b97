import math

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
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


HONEYPOT = "leave_empty"


class PersonalDataForm(forms.Form):
    """What every public form that stores a person's data shares, mixed in before
    `forms.ModelForm`: consent to the privacy notice (linked), a field bots fill and people
    never see, the browser's autocomplete tokens, a country list that opens with a prompt, and
    the message when one address sends too much.

    A subclass says what the consent is for (`consent_purpose`, the sentence before the link;
    `consent_required`, the error when it is not ticked), which autocomplete token each field
    takes, and `rate_limit_message`. core imports no app: the notice is found by its URL name.
    """

    consent_purpose = ""
    consent_required = ""
    autocomplete: dict[str, str] = {}
    rate_limit_message = _(
        "Bạn đã gửi nhiều đăng ký trong thời gian ngắn. Để chống thư rác, vui lòng thử lại sau "
        "%(minutes)d phút; nội dung bạn nhập vẫn còn nguyên."
    )

    consent = forms.BooleanField(required=True)
    # Hidden from people (and from screen readers and the keyboard); bots fill every field.
    leave_empty = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        consent = self.fields["consent"]
        consent.label = format_html(
            '{} <a href="{}">{}</a>.',
            self.consent_purpose,
            reverse("privacy_notice"),
            _("thông báo về xử lý dữ liệu cá nhân"),
        )
        consent.error_messages["required"] = self.consent_required
        if "country" in self.fields:
            country = self.fields["country"]
            country.choices = [("", _("Chọn quốc gia"))] + [c for c in country.choices if c[0]]
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields[HONEYPOT].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        # Consent and the trap close the form, after the subclass's own fields.
        self.order_fields([name for name in self.fields if name not in ("consent", HONEYPOT)])

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def stored_data(self) -> dict:
        """The model's fields as cleaned: what the service stores."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def refuse_for_now(self, wait_seconds: int) -> None:
        """Say, above the form (kept as typed), how many minutes to wait before sending."""
        minutes = max(1, -(-wait_seconds // 60))
        self.add_error(None, self.rate_limit_message % {"minutes": minutes})


def distinct_up_to(values, *, limit: int, message) -> list:
    """The chosen values once each, in order; refused (`message` says `%(limit)d` and
    `%(count)d`) when there are more than *limit*."""
    chosen = list(dict.fromkeys(values))
    if len(chosen) > limit:
        raise forms.ValidationError(
            message, params={"limit": limit, "count": len(chosen)}, code="too_many"
        )
    return chosen
