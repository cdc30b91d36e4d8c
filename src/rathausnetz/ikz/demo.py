"""Demo data of the cooperation registry: one invented cooperation of the demo towns (members-only,
marked as demo) and their registry-office software, so that portfolio and partner finder show
something. Loading twice changes nothing."""

from __future__ import annotations

from rathausnetz.ikz.models import Fachverfahren, Kooperation
from rathausnetz.ikz.services.fachverfahren import fachverfahren_speichern
from rathausnetz.ikz.services.kooperationen import Kooperationsdaten, Mitgliedsangabe, kooperation_anlegen
from rathausnetz.kommunen.models import Kommune

DEMO_TITEL = "Gemeinsamer Bauhof Geyer–Ehrenfriedersdorf (Demo)"


def demo_ikz_laden(ags_a: str, ags_b: str) -> None:
    """Run with the access of town A's administration."""
    if not Kooperation.objects.filter(titel=DEMO_TITEL).exists():
        kooperation_anlegen(
            Kooperationsdaten(
                titel=DEMO_TITEL,
                beschreibung="Erfundenes Beispiel der Demodaten: Technik und Personal gemeinsam nutzen.",
                rechtsform="oeffentlich_rechtlicher_vertrag",
                aufgabenbereiche=["bauhof"],
                modell="gemeinsamer_bauhof",
                status=Kooperation.Status.IDEE,
                mitglieder=[Mitgliedsangabe(ags_a, "federfuehrend"), Mitgliedsangabe(ags_b, "mitglied")],
            ),
            quelle="Demodaten (erfunden)",
        )
    kommune = Kommune.objects.get(ags=ags_a)
    if not Fachverfahren.objects.filter(kommune=kommune).exists():
        fachverfahren_speichern(
            kommune, {"standesamt": ("AutiSta", ""), "kasse_steuern": ("H&H proDoppik", "")}
        )
