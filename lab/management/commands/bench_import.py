"""manage.py bench_import --rows 10000: how long the import of a large decision file takes."""

import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lab.benchmark.generate import ensure_catalogue_tree
from lab.imports.decision_file import decision_file
from products.importing.plan import plan_import
from products.importing.reader import read_decision_file
from products.services import ensure_official_sectors


class Command(BaseCommand):
    help = (
        "Import a synthetic decision file of N rows through import_recognitions --publish "
        "into the import benchmark database (config.settings.bench with BENCH_DATABASE_URL, "
        "see `make bench-import`), and print how long reading, planning and writing took."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, rows, seed, **options):
        if not getattr(settings, "BENCHMARK", False):
            raise CommandError("bench_import only runs on config.settings.bench.")
        call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
        ensure_official_sectors()
        ensure_catalogue_tree()
        content = decision_file(rows, seed=seed)
        self.stdout.write(f"{rows} rows, {len(content) / 1e6:.1f} MB as CSV.")
        started = time.perf_counter()
        parsed = read_decision_file(content=content, filename="bench.csv")
        read = time.perf_counter()
        plan = plan_import(parsed)
        planned = time.perf_counter()
        self.stdout.write(
            f"Read {read - started:.1f} s, planned {planned - read:.1f} s "
            f"({len(plan.companies)} companies, {len(plan.products)} products)."
        )
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "bench.csv"
            path.write_bytes(content)
            started, cpu = time.perf_counter(), time.process_time()
            call_command("import_recognitions", str(path), "--publish", verbosity=0)
            # CPU time beside the wall clock: on a shared machine the wall clock measures the
            # neighbours too; the import itself is one process on one core.
            self.stdout.write(
                self.style.SUCCESS(
                    f"import_recognitions --publish: {time.perf_counter() - started:.1f} s "
                    f"({time.process_time() - cpu:.1f} s of CPU) for {rows} rows (read, plan, "
                    "write in both languages, search entries)."
                )
            )
