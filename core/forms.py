from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.images.forms import BaseImageForm

from core.text import normalize_text


class SearchTextField(forms.CharField):
    """Text a visitor searches for: NFC, whitespace collapsed, and only then measured.

    NFC can make a string longer (U+1D160 becomes three code points), so `max_length` must
    judge the text the search will see, not the text as typed.
    """

    def to_python(self, value):
        return " ".join(normalize_text(super().to_python(value)).split())


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
