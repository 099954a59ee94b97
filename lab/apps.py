from django.apps import AppConfig


class LabConfig(AppConfig):
    """Installed for its management commands (generate_catalogue, measure_relevance) only."""

    name = "lab"
    label = "lab"
    verbose_name = "Công cụ đo lường"
