"""API of the Aussonderung cycle (``/api/aussonderung/...``): Anbietung 0501, Bewertung 0502 (with
0505), Aussonderung 0503, receipts 0504/0506/0507, deletion and the Vernichtungsprotokoll.

Only records management (``Recht.ORGANISATION_VERWALTEN``) may use it; a Verfahren of another
organisation answers 404. Invalid messages answer 422 with the findings and change nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Query, Router, Schema, Status, UploadedFile

from rathausnetz.austausch.api import FehlerSchema, fehler_antwort
from rathausnetz.austausch.models import Aussonderungsobjekt, Aussonderungsverfahren
from rathausnetz.austausch.schema import UngueltigeNachricht
from rathausnetz.austausch.services import aussonderung
from rathausnetz.austausch.services.abgabe import Empfang
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

router = Router(tags=["aussonderung"])


class FaelligSchema(Schema):
    id: int
    aktenzeichen: str
    titel: str
    geschlossen_am: dt.date | None
    aussonderungsdatum: dt.date | None
    archivwuerdigkeit: str


class ObjektSchema(Schema):
    id: int
    akte: int | None
    xdomea_id: uuid.UUID
    aktenzeichen: str
    titel: str
    eroeffnet_am: dt.date | None
    geschlossen_am: dt.date | None
    bewertung: str
    archivkennung: str
    ergebnis: str
    meldung: str
    vernichtet_am: dt.datetime | None
    vernichtet_von: str

    @staticmethod
    def aus(o: Aussonderungsobjekt) -> ObjektSchema:
        return ObjektSchema(
            id=o.pk,
            akte=o.akte_id,
            xdomea_id=o.xdomea_id,
            aktenzeichen=o.aktenzeichen,
            titel=o.titel,
            eroeffnet_am=o.eroeffnet_am,
            geschlossen_am=o.geschlossen_am,
            bewertung=o.bewertung,
            archivkennung=o.archivkennung,
            ergebnis=o.ergebnis,
            meldung=o.meldung,
            vernichtet_am=o.vernichtet_am,
            vernichtet_von=o.vernichtet_von_name,
        )


class VerfahrenSchema(Schema):
    id: int
    prozess_id: uuid.UUID
    archiv: str
    status: str
    erstellt_am: dt.datetime
    bewertet_am: dt.datetime | None
    ausgesondert_am: dt.datetime | None
    abgeschlossen_am: dt.datetime | None
    objekte: list[ObjektSchema]
    anbieteverzeichnis_url: str
    aussonderung_url: str
    protokoll_url: str

    @staticmethod
    def aus(v: Aussonderungsverfahren) -> VerfahrenSchema:
        basis = f"/api/aussonderung/{v.pk}"
        return VerfahrenSchema(
            id=v.pk,
            prozess_id=v.prozess_id,
            archiv=v.archiv,
            status=v.status,
            erstellt_am=v.erstellt_am,
            bewertet_am=v.bewertet_am,
            ausgesondert_am=v.ausgesondert_am,
            abgeschlossen_am=v.abgeschlossen_am,
            objekte=[ObjektSchema.aus(o) for o in v.objekte.all()],
            anbieteverzeichnis_url=f"{basis}/0501",
            aussonderung_url=f"{basis}/0503",
            protokoll_url=f"{basis}/protokoll",
        )


class StartSchema(Schema):
    archiv: str
    akten: list[int] | None = None
    hinweis: str = ""


class VernichtenSchema(Schema):
    bestaetigt: bool = False


class ErgebnisSchema(Schema):
    meldung: str
    typ: str = ""
    verfahren: VerfahrenSchema


def _verfahren(verfahren_id: int) -> Aussonderungsverfahren:
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    return get_object_or_404(Aussonderungsverfahren.objects, pk=verfahren_id)


def _annehmen(verfahren: Aussonderungsverfahren, datei: UploadedFile, typen: tuple[str, ...]):
    try:
        ergebnis: Empfang = aussonderung.annehmen(datei, datei.name or "nachricht.xml", verfahren, typen)
    except UngueltigeNachricht as fehler:
        return fehler_antwort(fehler)
    verfahren.refresh_from_db()
    return Status(
        200,
        ErgebnisSchema(meldung=ergebnis.meldung, typ=ergebnis.typ, verfahren=VerfahrenSchema.aus(verfahren)),
    )


@router.get(
    "/aussonderung/faellig",
    response=list[FaelligSchema],
    summary="Akten mit abgelaufener Aufbewahrungsfrist, die angeboten werden können (ohne Löschsperre)",
)
def faellig(request: HttpRequest, stichtag: dt.date | None = None):
    return [
        FaelligSchema(
            id=a.pk,
            aktenzeichen=a.aktenzeichen,
            titel=a.titel,
            geschlossen_am=a.geschlossen_am,
            aussonderungsdatum=a.aussonderungsdatum,
            archivwuerdigkeit=a.aktenplaneintrag.wirksame_archivwuerdigkeit or "",
        )
        for a in aussonderung.faellige_akten(stichtag)
    ]


class VerfahrenListe(Schema):
    count: int
    items: list[VerfahrenSchema]


@router.get("/aussonderung", response=VerfahrenListe, summary="Aussonderungsverfahren Ihrer Organisation")
def verfahren_liste(request: HttpRequest, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0)):
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    alle = Aussonderungsverfahren.objects.all()
    liste = alle.prefetch_related("objekte")[offset : offset + limit]
    return VerfahrenListe(count=alle.count(), items=[VerfahrenSchema.aus(v) for v in liste])


@router.post(
    "/aussonderung",
    response={201: VerfahrenSchema},
    summary="Anbietung starten: 0501 Anbieteverzeichnis an das Archiv (Akten-Nummern oder alle fälligen)",
)
def starten(request: HttpRequest, daten: StartSchema):
    anbietung = aussonderung.anbieten(daten.akten, daten.archiv, daten.hinweis)
    return Status(201, VerfahrenSchema.aus(anbietung.verfahren))


@router.get("/aussonderung/{verfahren_id}", response=VerfahrenSchema, summary="Ein Aussonderungsverfahren")
def verfahren(request: HttpRequest, verfahren_id: int):
    return VerfahrenSchema.aus(_verfahren(verfahren_id))


@router.get(
    "/aussonderung/{verfahren_id}/0501", response={200: None}, summary="Das Anbieteverzeichnis (0501) als XML"
)
def anbieteverzeichnis(request: HttpRequest, verfahren_id: int):
    v = _verfahren(verfahren_id)
    nachricht = aussonderung.gesendete_nachricht(v, "0501")
    if nachricht is None:
        raise Http404("Zu diesem Verfahren gibt es kein Anbieteverzeichnis.")
    antwort = HttpResponse(aussonderung.nachricht_lesen(nachricht), content_type="application/xml")
    antwort["Content-Disposition"] = f'attachment; filename="{nachricht.dateiname}"'
    return antwort


@router.post(
    "/aussonderung/{verfahren_id}/bewertung",
    response={200: ErgebnisSchema, 422: FehlerSchema},
    summary="Bewertungsverzeichnis (0502) des Archivs annehmen (multipart-Feld datei); antwortet mit 0505",
)
def bewertung(request: HttpRequest, verfahren_id: int, datei: File[UploadedFile]):
    return _annehmen(_verfahren(verfahren_id), datei, ("0502",))


@router.get(
    "/aussonderung/{verfahren_id}/0503",
    response={200: None},
    summary="Aussonderung (0503): ZIP mit den archivwürdigen Akten und allen Dokumentversionen",
)
def aussonderungspaket(request: HttpRequest, verfahren_id: int):
    export = aussonderung.aussondern(_verfahren(verfahren_id))
    return FileResponse(
        export.datei, as_attachment=True, filename=export.dateiname, content_type="application/zip"
    )


@router.post(
    "/aussonderung/{verfahren_id}/quittung",
    response={200: ErgebnisSchema, 422: FehlerSchema},
    summary="Quittung des Archivs annehmen: 0504, 0506 (Importbestätigung mit Archivkennung) oder 0507",
)
def quittung(request: HttpRequest, verfahren_id: int, datei: File[UploadedFile]):
    return _annehmen(_verfahren(verfahren_id), datei, ("0504", "0506", "0507"))


@router.post(
    "/aussonderung/{verfahren_id}/vernichten",
    response=ErgebnisSchema,
    summary="Übernommene und zur Vernichtung bewertete Akten endgültig löschen (bestaetigt: true nötig)",
)
def vernichten(request: HttpRequest, verfahren_id: int, daten: VernichtenSchema):
    v = _verfahren(verfahren_id)
    ergebnis = aussonderung.vernichten(v, bestaetigt=daten.bestaetigt)
    v.refresh_from_db()
    return ErgebnisSchema(meldung=ergebnis.meldung, verfahren=VerfahrenSchema.aus(v))


@router.get(
    "/aussonderung/{verfahren_id}/protokoll",
    response={200: list[ObjektSchema]},
    summary="Vernichtungsprotokoll: JSON, oder mit format=csv bzw. format=pdf als Datei",
)
def protokoll(request: HttpRequest, verfahren_id: int, format: Literal["json", "csv", "pdf"] = "json"):
    v = _verfahren(verfahren_id)
    if format == "json":
        return [ObjektSchema.aus(o) for o in aussonderung.vernichtungsprotokoll(v)]
    inhalt, typ = (
        (aussonderung.protokoll_csv(v), "text/csv; charset=utf-8")
        if format == "csv"
        else (aussonderung.protokoll_pdf(v), "application/pdf")
    )
    antwort = HttpResponse(inhalt, content_type=typ)
    antwort["Content-Disposition"] = f'attachment; filename="Vernichtungsprotokoll-{v.prozess_id}.{format}"'
    return antwort
