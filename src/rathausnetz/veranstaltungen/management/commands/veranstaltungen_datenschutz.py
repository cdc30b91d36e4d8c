from django.conf import settings

from rathausnetz.veranstaltungen.services.datenschutz import anonymisieren
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Anonymisiert Anmeldungen vergangener Veranstaltungen nach RATHAUSNETZ_ANMELDUNGEN_AUFBEWAHREN_TAGE "
        "und löscht nie bestätigte Anmeldungen. Täglich ausführen."
    )

    def handle(self, *args, **options):
        anonymisiert, geloescht = anonymisieren()
        tage = settings.ANMELDUNGEN_AUFBEWAHREN_TAGE
        self.stdout.write(
            f"{anonymisiert} Anmeldungen anonymisiert (älter als {tage} Tage nach der Veranstaltung), "
            f"{geloescht} unbestätigte gelöscht."
        )
