"""`manage.py backup` and `restore` (core.backups): a backup restored into a fresh database and
a fresh media directory, by a separate process as on a new machine, holds every page,
revision, image and document, the files byte for byte.

Runs on the suite's database: SQLite (the restore goes to a new file) or PostgreSQL (to a new
database on the same server, named after the test database, dropped afterwards).
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from core.backups import MEDIA_ARCHIVE, backups_in
from home.models import HomePage
from news.factories import NewsPageFactory
from products.factories import DecisionFactory
from tests.content import make_company, make_product, publish
from tests.sitetree import build_site_tree, get_site_tree

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n% Quy\xe1\xba\xbft \xc4\x91\xe1\xbb\x8bnh c\xc3\xb4ng nh\xe1\xba\xadn\n%%EOF\n"


def snapshot() -> dict:
    """Everything a restore must bring back, as JSON: also run in the restoring process."""

    def digest(name):
        path = Path(settings.MEDIA_ROOT) / name
        return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None

    rendition_model = get_image_model().get_rendition_model()
    return {
        "pages": sorted(
            [page.pk, page.title, page.url_path, page.live, page.latest_revision_id]
            for page in Page.objects.all()
        ),
        "revisions": sorted(
            [revision.pk, revision.object_id, json.dumps(revision.content, sort_keys=True)]
            for revision in Revision.objects.all()
        ),
        "images": sorted(
            [image.pk, image.title, image.file.name, digest(image.file.name)]
            for image in get_image_model().objects.all()
        ),
        "renditions": sorted(
            [rendition.filter_spec, rendition.file.name, digest(rendition.file.name)]
            for rendition in rendition_model.objects.all()
        ),
        "documents": sorted(
            [document.pk, document.title, document.file.name, digest(document.file.name)]
            for document in get_document_model().objects.all()
        ),
    }


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def tree(db):
    """The site tree, with the default site on it: a transactional test starts from the
    serialized database of the first migration (Wagtail's welcome page as the site root)."""
    if not HomePage.objects.filter(locale__language_code="vi").exists():
        build_site_tree()
    tree = get_site_tree()
    site = Site.objects.get(is_default_site=True)
    site.root_page = tree.home
    site.save()
    return tree


@pytest.fixture
def content(tree, media_root):
    """Published pages in two languages with a draft on top, an image, a document."""
    site_tree = tree
    company = make_company(site_tree, english={"Công ty Đèn Sáng": "Den Sang Company"})
    product = make_product(
        site_tree,
        company=company,
        title="Đèn LED chiếu sáng",
        slug="den-led-chieu-sang",
        english={"Đèn LED chiếu sáng": "LED lighting"},
    )
    product.title = "Đèn LED chiếu sáng (bản nháp)"
    product.save_revision()  # a draft: only in its revision
    publish(NewsPageFactory(parent=site_tree.news, title="Hội chợ hàng công nghiệp"))
    document = wagtail_factories.DocumentFactory(
        title="Quyết định công nhận", file=ContentFile(PDF, name="quyet-dinh.pdf")
    )
    DecisionFactory(document=document)
    return product


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of an empty database of the suite's engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh' / 'db.sqlite3'}"
        return
    database = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{database}"')
    server = connection.settings_dict
    credentials = quote(server["USER"] or "")
    if server["PASSWORD"]:
        credentials += ":" + quote(server["PASSWORD"])
    try:
        yield (
            f"postgres://{credentials}@{server['HOST'] or 'localhost'}:{server['PORT'] or 5432}"
            f"/{database}"
        )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def manage(*arguments, database_url, tmp_path):
    """manage.py in a new process with its own database, media and backup folders, as on a
    freshly set-up machine (development settings with DEBUG off: production's would need
    `collectstatic` first to render a page)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"SEARCH_URL", "DATABASE_URL", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT", "CACHE_URL"}
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url,
        VAR_DIR=str(tmp_path / "fresh"),
        MEDIA_ROOT=str(tmp_path / "fresh" / "media"),
        BACKUP_DIR=str(tmp_path / "fresh" / "backups"),
        CACHE_URL="locmem://",
    )
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


RESTORED_SNAPSHOT = (
    "import json; from tests.test_backup import snapshot; print(json.dumps(snapshot()))"
)


def test_a_backup_restores_into_a_fresh_database_and_media_directory(
    content, fresh_database, tmp_path, capsys
):
    original = snapshot()
    assert len(original["pages"]) > 10 and original["renditions"]
    assert all(entry[-1] for entry in original["images"] + original["documents"])
    # A selection dossier, outside MEDIA_ROOT (applications): backed up and restored too.
    dossier = Path(settings.PRIVATE_MEDIA_ROOT) / "dossiers" / "2027" / "hoso.pdf"
    dossier.parent.mkdir(parents=True)
    dossier.write_bytes(b"%PDF-1.7 dossier of a company")
    call_command("backup", directory=tmp_path / "backups")
    (backup,) = backups_in(tmp_path / "backups")
    assert backup.inventory.images == 1 and backup.inventory.documents == 1
    assert backup.manifest["private"] == {"files": 1, "bytes": dossier.stat().st_size}
    assert "private.tar" in backup.manifest["files"]

    refused = manage("restore", str(backup.path), database_url=fresh_database, tmp_path=tmp_path)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "--confirm" in refused.stderr
    assert not (tmp_path / "fresh" / "media").exists()
    assert not (tmp_path / "fresh" / "db.sqlite3").exists()

    restored = manage(
        "restore", str(backup.path), "--confirm", database_url=fresh_database, tmp_path=tmp_path
    )
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Every image and document file is in place" in restored.stdout
    restored_dossier = tmp_path / "fresh" / "private" / "dossiers" / "2027" / "hoso.pdf"
    assert restored_dossier.read_bytes() == dossier.read_bytes()
    assert not (tmp_path / "fresh" / "media" / "dossiers").exists()
    found = manage(
        "shell",
        "--no-imports",
        "-c",
        RESTORED_SNAPSHOT,
        database_url=fresh_database,
        tmp_path=tmp_path,
    )
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout) == json.loads(json.dumps(original))

    # The restored site answers, with the picture's rendition on the product page.
    product_url = content.get_url()
    page = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.test import Client; response = Client().get("
        f"{product_url!r}); print(response.status_code); print(response.content.decode())",
        database_url=fresh_database,
        tmp_path=tmp_path,
    )
    status, _, html = page.stdout.partition("\n")
    assert status == "200", page.stderr
    assert "Đèn LED chiếu sáng" in html
    assert any(rendition[1] in html for rendition in original["renditions"])

    # Again onto the now full target: what it held is backed up first, then replaced.
    again = manage(
        "restore", str(backup.path), "--confirm", database_url=fresh_database, tmp_path=tmp_path
    )
    assert again.returncode == 0, again.stdout + again.stderr
    (safety,) = backups_in(tmp_path / "fresh" / "backups")
    assert safety.path.name.endswith("-before-restore")
    assert safety.inventory == backup.inventory


def test_a_damaged_backup_is_refused_before_anything_changes(content, tmp_path):
    call_command("backup", directory=tmp_path / "backups")
    (backup,) = backups_in(tmp_path / "backups")
    archive = backup.path / MEDIA_ARCHIVE
    damaged = bytearray(archive.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    before = snapshot()

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup.path), confirm=True)

    assert snapshot() == before
