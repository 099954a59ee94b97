from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Chương trình SPCNCL"

    def ready(self):
        # Imported here: programme.signals imports models, which only exist once the registry
        # is ready, that is now.
        from programme import signals

        signals.connect()
