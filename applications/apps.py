from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "applications"
    verbose_name = "Đăng ký tham gia bình chọn"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: the receivers import models, which exist once the registry is ready.
        from applications import signals

        signals.connect(self)
