from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.veranstaltungen"
    label = "veranstaltungen"
    verbose_name = "Veranstaltungen"
    default_auto_field = "django.db.models.BigAutoField"
