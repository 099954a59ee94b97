from django.apps import AppConfig


class InquiriesConfig(AppConfig):
    name = "inquiries"
    verbose_name = "Yêu cầu liên hệ"

    def ready(self):
        # Imported here: inquiries.signals imports models, which only exist once the registry
        # is ready, that is now.
        from inquiries import signals

        signals.connect(self)
