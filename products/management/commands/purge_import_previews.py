"""Delete decision files previewed and never confirmed for RECOGNITION_IMPORT_PREVIEW_DAYS.
Run daily from cron (README, "Importing a decision")."""

from django.conf import settings
from django.core.management.base import BaseCommand

from products.models import RecognitionImport


class Command(BaseCommand):
    help = (
        "Xoá các tệp quyết định đã xem trước nhưng không nhập sau "
        "RECOGNITION_IMPORT_PREVIEW_DAYS ngày."
    )

    def handle(self, *args, **options):
        count, _by_model = RecognitionImport.objects.abandoned().delete()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {count} decision files previewed and not imported within "
                f"{settings.RECOGNITION_IMPORT_PREVIEW_DAYS} days."
            )
