import functools
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import UploadedFile
from wagtail.users.models import UserProfile

from core.factories import ImageFactory, make_picture, make_plain_png
from core.forms import ImageForm
from core.images import STANDARD_SPECS


def test_renditions_are_made_when_an_image_is_saved(db):
    image = ImageFactory()
    assert set(image.renditions.values_list("filter_spec", flat=True)) == set(STANDARD_SPECS)


def test_the_image_form_requires_alt_text(db):
    form_class = get_image_form(get_image_model())
    assert issubclass(form_class, ImageForm)
    picture = make_picture("Anh thu", width=64, height=48)
    upload = SimpleUploadedFile("anh.png", picture.read(), content_type="image/png")
    form = form_class(data={"title": "Ảnh thử", "description": "  "}, files={"file": upload})
    assert not form.is_valid()
    assert "Vui lòng nhập mô tả ảnh (alt text)." in form.errors["description"]


# Issue 9, defect 4: an 11 000 × 11 000 PNG (375 KB) passed Wagtail's 128-megapixel default
# and its renditions took 2.7 GB in the request. The site's limit is 25 million pixels.
TOO_MANY = (11_000, 11_000)
REFUSED_VI = "Ảnh quá lớn: ảnh sản phẩm và logo chỉ được tối đa 25 triệu điểm ảnh"
REFUSED_EN = "This image is too large: product photos and logos may have at most 25 million"


def stored_files(root: Path) -> set[Path]:
    return {path for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def admin_client_in(client, admin_user):
    """A superuser's client whose admin speaks *language*."""

    def signed_in(language: str):
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = language
        profile.save()
        client.force_login(admin_user)
        return client

    return signed_in


@functools.cache
def plain_png(width: int, height: int) -> bytes:
    return make_plain_png(width, height)


def png_upload(width: int, height: int, name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, plain_png(width, height), content_type="image/png")


@pytest.mark.parametrize(
    ("language", "message"), [("vi", REFUSED_VI), ("en", REFUSED_EN)], ids=["vi", "en"]
)
def test_the_image_form_refuses_too_many_pixels_and_stores_nothing(
    admin_client_in, media, language, message
):
    response = admin_client_in(language).post(
        "/admin/images/add/",
        {"title": "Ảnh khổng lồ", "description": "Ảnh rất lớn", "file": png_upload(*TOO_MANY)},
    )
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not get_image_model().objects.exists()
    assert stored_files(media) == set()


def test_the_multiple_upload_refuses_too_many_pixels_and_stores_nothing(admin_client_in, media):
    response = admin_client_in("vi").post(
        "/admin/images/multiple/add/", {"files[]": png_upload(*TOO_MANY)}
    )
    data = response.json()
    assert data["success"] is False
    assert REFUSED_VI in data["error_message"]
    assert not get_image_model().objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media) == set()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")  # Pillow's, expected
def test_the_limit_counts_pixels_not_bytes(db):
    """The largest picture accepted is 25 million pixels; one row more is refused."""
    form_class = get_image_form(get_image_model())

    def form_for(width, height):
        return form_class(
            data={"title": "Ảnh", "description": "Ảnh thử"},
            files={"file": png_upload(width, height)},
        )

    assert form_for(5_000, 5_000).is_valid()
    refused = form_for(5_000, 5_001)
    assert not refused.is_valid()
    assert any(REFUSED_VI in error for error in refused.errors["file"])


def test_pillow_refuses_to_decode_a_bomb_anywhere_in_the_site(db):
    """Outside the form (a file saved by code, a rendition of a stored file) Pillow itself
    refuses pictures of more than twice the site's limit instead of decoding them."""
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(plain_png(*TOO_MANY)))
