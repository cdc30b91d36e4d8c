from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.ikz"
    label = "ikz"
    verbose_name = "Interkommunale Zusammenarbeit"
    default_auto_field = "django.db.models.BigAutoField"
