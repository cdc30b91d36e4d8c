from pathlib import Path

from django.core.management.base import CommandError

from rathausnetz.akten.services.aktenplan import CsvFehler, export_csv, import_csv
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Importiert einen Aktenplan (CSV, siehe docs/akten.md) in eine Organisation "
        "oder exportiert ihn (--export)."
    )

    def add_arguments(self, parser):
        parser.add_argument("datei", help="CSV-Datei (bei --export: Zieldatei, - für die Standardausgabe)")
        parser.add_argument("--organisation", type=int, required=True, help="ID der Organisation")
        parser.add_argument("--export", action="store_true", help="den Aktenplan in die Datei schreiben")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Organisation {options['organisation']} gibt es nicht.")
        with verwaltungszugriff(organisation.pk, "Kommandozeile: aktenplan-import"):
            if options["export"]:
                text = export_csv()
                if options["datei"] == "-":
                    self.stdout.write(text, ending="")
                else:
                    Path(options["datei"]).write_text(text, encoding="utf-8")
                return
            pfad = Path(options["datei"])
            if not pfad.is_file():
                raise CommandError(f"Datei {pfad} nicht gefunden.")
            try:
                ergebnis = import_csv(pfad.read_bytes())
            except CsvFehler as fehler:
                raise CommandError("Nichts importiert.\n" + "\n".join(fehler.fehler)) from None
        self.stdout.write(
            f"{organisation.name}: {ergebnis.neu} neu, {ergebnis.geaendert} geändert, "
            f"{ergebnis.unveraendert} unverändert."
        )
