"""``GET /api/suche``: the search with the same query language as the UI.

Answers only what the caller may open — the facade works on the tenant-scoped manager. Snippets
are HTML: text escaped, hits wrapped in ``<mark>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from rathausnetz.pagination import CursorError
from rathausnetz.suche.services import Auswahl, suchen

router = Router(tags=["Suche"])


class SuchFilter(Schema):
    q: str = Field(
        "", max_length=500, description='Suchanfrage (Wörter, "Phrase", -ausschluss, oder, feld:wert)'
    )
    limit: int = Field(20, ge=1, le=100)
    cursor: str | None = Field(None, max_length=500)
    sortierung: Literal["relevanz", "datum"] = "relevanz"
    akte: int | None = Field(None, ge=1, le=2**62, description="nur in dieser Akte suchen")
    aktenplan: int | None = Field(None, ge=1, le=2**62)
    typ: int | None = Field(None, ge=1, le=2**62)
    jahr: int | None = Field(None, ge=1900, le=2200)
    richtung: Literal["", "eingang", "ausgang", "intern"] = ""
    organisation: int | None = Field(None, ge=1, le=2**62)


class TrefferSchema(Schema):
    art: Literal["dokument", "vorgang", "akte", "kommune"]
    id: int | str
    titel: str
    snippet: str
    score: float
    aktenzeichen: str = ""
    datum: dt.date | None = None
    seite: int | None = None
    url: str
    aehnlich: bool = False


class FacettenwertSchema(Schema):
    wert: str
    name: str
    anzahl: int


class SuchErgebnis(Schema):
    count: int
    mehr_als: bool
    items: list[TrefferSchema]
    facetten: dict[str, list[FacettenwertSchema]]
    hinweise: list[str]
    aehnliche: bool
    next_cursor: str | None


@router.get(
    "/suche", response=SuchErgebnis, summary="Volltextsuche über Akten, Vorgänge, Dokumente und Kommunen"
)
def suche(request: HttpRequest, filter: Query[SuchFilter]):
    auswahl = Auswahl(
        aktenplan=filter.aktenplan,
        typ=filter.typ,
        jahr=filter.jahr,
        richtung=filter.richtung,
        organisation=filter.organisation,
    )
    try:
        ergebnis = suchen(
            filter.q,
            akte_id=filter.akte,
            auswahl=auswahl,
            sortierung=filter.sortierung,
            limit=filter.limit,
            cursor=filter.cursor,
        )
    except CursorError as fehler:
        raise HttpError(422, str(fehler)) from None
    items = [
        {
            "art": t.art,
            "id": t.id,
            "titel": t.titel,
            "snippet": str(t.snippet),
            "score": t.score,
            "aktenzeichen": t.aktenzeichen,
            "datum": t.datum,
            "seite": t.seite,
            "url": t.url,
            "aehnlich": t.aehnlich,
        }
        for t in ergebnis.treffer
    ]
    kommunen = ergebnis.kommunen
    return {
        "count": ergebnis.anzahl + len(kommunen),
        "mehr_als": ergebnis.mehr_als,
        "items": [k.als_dict() for k in kommunen] + items,
        "facetten": {name: [vars(w) for w in werte] for name, werte in ergebnis.facetten.items()},
        "hinweise": ergebnis.hinweise,
        "aehnliche": ergebnis.aehnliche,
        "next_cursor": ergebnis.weiter,
    }
