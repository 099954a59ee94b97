"""Backups of the whole site (`manage.py backup`, `manage.py restore`): database and uploads.

A backup is one directory under BACKUP_DIR, named by its UTC time, holding

- the database, made with the database's own tool: SQLite's online backup API (a consistent
  copy while the site runs, WAL or not) or `pg_dump --format=custom` (one snapshot, compressed,
  with the `pg_trgm` extension the catalogue needs);
- `media.tar`: every file under MEDIA_ROOT: original images, documents and the renditions,
  kept so a restored site shows its pictures at once (their database rows are restored too,
  and making them again would take minutes of CPU on a large catalogue);
- `private.tar`: every file under PRIVATE_MEDIA_ROOT (the selection's dossiers, which no URL
  serves), restored there;
- `manifest.json`: the engine, the counts of pages, revisions, images and documents, each
  file's SHA-256 and size, the last migration of each app and the versions that made it.

The directory is written under a temporary name and renamed when complete, so an interrupted
backup is never taken for the latest one. The database is copied before the files: a picture
uploaded in between is an extra file, never a missing one.

A restore checks the checksums and the engine first and changes nothing unless confirmed. If
the target database has tables or MEDIA_ROOT has files, it first makes a backup of them
("before-restore"), so nothing is overwritten without a copy. SQLite is restored with the
backup API into the target (one write, so no stale WAL file survives), PostgreSQL with
`pg_restore --single-transaction` (all or nothing) without owners or grants, so the target can
belong to another role on another machine.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import django
import wagtail
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
# Files no URL serves (PRIVATE_MEDIA_ROOT: the selection's dossiers), archived apart so a
# restore puts them back where only the admin reads them.
PRIVATE_ARCHIVE = "private.tar"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
PARTIAL_PREFIX = ".partial-"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


@dataclass
class Inventory:
    """What a database holds that a visitor or an editor would miss."""

    pages: int = 0
    revisions: int = 0
    images: int = 0
    documents: int = 0

    @classmethod
    def of_database(cls, using: str = DEFAULT_DB_ALIAS) -> "Inventory":
        return cls(
            pages=Page.objects.using(using).count(),
            revisions=Revision.objects.using(using).count(),
            images=get_image_model().objects.using(using).count(),
            documents=get_document_model().objects.using(using).count(),
        )

    def describe(self) -> str:
        return (
            f"{self.pages} pages, {self.revisions} revisions, {self.images} images, "
            f"{self.documents} documents"
        )


@dataclass
class Backup:
    """A complete backup directory and its manifest."""

    path: Path
    manifest: dict

    @property
    def engine(self) -> str:
        return self.manifest["engine"]

    @property
    def inventory(self) -> Inventory:
        return Inventory(**self.manifest["inventory"])

    @classmethod
    def open(cls, path: Path) -> "Backup":
        manifest_path = path / MANIFEST
        if not manifest_path.is_file():
            raise BackupError(f"{path} is not a complete backup: it has no {MANIFEST}.")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"{path}: backup format {manifest.get('format')!r} is not {FORMAT}.")
        return cls(path, manifest)

    def verify(self) -> None:
        """Every file is there with the size and SHA-256 the manifest recorded."""
        for name, expected in self.manifest["files"].items():
            file = self.path / name
            if not file.is_file():
                raise BackupError(f"{file} is missing: this backup cannot be restored.")
            size, digest = _size_and_digest(file)
            if (size, digest) != (expected["bytes"], expected["sha256"]):
                raise BackupError(
                    f"{file} is damaged (its size or SHA-256 differs from the manifest): "
                    "restore another backup."
                )


@dataclass
class Target:
    """The database and media directory a restore would replace, as they are now."""

    engine: str
    database: str
    tables: int
    inventory: Inventory | None
    media_root: Path
    media_files: int

    @property
    def is_empty(self) -> bool:
        return self.tables == 0 and self.media_files == 0

    def describe(self) -> str:
        database = (
            "no tables"
            if self.tables == 0
            else f"{self.tables} tables"
            + (f" ({self.inventory.describe()})" if self.inventory else "")
        )
        return (
            f"database {self.engine} {self.database}: {database}; "
            f"media {self.media_root}: {self.media_files} files"
        )


@dataclass
class RestoreReport:
    backup: Backup
    safety_backup: Backup | None
    inventory: Inventory
    media_files: int
    missing_files: list[str] = field(default_factory=list)


# -- backing up -------------------------------------------------------------------------


def create_backup(
    *, directory: Path | None = None, label: str = "", using: str = DEFAULT_DB_ALIAS
) -> Backup:
    """Copy the database and every file under MEDIA_ROOT and PRIVATE_MEDIA_ROOT into a new
    directory."""
    connection = connections[using]
    engine = _engine(connection)
    if not connection.introspection.table_names():
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} has no tables: nothing to back up."
        )
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    name = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%fZ") + (f"-{label}" if label else "")
    partial = directory / f"{PARTIAL_PREFIX}{name}"
    # Password hashes and sessions are in there: readable by this account only.
    partial.mkdir(mode=0o700)
    try:
        database_file = partial / DATABASE_FILES[engine]
        if engine == "sqlite":
            _sqlite_copy(connection, database_file)
        else:
            _pg_dump(connection, database_file)
        inventory = Inventory.of_database(using)
        media_files, media_bytes = _archive_media(
            Path(settings.MEDIA_ROOT), partial / MEDIA_ARCHIVE
        )
        private_files, private_bytes = _archive_media(
            Path(settings.PRIVATE_MEDIA_ROOT), partial / PRIVATE_ARCHIVE
        )
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database": str(connection.settings_dict["NAME"]),
            "inventory": inventory.__dict__,
            "media": {"files": media_files, "bytes": media_bytes},
            "private": {"files": private_files, "bytes": private_bytes},
            "files": {
                file.name: dict(zip(("bytes", "sha256"), _size_and_digest(file), strict=True))
                for file in (database_file, partial / MEDIA_ARCHIVE, partial / PRIVATE_ARCHIVE)
            },
            "migrations": _last_migrations(using),
            "versions": {"django": django.__version__, "wagtail": wagtail.__version__},
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        for file in partial.iterdir():
            file.chmod(0o600)
        final = directory / name
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Backup(final, manifest)


def backups_in(directory: Path | None = None) -> list[Backup]:
    """The complete backups under *directory* (BACKUP_DIR), oldest first."""
    directory = Path(directory or settings.BACKUP_DIR)
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if path.is_dir() and not path.name.startswith(".") and (path / MANIFEST).is_file():
            found.append(Backup.open(path))
    return found


def prune_backups(*, keep: int, directory: Path | None = None) -> list[Path]:
    """Delete all but the *keep* newest complete backups; return what was deleted."""
    if keep < 1:
        raise BackupError("--keep must be at least 1.")
    old = backups_in(directory)[:-keep]
    for backup in old:
        shutil.rmtree(backup.path)
    return [backup.path for backup in old]


# -- restoring --------------------------------------------------------------------------


def inspect_target(using: str = DEFAULT_DB_ALIAS) -> Target:
    connection = connections[using]
    tables = [] if _missing_sqlite_file(connection) else connection.introspection.table_names()
    inventory = None
    if Page._meta.db_table in tables:
        try:
            inventory = Inventory.of_database(using)
        except django.db.DatabaseError:
            # A database from another version of the site: its tables still count.
            inventory = None
    media_root = Path(settings.MEDIA_ROOT)
    return Target(
        engine=_engine(connection),
        database=str(connection.settings_dict["NAME"]),
        tables=len(tables),
        inventory=inventory,
        media_root=media_root,
        media_files=sum(1 for file in media_root.rglob("*") if file.is_file())
        if media_root.is_dir()
        else 0,
    )


def check_restorable(backup: Backup, target: Target) -> None:
    backup.verify()
    if backup.engine != target.engine:
        raise BackupError(
            f"{backup.path} is a {backup.engine} backup and the target database is "
            f"{target.engine}: restore it onto a {backup.engine} database (DATABASE_URL)."
        )


def restore_backup(
    backup: Backup, *, backup_directory: Path | None = None, using: str = DEFAULT_DB_ALIAS
) -> RestoreReport:
    """Replace the database and MEDIA_ROOT with *backup*, keeping a copy of what was there."""
    target = inspect_target(using)
    check_restorable(backup, target)
    safety = None
    if not target.is_empty:
        if target.tables:
            safety = create_backup(directory=backup_directory, label="before-restore", using=using)
        else:  # files but no database: keep the files alone
            safety = _media_only_backup(backup_directory)
    connection = connections[using]
    connection.close()
    if backup.engine == "sqlite":
        _sqlite_restore(connection, backup.path / DATABASE_FILES["sqlite"])
    else:
        _pg_restore(connection, backup.path / DATABASE_FILES["postgresql"])
    connection.close()
    media_files = _extract_media(backup.path / MEDIA_ARCHIVE, Path(settings.MEDIA_ROOT))
    if (backup.path / PRIVATE_ARCHIVE).is_file():  # backups made before it existed lack it
        _extract_media(backup.path / PRIVATE_ARCHIVE, Path(settings.PRIVATE_MEDIA_ROOT))
    # Shared cache entries (the page tree's version, routes, settings) describe the old data.
    caches["default"].clear()
    return RestoreReport(
        backup=backup,
        safety_backup=safety,
        inventory=Inventory.of_database(using),
        media_files=media_files,
        missing_files=missing_media_files(using),
    )


def missing_media_files(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Files of images and documents the database names and MEDIA_ROOT lacks."""
    missing = []
    for model in (get_image_model(), get_document_model()):
        for name in model.objects.using(using).values_list("file", flat=True):
            if not (Path(settings.MEDIA_ROOT) / name).is_file():
                missing.append(name)
    return missing


