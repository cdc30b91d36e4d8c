import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError

from rathausnetz.kommunen.services.gv100ad import ImportFehler, importieren
from rathausnetz.zugang.kommandos import SystemBefehl


def _datum(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--stichtag {text!r} ist kein Datum (JJJJ-MM-TT).") from None


class Command(SystemBefehl):
    help = (
        "Aktualisiert das Kommunenregister aus einem Destatis-Gemeindeverzeichnis GV100AD "
        "(Festbreitenformat, UTF-8). Alles oder nichts; wiederholbar; Einwohnerzahlen bleiben als Historie."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", help="GV100AD-Datei, z. B. GV100AD_30112025.txt")
        parser.add_argument(
            "--laender",
            default="14,15",
            help="Landesschlüssel, kommagetrennt (Standard: 14,15 = SN, ST)",
        )
        parser.add_argument(
            "--stichtag",
            help="Stichtag der Einwohnerzahlen, JJJJ-MM-TT "
            "(Standard: 31.12. des Jahres vor dem Gebietsstand)",
        )

    def handle(self, *args, **options):
        pfad = Path(options["datei"])
        if not pfad.is_file():
            raise CommandError(f"Datei {pfad} nicht gefunden.")
        laender = tuple(code.strip() for code in options["laender"].split(",") if code.strip())
        if not laender or not all(code.isdigit() and len(code) == 2 for code in laender):
            raise CommandError("--laender erwartet zweistellige Landesschlüssel, z. B. 14,15.")
        stichtag = _datum(options["stichtag"]) if options["stichtag"] else None
        try:
            daten, abgleich = importieren(pfad, laender, stichtag)
        except ImportFehler as fehler:
            raise CommandError(f"Nichts importiert. {fehler}") from None
        self.stdout.write(
            f"GV100AD Gebietsstand {daten.gebietsstand:%d.%m.%Y}: {len(daten.gemeinden)} Gemeinden gelesen. "
            + (str(abgleich) if abgleich.hat_aenderungen else "Keine Änderungen.")
        )
