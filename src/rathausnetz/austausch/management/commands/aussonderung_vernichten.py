"""``rathausnetz aussonderung-vernichten VERFAHREN --organisation X``: delete after the Aussonderung."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandError

from rathausnetz.austausch.management.commands._aussonderung import verfahren_finden
from rathausnetz.austausch.services import aussonderung
from rathausnetz.eingang.management.commands.consume import organisation_finden
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff


class Command(SystemBefehl):
    help = (
        "Löscht endgültig die vom Archiv übernommenen (0506) und die zur Vernichtung bewerteten Akten "
        "eines Aussonderungsverfahrens mit allen Vorgängen, Dokumenten und Versionen. Akten unter "
        "Löschsperre bleiben erhalten. Es bleibt das Vernichtungsprotokoll. Fragt nach, außer mit --ja."
    )

    def add_arguments(self, parser):
        parser.add_argument("verfahren", help="Nummer oder ProzessID des Aussonderungsverfahrens")
        parser.add_argument(
            "--organisation", required=True, help="Nummer, Gemeindeschlüssel (AGS) oder Name der Organisation"
        )
        parser.add_argument("--ja", action="store_true", help="ohne Rückfrage löschen")

    def handle(self, *args, **options):
        organisation = organisation_finden(options["organisation"])
        with verwaltungszugriff(organisation.pk, "Kommandozeile: aussonderung-vernichten"):
            verfahren = verfahren_finden(options["verfahren"])
            kandidaten = list(aussonderung.zu_vernichten(verfahren))
            if not kandidaten:
                raise CommandError("In diesem Verfahren ist keine Akte zu löschen.")
            for o in kandidaten:
                self.stdout.write(f"  {o.aktenzeichen}  {o.titel}")
            if not options["ja"]:
                antwort = input(f"Diese {len(kandidaten)} Akte(n) endgültig löschen? Tippen Sie „ja“: ")
                if antwort.strip().lower() != "ja":
                    raise CommandError("Abgebrochen; es wurde nichts gelöscht.")
            try:
                ergebnis = aussonderung.vernichten(verfahren, bestaetigt=True)
            except (ValidationError, PermissionDenied) as fehler:
                raise CommandError(" ".join(getattr(fehler, "messages", [str(fehler)]))) from None
            self.stdout.write(ergebnis.meldung)
