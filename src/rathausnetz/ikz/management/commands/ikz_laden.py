from rathausnetz.ikz.services.referenzdaten import referenzdaten_laden
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Lädt Rechtsformen, Aufgabenbereiche und den Modellkatalog und übernimmt die "
        "Verwaltungsgemeinschaften, Verwaltungsverbände und Verbandsgemeinden des Registers "
        "als Kooperationen. Wiederholbar."
    )

    def handle(self, *args, **options):
        b = referenzdaten_laden()
        self.stdout.write(
            f"IKZ-Referenzdaten: {b.rechtsformen} Rechtsformen, {b.aufgabenbereiche} Aufgabenbereiche, "
            f"{b.modelle_neu} neue Modelle, {b.modellfassungen_neu} neue Modellfassungen; "
            f"Kooperationen aus dem Register: {b.kooperationen_neu} neu, "
            f"{b.kooperationen_geaendert} geändert."
        )
