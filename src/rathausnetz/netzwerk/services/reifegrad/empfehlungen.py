"""Recommendations for the weak dimensions of a result, with the network's offers that help:
courses and best practices tagged with the dimension, IKZ models named in the questionnaire."""

from __future__ import annotations

from dataclasses import dataclass, field

from rathausnetz.ikz.models import Modell
from rathausnetz.netzwerk.models import Kurs, Praxisbeispiel, Reifegradcheck
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services.reifegrad.fragebogen import Dimension, fragebogen

#: below this score a dimension counts as weak
SCHWELLE = 50
HOECHSTENS = 3


@dataclass
class Empfehlung:
    dimension: Dimension
    wert: int
    #: False when no dimension is weak and this is merely the weakest one
    schwach: bool
    kurse: list[Kurs] = field(default_factory=list)
    praxisbeispiele: list[Praxisbeispiel] = field(default_factory=list)
    modelle: list[Modell] = field(default_factory=list)


def empfehlungen(check: Reifegradcheck) -> list[Empfehlung]:
    """Weak dimensions, weakest first; without weak ones, the single weakest (if not full marks)."""
    bogen = fragebogen(check.fassung)
    werte = [(d, check.ergebnisse.get(d.code, 0)) for d in bogen.dimensionen]
    werte.sort(key=lambda paar: paar[1])
    schwache = [(d, w, True) for d, w in werte if w < SCHWELLE]
    if not schwache and werte and werte[0][1] < 100:
        schwache = [(werte[0][0], werte[0][1], False)]
    if not schwache:
        return []
    kurse = list(Kurs.objects.filter(status=Veroeffentlichung.VEROEFFENTLICHT).order_by("titel"))
    beispiele = list(
        Praxisbeispiel.objects.filter(status=Veroeffentlichung.VEROEFFENTLICHT).order_by(
            "-veroeffentlicht_am", "titel"
        )
    )
    codes = {c for d, _w, _s in schwache for c in d.modelle}
    modelle = {m.code: m for m in Modell.objects.filter(code__in=codes, aktiv=True)}
    ergebnis = []
    for dimension, wert, schwach in schwache:
        ergebnis.append(
            Empfehlung(
                dimension,
                wert,
                schwach,
                kurse=[k for k in kurse if dimension.code in (k.dimensionen or [])][:HOECHSTENS],
                praxisbeispiele=[p for p in beispiele if dimension.code in (p.dimensionen or [])][
                    :HOECHSTENS
                ],
                modelle=[modelle[c] for c in dimension.modelle if c in modelle],
            )
        )
    return ergebnis
