from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.netzwerk"
    label = "netzwerk"
    verbose_name = "Netzwerk Digitalisierung"
    default_auto_field = "django.db.models.BigAutoField"
