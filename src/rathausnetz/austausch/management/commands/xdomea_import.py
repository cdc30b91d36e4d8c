"""``rathausnetz xdomea-import DATEI --organisation X``: receive an XDOMEA package or receipt."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from rathausnetz import speicher
from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.austausch.schema import SchemaFehlt, UngueltigeNachricht
from rathausnetz.austausch.services import empfang
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Nimmt eine XDOMEA-3.1.0-Nachricht an (Abgabe 0401 oder Aktenplan 0301 als ZIP, Quittungen als "
        "XML). Sie wird zuerst gegen die Schemas geprüft; bei Fehlern wird nichts übernommen. Quittungen "
        "für den Absender landen mit --quittungen in einem Ordner."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei")
        parser.add_argument("--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name")
        parser.add_argument(
            "--aktenplaneintrag",
            default="",
            help="Kennzeichen des Eintrags für Akten ohne gleiches Kennzeichen",
        )
        parser.add_argument(
            "--aktenplan-modus",
            default="kenntnis",
            choices=["kenntnis", "ergaenzen", "angleichen"],
            help="bei einem Aktenplan (0301): nur vergleichen, fehlende Einträge ergänzen oder angleichen",
        )
        parser.add_argument("--quittungen", default="", help="Ordner für die Quittungen (0302, 0402, 0403)")
        parser.add_argument(
            "--pruefen", action="store_true", help="nur prüfen und anzeigen, nichts übernehmen"
        )

    def handle(self, *args, **options):
        pfad = Path(options["datei"])
        if not pfad.is_file():
            raise CommandError(f"{pfad} gibt es nicht.")
        organisation = organisation_finden(options["organisation"])
        quittungsordner = Path(options["quittungen"]) if options["quittungen"] else None
        if quittungsordner and not quittungsordner.is_dir():
            raise CommandError(f"Den Ordner {quittungsordner} gibt es nicht.")
        with verwaltungszugriff(organisation.pk, "Kommandozeile: xdomea-import"):
            standard = None
            if options["aktenplaneintrag"]:
                standard = Aktenplaneintrag.objects.filter(kennzeichen=options["aktenplaneintrag"]).first()
                if standard is None:
                    raise CommandError(f"Den Aktenplaneintrag „{options['aktenplaneintrag']}“ gibt es nicht.")
            try:
                if options["pruefen"]:
                    vorschau = empfang.vorschau(pfad, standard=standard)
                    self.stdout.write(f"Gültige Nachricht {vorschau.typ} von {vorschau.kopf['absender']}.")
                    if vorschau.abgleich is not None:
                        self._abgleich_zeigen(vorschau.abgleich)
                    for z in vorschau.zuordnungen:
                        ziel = (
                            z.eintrag.kennzeichen
                            if z.eintrag
                            else "KEIN EINTRAG (--aktenplaneintrag angeben)"
                        )
                        self.stdout.write(f"  {z.fremd.kennzeichen or '–'} {z.fremd.titel}: → {ziel}")
                    return
                ergebnis = empfang.empfangen(
                    pfad, pfad.name, standard=standard, modus=options["aktenplan_modus"]
                )
            except UngueltigeNachricht as fehler:
                for zeile in fehler.messages:
                    self.stderr.write(zeile)
                raise CommandError("Nichts übernommen.") from None
            except (ValidationError, PermissionDenied, SchemaFehlt) as fehler:
                raise CommandError(" ".join(getattr(fehler, "messages", [str(fehler)]))) from None
            for akte in ergebnis.akten:
                self.stdout.write(
                    f"{akte.aktenzeichen} {akte.titel} (bisher {akte.fremdes_aktenzeichen or '–'})"
                )
            if ergebnis.meldung:
                self.stdout.write(ergebnis.meldung)
            for q in ergebnis.quittungen:
                if quittungsordner:
                    (quittungsordner / q.dateiname).write_bytes(speicher.oeffnen(q.datei.sha256).read())
                    self.stdout.write(f"Quittung {q.typ}: {quittungsordner / q.dateiname}")
                else:
                    self.stdout.write(f"Quittung {q.typ} gespeichert (Nachricht {q.pk}).")

    def _abgleich_zeigen(self, a) -> None:
        self.stdout.write(
            f"  Aktenplan „{a.plan.bezeichnung}“: {a.neu} fehlen hier, {a.abweichend} weichen ab, "
            f"{a.gleich} gleich, {len(a.nur_hier)} nur hier."
        )
        for z in a.zeilen:
            if z.status == "gleich":
                continue
            unterschiede = "; ".join(f"{d.feld}: hier „{d.hier}“, dort „{d.dort}“" for d in z.abweichungen)
            self.stdout.write(f"  {z.einheit.kennzeichen} {z.einheit.titel}: {unterschiede or 'fehlt hier'}")
