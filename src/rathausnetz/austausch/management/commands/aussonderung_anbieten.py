"""``rathausnetz aussonderung-anbieten --organisation X --archiv NAME DATEI``: the 0501 Anbieteverzeichnis."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from rathausnetz.austausch.services import aussonderung
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Bietet Akten mit abgelaufener Aufbewahrungsfrist einem Archiv an: schreibt das XDOMEA-"
        "Anbieteverzeichnis (0501) nach DATEI (ein Ordner: Dateiname nach XDOMEA) und legt das "
        "Aussonderungsverfahren an. Ohne --akte werden alle fälligen Akten ohne Löschsperre angeboten."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", help="Zieldatei oder Ordner für die 0501-Nachricht")
        parser.add_argument(
            "--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name der Organisation"
        )
        parser.add_argument(
            "--archiv", required=True, help="Name des Archivs, z. B. „Sächsisches Staatsarchiv“"
        )
        parser.add_argument("--akte", type=int, action="append", help="Nummer einer Akte (mehrfach möglich)")
        parser.add_argument("--hinweis", default="", help="Hinweis an das Archiv")

    def handle(self, *args, **options):
        organisation = organisation_finden(options["organisation"])
        with verwaltungszugriff(organisation.pk, "Kommandozeile: aussonderung-anbieten"):
            try:
                anbietung = aussonderung.anbieten(options["akte"], options["archiv"], options["hinweis"])
            except ValidationError as fehler:
                raise CommandError(" ".join(fehler.messages)) from None
            ziel = Path(options["datei"])
            if ziel.is_dir():
                ziel = ziel / anbietung.dateiname
            ziel.write_bytes(anbietung.daten)
            v = anbietung.verfahren
            self.stdout.write(
                f"Verfahren {v.pk} (ProzessID {v.prozess_id}): {v.objekte.count()} Akte(n) an {v.archiv} "
                f"angeboten; Anbieteverzeichnis in {ziel}"
            )
