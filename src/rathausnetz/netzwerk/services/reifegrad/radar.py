"""A server-rendered radar (spider) chart of the dimension scores.

Only geometry is computed here; ``netzwerk/_radar.html`` writes the SVG with a title, a description
and the values as text, and the page shows the same values in a table for screen readers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

BREITE = 640
HOEHE = 470
MITTE_X = BREITE / 2
MITTE_Y = 235
RADIUS = 160
RINGE = (25, 50, 75, 100)


@dataclass(frozen=True)
class Achse:
    name: str
    zeilen: tuple[str, ...]
    x: float
    y: float
    text_x: float
    text_y: float
    anker: str


@dataclass(frozen=True)
class Reihe:
    name: str
    klasse: str
    werte: tuple[int, ...]
    punkte: str
    marken: tuple[tuple[float, float, int], ...]


@dataclass(frozen=True)
class Radar:
    titel: str
    beschreibung: str
    achsen: tuple[Achse, ...]
    #: (per cent, polygon points, y of the scale label)
    ringe: tuple[tuple[int, str, float], ...]
    reihen: tuple[Reihe, ...]
    breite: int = BREITE
    hoehe: int = HOEHE
    mitte_x: float = MITTE_X
    mitte_y: float = MITTE_Y


def _punkt(i: int, n: int, anteil: float) -> tuple[float, float]:
    winkel = -math.pi / 2 + 2 * math.pi * i / n  # first axis points up, then clockwise
    return (
        round(MITTE_X + RADIUS * anteil * math.cos(winkel), 1),
        round(MITTE_Y + RADIUS * anteil * math.sin(winkel), 1),
    )


def _zeilen(name: str) -> tuple[str, ...]:
    """Long labels on two lines (``Organisation und`` / ``Prozesse``)."""
    if len(name) <= 14 or " " not in name:
        return (name,)
    woerter = name.split()
    mitte = max(1, len(woerter) - 1)
    return (" ".join(woerter[:mitte]), " ".join(woerter[mitte:]))


def radar(
    titel: str, dimensionen: Sequence[tuple[str, str]], reihen: Sequence[tuple[str, str, Mapping[str, int]]]
) -> Radar:
    """``dimensionen``: (code, name) in axis order; ``reihen``: (name, css class, {code: 0–100})."""
    n = len(dimensionen)
    achsen = []
    for i, (_code, name) in enumerate(dimensionen):
        x, y = _punkt(i, n, 1)
        tx, ty = _punkt(i, n, 1.12)
        anker = "middle" if abs(tx - MITTE_X) < 10 else ("start" if tx > MITTE_X else "end")
        if ty > MITTE_Y + 10:
            ty += 8
        achsen.append(Achse(name, _zeilen(name), x, y, tx, ty, anker))
    ringe = tuple(
        (
            prozent,
            " ".join(f"{x},{y}" for x, y in (_punkt(i, n, prozent / 100) for i in range(n))),
            round(MITTE_Y - RADIUS * prozent / 100 + 4, 1),
        )
        for prozent in RINGE
    )
    gezeichnet = []
    for name, klasse, werte in reihen:
        zahlen = tuple(max(0, min(100, int(werte.get(code, 0)))) for code, _n in dimensionen)
        punkte = [_punkt(i, n, w / 100) for i, w in enumerate(zahlen)]
        gezeichnet.append(
            Reihe(
                name,
                klasse,
                zahlen,
                " ".join(f"{x},{y}" for x, y in punkte),
                tuple((x, y, w) for (x, y), w in zip(punkte, zahlen, strict=True)),
            )
        )
    beschreibung = "Netzdiagramm mit {} Achsen von 0 bis 100. {}".format(
        n,
        " ".join(
            f"{r.name}: "
            + ", ".join(f"{name} {w}" for (_c, name), w in zip(dimensionen, r.werte, strict=True))
            + "."
            for r in gezeichnet
        ),
    )
    return Radar(titel, beschreibung, tuple(achsen), ringe, tuple(gezeichnet))
