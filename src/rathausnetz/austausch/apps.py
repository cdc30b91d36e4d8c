from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.austausch"
    label = "austausch"
    verbose_name = "Austausch (XDOMEA)"
    default_auto_field = "django.db.models.BigAutoField"
