from rathausnetz.suche.services.index import neuaufbau
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Baut den Suchindex aus den Daten neu auf (in einer Transaktion: die Suche bleibt währenddessen "
        "benutzbar und sieht danach den neuen Stand)."
    )

    def handle(self, *args, **options):
        def fortschritt(anzahl: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"… {anzahl} Einträge")

        anzahl = neuaufbau(fortschritt)
        self.stdout.write(f"Suchindex neu aufgebaut: {anzahl} Einträge.")
