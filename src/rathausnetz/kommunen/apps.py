from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.kommunen"
    label = "kommunen"
    verbose_name = "Kommunen und Organisationen"
    default_auto_field = "django.db.models.BigAutoField"
