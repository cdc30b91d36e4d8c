from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.geschaeftsgang"
    label = "geschaeftsgang"
    verbose_name = "Geschäftsgang"
    default_auto_field = "django.db.models.BigAutoField"
