import os
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lab.benchmark.generate import generate_catalogue

REFUSAL = (
    "generate_catalogue writes synthetic products and only runs against the benchmark "
    "database: use DJANGO_SETTINGS_MODULE=config.settings.bench (database BENCH_DATABASE_URL, "
    "by default var/bench.sqlite3; index prefix bench_spcncl_)."
)


class Command(BaseCommand):
    help = (
        "Create N synthetic products and their companies, in Vietnamese and English, in the "
        "benchmark database (config.settings.bench only), and build their search entries. "
        "Deterministic for a seed; a catalogue already there for the same N and seed is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, required=True, help="How many products.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Generate again even when the same catalogue is already there.",
        )

    def handle(self, *args, products, seed, force, **options):
        # Checked before anything touches a database: the demo's must never get these pages.
        if not getattr(settings, "BENCHMARK", False):
            raise CommandError(REFUSAL)
        if products < 1:
            raise CommandError("--products must be at least 1.")
        started = time.perf_counter()
        # The system checks already ran for this command; migrate need not run them again.
        call_command("migrate", interactive=False, verbosity=0, skip_checks=True)
        self.stdout.write(f"Database migrated ({time.perf_counter() - started:.1f} s).")
        report = generate_catalogue(
            products=products, seed=seed, force=force, progress=self.stdout.write
        )
        if report.skipped:
            return
        timings = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in report.timings.items())
        # CPU time next to wall time: on a shared machine the wall time mostly says how busy
        # the other processes were (workers that built entries are included).
        cpu = sum(os.times()[:4])
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {report.products} products and {report.companies} companies "
                f"({report.pages} pages in two languages, {report.entries} search entries) "
                f"in {time.perf_counter() - started:.1f} s ({timings}; CPU {cpu:.1f} s)."
            )
        )
