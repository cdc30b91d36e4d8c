from django.core.management.base import CommandError

from rathausnetz.suche.services.index import pruefen
from rathausnetz.zugang.kommandos import SystemBefehl

GEZEIGT = 20


class Command(SystemBefehl):
    help = (
        "Beweist, dass Suchindex und Daten übereinstimmen: jede Akte, jeder Vorgang und jedes Dokument "
        "hat genau den Eintrag, den die Daten verlangen (Exit-Code 1 bei Abweichungen)."
    )

    def handle(self, *args, **options):
        bericht = pruefen()
        if bericht.in_ordnung:
            self.stdout.write(f"Suchindex stimmt: {bericht.geprueft} Objekte geprüft.")
            return
        zeilen = [f"Suchindex weicht ab ({bericht.geprueft} Objekte geprüft):"]
        for titel, liste in (
            ("fehlt", bericht.fehlend),
            ("veraltet", bericht.abweichend),
            ("ohne Objekt (Suchtext-ID)", bericht.verwaist),
        ):
            if liste:
                zeilen.append(f"- {titel}: {len(liste)}, z. B. " + "; ".join(map(str, liste[:GEZEIGT])))
        if bericht.volltext_fehler:
            zeilen.append(f"- {bericht.volltext_fehler}")
        zeilen.append("Beheben mit: rathausnetz suche-neuaufbau")
        raise CommandError("\n".join(zeilen))
