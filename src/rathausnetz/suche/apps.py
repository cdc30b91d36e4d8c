from django.apps import AppConfig


class Config(AppConfig):
    name = "rathausnetz.suche"
    label = "suche"
    verbose_name = "Suche"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from rathausnetz.suche import signale

        signale.verbinden()
