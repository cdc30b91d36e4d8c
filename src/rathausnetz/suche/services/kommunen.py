"""Municipalities in the global search: a clerk types "Loessnitz" and gets Lößnitz.

The registry is public reference data, so no tenant rule applies; its folded names
(``name_key``) make spellings meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape

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
    for kommune in kommunen_suchen(Kommunenfilter(q=text))[:MAX_KOMMUNEN]:
        kreis = kommune.kreis.name if kommune.kreis_id else ""
        einwohner = f"{kommune.einwohner:,} Einwohner".replace(",", ".") if kommune.einwohner else ""
        beschreibung = ", ".join(teil for teil in (kommune.get_typ_display(), kreis, einwohner) if teil)
        treffer.append(
            Kommunentreffer(
                kommune.ags, kommune.name, beschreibung, reverse("kommunen:detail", args=[kommune.ags])
            )
        )
    return treffer
