from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.web"
    label = "web"
    verbose_name = "Oberfläche"
    default_auto_field = "django.db.models.BigAutoField"
