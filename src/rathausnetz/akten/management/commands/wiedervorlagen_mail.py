from django.core.management.base import CommandError

from rathausnetz.akten.services.benachrichtigung import wiedervorlagen_digest_senden
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Schickt jeder Person eine E-Mail mit ihren heute fälligen und überfälligen Wiedervorlagen "
        "(täglich per cron/systemd-Timer aufrufen)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--probelauf", action="store_true", help="nur anzeigen, nichts senden")

    def handle(self, *args, **options):
        try:
            ergebnis = wiedervorlagen_digest_senden(probelauf=options["probelauf"])
        except OSError as fehler:
            raise CommandError(f"E-Mail-Versand fehlgeschlagen: {fehler}") from None
        for zeile in ergebnis:
            self.stdout.write(zeile)
        if not ergebnis:
            self.stdout.write("Keine fälligen Wiedervorlagen.")
