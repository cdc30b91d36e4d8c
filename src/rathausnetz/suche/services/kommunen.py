"""Municipalities in the global search: a clerk types "Loessnitz" and gets Lößnitz.

The registry is public reference data, so no tenant rule applies; its folded names
(``name_key``) make spellings meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape

from rathausnetz.kommunen.models import Kommune
from rathausnetz.kommunen.services.verzeichnis import Kommunenfilter, kommunen_suchen
from rathausnetz.suche.services.anfrage import Anfrage

MAX_KOMMUNEN = 5
_FELD = re.compile(r'(?:^|\s)-?\w+:\S*|"')


@dataclass(frozen=True)
class Kommunentreffer:
    ags: str
    name: str
    beschreibung: str
    url: str

    def als_dict(self) -> dict[str, object]:
        return {
            "art": "kommune",
            "id": self.ags,
            "titel": self.name,
            "snippet": escape(self.beschreibung),
            "score": 1.0,
            "url": self.url,
        }


def kommunen_treffer(anfrage: Anfrage) -> list[Kommunentreffer]:
    """Municipalities whose name matches the query's plain words (none for field queries)."""
    if anfrage.hat_filter or anfrage.ausschluesse or not anfrage.gruppen:
        return []
    text = " ".join(_FELD.sub(" ", anfrage.text).split())
    if len(text) < 3:
        return []
    treffer = []
    typen = dict(Kommune.Typ.choices)
    # only the columns shown: every search of the clerks' search box runs this
    zeilen = kommunen_suchen(Kommunenfilter(q=text)).values_list(
        "ags", "name", "typ", "kreis__name", "einwohner"
    )
    for ags, name, typ, kreis, einwohner in zeilen[:MAX_KOMMUNEN]:
        anzahl = f"{einwohner:,} Einwohner".replace(",", ".") if einwohner else ""
        beschreibung = ", ".join(teil for teil in (str(typen.get(typ, typ)), kreis or "", anzahl) if teil)
        treffer.append(Kommunentreffer(ags, name, beschreibung, reverse("kommunen:detail", args=[ags])))
    return treffer
