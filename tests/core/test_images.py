from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model

from core.factories import ImageFactory, make_picture
from core.forms import ImageForm
from core.images import STANDARD_SPECS


def test_renditions_are_made_when_an_image_is_saved(db):
    image = ImageFactory()
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(STANDARD_SPECS)


def test_the_image_form_requires_alt_text(db):
    from wagtail.images.forms import get_image_form

    form_class = get_image_form(get_image_model())
    assert issubclass(form_class, ImageForm)
    picture = make_picture("Anh thu", width=64, height=48)
    upload = SimpleUploadedFile("anh.png", picture.read(), content_type="image/png")
    form = form_class(data={"title": "Ảnh thử", "description": "  "}, files={"file": upload})
    assert not form.is_valid()
    assert "Vui lòng nhập mô tả ảnh (alt text)." in form.errors["description"]
