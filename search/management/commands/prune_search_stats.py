from django.core.management.base import BaseCommand, CommandError

from search.models import SearchQueryStat


class Command(BaseCommand):
    help = (
        "Delete the search statistics (the editors' search-terms reports) of days older than "
        "--days (default 365). Run it daily, next to publish_scheduled."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=365, help="Days of statistics to keep (default 365)."
        )

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        deleted = SearchQueryStat.objects.prune(days=days)
        self.stdout.write(f"Deleted {deleted} rows of search statistics older than {days} days.")
