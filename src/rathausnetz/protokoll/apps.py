from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.protokoll"
    label = "protokoll"
    verbose_name = "Protokoll"
    default_auto_field = "django.db.models.BigAutoField"
