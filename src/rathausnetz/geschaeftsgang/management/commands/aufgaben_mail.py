from django.core.management.base import CommandError

from rathausnetz.geschaeftsgang.services.benachrichtigung import aufgaben_digest_senden
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Schickt jeder Person, die „täglich“ gewählt hat (Voreinstellung), eine E-Mail mit ihren "
        "offenen Aufgaben aus dem Geschäftsgang, überfällige zuerst (täglich per cron/systemd-Timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--probelauf", action="store_true", help="nur anzeigen, nichts senden")

    def handle(self, *args, **options):
        try:
            ergebnis = aufgaben_digest_senden(probelauf=options["probelauf"])
        except OSError as fehler:
            raise CommandError(f"E-Mail-Versand fehlgeschlagen: {fehler}") from None
        for zeile in ergebnis:
            self.stdout.write(zeile)
        if not ergebnis:
            self.stdout.write("Keine offenen Aufgaben.")
