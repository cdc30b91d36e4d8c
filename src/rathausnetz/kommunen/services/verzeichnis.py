"""Finding municipalities: one query builder for the web directory and the API."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rathausnetz.kommunen.models import Gemeindeverband, Kommune, Kreis
from rathausnetz.suche.normaliser import name_key

SORTIERUNGEN: dict[str, tuple[str, ...]] = {
    "name": ("suchname", "ags"),
    "-name": ("-suchname", "-ags"),
    "einwohner": ("einwohner", "ags"),
    "-einwohner": ("-einwohner", "ags"),
    "flaeche": ("flaeche_km2", "ags"),
    "-flaeche": ("-flaeche_km2", "ags"),
    "ags": ("ags",),
}


@dataclass(frozen=True)
class Kommunenfilter:
    q: str = ""
    land: str = ""
    kreis: str = ""
    typ: str = ""
    verband_typ: str = ""
    min_einwohner: int | None = None
    max_einwohner: int | None = None
    sortierung: str = "name"
    nur_aktive: bool = True


def kommunen_suchen(f: Kommunenfilter) -> QuerySet[Kommune]:
    # The boundary is large JSON that lists never show; the GeoJSON API asks for it explicitly.
    qs = Kommune.objects.select_related("kreis", "land", "gemeindeverband").defer("grenze")
    if f.nur_aktive:
        qs = qs.filter(aktiv=True)
    if f.land:
        qs = qs.filter(land__code=f.land)
    if f.kreis:
        qs = qs.filter(kreis__ags=f.kreis)
    if f.typ:
        qs = qs.filter(typ=f.typ)
    if f.verband_typ:
        qs = qs.filter(gemeindeverband__typ=f.verband_typ)
    if f.min_einwohner is not None:
        qs = qs.filter(einwohner__gte=f.min_einwohner)
    if f.max_einwohner is not None:
        qs = qs.filter(einwohner__lte=f.max_einwohner)
    ordnung = SORTIERUNGEN.get(f.sortierung, SORTIERUNGEN["name"])
    text = f.q.strip()
    if text:
        if text.isdigit():
            qs = qs.filter(Q(ags__startswith=text) | Q(plz__startswith=text))
        else:
            schluessel = name_key(text)
            if not schluessel:
                return qs.none()
            qs = qs.filter(suchname__contains=schluessel).annotate(
                treffer_guete=Case(
                    When(suchname=schluessel, then=Value(0)),
                    When(suchname__startswith=schluessel, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            if f.sortierung == "name":
                ordnung = ("treffer_guete", *ordnung)
    return qs.order_by(*ordnung)


__all__ = ["SORTIERUNGEN", "Kommunenfilter", "kommunen_suchen"]


#: the columns a directory row needs; read with ``values()`` because model instances and template
#: lookups per cell cost three times as much for a page of 50 rows
ZEILENFELDER = (
    "ags",
    "name",
    "typ",
    "kreis__name",
    "gemeindeverband__typ",
    "gemeindeverband__name",
    "einwohner",
    "flaeche_km2",
)


def verzeichniszeilen(rows: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Directory rows with every value already formatted for display."""
    typen = dict(Kommune.Typ.choices)
    verbandstypen = dict(Gemeindeverband.Typ.choices)
    # Separators of the active language, looked up once: number_format per cell costs more than
    # the rest of the row.
    tausender = get_format("THOUSAND_SEPARATOR")
    dezimal = get_format("DECIMAL_SEPARATOR")
    zeilen = []
    for r in rows:
        verband_typ = r["gemeindeverband__typ"]
        zeilen.append(
            {
                "ags": r["ags"],
                "name": r["name"],
                "typ": str(typen[r["typ"]]),
                "kreis": r["kreis__name"],
                "verband": f"{verbandstypen[verband_typ]} {r['gemeindeverband__name']}"
                if verband_typ and verband_typ != Gemeindeverband.Typ.VERBANDSFREI
                else "verbandsfrei",
                "einwohner": f"{r['einwohner']:,}".replace(",", tausender),
                "flaeche": f"{r['flaeche_km2']:.2f}".replace(".", dezimal),
            }
        )
    return zeilen


_SCHLUESSEL = re.compile(r"\b(\d{8}|\d{5})\b")


def schluessel_aus(eingabe: str) -> tuple[str, str]:
    """``(schluessel, fehler)`` for what a clerk typed: an AGS, "Geyer (14521210)", or a name that
    is unique in the registry (Loessnitz finds Lößnitz)."""
    eingabe = eingabe.strip()
    treffer = _SCHLUESSEL.search(eingabe)
    if treffer:
        return treffer.group(1), ""
    schluessel = name_key(eingabe)
    kandidaten = [
        (ags, name)
        for ags, name in Kommune.objects.filter(suchname__startswith=schluessel, aktiv=True).values_list(
            "ags", "name"
        )
        if name_key(name) == schluessel
    ]
    if len(kandidaten) == 1:
        return kandidaten[0][0], ""
    if len(kandidaten) > 1:
        return "", f"„{eingabe}“ gibt es mehrfach ({len(kandidaten)}×); bitte aus der Liste wählen."
    kreis = Kreis.objects.filter(name__iexact=eingabe, typ=Kreis.Typ.LANDKREIS).first()
    if kreis:
        return kreis.ags, ""
    return "", f"„{eingabe}“ wurde im Kommunenregister nicht gefunden."


def datalist(id_: str = "kommunenliste") -> SafeString:
    """``<datalist>`` of all active municipalities ("Geyer (14521210)") for type-ahead fields.

    636 options cost more to render than the rest of a page, so the markup is cached for a few
    minutes (a registry import shows up after that at the latest)."""
    optionen = cache.get("rathausnetz:kommunen:datalist")
    if optionen is None:
        optionen = "".join(
            f'<option value="{escape(name)} ({ags})"></option>'
            for ags, name in Kommune.objects.filter(aktiv=True).order_by("name").values_list("ags", "name")
        )
        cache.set("rathausnetz:kommunen:datalist", optionen, 300)
    return mark_safe(f'<datalist id="{escape(id_)}">{optionen}</datalist>')  # noqa: S308 - names escaped
