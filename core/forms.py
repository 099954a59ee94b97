from django import forms
from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    """Alt text is not optional: screen-reader users get the description of every image."""

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

    def clean_description(self):
        value = (self.cleaned_data.get("description") or "").strip()
        if not value:
            raise forms.ValidationError("Vui lòng nhập mô tả ảnh (alt text).")
        return value
