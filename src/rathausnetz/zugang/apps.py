from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.zugang"
    label = "zugang"
    verbose_name = "Zugang"
    default_auto_field = "django.db.models.BigAutoField"
