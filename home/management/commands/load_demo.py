from django.core.management.base import BaseCommand

from home.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo site (sample data, both languages). Running it again changes nothing."

    def handle(self, *args, **options):
        report = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {report.created_pages} pages created, "
                f"{report.translated_pages} translated into English."
            )
        )
