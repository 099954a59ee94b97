"""Checking a dossier file by what it holds, not by its name or the browser's word: a PDF
that pypdf opens, not encrypted, with at least one page, at most APPLICATION_FILE_MAX_BYTES."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
# The PDF header may follow a little junk (ISO 32000-1, 7.5.2 allows readers to look ahead).
HEADER_WINDOW = 1024
NAME_MAX = 200


@dataclass(frozen=True)
class CheckedPdf:
    upload: object
    name: str
    size: int
    pages: int


def _refuse(message, name: str, code: str, **params):
    raise ValidationError(message, code=code, params={"name": name, **params})


def check_pdf(upload) -> CheckedPdf:
    """*upload* as a checked PDF, or a ValidationError naming the file and what is wrong."""
    name = (upload.name or "").rsplit("/", 1)[-1][:NAME_MAX] or "dossier.pdf"
    limit = settings.APPLICATION_FILE_MAX_BYTES
    if upload.size > limit:
        _refuse(
            _("Tệp “%(name)s” nặng %(size)s, quá giới hạn %(limit)s cho mỗi tệp."),
            name,
            "too_large",
            size=filesizeformat(upload.size),
            limit=filesizeformat(limit),
        )
    if upload.size == 0:
        _refuse(_("Tệp “%(name)s” trống."), name, "empty")
    upload.seek(0)
    if PDF_MAGIC not in upload.read(HEADER_WINDOW):
        _refuse(_("Tệp “%(name)s” không phải là tệp PDF. Hồ sơ chỉ nhận tệp PDF."), name, "not_pdf")
    upload.seek(0)
    try:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            _refuse(
                _(
                    "Tệp “%(name)s” được đặt mật khẩu hoặc mã hoá. Hãy gửi bản PDF không đặt "
                    "mật khẩu."
                ),
                name,
                "encrypted",
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        logger.info("dossier file refused: %s: %s", type(error).__name__, error)
        pages = 0
    if pages == 0:
        _refuse(
            _("Không đọc được tệp PDF “%(name)s” (tệp hỏng hoặc không hoàn chỉnh)."),
            name,
            "unreadable",
        )
    upload.seek(0)
    return CheckedPdf(upload=upload, name=name, size=upload.size, pages=pages)
