"""A selection round open now, the next one, and an application as a browser posts it."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from applications.models import SelectionRound

FORM = "/dang-ky-binh-chon/"
FORM_EN = "/en/apply-for-selection/"
# A real tax code (its 10th digit checks out, python-stdnum's vn.mst).
TAX_CODE = "0100109106"
OTHER_TAX_CODE = "0101245486"


@pytest.fixture
def selection_round(db):
    now = timezone.now()
    return SelectionRound.objects.create(
        year=now.year,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=20),
        intro="Doanh nghiệp đăng ký và nộp hồ sơ trước ngày đóng.",
        intro_en="Companies register and send their dossier before the closing date.",
    )


@pytest.fixture
def next_round(db):
    now = timezone.now()
    return SelectionRound.objects.create(
        year=now.year + 1,
        opens_at=now + datetime.timedelta(days=200),
        closes_at=now + datetime.timedelta(days=260),
    )


def pdf_bytes(*, pages: int = 1, password: str = "") -> bytes:
    """A real PDF made with pypdf: blank pages, encrypted when a password is given."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_upload(name: str = "ho-so-nang-luc.pdf", content: bytes | None = None, **options):
    content = pdf_bytes(**options) if content is None else content
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def application_data(**changes) -> dict:
    data = {
        "company_name": "Công ty Cổ phần Bóng đèn Phích nước Rạng Đông",
        "tax_code": TAX_CODE,
        "contact_name": "Nguyễn Văn An",
        "email": "an.nguyen@rangdong.example.vn",
        "phone": "024 3858 4310",
        "products": "Bóng đèn LED A60",
        "dossier": [pdf_upload(), pdf_upload("giay-chung-nhan.pdf", pages=3)],
        "language": "vi",
        "consent": "on",
        "leave_empty": "",
    }
    data.update(changes)
    return data
