"""``rathausnetz xdomea-export AKTENZEICHEN DATEI --organisation X``: an Akte as XDOMEA 0401 package."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from rathausnetz.akten.models import Akte
from rathausnetz.austausch.schema import SchemaFehlt
from rathausnetz.austausch.services import abgabe
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = "Schreibt eine Akte als XDOMEA-3.1.0-Abgabe (0401, ZIP mit XML und Dokumenten) in DATEI."

    def add_arguments(self, parser):
        parser.add_argument("aktenzeichen")
        parser.add_argument("datei", help="Zieldatei (.zip); ein Ordner: Datei mit dem Namen nach XDOMEA")
        parser.add_argument("--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name")
        parser.add_argument("--empfaenger", default="", help="Name der übernehmenden Stelle")

    def handle(self, *args, **options):
        organisation = organisation_finden(options["organisation"])
        with verwaltungszugriff(organisation.pk, "Kommandozeile: xdomea-export"):
            akte = (
                Akte.objects.filter(aktenzeichen=options["aktenzeichen"])
                .select_related("aktenplaneintrag")
                .first()
            )
            if akte is None:
                raise CommandError(
                    f"Die Akte „{options['aktenzeichen']}“ gibt es bei {organisation.name} nicht."
                )
            try:
                export = abgabe.akte_exportieren(akte, options["empfaenger"])
            except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
                raise CommandError(" ".join(getattr(fehler, "messages", [str(fehler)]))) from None
        ziel = Path(options["datei"])
        if ziel.is_dir():
            ziel = ziel / export.dateiname
        if not ziel.parent.is_dir():
            raise CommandError(f"Den Ordner {ziel.parent} gibt es nicht.")
        with export.datei as quelle, ziel.open("wb") as f:
            shutil.copyfileobj(quelle, f)
        self.stdout.write(f"{akte.aktenzeichen}: {ziel} (ProzessID {export.nachricht.prozess_id})")
