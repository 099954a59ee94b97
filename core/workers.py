"""The start of a worker process that runs Django code for a parent process.

Imported by a freshly spawned interpreter before Django is set up, so it imports nothing of
Django (or of the project) at module level.
"""

import os


def start_worker(settings_module: str, databases: dict[str, dict]) -> None:
    """Set Django up as the parent has it: its settings module and its databases (which a
    test run points at its own test database)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django
    from django.conf import settings

    settings.DATABASES = databases
    django.setup()
