"""Counts of municipalities and inhabitants by Kreis and by size class."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, Min, Q, Sum, Value, When

from rathausnetz.kommunen.models import Kommune, Land

#: size classes of municipalities by inhabitants: (lower bound, upper bound or None, label)
GROESSENKLASSEN: list[tuple[int, int | None, str]] = [
    (0, 999, "unter 1.000"),
    (1_000, 2_999, "1.000 bis 2.999"),
    (3_000, 4_999, "3.000 bis 4.999"),
    (5_000, 9_999, "5.000 bis 9.999"),
    (10_000, 19_999, "10.000 bis 19.999"),
    (20_000, 49_999, "20.000 bis 49.999"),
    (50_000, 99_999, "50.000 bis 99.999"),
    (100_000, None, "100.000 und mehr"),
]


def groessenklasse(einwohner: int) -> str:
    for unten, oben, name in GROESSENKLASSEN:
        if einwohner >= unten and (oben is None or einwohner <= oben):
            return name
    raise ValueError(einwohner)


@dataclass(frozen=True)
class Zeile:
    name: str
    schluessel: str
    anzahl: int
    einwohner: int
    flaeche_km2: float
    unter_5000: int = 0
    kleinste: int = 0
    groesste: int = 0

    @property
    def mittel(self) -> int:
        return round(self.einwohner / self.anzahl) if self.anzahl else 0


def _basis(land: Land | None):
    qs = Kommune.objects.filter(aktiv=True)
    return qs.filter(land=land) if land else qs


def nach_kreis(land: Land | None = None) -> list[Zeile]:
    rows = (
        _basis(land)
        .values("kreis__ags", "kreis__name")
        .annotate(
            anzahl=Count("id"),
            summe=Sum("einwohner"),
            flaeche=Sum("flaeche_km2"),
            klein=Count("id", filter=Q(einwohner__lt=5000)),
            min_ew=Min("einwohner"),
            max_ew=Max("einwohner"),
        )
        .order_by("kreis__ags")
    )
    return [
        Zeile(
            r["kreis__name"],
            r["kreis__ags"],
            r["anzahl"],
            r["summe"] or 0,
            float(r["flaeche"] or 0),
            r["klein"],
            r["min_ew"] or 0,
            r["max_ew"] or 0,
        )
        for r in rows
    ]


def nach_groessenklasse(land: Land | None = None) -> list[Zeile]:
    klasse = Case(
        *[
            When(einwohner__gte=unten, einwohner__lte=oben, then=Value(i))
            if oben is not None
            else When(einwohner__gte=unten, then=Value(i))
            for i, (unten, oben, _name) in enumerate(GROESSENKLASSEN)
        ],
        output_field=IntegerField(),
    )
    rows = {
        r["klasse"]: r
        for r in _basis(land)
        .annotate(klasse=klasse)
        .values("klasse")
        .annotate(anzahl=Count("id"), summe=Sum("einwohner"), flaeche=Sum("flaeche_km2"))
        .order_by("klasse")
    }
    return [
        Zeile(
            name,
            str(i),
            rows.get(i, {}).get("anzahl", 0),
            rows.get(i, {}).get("summe") or 0,
            float(rows.get(i, {}).get("flaeche") or 0),
        )
        for i, (_u, _o, name) in enumerate(GROESSENKLASSEN)
    ]


def summe(zeilen: list[Zeile], name: str = "Insgesamt") -> Zeile:
    return Zeile(
        name,
        "",
        sum(z.anzahl for z in zeilen),
        sum(z.einwohner for z in zeilen),
        round(sum(z.flaeche_km2 for z in zeilen), 2),
        sum(z.unter_5000 for z in zeilen),
    )


@dataclass(frozen=True)
class Balken:
    name: str
    wert: int
    y: float
    breite: float


@dataclass(frozen=True)
class Diagramm:
    titel: str
    balken: tuple[Balken, ...]
    hoehe: float
    max_wert: int
    einheit: str


def balkendiagramm(
    titel: str, werte: list[tuple[str, int]], einheit: str, zeilenhoehe: float = 26
) -> Diagramm:
    """Horizontal bars scaled to the largest value; drawn by a template as SVG."""
    groesster = max((w for _, w in werte), default=0) or 1
    balken = tuple(
        Balken(name, wert, 8 + i * zeilenhoehe, round(400 * wert / groesster, 1))
        for i, (name, wert) in enumerate(werte)
    )
    return Diagramm(titel, balken, 16 + len(werte) * zeilenhoehe, groesster, einheit)
