"""Server-rendered SVG maps from the simplified boundaries shipped with the registry.

No tile server, no JavaScript: the geometry is projected here (equirectangular, scaled by the
cosine of the map's middle latitude, which is accurate enough at the size of a German state) and
written as compact relative SVG paths. Base geometry per Land is cached per process; highlighting
is applied per request.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rathausnetz.kommunen.models import Kommune, Land

Projektion = Callable[[float, float], tuple[float, float]]
_DETAIL = "/kommunen/{ags}/"
_RANG = {"karte-nachbar": 1, "karte-auswahl": 2}


@dataclass(frozen=True)
class Flaeche:
    ags: str
    name: str
    pfad: str
    klasse: str = ""
    einwohner: int | None = None

    @cached_property
    def _teile(self) -> tuple[str, str]:
        name = escape(self.name)
        return (
            f'<a href="{_DETAIL.format(ags=self.ags)}" aria-label="{name}"><path d="{self.pfad}"',
            f"><title>{name}</title></path></a>",
        )

    def markup(self, klasse: str) -> str:
        vorn, hinten = self._teile  # cached: the base map's areas are shared by all requests
        return f'{vorn} class="{klasse}"{hinten}' if klasse else vorn + hinten


@dataclass(frozen=True)
class Beschriftung:
    x: float
    y: float
    text: str
    klasse: str = ""


@dataclass(frozen=True)
class Karte:
    breite: float
    hoehe: float
    titel: str
    beschreibung: str
    flaechen: tuple[Flaeche, ...]
    beschriftungen: tuple[Beschriftung, ...] = field(default_factory=tuple)
    #: per-request highlighting (ags → CSS class), overriding ``Flaeche.klasse``
    klassen: Mapping[str, str] = field(default_factory=dict)

    @property
    def viewbox(self) -> str:
        return f"0 0 {self.breite:.0f} {self.hoehe:.0f}"

    def svg(self, id_: str, klasse: str = "") -> SafeString:
        """The map as inline SVG. Built as a string: 400+ areas through the template engine would
        cost more than the rest of the page."""
        teile = [
            f'<svg class="karte {escape(klasse)}" viewBox="{self.viewbox}" role="img" '
            f'aria-labelledby="{id_}-titel {id_}-beschreibung" xmlns="http://www.w3.org/2000/svg">',
            f'<title id="{id_}-titel">{escape(self.titel)}</title>',
            f'<desc id="{id_}-beschreibung">{escape(self.beschreibung)}</desc>',
        ]
        klassen = [(self.klassen.get(f.ags, f.klasse), f) for f in self.flaechen]
        # Highlighted areas last, so that their outline is drawn on top of their neighbours'.
        klassen.sort(key=lambda paar: _RANG.get(paar[0], 0))
        teile.extend(f.markup(klasse) for klasse, f in klassen)
        for b in self.beschriftungen:
            klasse_attr = f' class="{b.klasse}"' if b.klasse else ""
            teile.append(f'<text x="{b.x}" y="{b.y}"{klasse_attr} aria-hidden="true">{escape(b.text)}</text>')
        teile.append("</svg>")
        return mark_safe("".join(teile))  # noqa: S308 - every text part is escaped above


def _ringe(grenze: list) -> Iterable[list[list[float]]]:
    for polygon in grenze or []:
        yield from polygon


def _grenzen(kommunen: Iterable[Kommune]) -> tuple[float, float, float, float]:
    lons, lats = [], []
    for kommune in kommunen:
        for ring in _ringe(kommune.grenze):
            for lon, lat in ring:
                lons.append(lon)
                lats.append(lat)
    if not lons:
        raise ValueError("keine Grenzen vorhanden")
    return min(lons), min(lats), max(lons), max(lats)


def projektion(
    bbox: tuple[float, float, float, float], breite: float, rand: float
) -> tuple[Projektion, float]:
    """A projection that fits ``bbox`` into ``breite`` units; returns it and the map height."""
    min_lon, min_lat, max_lon, max_lat = bbox
    kx = math.cos(math.radians((min_lat + max_lat) / 2))
    spanne_x = max((max_lon - min_lon) * kx, 1e-6)
    spanne_y = max(max_lat - min_lat, 1e-6)
    massstab = (breite - 2 * rand) / spanne_x
    hoehe = spanne_y * massstab + 2 * rand

    def projiziere(lon: float, lat: float) -> tuple[float, float]:
        return (rand + (lon - min_lon) * kx * massstab, rand + (max_lat - lat) * massstab)

    return projiziere, hoehe


def pfad(grenze: list, proj: Projektion, genauigkeit: int = 0) -> str:
    """SVG path data with relative moves; ``genauigkeit`` decimals after projection."""
    teile: list[str] = []
    faktor = 10**genauigkeit

    def fmt(v: int) -> str:
        return str(v) if genauigkeit == 0 else f"{v / faktor:g}"

    for ring in _ringe(grenze):
        punkte: list[tuple[int, int]] = []
        for lon, lat in ring:
            x, y = proj(lon, lat)
            p = (round(x * faktor), round(y * faktor))
            if not punkte or punkte[-1] != p:
                punkte.append(p)
        if len(punkte) < 3:
            continue
        (x0, y0), rest = punkte[0], punkte[1:]
        schritte = [f"M{fmt(x0)} {fmt(y0)}"]
        px, py = x0, y0
        for x, y in rest:
            schritte.append(f"l{fmt(x - px)} {fmt(y - py)}")
            px, py = x, y
        teile.append("".join(schritte) + "z")
    return "".join(teile)


def _stempel(land: Land) -> tuple:
    """Identifies the Land's geometry; re-read every few minutes, so an import shows up soon."""
    schluessel = f"rathausnetz:karten:stempel:{land.pk}"
    stempel = cache.get(schluessel)
    if stempel is None:
        werte = Kommune.objects.filter(land=land, grenze__isnull=False).aggregate(
            n=Count("id"), g=Max("gebietsstand")
        )
        stempel = (land.pk, werte["n"], werte["g"])
        cache.set(schluessel, stempel, 300)
    return stempel


