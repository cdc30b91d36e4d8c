from django.core.management.base import CommandError

from rathausnetz.veranstaltungen.services.erinnerungen import erinnerungen_senden
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Erinnerungs-E-Mails an alle mit Platz für Veranstaltungen der nächsten Tage (einmal je Anmeldung)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--tage", type=int, default=2, help="Veranstaltungen, die in so vielen Tagen beginnen"
        )

    def handle(self, *args, **options):
        if not 0 < options["tage"] <= 30:
            raise CommandError("--tage muss zwischen 1 und 30 liegen.")
        n = erinnerungen_senden(options["tage"])
        self.stdout.write(f"{n} Erinnerungen eingeplant (der Worker versendet sie).")
