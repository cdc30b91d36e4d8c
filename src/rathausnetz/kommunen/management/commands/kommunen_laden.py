from rathausnetz.kommunen.services.register import lade_register, version
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = "Lädt das mitgelieferte Kommunenregister (Sachsen, Sachsen-Anhalt) in die Datenbank. Wiederholbar."

    def handle(self, *args, **options):
        abgleich = lade_register()
        if abgleich.hat_aenderungen:
            self.stdout.write(f"Kommunenregister (Datenstand {version()}) geladen: {abgleich}")
        else:
            self.stdout.write(
                f"Kommunenregister ist aktuell (Datenstand {version()}), nichts geändert."
                + "".join(f" {h}" for h in abgleich.hinweise)
            )
