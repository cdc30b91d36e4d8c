"""XDOMEA API: an Akte as 0401 package, the file plan as 0301, and receiving packages and receipts.

``POST /api/xdomea/import`` validates before anything is imported; a message that fails answers
422 with the findings (line, element, problem) in German and imports nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from rathausnetz import speicher
from rathausnetz.akten.models import Akte, Aktenplaneintrag
from rathausnetz.austausch.models import Nachricht
from rathausnetz.austausch.schema import SchemaFehlt, UngueltigeNachricht
from rathausnetz.austausch.services import abgabe, aktenplan, empfang

router = Router(tags=["XDOMEA"])


class BefundSchema(Schema):
    zeile: int
    element: str
    problem: str


class FehlerSchema(Schema):
    detail: list[dict]
    befunde: list[BefundSchema]


def fehler_antwort(fehler: UngueltigeNachricht) -> Status:
    """422 with the findings of an invalid message (line, element, problem); nothing was imported."""
    return Status(
        422,
        FehlerSchema(
            detail=[{"feld": "datei", "meldung": m, "typ": "xdomea"} for m in fehler.messages[:1]],
            befunde=[
                BefundSchema(zeile=b.zeile, element=b.element, problem=b.problem) for b in fehler.befunde
            ],
        ),
    )


class NachrichtSchema(Schema):
    id: int
    richtung: str
    typ: str
    name: str
    prozess_id: uuid.UUID
    partner: str
    status: str
    bemerkung: str
    akte: int | None
    erstellt_am: dt.datetime
    datei_url: str | None

    @staticmethod
    def aus(n: Nachricht) -> NachrichtSchema:
        return NachrichtSchema(
            id=n.pk,
            richtung=n.richtung,
            typ=n.typ,
            name=n.name,
            prozess_id=n.prozess_id,
            partner=n.partner,
            status=n.status,
            bemerkung=n.bemerkung,
            akte=n.akte_id,
            erstellt_am=n.erstellt_am,
            datei_url=f"/api/xdomea/nachrichten/{n.pk}/datei" if n.datei_id else None,
        )


class NachrichtListe(Schema):
    count: int
    items: list[NachrichtSchema]


class AkteKurz(Schema):
    id: int
    aktenzeichen: str
    fremdes_aktenzeichen: str
    titel: str


class AbgleichSchema(Schema):
    """A received file plan beside one's own (counted before the import changed anything)."""

    bezeichnung: str
    neu: list[str]
    abweichend: list[str]
    gleich: int
    nur_hier: list[str]


class ImportErgebnis(Schema):
    typ: str
    nachricht: NachrichtSchema | None
    akten: list[AkteKurz]
    quittungen: list[NachrichtSchema]
    meldung: str
    aktenplan: AbgleichSchema | None = None


def _abgleich(abgleich) -> AbgleichSchema | None:
    if abgleich is None:
        return None
    return AbgleichSchema(
        bezeichnung=abgleich.plan.bezeichnung,
        neu=[z.einheit.kennzeichen for z in abgleich.zeilen if z.status == "neu"],
        abweichend=[z.einheit.kennzeichen for z in abgleich.zeilen if z.status == "abweichend"],
        gleich=abgleich.gleich,
        nur_hier=[e.kennzeichen for e in abgleich.nur_hier],
    )


@router.get(
    "/akten/{akte_id}/xdomea",
    summary="Akte als XDOMEA-3.1.0-Abgabe (0401): ZIP mit XML und allen Dokumentversionen",
    response={200: None},
)
def akte_xdomea(request: HttpRequest, akte_id: int, empfaenger: str = "", hinweis: str = ""):
    akte = get_object_or_404(Akte.objects.select_related("aktenplaneintrag"), pk=akte_id)
    try:
        export = abgabe.akte_exportieren(akte, empfaenger, hinweis)
    except SchemaFehlt as fehler:
        raise HttpError(503, str(fehler)) from None
    antwort = FileResponse(
        export.datei, as_attachment=True, filename=export.dateiname, content_type="application/zip"
    )
    antwort["X-Xdomea-ProzessID"] = str(export.nachricht.prozess_id)
    return antwort


@router.get(
    "/xdomea/aktenplan",
    summary="Aktenplan der Organisation als XDOMEA-3.1.0-Nachricht 0301 (ZIP)",
    response={200: None},
)
def aktenplan_xdomea(
    request: HttpRequest, empfaenger: str = "", hinweis: str = "", empfangsbestaetigung: bool = True
):
    try:
        export = aktenplan.aktenplan_exportieren(empfaenger, hinweis, empfangsbestaetigung)
    except SchemaFehlt as fehler:
        raise HttpError(503, str(fehler)) from None
    antwort = FileResponse(
        export.datei, as_attachment=True, filename=export.dateiname, content_type="application/zip"
    )
    antwort["X-Xdomea-ProzessID"] = str(export.nachricht.prozess_id)
    return antwort


