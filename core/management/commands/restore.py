"""`make restore`: put a backup made by `manage.py backup` back (core.backups).

Nothing changes without --confirm; what would be replaced is first saved as a backup.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backups import (
    Backup,
    BackupError,
    backups_in,
    check_restorable,
    inspect_target,
    restore_backup,
)


class Command(BaseCommand):
    help = (
        "Restore the database and MEDIA_ROOT from a backup directory (default: the newest "
        "under BACKUP_DIR). Refuses to change anything without --confirm."
    )

    # The system checks would connect to the database, creating an empty SQLite file (and
    # failing where its folder does not exist yet, as on a new machine).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("backup", nargs="?", type=Path, help="A backup directory")
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="Replace the database and MEDIA_ROOT (what they hold is backed up first)",
        )

    def handle(self, *args, backup, confirm, **options):
        try:
            chosen = self._choose(backup)
            target = inspect_target()
            check_restorable(chosen, target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup:  {chosen.path} (made {chosen.manifest['created']})")
        self.stdout.write(
            f"  {chosen.engine} database: {chosen.inventory.describe()}; "
            f"media: {chosen.manifest['media']['files']} files; checksums verified"
        )
        self.stdout.write(f"Target:  {target.describe()}")
        if not confirm:
            raise CommandError(
                "Nothing was changed. Restoring replaces the target database and media "
                "directory; run again with --confirm (make restore CONFIRM=yes) to do it."
            )
        if not target.is_empty:
            self.stdout.write("The target is not empty: backing it up first…")
        try:
            report = restore_backup(chosen)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if report.safety_backup:
            self.stdout.write(f"  what was there is now in {report.safety_backup.path}")
        self.stdout.write(
            f"Restored: {report.inventory.describe()}; {report.media_files} media files"
        )
        if report.inventory != chosen.inventory:
            raise CommandError(
                f"The restored database holds {report.inventory.describe()}, not the "
                f"{chosen.inventory.describe()} the backup recorded."
            )
        if report.missing_files:
            raise CommandError(
                f"{len(report.missing_files)} image or document files are missing from the "
                f"backup: {', '.join(report.missing_files[:10])}"
            )
        self.stdout.write(
            "Every image and document file is in place. Next: restart the site; with a search "
            "engine, run `manage.py update_index` and `manage.py rebuild_catalogue_index`."
        )

    def _choose(self, path: Path | None) -> Backup:
        if path is not None:
            return Backup.open(path)
        found = backups_in(Path(settings.BACKUP_DIR))
        if not found:
            raise BackupError(
                f"No backup found under {settings.BACKUP_DIR}: name one "
                "(make restore BACKUP=path/to/backup)."
            )
        return found[-1]
