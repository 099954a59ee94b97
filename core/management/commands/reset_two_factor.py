"""Forget a user's authenticator app (a lost or replaced phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core import twofactor


class Command(BaseCommand):
    help = (
        "Remove every two-factor device of USERNAME. At their next sign-in they enrol a new "
        "one (where two-factor sign-in is required) after their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = twofactor.remove_devices(user)
        self.stdout.write(f"Removed {removed} two-factor device(s) of {username}.")
