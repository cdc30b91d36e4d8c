"""``rathausnetz xdomea-aktenplan-export DATEI --organisation X``: the file plan as XDOMEA 0301."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from rathausnetz.austausch.schema import SchemaFehlt
from rathausnetz.austausch.services import aktenplan
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Schreibt den Aktenplan einer Organisation als XDOMEA-3.1.0-Nachricht 0301 (ZIP) in DATEI, "
        "etwa um ihn mit den Partnern einer Kooperation abzustimmen."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", help="Zieldatei (.zip); ein Ordner: Datei mit dem Namen nach XDOMEA")
        parser.add_argument("--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name")
        parser.add_argument("--empfaenger", default="", help="Name der empfangenden Stelle")
        parser.add_argument(
            "--ohne-empfangsbestaetigung",
            action="store_true",
            help="keine Empfangsbestätigung (0302) anfordern",
        )

    def handle(self, *args, **options):
        ziel = Path(options["datei"])
        ordner = ziel if ziel.is_dir() else ziel.parent
        if not ordner.is_dir():
            raise CommandError(f"Den Ordner {ordner} gibt es nicht.")
        organisation = organisation_finden(options["organisation"])
        with verwaltungszugriff(organisation.pk, "Kommandozeile: xdomea-aktenplan-export"):
            try:
                export = aktenplan.aktenplan_exportieren(
                    options["empfaenger"], empfangsbestaetigung=not options["ohne_empfangsbestaetigung"]
                )
            except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
                raise CommandError(" ".join(getattr(fehler, "messages", [str(fehler)]))) from None
        if ziel.is_dir():
            ziel = ziel / export.dateiname
        with export.datei as quelle, ziel.open("wb") as f:
            shutil.copyfileobj(quelle, f)
        self.stdout.write(f"Aktenplan {organisation.name}: {ziel} (ProzessID {export.nachricht.prozess_id})")
