"""Delete the event registrations kept EVENT_REGISTRATION_RETENTION_DAYS after their event
(and their mail). Run daily from cron beside purge_inquiries (README, "Event registration")."""

from django.conf import settings
from django.core.management.base import BaseCommand

from programme.registrations import purge_expired


class Command(BaseCommand):
    help = (
        "Xoá các đăng ký tham dự sự kiện quá thời hạn lưu giữ (EVENT_REGISTRATION_RETENTION_DAYS)."
    )

    def handle(self, *args, **options):
        count = purge_expired()
        if options["verbosity"]:
            self.stdout.write(
                f"Deleted {count} registrations of events that ended more than "
                f"{settings.EVENT_REGISTRATION_RETENTION_DAYS} days ago."
            )
