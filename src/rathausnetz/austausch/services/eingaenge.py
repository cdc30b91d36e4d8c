"""The record of a received XDOMEA message, the same for every kind (Abgabe, Aktenplan, receipts,
the archive's answers): who sent it, which process, the stored package."""

from __future__ import annotations

from rathausnetz.austausch.models import Nachricht
from rathausnetz.austausch.xdomea import nachrichtenname
from rathausnetz.zugang.kontext import Zugriff


def festhalten(
    zugriff: Zugriff, typ: str, kopf: dict, paketdatei, dateiname: str, **felder: object
) -> Nachricht:
    """``felder`` add status, bemerkung, bezug, akte …; organisation and process may be given
    where they do not come from the caller's context or the message head."""
    werte = {
        "organisation_id": zugriff.organisation_id,
        "prozess_id": kopf["prozess_id"],
        **felder,
    }
    return Nachricht.objects.create(
        richtung=Nachricht.Richtung.EINGANG,
        typ=typ,
        name=nachrichtenname(typ),
        partner=kopf["absender"][:300],
        datei=paketdatei,
        dateiname=dateiname[:200],
        erstellt_von_id=zugriff.benutzer_id,
        **werte,
    )
