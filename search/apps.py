from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        # Imported here: search.signals imports models, which only exist once the registry is
        # ready, that is now.
        from search import signals

        signals.connect()
