"""Maps of cooperation: the registry's SVG base map, coloured per request.

Views: the administrative unions (each its own colour, neighbouring unions differ), the number of
cooperations per municipality, cooperations of one task area or legal form, and the towns without
any cooperation. Only cooperations visible to the current user are counted.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count

from rathausnetz.ikz.models import Kooperation, Kooperationsmitglied
from rathausnetz.kommunen.models import Kommune, Land, Nachbarschaft
from rathausnetz.kommunen.services.karten import Karte, landeskarte

ANSICHTEN = {
    "verbaende": "Verwaltungsgemeinschaften, -verbände und Verbandsgemeinden",
    "anzahl": "Anzahl der Kooperationen je Gemeinde",
    "ohne": "Gemeinden ohne Kooperation",
}
FARBEN = 6  # CSS classes karte-gruppe-0 … -5
STUFEN = ((0, "keine"), (1, "1"), (2, "2"), (3, "3–4"), (5, "5 und mehr"))


@dataclass(frozen=True)
class Legendeneintrag:
    klasse: str
    text: str


@dataclass(frozen=True)
class Kooperationskarte:
    karte: Karte
    legende: tuple[Legendeneintrag, ...]
    anzahl_kommunen: int
    anzahl_mit: int

    @property
    def svg(self) -> str:
        return self.karte.svg("ikz-karte")


def _kooperationen(aufgabenbereich: str = "", rechtsform: str = "", nur_verbaende: bool = False):
    qs = Kooperation.objects.exclude(status=Kooperation.Status.BEENDET)
    if aufgabenbereich:
        qs = qs.filter(aufgabenbereiche__code=aufgabenbereich)
    if rechtsform:
        qs = qs.filter(rechtsform__code=rechtsform)
    if nur_verbaende:
        qs = qs.filter(gemeindeverband__isnull=False)
    return qs


def _faerben(gruppen: dict[int, set[str]], land: Land) -> dict[int, int]:
    """Greedy colouring of the unions so that unions sharing a border get different colours."""
    gruppe_von = {ags: g for g, mitglieder in gruppen.items() for ags in mitglieder}
    nachbarn: dict[int, set[int]] = defaultdict(set)
    for a, b in Nachbarschaft.objects.filter(kommune__land=land, nachbar__isnull=False).values_list(
        "kommune__ags", "nachbar__ags"
    ):
        ga, gb = gruppe_von.get(a), gruppe_von.get(b)
        if ga is not None and gb is not None and ga != gb:
            nachbarn[ga].add(gb)
    farbe: dict[int, int] = {}
    for g in sorted(gruppen, key=lambda g: -len(nachbarn[g])):
        belegt = {farbe[n] for n in nachbarn[g] if n in farbe}
        farbe[g] = next((f for f in range(FARBEN) if f not in belegt), len(farbe) % FARBEN)
    return farbe


def kooperationskarte(
    land: Land, ansicht: str = "anzahl", aufgabenbereich: str = "", rechtsform: str = ""
) -> Kooperationskarte:
    basis = landeskarte(land)
    ags_im_land = {f.ags for f in basis.flaechen}
    klassen: dict[str, str] = {}
    legende: list[Legendeneintrag] = []
    if ansicht == "verbaende":
        gruppen: dict[int, set[str]] = defaultdict(set)
        for kid, ags in Kooperationsmitglied.objects.filter(
            kooperation__in=_kooperationen(aufgabenbereich, rechtsform, nur_verbaende=True),
            kommune__land=land,
        ).values_list("kooperation_id", "kommune__ags"):
            gruppen[kid].add(ags)
        farben = _faerben(gruppen, land)
        for kid, mitglieder in gruppen.items():
            for ags in mitglieder:
                klassen[ags] = f"karte-gruppe-{farben[kid]}"
        legende = [
            Legendeneintrag(
                "karte-gruppe-0", f"Mitglied einer von {len(gruppen)} Verwaltungsgemeinschaften/-verbänden"
            ),
            Legendeneintrag("", "verbandsfrei"),
        ]
        titel = f"{ANSICHTEN['verbaende']} in {land.name}"
        mit = len(klassen)
    else:
        anzahl = Counter(
            dict(
                Kooperationsmitglied.objects.filter(
                    kooperation__in=_kooperationen(aufgabenbereich, rechtsform), kommune__land=land
                )
                .values_list("kommune__ags")
                .annotate(n=Count("kooperation", distinct=True))
                .values_list("kommune__ags", "n")
            )
        )
        mit = sum(1 for ags in ags_im_land if anzahl[ags])
        if ansicht == "ohne":
            klassen = {ags: "karte-ohne" for ags in ags_im_land if not anzahl[ags]}
            legende = [
                Legendeneintrag("karte-ohne", "ohne Kooperation"),
                Legendeneintrag("", "mit Kooperation"),
            ]
            titel = f"Gemeinden ohne Kooperation in {land.name}"
        else:
            for ags in ags_im_land:
                n = anzahl[ags]
                stufe = max(i for i, (ab, _) in enumerate(STUFEN) if n >= ab)
                if stufe:
                    klassen[ags] = f"karte-stufe-{stufe}"
            legende = [
                Legendeneintrag(f"karte-stufe-{i}" if i else "", text) for i, (_, text) in enumerate(STUFEN)
            ]
            titel = f"Kooperationen je Gemeinde in {land.name}"
    zusatz = []
    if aufgabenbereich:
        zusatz.append(f"Aufgabenbereich {aufgabenbereich}")
    if rechtsform:
        zusatz.append(f"Rechtsform {rechtsform}")
    if zusatz:
        titel += " (" + ", ".join(zusatz) + ")"
    karte = dataclasses.replace(
        basis,
        titel=titel,
        beschreibung=f"{titel}: {mit} von {len(ags_im_land)} Gemeinden hervorgehoben. Jede Gemeinde verlinkt "
        "auf ihre Seite im Kommunenverzeichnis.",
        klassen=klassen,
    )
    return Kooperationskarte(karte, tuple(legende), len(ags_im_land), mit)


def kommunen_ohne_kooperation(land: Land) -> list[Kommune]:
    mit = Kooperationsmitglied.objects.filter(kooperation__in=_kooperationen(), kommune__isnull=False).values(
        "kommune_id"
    )
    return list(Kommune.objects.filter(land=land, aktiv=True).exclude(pk__in=mit).order_by("name"))
