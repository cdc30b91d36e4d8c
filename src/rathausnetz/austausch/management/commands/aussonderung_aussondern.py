"""``rathausnetz aussonderung-aussondern VERFAHREN DATEI --organisation X``: the 0503 package."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from rathausnetz.austausch.management.commands._aussonderung import verfahren_finden
from rathausnetz.austausch.services import aussonderung
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Schreibt das Aussonderungspaket (XDOMEA 0503, ZIP) mit den als archivwürdig bewerteten Akten "
        "und allen Dokumentversionen nach DATEI (ein Ordner: Dateiname nach XDOMEA)."
    )

    def add_arguments(self, parser):
        parser.add_argument("verfahren", help="Nummer oder ProzessID des Aussonderungsverfahrens")
        parser.add_argument("datei", help="Zieldatei oder Ordner")
        parser.add_argument(
            "--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name der Organisation"
        )

    def handle(self, *args, **options):
        organisation = organisation_finden(options["organisation"])
        with verwaltungszugriff(organisation.pk, "Kommandozeile: aussonderung-aussondern"):
            verfahren = verfahren_finden(options["verfahren"])
            try:
                export = aussonderung.aussondern(verfahren)
            except (ValidationError, PermissionDenied) as fehler:
                raise CommandError(" ".join(getattr(fehler, "messages", [str(fehler)]))) from None
            ziel = Path(options["datei"])
            if ziel.is_dir():
                ziel = ziel / export.dateiname
            with export.datei, ziel.open("wb") as f:
                shutil.copyfileobj(export.datei, f)
            self.stdout.write(f"Aussonderungspaket in {ziel}")