# -- the databases' own tools -----------------------------------------------------------


def _engine(connection) -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def _missing_sqlite_file(connection) -> bool:
    """A SQLite database that does not exist yet (connecting would create the file)."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return False
    return not Path(connection.settings_dict["NAME"]).exists()


def _sqlite_copy(connection, destination: Path) -> None:
    # Through the site's own connection, so an in-memory test database is copied too.
    connection.ensure_connection()
    with sqlite3.connect(destination) as copy:
        connection.connection.backup(copy)
    copy.close()


def _sqlite_restore(connection, source: Path) -> None:
    database = Path(connection.settings_dict["NAME"])
    database.parent.mkdir(parents=True, exist_ok=True)
    original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    target = sqlite3.connect(database)
    try:
        original.backup(target)
    finally:
        target.close()
        original.close()


def pg_binary(name: str) -> str:
    """pg_dump or pg_restore: from PG_BIN_DIR, else the newest Debian server package, else PATH.

    The newest first: pg_dump refuses a server newer than itself, and pg_restore a dump made
    by a newer pg_dump.
    """
    candidates = []
    if settings.PG_BIN_DIR:
        candidates.append(Path(settings.PG_BIN_DIR) / name)
    candidates += sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
        reverse=True,
    )
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise BackupError(
        f"{name} was not found. Install PostgreSQL's client programs "
        "(Debian/Ubuntu: apt-get install postgresql-client) or set PG_BIN_DIR."
    )


def _pg_run(connection, program: str, parameters: list[str], extra: list[str] = ()) -> None:
    args, env = connection.client.settings_to_cmd_args_env(connection.settings_dict, parameters)
    args = [pg_binary(program), *args[1:], *extra]
    completed = subprocess.run(
        args, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise BackupError(f"{program} failed ({completed.returncode}): {completed.stderr.strip()}")


def _pg_dump(connection, destination: Path) -> None:
    _pg_run(connection, "pg_dump", ["--format=custom", f"--file={destination}"])


def _pg_restore(connection, source: Path) -> None:
    _pg_run(
        connection,
        "pg_restore",
        # --dbname takes the database name settings_to_cmd_args_env puts last.
        [
            "--single-transaction",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--dbname",
        ],
        [str(source)],
    )


# -- uploads ----------------------------------------------------------------------------


def _archive_media(media_root: Path, archive: Path) -> tuple[int, int]:
    files = total = 0
    with tarfile.open(archive, "w") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    files += 1
                    total += path.stat().st_size
    return files, total


def _extract_media(archive: Path, media_root: Path) -> int:
    """Make MEDIA_ROOT hold exactly the archive's files (its contents go, not the directory,
    which may be a mount point)."""
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    with tarfile.open(archive) as tar:
        members = [member for member in tar.getmembers() if member.isfile()]
        # "data": no absolute paths, no "..", no links or devices, whatever the archive holds.
        tar.extractall(media_root, members=members, filter="data")
    return len(members)


def _media_only_backup(directory: Path | None) -> Backup:
    directory = Path(directory or settings.BACKUP_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    name = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%fZ") + "-media-before-restore"
    path = Path(tempfile.mkdtemp(prefix=PARTIAL_PREFIX, dir=directory))  # mode 0700
    files, size = _archive_media(Path(settings.MEDIA_ROOT), path / MEDIA_ARCHIVE)
    manifest = {"format": FORMAT, "media": {"files": files, "bytes": size}, "media_only": True}
    (path / "media-only.json").write_text(json.dumps(manifest, indent=2))
    path = path.rename(directory / name)
    return Backup(path, manifest)


def _last_migrations(using: str) -> dict[str, str]:
    last = {}
    for app, name in (
        MigrationRecorder(connections[using])
        .migration_qs.order_by("app", "id")
        .values_list("app", "name")
    ):
        last[app] = name
    return last


def _size_and_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return path.stat().st_size, digest.hexdigest()
