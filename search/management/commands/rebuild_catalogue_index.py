import sys

from django.core.management.base import BaseCommand, CommandError

from search.catalogue import service
from search.catalogue.database.companies import rebuild_company_entries
from search.catalogue.database.query import rebuild_entries, rebuild_workers


class Command(BaseCommand):
    help = (
        "Rebuild the catalogue's search data (products and companies): the database entries, "
        "and with SEARCH_URL the engine indices (each built under a new name, then its alias is "
        "swapped: no moment without results)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=rebuild_workers(),
            help="Processes preparing the database entries (default: one per CPU, at most 4).",
        )

    def handle(self, *args, workers, **options):
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        try:
            self._rebuild(workers)
        finally:
            # Searches kept in the web processes' memory answer from the new data at once.
            service.forget_answers()

    def _rebuild(self, workers: int) -> None:
        entries = rebuild_entries(workers=workers)
        self.stdout.write(f"Database entries: {entries}.")
        companies = rebuild_company_entries(workers=workers)
        self.stdout.write(f"Database company entries: {companies}.")
        if not service.engine_enabled():
            return
        # Imported when an engine is configured: the database path needs no client library.
        from search.catalogue.engine.client import ENGINE_ERRORS
        from search.catalogue.engine.companies import rebuild_companies
        from search.catalogue.engine.indexing import rebuild

        try:
            report = rebuild(progress=self._progress)
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"Engine index rebuilt: {report}"))
            report = rebuild_companies(progress=self._progress)
        except ENGINE_ERRORS as error:
            raise CommandError(f"The search engine refused the rebuild: {error}") from error
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Engine company index rebuilt: {report}"))

    def _progress(self, done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        sys.stdout.flush()
