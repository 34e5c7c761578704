from django.apps import AppConfig


class ActivismConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activism"

    def ready(self):
        from . import page_cache  # noqa: F401  (connects the signals that keep cached pages fresh)
        from .search import connect_signals

        connect_signals()  # the search index follows the themes, cities and regions initiatives are found by
