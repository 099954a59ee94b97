from django.core.management.base import BaseCommand, CommandError

from search.catalogue import service
from search.catalogue.database import companies as company_entries
from search.catalogue.database import query as database
from search.catalogue.drift import DriftReport


class Command(BaseCommand):
    help = (
        "Report drift between the pages and the catalogue's search data (missing, stale and "
        "extra products) on the database path and, with SEARCH_URL, in the engine's index; "
        "--repair fixes it. Run after the engine was down and after every deploy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Fix what is found.")

    def handle(self, *args, repair, **options):
        try:
            self._check(repair)
        finally:
            if repair:
                # Searches kept in the web processes' memory answer from the repaired data.
                service.forget_answers()

    def _check(self, repair: bool) -> None:
        drifted = []
        report = database.find_drift()
        self._print("Database entries", report, clean="The database entries match the pages.")
        if not report.clean:
            if repair:
                database.repair(report)
                self.stdout.write(self.style.SUCCESS("Database entries repaired."))
            else:
                drifted.append("the database entries")
        report = company_entries.find_company_drift()
        self._print("Database company entries", report, clean="The company entries match.")
        if not report.clean:
            if repair:
                company_entries.repair_companies(report)
                self.stdout.write(self.style.SUCCESS("Database company entries repaired."))
            else:
                drifted.append("the database company entries")
        if service.engine_enabled():
            drifted += self._check_engine(repair)
            drifted += self._check_engine_companies(repair)
        if drifted:
            raise CommandError(
                f"The search data has drifted in {' and '.join(drifted)}; run again with --repair."
            )

    def _check_engine(self, repair) -> list[str]:
        # Imported when an engine is configured: the database path needs no client library.
        from search.catalogue.engine import indexing
        from search.catalogue.engine.client import ENGINE_ERRORS

        try:
            report, expected = indexing.find_drift()
            self._print("Engine index", report, clean="The index matches the database.")
            if report.outdated:
                self.stdout.write(
                    "The index was built with other mappings or analysis than the code's "
                    f"({', '.join(report.outdated)}): it needs a rebuild."
                )
            if report.clean:
                return []
            if not repair:
                return ["the engine's index"]
            if report.outdated:
                built = indexing.rebuild()
                self.stdout.write(
                    self.style.SUCCESS(f"Rebuilt into {built.index}: {built.documents} documents.")
                )
            else:
                indexing.repair(report, expected)
                self.stdout.write(self.style.SUCCESS("Engine index repaired."))
            return []
        except ENGINE_ERRORS as error:
            raise CommandError(f"The search engine is unavailable: {error}") from error

    def _check_engine_companies(self, repair) -> list[str]:
        # Imported when an engine is configured: the database path needs no client library.
        from search.catalogue.engine import companies
        from search.catalogue.engine.client import ENGINE_ERRORS

        try:
            report, expected = companies.find_company_drift()
            self._print("Engine company index", report, clean="The company index matches.")
            if report.outdated:
                self.stdout.write(
                    "The company index is missing or was built with other mappings or analysis "
                    f"than the code's ({', '.join(report.outdated)}): it needs a rebuild."
                )
            if report.clean:
                return []
            if not repair:
                return ["the engine's company index"]
            if report.outdated:
                built = companies.rebuild_companies()
                self.stdout.write(
                    self.style.SUCCESS(f"Rebuilt into {built.index}: {built.documents} documents.")
                )
            else:
                companies.repair_companies(report, expected)
                self.stdout.write(self.style.SUCCESS("Engine company index repaired."))
            return []
        except ENGINE_ERRORS as error:
            raise CommandError(f"The search engine is unavailable: {error}") from error

    def _print(self, label: str, report: DriftReport, *, clean: str) -> None:
        self.stdout.write(
            f"{label}: missing: {len(report.missing)}, stale: {len(report.stale)}, "
            f"extra: {len(report.extra)}"
        )
        for name, keys in (
            ("missing", report.missing),
            ("stale", report.stale),
            ("extra", report.extra),
        ):
            for key in keys[:20]:
                self.stdout.write(f"  {name}: {key}")
        if report.clean:
            self.stdout.write(self.style.SUCCESS(clean))
