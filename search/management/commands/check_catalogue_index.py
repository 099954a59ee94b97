from django.core.management.base import BaseCommand, CommandError

from search.catalogue import service


class Command(BaseCommand):
    help = (
        "Report drift between the database and the catalogue's search data (missing, stale "
        "and extra documents); --repair fixes it. Run after the engine was down."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix what is found.")

    def handle(self, *args, repair, **options):
        from search.catalogue.database import rebuild_entries

        if repair:
            self.stdout.write(f"Database entries rebuilt: {rebuild_entries()}.")
        if not service.engine_enabled():
            self.stdout.write("No SEARCH_URL: the database path is the only one.")
            return
        from search.catalogue import indexing
        from search.catalogue.engine import ENGINE_ERRORS

        try:
            report, expected = indexing.find_drift()
            self.stdout.write(
                f"missing: {len(report.missing)}, stale: {len(report.stale)}, "
                f"extra: {len(report.extra)}"
            )
            for label, keys in (
                ("missing", report.missing),
                ("stale", report.stale),
                ("extra", report.extra),
            ):
                for key in keys[:20]:
                    self.stdout.write(f"  {label}: {key}")
            if report.outdated:
                self.stdout.write(
                    "The index was built with other mappings or analysis than the code's "
                    f"({', '.join(report.outdated)}): it needs a rebuild."
                )
            if report.clean:
                self.stdout.write(self.style.SUCCESS("The index matches the database."))
            elif repair and report.outdated:
                built = indexing.rebuild()
                self.stdout.write(
                    self.style.SUCCESS(f"Rebuilt into {built.index}: {built.documents} documents.")
                )
            elif repair:
                indexing.repair(report, expected)
                self.stdout.write(self.style.SUCCESS("Repaired."))
            else:
                raise CommandError("The index has drifted; run again with --repair.")
        except ENGINE_ERRORS as error:
            raise CommandError(f"The search engine is unavailable: {error}") from error