@router.post(
    "/xdomea/import",
    response={201: ImportErgebnis, 422: FehlerSchema},
    summary=(
        "XDOMEA-Nachricht annehmen (multipart-Feld datei): Abgabe 0401, Aktenplan 0301 "
        "oder eine Quittung (0302, 0402, 0403, 0502 …)"
    ),
    description=(
        "Die Nachricht wird gegen die XDOMEA-3.1.0-Schemas geprüft, bevor etwas übernommen wird. Jede Akte "
        "einer Abgabe kommt unter den Aktenplaneintrag mit gleichem Kennzeichen oder unter "
        "`aktenplaneintrag` (Nummer eines Eintrags Ihres Aktenplans) und erhält ein neues Aktenzeichen. "
        "Ein Aktenplan (0301) wird mit dem eigenen verglichen; `modus` sagt, was geschieht: "
        "`kenntnis` (nichts ändern), `ergaenzen` (fehlende Einträge anlegen) oder `angleichen` "
        "(auch abweichende Einträge übernehmen; dafür braucht es das Recht, die Organisation zu verwalten)."
    ),
)
def xdomea_import(
    request: HttpRequest,
    datei: File[UploadedFile],
    aktenplaneintrag: Form[int | None] = None,
    modus: Form[str] = "kenntnis",
):
    standard = get_object_or_404(Aktenplaneintrag.objects, pk=aktenplaneintrag) if aktenplaneintrag else None
    try:
        aktenplan.modus_pruefen(modus)
        referenz = empfang.hochladen(datei, datei.name or "nachricht")
        pfad, dateiname = empfang.aufloesen(referenz)
        ergebnis = empfang.empfangen(pfad, dateiname, standard=standard, modus=modus)
    except UngueltigeNachricht as fehler:
        return fehler_antwort(fehler)
    except SchemaFehlt as fehler:
        raise HttpError(503, str(fehler)) from None
    return Status(
        201,
        ImportErgebnis(
            typ=ergebnis.typ,
            nachricht=NachrichtSchema.aus(ergebnis.nachricht) if ergebnis.nachricht else None,
            akten=[
                AkteKurz(
                    id=a.pk,
                    aktenzeichen=a.aktenzeichen,
                    fremdes_aktenzeichen=a.fremdes_aktenzeichen,
                    titel=a.titel,
                )
                for a in ergebnis.akten
            ],
            quittungen=[NachrichtSchema.aus(q) for q in ergebnis.quittungen],
            meldung=ergebnis.meldung
            or (f"{len(ergebnis.akten)} Akte(n) übernommen." if ergebnis.akten else ""),
            aktenplan=_abgleich(ergebnis.abgleich),
        ),
    )


@router.get(
    "/xdomea/nachrichten", response=NachrichtListe, summary="Gesendete und empfangene XDOMEA-Nachrichten"
)
def nachrichten(request: HttpRequest, akte: int | None = None, limit: int = 50, offset: int = 0):
    if not 1 <= limit <= 500 or offset < 0:
        raise ValidationError({"limit": "limit muss zwischen 1 und 500 liegen, offset ≥ 0."})
    qs = Nachricht.objects.order_by("-erstellt_am", "-id")
    if akte is not None:
        qs = qs.filter(akte_id=akte)
    return NachrichtListe(
        count=qs.count(), items=[NachrichtSchema.aus(n) for n in qs[offset : offset + limit]]
    )


@router.get(
    "/xdomea/nachrichten/{nachricht_id}/datei",
    summary="Die gespeicherte Nachricht (XML oder ZIP)",
    response={200: None},
)
def nachricht_datei(request: HttpRequest, nachricht_id: int):
    return nachricht_antwort(nachricht_id)


def nachricht_antwort(nachricht_id: int) -> FileResponse:
    """A stored message of the organisation as download (another tenant's: 404)."""
    n = get_object_or_404(
        Nachricht.objects.select_related("datei").filter(datei__isnull=False), pk=nachricht_id
    )
    antwort = FileResponse(
        speicher.oeffnen(n.datei.sha256),
        as_attachment=True,
        filename=n.dateiname or f"{n.prozess_id}_{n.name}.xml",
        content_type=n.datei.mime_typ,
    )
    antwort["X-Content-Type-Options"] = "nosniff"
    return antwort
