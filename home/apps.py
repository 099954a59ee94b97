from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Trang chủ"

    def ready(self):
        # Imported here: home.signals imports models, which only exist once the registry is
        # ready, that is now.
        from home import signals

        signals.connect()
