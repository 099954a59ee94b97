from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Thành phần dùng chung"

    def ready(self):
        # Imported here: receivers need the app registry, which is ready only now.
        from core import privacy, signals  # noqa: F401

        privacy.connect()
