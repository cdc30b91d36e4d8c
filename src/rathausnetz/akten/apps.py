from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.akten"
    label = "akten"
    verbose_name = "E-Akte"
    default_auto_field = "django.db.models.BigAutoField"
