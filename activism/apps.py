from django.apps import AppConfig


class ActivismConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "activism"
