from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivismConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activism"
    verbose_name = _("Activist map")  # the admin's heading over the records, in the admin's language

    def ready(self):
        from . import page_cache  # noqa: F401  (connects the signals that keep cached pages fresh)
        from .search import connect_signals

        connect_signals()  # the search index follows the themes, cities and regions initiatives are found by
