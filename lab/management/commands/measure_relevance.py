from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lab.relevance.measure import (
    PATHS,
    build_corpus,
    build_skeleton,
    engine_index,
    format_report,
    measure,
)


class Command(BaseCommand):
    help = (
        "Measure the catalogue search's relevance (mean reciprocal rank) on the fictional "
        "corpus of lab/relevance/, per path. The corpus is built in a throwaway copy of "
        "the configured database (as the test runner makes one), never in the site's data; "
        "the engine path (SEARCH_URL) gets an index prefix of its own, deleted afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            choices=PATHS,
            action="append",
            help="engine or database (repeatable). Default: both with SEARCH_URL, else database.",
        )

    def handle(self, *args, **options):
        paths = options["path"] or (["engine", "database"] if settings.SEARCH_URL else ["database"])
        if "engine" in paths and not settings.SEARCH_URL:
            raise CommandError("The engine path needs SEARCH_URL (a running search node).")
        original = connection.settings_dict["NAME"]
        self.stderr.write("Creating a throwaway database and the corpus (a minute or two)…")
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            products, companies = build_skeleton()
            keys = build_corpus(products_index=products, companies_index=companies)
            for path in paths:
                if path == "engine":
                    with engine_index():
                        report = measure(path="engine", keys=keys)
                else:
                    report = measure(path="database", keys=keys)
                self.stdout.write(format_report(report))
                self.stdout.write("")
        finally:
            connection.creation.destroy_test_db(original, verbosity=0)
