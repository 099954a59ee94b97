import sys

from django.core.management.base import BaseCommand, CommandError

from search.catalogue import service
from search.catalogue.database.query import rebuild_entries


class Command(BaseCommand):
    help = (
        "Rebuild the catalogue's search data: the database entries, and with SEARCH_URL the "
        "engine index (built under a new name, then the alias is swapped: no moment without "
        "results)."
    )

    def handle(self, *args, **options):
        entries = rebuild_entries()
        self.stdout.write(f"Database entries: {entries}.")
        if not service.engine_enabled():
            return
        # Imported when an engine is configured: the database path needs no client library.
        from search.catalogue.engine.client import ENGINE_ERRORS
        from search.catalogue.engine.indexing import rebuild

        try:
            report = rebuild(progress=self._progress)
        except ENGINE_ERRORS as error:
            raise CommandError(f"The search engine refused the rebuild: {error}") from error
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Engine index rebuilt: {report}"))

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stdout.flush()
