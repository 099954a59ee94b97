from django.core.management.base import BaseCommand

from products.services import ensure_official_sectors, sync_administrative_units


class Command(BaseCommand):
    help = (
        "Create the programme's eight official sectors and load Hà Nội's current wards and "
        "communes from vietnam-provinces. Safe to run again; run it after upgrading that package."
    )

    def handle(self, *args, **options):
        sectors = ensure_official_sectors()
        units = sync_administrative_units()
        self.stdout.write(
            self.style.SUCCESS(f"{len(sectors)} sectors, {units} wards and communes.")
        )
