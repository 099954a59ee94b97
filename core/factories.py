"""Factories shared by the tests and the demo loader."""

import hashlib
import io
import struct
import zlib

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from core.models import CustomImage
from core.text import fold_text

_PALETTE = ["#0b4a85", "#b3261e", "#1f6f50", "#8a5a00", "#5b3e96", "#0f6b7a", "#7a2e4f"]


def make_picture(label: str, *, width=1200, height=800) -> ImageFile:
    """A clean generated picture (a colour field with the label's initials), made locally."""
    digest = int(hashlib.sha256(label.encode()).hexdigest(), 16)
    background = _PALETTE[digest % len(_PALETTE)]
    picture = PILImage.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(picture)
    for ring in range(4):
        inset = ring * min(width, height) // 12
        draw.ellipse(
            [
                width * 0.55 + inset,
                -height * 0.2 + inset,
                width * 1.3 - inset,
                height * 0.9 - inset,
            ],
            outline="#ffffff",
            width=max(2, height // 120),
        )
    initials = "".join(word[0] for word in fold_text(label).upper().split()[:3] if word) or "SP"
    font = ImageFont.load_default(size=height // 4)
    draw.text((width * 0.08, height * 0.55), initials, fill="#ffffff", font=font, anchor="ls")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return ImageFile(buffer, name=f"{fold_text(label).replace(' ', '-')[:60] or 'image'}.png")


def make_plain_png(width: int, height: int, *, alpha: bool = False) -> bytes:
    """A valid one-colour PNG of any size, written row by row.

    Pillow would hold the whole picture in memory to encode it (484 MB at 11 000 × 11 000 with
    alpha); this costs one row, so tests and measurements can upload pictures of any size.
    """
    channels = 4 if alpha else 3
    row = b"\x00" + b"\x80" * (width * channels)  # filter byte "none", then mid-grey pixels
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Ảnh mẫu {n}")
    description = factory.LazyAttribute(lambda o: f"Hình minh hoạ: {o.title}")
    file = factory.LazyAttribute(lambda o: make_picture(o.title, width=480, height=320))
