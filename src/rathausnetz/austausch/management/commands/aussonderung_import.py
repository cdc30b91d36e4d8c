"""``rathausnetz aussonderung-import DATEI --organisation X``: the archive's 0502, 0504, 0506 or 0507."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from rathausnetz.austausch import xdomea
from rathausnetz.austausch.services import aussonderung
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Nimmt eine Nachricht des Archivs zur Aussonderung an: Bewertungsverzeichnis (0502, beantwortet "
        "mit 0505), Empfangsbestätigungen (0504, 0507) oder Importbestätigung (0506, mit Archivkennung). "
        "Die Nachricht wird vorher gegen die XDOMEA-Schemas geprüft; Fehler werden aufgelistet."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", help="die XML- oder ZIP-Datei des Archivs")
        parser.add_argument(
            "--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name der Organisation"
        )
        parser.add_argument(
            "--quittung-nach", help="Ordner, in den die Empfangsbestätigung (0505) geschrieben wird"
        )

    def handle(self, *args, **options):
        organisation = organisation_finden(options["organisation"])
        pfad = Path(options["datei"])
        if not pfad.is_file():
            raise CommandError(f"{pfad} gibt es nicht.")
        with verwaltungszugriff(organisation.pk, "Kommandozeile: aussonderung-import"):
            try:
                with pfad.open("rb") as quelle:
                    ergebnis = aussonderung.annehmen(quelle, pfad.name)
            except ValidationError as fehler:
                raise CommandError("\n".join(fehler.messages)) from None
            self.stdout.write(f"{xdomea.nachrichtenname(ergebnis.typ)}: {ergebnis.meldung}")
            for quittung in ergebnis.quittungen:
                if options["quittung_nach"]:
                    ziel = Path(options["quittung_nach"]) / quittung.dateiname
                    ziel.write_bytes(aussonderung.nachricht_lesen(quittung))
                    self.stdout.write(f"Empfangsbestätigung {quittung.typ} in {ziel}")
                else:
                    self.stdout.write(f"Empfangsbestätigung {quittung.typ} erstellt ({quittung.dateiname}).")
