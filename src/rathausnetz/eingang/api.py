"""Posteingang API: put a file in, watch its processing, file it, discard it, split it."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from rathausnetz.akten.models import Akte, Dokumenttyp, Vorgang
from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.services import ablage, annahme, verarbeitung
from rathausnetz.pagination import paginate

router = Router(tags=["Posteingang"])


class EingangKurz(Schema):
    id: int
    dateiname: str
    quelle: str
    status: Literal["wartend", "in_arbeit", "fertig", "fehlgeschlagen"]
    fehler: str
    erledigung: str
    duplikat_von: int | None
    eltern: int | None
    erstellt_am: dt.datetime

    @staticmethod
    def aus(e: Eingang) -> dict:
        return {
            "id": e.pk,
            "dateiname": e.dateiname,
            "quelle": e.quelle,
            "status": e.status,
            "fehler": e.fehler,
            "erledigung": e.erledigung,
            "duplikat_von": e.duplikat_von_id,
            "eltern": e.eltern_id,
            "erstellt_am": e.erstellt_am,
        }


class EingangSchema(EingangKurz):
    mime_typ: str
    seiten: int | None
    ocr: bool
    pdfa: bool
    text_roh: str = Field(description="Text wie extrahiert bzw. von der Texterkennung geliefert")
    text: str = Field(description="Text nach der OCR-Nachkorrektur (bei Textdateien gleich text_roh)")
    korrekturen: list[list[str]]
    metadaten: dict
    vorschlaege: dict
    dokument: int | None
    kinder: list[int]
    sha256: str

    @staticmethod
    def aus(e: Eingang) -> dict:
        return EingangKurz.aus(e) | {
            "mime_typ": e.mime_typ,
            "seiten": e.seiten,
            "ocr": e.ocr,
            "pdfa": e.pdfa,
            "text_roh": e.text_roh,
            "text": e.text,
            "korrekturen": e.korrekturen,
            "metadaten": e.metadaten,
            "vorschlaege": e.vorschlaege,
            "dokument": e.dokument_id,
            "kinder": list(e.kinder.order_by("pk").values_list("pk", flat=True)),
            "sha256": e.datei_id,
        }


class EingangListe(Schema):
    count: int
    items: list[EingangKurz]


class Filter(Schema):
    erledigung: Literal["offen", "abgelegt", "verworfen", "aufgeteilt", ""] = "offen"
    status: Literal["wartend", "in_arbeit", "fertig", "fehlgeschlagen", ""] = ""
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


def _eingang(eingang_id: int) -> Eingang:
    return get_object_or_404(Eingang.objects.select_related("datei"), pk=eingang_id)


@router.post(
    "/posteingang",
    response={202: EingangSchema},
    summary="Datei in den Posteingangskorb legen (multipart-Feld datei); verarbeitet wird im Hintergrund",
)
def posteingang_neu(request: HttpRequest, datei: File[UploadedFile]):
    eingang = annahme.hochladen(datei, datei.name or "dokument", Eingang.Quelle.API)
    return Status(202, EingangSchema.aus(eingang))


@router.get("/posteingang", response=EingangListe, summary="Eingänge (Standard: noch nicht erledigte)")
def posteingang_liste(request: HttpRequest, filter: Query[Filter]):
    qs = Eingang.objects.all()
    if filter.erledigung:
        qs = qs.filter(erledigung=filter.erledigung)
    if filter.status:
        qs = qs.filter(status=filter.status)
    seite = paginate(qs, ["-erstellt_am", "-id"], limit=filter.limit, offset=filter.offset)
    return {"count": seite.count, "items": [EingangKurz.aus(e) for e in seite.items]}


@router.get(
    "/posteingang/{eingang_id}",
    response=EingangSchema,
    summary="Ein Eingang: Status, Fehler, Rohtext, korrigierter Text, Metadaten, Ablagevorschläge",
)
def posteingang(request: HttpRequest, eingang_id: int):
    return EingangSchema.aus(_eingang(eingang_id))


class Ablage(Schema):
    vorgang: int | None = Field(None, description="in diesen Vorgang ablegen")
    akte: int | None = Field(None, description="oder: in dieser Akte einen neuen Vorgang anlegen")
    neuer_vorgang: str = Field("", max_length=300)
    betreff: str = Field("", max_length=300)
    dokumentdatum: dt.date | None = None
    absender: str = Field("", max_length=300)
    dokumenttyp: int | None = None
    vertraulichkeit: Literal["offen", "intern", "vertraulich"] = "offen"
    mit_anhaengen: bool = True


@router.post(
    "/posteingang/{eingang_id}/ablegen",
    response={201: dict},
    summary="Eingang als Dokument ablegen (in einen Vorgang oder einen neuen Vorgang einer Akte)",
)
def posteingang_ablegen(request: HttpRequest, eingang_id: int, daten: Ablage):
    eingang = _eingang(eingang_id)
    vorgang = (
        get_object_or_404(Vorgang.objects.select_related("akte"), pk=daten.vorgang) if daten.vorgang else None
    )
    akte = get_object_or_404(Akte.objects, pk=daten.akte) if daten.akte else None
    typ = get_object_or_404(Dokumenttyp.objects, pk=daten.dokumenttyp) if daten.dokumenttyp else None
    dokument = ablage.ablegen(
        eingang,
        vorgang=vorgang,
        akte=akte,
        neuer_vorgang=daten.neuer_vorgang,
        betreff=daten.betreff,
        dokumentdatum=daten.dokumentdatum,
        absender=daten.absender,
        dokumenttyp=typ,
        vertraulichkeit=daten.vertraulichkeit,
        mit_anhaengen=daten.mit_anhaengen,
    )
    return Status(201, {"dokument": dokument.pk, "vorgang": dokument.vorgang_id})


class Verwerfen(Schema):
    grund: str = Field(..., max_length=300)


@router.post(
    "/posteingang/{eingang_id}/verwerfen", response=EingangSchema, summary="Eingang verwerfen (mit Grund)"
)
def posteingang_verwerfen(request: HttpRequest, eingang_id: int, daten: Verwerfen):
    return EingangSchema.aus(ablage.verwerfen(_eingang(eingang_id), daten.grund))


class Teilung(Schema):
    bereiche: str = Field(..., max_length=500, description='Seitenbereiche, z. B. "1-2, 3, 4-6"')


@router.post(
    "/posteingang/{eingang_id}/aufteilen",
    response={201: list[EingangKurz]},
    summary="Sammelscan nach Seitenbereichen in neue Eingänge aufteilen",
)
def posteingang_aufteilen(request: HttpRequest, eingang_id: int, daten: Teilung):
    return Status(201, [EingangKurz.aus(e) for e in ablage.aufteilen(_eingang(eingang_id), daten.bereiche)])


@router.post(
    "/posteingang/{eingang_id}/wiederholen",
    response=EingangSchema,
    summary="Fehlgeschlagene Verarbeitung erneut starten",
)
def posteingang_wiederholen(request: HttpRequest, eingang_id: int):
    from rathausnetz.zugang.rechte import Recht
    from rathausnetz.zugang.services import pruefe_recht

    pruefe_recht(Recht.DATEN_BEARBEITEN)
    return EingangSchema.aus(verarbeitung.erneut_versuchen(_eingang(eingang_id)))
