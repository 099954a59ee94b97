"""Creates the local development administrator and says how to log in (`make run`)."""

import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Ensure a development superuser exists. Its password is DJANGO_SUPERUSER_PASSWORD, or a "
        "generated one kept in var/dev-admin-password.txt and printed each time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--admin-url", default="http://127.0.0.1:8000/admin/")

    def handle(self, *args, admin_url, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create a development superuser when DEBUG is off.")
        password_file = settings.VAR_DIR / "dev-admin-password.txt"
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD")
        if not password:
            if password_file.exists():
                password = password_file.read_text().strip()
            else:
                password = secrets.token_urlsafe(12)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.is_staff = user.is_superuser = True
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"\nAdmin: {admin_url}\n  user: {USERNAME}\n  password: {password}\n"
            )
        )
