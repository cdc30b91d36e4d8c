"""Prints the network's figures, e.g. for the association's annual report."""

from __future__ import annotations

import json

from rathausnetz.netzwerk.services.kennzahlen import kennzahlen
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Zeigt die Kennzahlen des Netzwerks: Lotsen, Navigatoren (davon ausgebildet), erreichte "
        "Kommunen, Kurse, Abschlüsse, Praxisbeispiele und Projekte."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--json", action="store_true", help="als JSON ausgeben")

    def handle(self, *args, **options) -> None:
        k = kennzahlen()
        if options["json"]:
            werte = {f: getattr(k, f) for f in k.__dataclass_fields__} | {
                "anteil_erreicht": k.anteil_erreicht
            }
            self.stdout.write(json.dumps(werte, ensure_ascii=False, indent=2))
            return
        zeilen = [
            ("Digital-Lotsinnen und -Lotsen (aktiv)", k.lotsen),
            ("Digital-Navigatoren (aktiv)", k.navigatoren),
            ("davon ausgebildet", k.ausgebildete),
            ("Kommunen mit ausgebildeter Navigatorin / ausgebildetem Navigator", k.kommunen_ausgebildet),
            (f"erreichte Kommunen (von {k.kommunen_gesamt}, {k.anteil_erreicht} %)", k.kommunen_erreicht),
            ("veröffentlichte Kurse", k.kurse),
            ("Kursabschlüsse", k.abschluesse),
            ("veröffentlichte Praxisbeispiele", k.praxisbeispiele),
            ("Digitalisierungsprojekte", k.projekte),
        ]
        breite = max(len(text) for text, _ in zeilen)
        for text, wert in zeilen:
            self.stdout.write(f"{text.ljust(breite)}  {wert:>6}")
