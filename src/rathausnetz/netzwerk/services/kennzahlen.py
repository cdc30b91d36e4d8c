"""The network's figures and its map of Saxony: how many Lotsen and Navigatoren, which
municipalities have a trained Navigator, which are reached at all.

Public on the start page, so only counts and municipality keys leave this module — never names.
It counts across all tenants on purpose (``_base_manager``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from rathausnetz.kommunen.models import Kommune, Land
from rathausnetz.kommunen.services.karten import Karte, landeskarte
from rathausnetz.netzwerk.models import (
    Digitalisierungsprojekt,
    Kurs,
    Lotse,
    Navigator,
    Praxisbeispiel,
    Teilnahme,
)
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung

SACHSEN = "14"


@dataclass(frozen=True)
class Kennzahlen:
    lotsen: int
    navigatoren: int
    ausgebildete: int
    kommunen_ausgebildet: int
    kommunen_erreicht: int
    kommunen_gesamt: int
    kurse: int
    abschluesse: int
    praxisbeispiele: int
    projekte: int

    @property
    def anteil_erreicht(self) -> float:
        """Percent with one decimal: 1 of 418 is 0.2 %, not a misleading 0 %."""
        return round(100 * self.kommunen_erreicht / self.kommunen_gesamt, 1) if self.kommunen_gesamt else 0.0


@dataclass(frozen=True)
class Netzwerkkarte:
    karte: Karte
    legende: tuple[tuple[str, str, int], ...]

    @property
    def svg(self) -> str:
        return self.karte.svg("netzwerk-karte")


def _ausgebildete_navigatoren():
    return Navigator._base_manager.filter(
        aktiv=True,
        teilnahmen__status=Teilnahme.Status.ABGESCHLOSSEN,
        teilnahmen__durchgang__kurs__qualifizierend=True,
    )


def kommunen_nach_stand(land_code: str = SACHSEN) -> dict[str, str]:
    """AGS → ``ausgebildet`` (trained Navigator), ``navigator`` (Navigator still in training) or
    ``projekt`` (only a digitalisation project)."""
    stand: dict[str, str] = {}
    for ags in Digitalisierungsprojekt._base_manager.filter(kommune__land__code=land_code).values_list(
        "kommune__ags", flat=True
    ):
        stand[ags] = "projekt"
    for ags in Navigator._base_manager.filter(aktiv=True, kommune__land__code=land_code).values_list(
        "kommune__ags", flat=True
    ):
        stand[ags] = "navigator"
    for ags in (
        _ausgebildete_navigatoren()
        .filter(kommune__land__code=land_code)
        .values_list("kommune__ags", flat=True)
    ):
        stand[ags] = "ausgebildet"
    return stand


def kennzahlen() -> Kennzahlen:
    stand = kommunen_nach_stand()
    return Kennzahlen(
        lotsen=Lotse._base_manager.filter(aktiv=True).count(),
        navigatoren=Navigator._base_manager.filter(aktiv=True).count(),
        ausgebildete=_ausgebildete_navigatoren().distinct().count(),
        kommunen_ausgebildet=sum(1 for s in stand.values() if s == "ausgebildet"),
        kommunen_erreicht=len(stand),
        kommunen_gesamt=Kommune.objects.filter(land__code=SACHSEN, aktiv=True).count(),
        kurse=Kurs._base_manager.filter(status=Veroeffentlichung.VEROEFFENTLICHT).count(),
        abschluesse=Teilnahme._base_manager.filter(status=Teilnahme.Status.ABGESCHLOSSEN).count(),
        praxisbeispiele=Praxisbeispiel._base_manager.filter(status=Veroeffentlichung.VEROEFFENTLICHT).count(),
        projekte=Digitalisierungsprojekt._base_manager.count(),
    )


_KLASSEN = {
    "ausgebildet": (
        "karte-nw-ausgebildet",
        "mit ausgebildeter Digital-Navigatorin / ausgebildetem Navigator",
    ),
    "navigator": ("karte-nw-navigator", "Navigator/in in Ausbildung"),
    "projekt": ("karte-nw-projekt", "Digitalisierungsprojekt, noch ohne Navigator/in"),
}


def netzwerkkarte() -> Netzwerkkarte:
    land = Land.objects.get(code=SACHSEN)
    basis = landeskarte(land)
    im_land = {f.ags for f in basis.flaechen}
    stand = {ags: s for ags, s in kommunen_nach_stand().items() if ags in im_land}
    zaehler = {schluessel: sum(1 for s in stand.values() if s == schluessel) for schluessel in _KLASSEN}
    titel = "Erreichte Kommunen in Sachsen"
    beschreibung = (
        f"Karte der {len(im_land)} sächsischen Gemeinden. {zaehler['ausgebildet']} haben eine ausgebildete "
        f"Digital-Navigatorin oder einen ausgebildeten Navigator, {zaehler['navigator']} eine Navigatorin "
        f"oder einen Navigator in Ausbildung, {zaehler['projekt']} ein Digitalisierungsprojekt ohne "
        f"Navigator. Zusammen {len(stand)} erreichte Gemeinden. Jede Gemeinde verlinkt auf ihre Seite "
        "im Kommunenverzeichnis."
    )
    karte = dataclasses.replace(
        basis,
        titel=titel,
        beschreibung=beschreibung,
        klassen={ags: _KLASSEN[s][0] for ags, s in stand.items()},
    )
    legende = tuple((klasse, text, zaehler[s]) for s, (klasse, text) in _KLASSEN.items())
    return Netzwerkkarte(karte, legende)
