"""Dossier files: PDF only, checked by content with pypdf, at most N files of a limited size;
stored outside the public media and Wagtail's documents, downloaded only by editors through
the admin, and never by an anonymous visitor."""

import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from wagtail.documents import get_document_model

from applications.models import Application, ApplicationFile, ApplicationMail
from core.editorial import EDITORS
from tests.applications.conftest import FORM, FORM_EN, application_data, pdf_bytes, pdf_upload
from tests.inquiries.conftest import deliver_queued_mail

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    """A real 1x1 PNG (signature, IHDR, IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


def nothing_stored() -> bool:
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    on_disk = list(private.rglob("*.pdf")) if private.exists() else []
    return (
        Application.objects.count() == 0
        and ApplicationFile.objects.count() == 0
        and ApplicationMail.objects.count() == 0
        and on_disk == []
    )


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def applied(client, selection_round):
    assert client.post(FORM, application_data()).status_code == 302
    return Application.objects.get()


def test_the_files_are_stored_privately_and_named_in_the_confirmation(applied, private_root):
    files = list(applied.files.all())
    assert [(f.original_name, f.pages) for f in files] == [
        ("ho-so-nang-luc.pdf", 1),
        ("giay-chung-nhan.pdf", 3),
    ]
    for stored in files:
        path = Path(stored.file.path)
        assert path.is_relative_to(private_root)
        assert not path.is_relative_to(settings.MEDIA_ROOT)
        assert path.read_bytes().startswith(b"%PDF-")
        assert "ho-so" not in path.name  # a random name on disk
    assert get_document_model().objects.count() == 0
    deliver_queued_mail()
    assert "- giay-chung-nhan.pdf" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("ho-so.pdf", "Hồ sơ năng lực\n".encode() * 50, "application/pdf"),
            "“ho-so.pdf” is not a PDF file",
        ),
        (SimpleUploadedFile("anh.pdf", png_bytes(), "application/pdf"), "“anh.pdf” is not a PDF"),
        (pdf_upload("khoa.pdf", password="bi-mat"), "“khoa.pdf” is protected by a password"),
        (
            pdf_upload("hong.pdf", content=b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n"),
            "could not read the PDF file “hong.pdf”",
        ),
        (pdf_upload("trong.pdf", content=b""), "“trong.pdf” is empty"),
    ],
    ids=["text-renamed", "png", "encrypted", "broken", "empty"],
)
def test_a_file_that_is_not_a_readable_pdf_is_refused_and_nothing_stored(
    client, selection_round, upload, message
):
    response = client.post(FORM_EN, application_data(dossier=[pdf_upload(), upload]))
    assert response.status_code == 400
    assert message in response.text
    assert response.context["form"]["company_name"].value().startswith("Công ty")
    assert nothing_stored()


def test_a_vietnamese_applicant_reads_the_refusal_in_vietnamese(client, selection_round):
    fake = SimpleUploadedFile("anh.pdf", png_bytes(), "application/pdf")
    response = client.post(FORM, application_data(dossier=[fake]))
    assert "Tệp “anh.pdf” không phải là tệp PDF. Hồ sơ chỉ nhận tệp PDF." in response.text
    assert nothing_stored()


@override_settings(APPLICATION_FILE_MAX_BYTES=2000)
def test_an_oversized_file_is_refused_with_the_limit(client, selection_round):
    big = pdf_upload("lon.pdf", pages=40)
    assert big.size > 2000
    response = client.post(FORM_EN, application_data(dossier=[big]))
    assert response.status_code == 400
    assert "“lon.pdf”" in response.text and "over the limit of 2.0" in response.text
    assert nothing_stored()


@override_settings(APPLICATION_MAX_FILES=2)
def test_too_many_files_are_refused(client, selection_round):
    uploads = [pdf_upload(f"tep-{n}.pdf") for n in range(3)]
    response = client.post(FORM_EN, application_data(dossier=uploads))
    assert response.status_code == 400
    assert "at most 2 files; you chose 3" in response.text
    assert nothing_stored()


def test_a_dossier_is_required(client, selection_round):
    response = client.post(FORM_EN, application_data(dossier=[]))
    assert response.status_code == 400
    assert "Choose at least one PDF file of the dossier." in response.text
    assert nothing_stored()


def test_a_refused_duplicate_leaves_no_file_behind(client, applied, private_root):
    before = sorted(private_root.rglob("*.pdf"))
    again = client.post(FORM, application_data())
    assert again.status_code == 409
    assert sorted(private_root.rglob("*.pdf")) == before
    assert ApplicationFile.objects.count() == 2


def test_an_editor_downloads_a_file_as_an_attachment(client, applied):
    stored = applied.files.first()
    editor = User.objects.create_user(username="editor", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    response = client.get(f"/admin/applications/files/{stored.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="ho-so-nang-luc.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == pdf_bytes()


def test_a_user_without_the_permission_gets_nothing(client, applied):
    stored = applied.files.first()
    nobody = User.objects.create_user(username="nobody", password="x")
    nobody.user_permissions.add(*Permission.objects.filter(codename="access_admin"))
    client.force_login(nobody)
    response = client.get(f"/admin/applications/files/{stored.pk}/")
    assert response.status_code in (302, 403)
    assert b"%PDF" not in response.content


def test_an_anonymous_visitor_cannot_fetch_any_dossier_file(client, applied, private_root):
    client.logout()
    for stored in applied.files.all():
        admin = client.get(f"/admin/applications/files/{stored.pk}/")
        assert admin.status_code == 302
        assert admin["Location"].startswith("/admin/login/")
        relative = stored.file.name  # dossiers/<year>/<random>.pdf
        for guess in (
            f"/media/{relative}",
            f"/media/private/{relative}",
            f"/private/{relative}",
            f"/{relative}",
            f"/media/../private/{relative}",
            f"/documents/{stored.pk}/{stored.original_name}",
        ):
            response = client.get(guess)
            assert response.status_code in (400, 404), guess
            assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [])) + (
                b"" if response.streaming else response.content
            )
