"""``rathausnetz consume PFAD… --organisation X``: files and folders into the Posteingang."""

from __future__ import annotations

import threading
from pathlib import Path

from django.core.management.base import CommandError

from rathausnetz.akten.services.dokumente import ZuGrosseDatei
from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.services import annahme, quellen
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


def organisation_finden(angabe: str) -> Organisation:
    """By number, AGS of its municipality, or exact name."""
    organisation = (
        quellen.organisation_fuer_ordner(angabe) or Organisation.objects.filter(name=angabe).first()
    )
    if organisation is None:
        raise CommandError(f"Organisation „{angabe}“ gibt es nicht (Nummer, Gemeindeschlüssel oder Name).")
    return organisation


class Command(SystemBefehl):
    help = (
        "Legt Dateien in den Posteingang einer Organisation. Angegebene Dateien bleiben liegen; "
        "Ordner werden wie ein Eingangsordner geleert (jede Datei wird erst nach sicherer Speicherung "
        "entfernt). Mit --beobachten wird der Ordner fortlaufend beobachtet (Strg+C beendet)."
    )

    def add_arguments(self, parser):
        parser.add_argument("pfade", nargs="+", help="Dateien oder Ordner")
        parser.add_argument(
            "--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name der Organisation"
        )
        parser.add_argument("--beobachten", action="store_true", help="Ordner fortlaufend beobachten")

    def handle(self, *args, **options):
        organisation = organisation_finden(options["organisation"])
        pfade = [Path(p) for p in options["pfade"]]
        for pfad in pfade:
            if not pfad.exists():
                raise CommandError(f"{pfad} gibt es nicht.")
        with verwaltungszugriff(organisation.pk, "Kommandozeile: consume"):
            for pfad in (p for p in pfade if p.is_file()):
                try:
                    with pfad.open("rb") as quelle:
                        eingang = annahme.annehmen(
                            organisation.pk, quelle, pfad.name, Eingang.Quelle.KOMMANDOZEILE
                        )
                except ZuGrosseDatei as fehler:
                    self.stderr.write(fehler.messages[0])
                    continue
                self.stdout.write(f"Eingang {eingang.pk}: {eingang.dateiname}")
            ordner = [p for p in pfade if p.is_dir()]
            stopp = threading.Event()
            while True:
                for o in ordner:
                    ergebnis = quellen.ordner_einlesen(o, organisation.pk)
                    for eingang in ergebnis.angenommen:
                        self.stdout.write(f"Eingang {eingang.pk}: {eingang.dateiname}")
                    for name, grund in ergebnis.abgelehnt:
                        self.stderr.write(f"{name}: {grund} (verschoben nach {o / quellen.ABGELEHNT})")
                if not options["beobachten"] or not ordner:
                    break
                try:
                    stopp.wait(5)
                except KeyboardInterrupt:
                    break
