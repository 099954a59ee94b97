from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = "Chương trình SPCNCL"

    def ready(self):
        # Imported here: programme.signals imports models, which only exist once the registry
        # is ready, that is now.
        from products.models.decision import set_list_url_finder
        from programme import signals
        from programme.models.pages import decisions_list_url

        signals.connect(self)
        set_list_url_finder(decisions_list_url)
