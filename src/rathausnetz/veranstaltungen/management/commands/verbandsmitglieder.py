from django.core.management.base import CommandError
from django.db import transaction

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.veranstaltungen.models import Verbandsmitglied
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Legt die Mitgliedsgemeinden des Verbands fest (für die Zahlen im Schlussabsatz der "
        "Pressemitteilungen): AGS-Liste oder --alle-sachsen, optional --ohne AGS …"
    )

    def add_arguments(self, parser):
        parser.add_argument("ags", nargs="*")
        parser.add_argument("--alle-sachsen", action="store_true")
        parser.add_argument("--ohne", nargs="*", default=[], metavar="AGS")
        parser.add_argument(
            "--verband", type=int, help="ID der Verbandsorganisation (Standard: der einzige Spitzenverband)"
        )

    @transaction.atomic
    def handle(self, *args, **options):
        verbaende = Organisation.objects.filter(typ=Organisation.Typ.SPITZENVERBAND)
        if options["verband"]:
            verbaende = verbaende.filter(pk=options["verband"])
        if verbaende.count() != 1:
            raise CommandError(
                "Bitte den Verband mit --verband ID angeben (kein oder mehr als ein Spitzenverband)."
            )
        verband = verbaende.get()
        schluessel = set(options["ags"])
        if options["alle_sachsen"]:
            schluessel |= set(
                Kommune.objects.filter(land__code="14", aktiv=True).values_list("ags", flat=True)
            )
        schluessel -= set(options["ohne"])
        kommunen = {k.ags: k for k in Kommune.objects.filter(ags__in=schluessel)}
        unbekannt = sorted(schluessel - set(kommunen))
        if unbekannt:
            raise CommandError(f"Nicht im Register: {', '.join(unbekannt)}")
        Verbandsmitglied.objects.filter(verband=verband).exclude(kommune__ags__in=schluessel).delete()
        vorhanden = set(
            Verbandsmitglied.objects.filter(verband=verband).values_list("kommune__ags", flat=True)
        )
        Verbandsmitglied.objects.bulk_create(
            [
                Verbandsmitglied(verband=verband, kommune=k)
                for ags, k in kommunen.items()
                if ags not in vorhanden
            ]
        )
        self.stdout.write(f"{verband.name}: {len(kommunen)} Mitgliedsgemeinden.")
