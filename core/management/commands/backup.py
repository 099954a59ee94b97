"""`make backup`: the database and every uploaded file into one directory (core.backups)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, create_backup, prune_backups


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite backup API or pg_dump) and every file under MEDIA_ROOT "
        "and PRIVATE_MEDIA_ROOT into a new directory under BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--directory", type=Path, help="Where backups go (default: BACKUP_DIR)")
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Afterwards delete all but this many newest backups (default: keep all)",
        )

    def handle(self, *args, directory, keep, **options):
        directory = directory or Path(settings.BACKUP_DIR)
        try:
            backup = create_backup(directory=directory)
            pruned = prune_backups(keep=keep, directory=directory) if keep else []
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = backup.manifest["files"]
        media = backup.manifest["media"]
        self.stdout.write(f"Backup written to {backup.path}")
        self.stdout.write(f"  {backup.engine} database: {backup.inventory.describe()}")
        for name, about in files.items():
            self.stdout.write(f"  {name}: {about['bytes']:,} bytes, sha256 {about['sha256'][:16]}…")
        self.stdout.write(f"  media: {media['files']} files, {media['bytes']:,} bytes")
        private = backup.manifest["private"]
        self.stdout.write(
            f"  private files (dossiers): {private['files']} files, {private['bytes']:,} bytes"
        )
        for path in pruned:
            self.stdout.write(f"  deleted the older backup {path}")
        self.stdout.write("Copy it off this machine (see README, Backups).")