@lru_cache(maxsize=8)
def _landesgeometrie(stempel: tuple) -> tuple[float, float, tuple[Flaeche, ...]]:
    land_pk = stempel[0]
    kommunen = list(
        Kommune.objects.filter(land_id=land_pk, grenze__isnull=False).only(
            "ags", "name", "grenze", "einwohner"
        )
    )
    proj, hoehe = projektion(_grenzen(kommunen), 1000, 10)
    flaechen = tuple(Flaeche(k.ags, k.name, pfad(k.grenze, proj), einwohner=k.einwohner) for k in kommunen)
    return 1000.0, hoehe, flaechen


def landeskarte(land: Land, hervorheben: str | None = None, nachbarn: Iterable[str] = ()) -> Karte:
    """The whole Land; one municipality and its neighbours highlighted."""
    breite, hoehe, flaechen = _landesgeometrie(_stempel(land))
    nachbarn = set(nachbarn)

    klassen = dict.fromkeys(nachbarn, "karte-nachbar")
    if hervorheben:
        klassen[hervorheben] = "karte-auswahl"
    name = next((f.name for f in flaechen if f.ags == hervorheben), "")
    return Karte(
        breite,
        hoehe,
        titel=f"Lage von {name} in {land.name}" if name else f"Gemeinden in {land.name}",
        beschreibung=(
            f"Karte von {land.name} mit {len(flaechen)} Gemeinden"
            + (f"; {name} und {len(nachbarn)} Nachbargemeinden sind hervorgehoben." if name else ".")
        ),
        flaechen=flaechen,
        klassen=klassen,
    )


def umgebungskarte(kommune: Kommune) -> Karte | None:
    """The municipality and its neighbours (those in the registry), labelled."""
    if not kommune.grenze:
        return None
    nachbarn = list(
        Kommune.objects.filter(pk__in=kommune.nachbarschaften.exclude(nachbar=None).values("nachbar"))
        .exclude(grenze=None)
        .only("ags", "name", "grenze", "lat", "lon", "einwohner")
    )
    alle = [kommune, *nachbarn]
    proj, hoehe = projektion(_grenzen(alle), 640, 24)
    flaechen = [
        Flaeche(
            k.ags,
            k.name,
            pfad(k.grenze, proj, 1),
            "karte-auswahl" if k.pk == kommune.pk else "karte-nachbar",
        )
        for k in alle
    ]
    beschriftungen = []
    for k in alle:
        if k.lat is None or k.lon is None:
            continue
        x, y = proj(k.lon, k.lat)
        beschriftungen.append(
            Beschriftung(round(x, 1), round(y, 1), k.name, "karte-text-auswahl" if k.pk == kommune.pk else "")
        )
    return Karte(
        640,
        hoehe,
        titel=f"{kommune.name} und Nachbargemeinden",
        beschreibung=(
            f"Karte von {kommune.name} mit {len(nachbarn)} angrenzenden Gemeinden "
            "in Sachsen und Sachsen-Anhalt."
        ),
        flaechen=tuple(flaechen),
        beschriftungen=tuple(beschriftungen),
    )
