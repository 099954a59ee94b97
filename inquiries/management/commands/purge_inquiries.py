"""Delete the inquiries older than INQUIRY_RETENTION_DAYS (and their mails). Run daily
from cron (README, "Inquiries"); personal data is kept no longer than the notice says."""

from django.conf import settings
from django.core.management.base import BaseCommand

from inquiries.services import purge_expired


class Command(BaseCommand):
    help = "Xoá các yêu cầu liên hệ quá thời hạn lưu giữ (INQUIRY_RETENTION_DAYS)."

    def handle(self, *args, **options):
        count = purge_expired()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {count} inquiries older than {settings.INQUIRY_RETENTION_DAYS} days."
            )
