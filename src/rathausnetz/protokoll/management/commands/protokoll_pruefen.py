from django.core.management.base import CommandError

from rathausnetz.protokoll.services import pruefe_ketten
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = "Prüft die Hash-Ketten des Protokolls und nennt den ersten beschädigten Eintrag (Exit-Code 1)."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", type=int, help="nur die Kette dieser Organisation (ID)")

    def handle(self, *args, **options):
        if options["organisation"] is not None:
            ergebnis = pruefe_ketten(options["organisation"], alle=False)
        else:
            ergebnis = pruefe_ketten()
        if not ergebnis.in_ordnung:
            raise CommandError(f"Protokoll beschädigt – {ergebnis.befund}")
        self.stdout.write(
            f"Protokoll unversehrt: {ergebnis.ketten} Kette(n), {ergebnis.eintraege} Einträge geprüft."
        )
