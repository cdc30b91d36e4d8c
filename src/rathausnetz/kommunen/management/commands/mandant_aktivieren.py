from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from rathausnetz.kommunen.services.mandanten import aktivieren
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Aktiviert Kommunen (AGS), Gemeindeverbände (9-stelliger ARS) oder Landkreise (5 Stellen) "
        "als Mandanten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "schluessel",
            nargs="+",
            help="z. B. 14521210 (Geyer) oder 145215110 (VG Geyer-Tannenberg)",
        )

    def handle(self, *args, **options):
        for schluessel in options["schluessel"]:
            try:
                organisation, neu = aktivieren(schluessel)
            except ValidationError as fehler:
                raise CommandError(" ".join(fehler.messages)) from None
            status = "aktiviert" if neu else "war bereits aktiv"
            self.stdout.write(f"{organisation.name} (Organisation {organisation.pk}) {status}.")
