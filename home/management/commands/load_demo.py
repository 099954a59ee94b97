from django.core.management.base import BaseCommand, CommandError

from home.demo.data import DemoContentError
from home.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo site (sample data, both languages). Running it again changes nothing."

    def handle(self, *args, **options):
        try:
            report = load_demo()
        except DemoContentError as error:
            # A data file at fault: its name and the key, not a traceback.
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {report.created_pages} pages created, "
                f"{report.translated_pages} translated into English."
            )
        )
