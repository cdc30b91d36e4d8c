from django.apps import AppConfig


class EingangConfig(AppConfig):
    name = "rathausnetz.eingang"
    verbose_name = "Posteingang"
    default_auto_field = "django.db.models.BigAutoField"
