"""Delete the applications (their files and mails) kept APPLICATION_RETENTION_DAYS after
their round closed. Run daily from cron beside purge_inquiries (README, "Applying to the
selection")."""

from django.conf import settings
from django.core.management.base import BaseCommand

from applications.services import purge_expired


class Command(BaseCommand):
    help = (
        "Xoá các đăng ký bình chọn và tệp hồ sơ quá thời hạn lưu giữ (APPLICATION_RETENTION_DAYS)."
    )

    def handle(self, *args, **options):
        count = purge_expired()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {count} applications of rounds that closed more than "
                f"{settings.APPLICATION_RETENTION_DAYS} days ago, with their files."
            )
