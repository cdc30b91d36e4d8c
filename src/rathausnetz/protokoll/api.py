"""API for the audit log of the active organisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from rathausnetz.pagination import CursorError, paginate
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.protokoll.services import pruefe_ketten
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

router = Router(tags=["Protokoll"])


class EintragSchema(Schema):
    id: int
    nummer: int
    zeitpunkt: dt.datetime
    benutzer: str
    aktion: str
    objekt_typ: str
    objekt_id: str
    objekt: str
    aenderungen: dict[str, Any]
    request_id: str
    hash: str


class EintragListe(Schema):
    count: int
    items: list[EintragSchema]
    next_cursor: str | None = None


class PruefungSchema(Schema):
    in_ordnung: bool
    eintraege: int
    befund: str | None


@router.get("/protokoll", response=EintragListe, summary="Protokoll der aktiven Organisation")
def protokoll(
    request: HttpRequest,
    aktion: str = Query("", max_length=80),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    cursor: str | None = None,
):
    pruefe_recht(Recht.PROTOKOLL_LESEN)
    qs = Protokolleintrag.objects.all()
    if aktion:
        qs = qs.filter(aktion__startswith=aktion)
    try:
        seite = paginate(qs, ["-nummer"], limit=limit, offset=offset, cursor=cursor)
    except CursorError as error:
        raise HttpError(422, str(error)) from None
    items = [
        {
            "id": e.pk,
            "nummer": e.nummer,
            "zeitpunkt": e.zeitpunkt,
            "benutzer": e.benutzername,
            "aktion": e.aktion,
            "objekt_typ": e.objekt_typ,
            "objekt_id": e.objekt_id,
            "objekt": e.objekt_text,
            "aenderungen": e.aenderungen,
            "request_id": e.request_id,
            "hash": e.hash,
        }
        for e in seite.items
    ]
    return {"count": seite.count, "items": items, "next_cursor": seite.next_cursor}


@router.get("/protokoll/pruefung", response=PruefungSchema, summary="Hash-Kette der Organisation prüfen")
def pruefung(request: HttpRequest):
    zugriff = pruefe_recht(Recht.PROTOKOLL_LESEN)
    ergebnis = pruefe_ketten(zugriff.organisation_id, alle=False)
    return {
        "in_ordnung": ergebnis.in_ordnung,
        "eintraege": ergebnis.eintraege,
        "befund": str(ergebnis.befund) if ergebnis.befund else None,
    }
