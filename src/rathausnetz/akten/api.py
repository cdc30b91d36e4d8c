"""E-Akte API: file plan, Akten, Vorgänge, Dokumente (with versions and files), Wiedervorlagen.

Every lookup goes through the tenant-scoped managers: rows of other organisations answer 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from rathausnetz import speicher
from rathausnetz.akten.models import (
    Akte,
    Aktenplaneintrag,
    Dokument,
    Dokumenttyp,
    Dokumentversion,
    Vorgang,
    Wiedervorlage,
)
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.akten.services import aktenplan as aktenplan_dienst
from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.pagination import CursorError, paginate, paginate_parts

router = Router(tags=["E-Akte"])


def _seite(qs, ordnung, limit, offset, cursor):
    try:
        return paginate(qs, ordnung, limit=limit, offset=offset, cursor=cursor)
    except CursorError as fehler:
        raise HttpError(422, str(fehler)) from None


def _benutzer(benutzer_id: int | None):
    if benutzer_id is None:
        return None
    from rathausnetz.zugang.models import Mitgliedschaft

    if not Mitgliedschaft.objects.filter(benutzer_id=benutzer_id).exists():
        raise HttpError(422, "Unbekannte Person (nicht Mitglied Ihrer Organisation).")
    return get_user_model().objects.get(pk=benutzer_id)


def _aenderungen(daten: Schema, nullbar: set[str] = frozenset()) -> dict:
    """Fields sent in a PATCH; an explicit null only where "empty" is meaningful (e.g. a date)."""
    return {k: v for k, v in daten.dict(exclude_unset=True).items() if v is not None or k in nullbar}


def _einheit(einheit_id: int | None):
    return get_object_or_404(Organisationseinheit.objects, pk=einheit_id) if einheit_id else None


# --- Aktenplan -----------------------------------------------------------------------------------


class EintragSchema(Schema):
    id: int
    kennzeichen: str
    titel: str
    beschreibung: str
    uebergeordnet: int | None
    aufbewahrungsfrist: int | None
    wirksame_frist: int | None
    archivwuerdigkeit: str
    aktiv: bool
    gueltig_ab: dt.date

    @staticmethod
    def aus(e: Aktenplaneintrag) -> dict:
        return {
            "id": e.pk,
            "kennzeichen": e.kennzeichen,
            "titel": e.titel,
            "beschreibung": e.beschreibung,
            "uebergeordnet": e.uebergeordnet_id,
            "aufbewahrungsfrist": e.aufbewahrungsfrist,
            "wirksame_frist": e.wirksame_frist,
            "archivwuerdigkeit": e.archivwuerdigkeit,
            "aktiv": e.aktiv,
            "gueltig_ab": e.gueltig_ab,
        }


class EintragListe(Schema):
    count: int
    items: list[EintragSchema]


class EintragNeu(Schema):
    kennzeichen: str = Field(..., pattern=r"^\d{1,3}(\.\d{1,3})*$", max_length=40)
    titel: str = Field(..., min_length=2, max_length=200)
    beschreibung: str = Field("", max_length=5000)
    aufbewahrungsfrist: int | None = Field(None, ge=0, le=500)
    archivwuerdigkeit: Literal["", "A", "B", "V"] = ""


class EintragAenderung(Schema):
    titel: str | None = Field(None, min_length=2, max_length=200)
    beschreibung: str | None = Field(None, max_length=5000)
    aufbewahrungsfrist: int | None = Field(None, ge=0, le=500)
    archivwuerdigkeit: Literal["", "A", "B", "V"] | None = None
    aktiv: bool | None = None


@router.get("/aktenplan", response=EintragListe, summary="Aktenplan der aktiven Organisation")
def aktenplan(request: HttpRequest, nur_aktive: bool = False):
    items = [EintragSchema.aus(e) for e, _ in aktenplan_dienst.baum(nur_aktive)]
    return {"count": len(items), "items": items}


@router.post("/aktenplan", response={201: EintragSchema}, summary="Aktenplaneintrag anlegen")
def aktenplan_neu(request: HttpRequest, daten: EintragNeu):
    return Status(201, EintragSchema.aus(aktenplan_dienst.eintrag_anlegen(**daten.dict())))


@router.patch(
    "/aktenplan/{eintrag_id}", response=EintragSchema, summary="Aktenplaneintrag ändern oder schließen"
)
def aktenplan_aendern(request: HttpRequest, eintrag_id: int, daten: EintragAenderung):
    eintrag = get_object_or_404(Aktenplaneintrag.objects, pk=eintrag_id)
    felder = _aenderungen(daten, {"aufbewahrungsfrist"})
    return EintragSchema.aus(aktenplan_dienst.eintrag_aendern(eintrag, **felder))


# --- Akten ---------------------------------------------------------------------------------------


class FreigabeSchema(Schema):
    organisation: int
    organisation_name: str
    rolle: str


class AkteSchema(Schema):
    id: int
    aktenzeichen: str
    titel: str
    beschreibung: str
    organisation: int
    aktenplaneintrag: int
    kennzeichen: str
    organisationseinheit: int | None
    verantwortlich: int | None
    vertraulichkeit: str
    status: str
    eroeffnet_am: dt.date
    geschlossen_am: dt.date | None
    aussonderungsdatum: dt.date | None
    freigaben: list[FreigabeSchema]

    @staticmethod
    def aus(a: Akte) -> dict:
        return {
            "id": a.pk,
            "aktenzeichen": a.aktenzeichen,
            "titel": a.titel,
            "beschreibung": a.beschreibung,
            "organisation": a.organisation_id,
            "aktenplaneintrag": a.aktenplaneintrag_id,
            "kennzeichen": a.aktenplaneintrag.kennzeichen,
            "organisationseinheit": a.organisationseinheit_id,
            "verantwortlich": a.verantwortlich_id,
            "vertraulichkeit": a.vertraulichkeit,
            "status": a.status,
            "eroeffnet_am": a.eroeffnet_am,
            "geschlossen_am": a.geschlossen_am,
            "aussonderungsdatum": a.aussonderungsdatum,
            "freigaben": [
                {
                    "organisation": f.organisation_id,
                    "organisation_name": f.organisation.name,
                    "rolle": f.rolle,
                }
                for f in a.freigaben.all()
            ],
        }


class AkteListe(Schema):
    count: int
    items: list[AkteSchema]
    next_cursor: str | None = None


class AkteNeu(Schema):
    aktenplaneintrag: int
    titel: str = Field(..., min_length=2, max_length=300)
    beschreibung: str = Field("", max_length=10000)
    organisationseinheit: int | None = None
    verantwortlich: int | None = None
    vertraulichkeit: Literal["offen", "intern", "vertraulich"] = "offen"


class AkteAenderung(Schema):
    titel: str | None = Field(None, min_length=2, max_length=300)
    beschreibung: str | None = Field(None, max_length=10000)
    vertraulichkeit: Literal["offen", "intern", "vertraulich"] | None = None


class AktenFilter(Schema):
    q: str = Field("", max_length=100, description="Teil von Aktenzeichen oder Titel")
    status: Literal["", "offen", "abgeschlossen"] = ""
    kennzeichen: str = Field("", max_length=40, description="Aktenplankennzeichen; auch Untereinträge")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)
    cursor: str | None = Field(None, max_length=500)


AKTEN_ORDNUNG = ["-eroeffnet_am", "-id"]
#: sort orders of Akten lists (all end in the id, so that keyset pages are unambiguous)
AKTEN_SORTIERUNGEN = {
    "neu": ("Neueste zuerst", ["-eroeffnet_am", "-id"]),
    "alt": ("Älteste zuerst", ["eroeffnet_am", "id"]),
    "aktenzeichen": ("Aktenzeichen", ["aktenzeichen", "id"]),
    "titel": ("Titel", ["titel", "id"]),
}


def akten_abfrage(q: str = "", status: str = "", kennzeichen: str = "", qs=None):
    qs = (Akte.objects.all() if qs is None else qs).select_related("aktenplaneintrag")
    qs = qs.prefetch_related("freigaben__organisation")
    if q:
        qs = qs.filter(Q(aktenzeichen__icontains=q) | Q(titel__icontains=q))
    if status:
        qs = qs.filter(status=status)
    if kennzeichen:
        # Kennzeichen are hierarchical by prefix: 02 → 022 → 022.3 → 022.31
        qs = qs.filter(aktenplaneintrag__kennzeichen__startswith=kennzeichen)
    return qs


def akten_seite(q: str, status: str, kennzeichen: str, ordnung, limit: int, cursor: str | None):
    """A page of visible Akten: own and shared ones queried apart, each on its index, merged."""
    teile = [akten_abfrage(q, status, kennzeichen, teil) for teil in Akte.objects.teile()]
    try:
        return paginate_parts(teile, ordnung, limit=limit, cursor=cursor)
    except CursorError as fehler:
        raise HttpError(422, str(fehler)) from None


@router.get("/akten", response=AkteListe, summary="Akten (eigene und freigegebene)")
def akten_liste(request: HttpRequest, filter: Query[AktenFilter]):
    if not filter.offset:
        seite = akten_seite(
            filter.q, filter.status, filter.kennzeichen, AKTEN_ORDNUNG, filter.limit, filter.cursor
        )
        return {
            "count": seite.count,
            "items": [AkteSchema.aus(a) for a in seite.items],
            "next_cursor": seite.next_cursor,
        }
    seite = _seite(
        akten_abfrage(filter.q, filter.status, filter.kennzeichen),
        AKTEN_ORDNUNG,
        filter.limit,
        filter.offset,
        filter.cursor,
    )
    return {
        "count": seite.count,
        "items": [AkteSchema.aus(a) for a in seite.items],
        "next_cursor": seite.next_cursor,
    }


@router.post("/akten", response={201: AkteSchema}, summary="Akte anlegen (Aktenzeichen wird vergeben)")
def akte_neu(request: HttpRequest, daten: AkteNeu):
    eintrag = get_object_or_404(Aktenplaneintrag.objects, pk=daten.aktenplaneintrag)
    akte = akten.akte_anlegen(
        eintrag,
        daten.titel,
        daten.beschreibung,
        organisationseinheit=_einheit(daten.organisationseinheit),
        verantwortlich=_benutzer(daten.verantwortlich),
        vertraulichkeit=daten.vertraulichkeit,
    )
    return Status(201, AkteSchema.aus(akte))


@router.get("/akten/{akte_id}", response=AkteSchema, summary="Eine Akte")
def akte(request: HttpRequest, akte_id: int):
    return AkteSchema.aus(get_object_or_404(Akte.objects, pk=akte_id))


@router.patch("/akten/{akte_id}", response=AkteSchema, summary="Akte ändern")
def akte_aendern(request: HttpRequest, akte_id: int, daten: AkteAenderung):
    a = get_object_or_404(Akte.objects, pk=akte_id)
    return AkteSchema.aus(akten.akte_aendern(a, **_aenderungen(daten)))


@router.post("/akten/{akte_id}/schliessen", response=AkteSchema, summary="Akte schließen (alle Vorgänge zdA)")
def akte_schliessen(request: HttpRequest, akte_id: int):
    return AkteSchema.aus(akten.akte_schliessen(get_object_or_404(Akte.objects, pk=akte_id)))


class FreigabeNeu(Schema):
    organisation: int
    rolle: Literal["lesen", "bearbeiten"] = "lesen"


@router.post("/akten/{akte_id}/freigaben", response=AkteSchema, summary="Akte mit einer Organisation teilen")
def akte_freigeben(request: HttpRequest, akte_id: int, daten: FreigabeNeu):
    a = get_object_or_404(Akte.objects, pk=akte_id)
    org = get_object_or_404(Organisation.objects.filter(aktiv=True), pk=daten.organisation)
    akten.freigeben(a, org, daten.rolle)
    return AkteSchema.aus(a)


@router.delete(
    "/akten/{akte_id}/freigaben/{organisation_id}", response={204: None}, summary="Freigabe entziehen"
)
def akte_freigabe_entziehen(request: HttpRequest, akte_id: int, organisation_id: int):
    a = get_object_or_404(Akte.objects, pk=akte_id)
    akten.freigabe_entziehen(a, get_object_or_404(Organisation.objects, pk=organisation_id))
    return Status(204, None)


# --- Vorgänge ------------------------------------------------------------------------------------


class VorgangSchema(Schema):
    id: int
    akte: int
    aktenzeichen: str
    betreff: str
    status: str
    frist: dt.date | None
    verantwortlich: int | None
    zda_am: dt.date | None
    dokumente: list[int]

    @staticmethod
    def aus(v: Vorgang) -> dict:
        return {
            "id": v.pk,
            "akte": v.akte_id,
            "aktenzeichen": v.akte.aktenzeichen,
            "betreff": v.betreff,
            "status": v.status,
            "frist": v.frist,
            "verantwortlich": v.verantwortlich_id,
            "zda_am": v.zda_am,
            "dokumente": sorted(Dokument.objects.filter(vorgang=v).values_list("pk", flat=True)),
        }


class VorgangListe(Schema):
    count: int
    items: list[VorgangSchema]
    next_cursor: str | None = None


@router.get("/vorgaenge", response=VorgangListe, summary="Vorgänge, optional einer Akte")
def vorgaenge_liste(
    request: HttpRequest,
    akte: int | None = None,
    status: Literal["", "in_bearbeitung", "ruhend", "zda"] = "",
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    cursor: str | None = Query(None, max_length=500),
):
    qs = Vorgang.objects.select_related("akte")
    if akte is not None:
        qs = qs.filter(akte_id=akte)
    if status:
        qs = qs.filter(status=status)
    seite = _seite(qs, ["-erstellt_am", "-id"], limit, offset, cursor)
    return {
        "count": seite.count,
        "items": [VorgangSchema.aus(v) for v in seite.items],
        "next_cursor": seite.next_cursor,
    }


@router.post(
    "/vorgaenge",
    response={201: VorgangSchema},
    summary="Vorgang mit Dokumenten in einem Schritt anlegen (multipart)",
    description="Felder `akte`, `betreff`, optional `frist`; beliebig viele Dateien im Feld `dateien`. "
    "Alles oder nichts: ist eine Datei unzulässig, entsteht weder Vorgang noch Dokument.",
)
def vorgang_neu(
    request: HttpRequest,
    akte: int = Form(...),
    betreff: str = Form(..., min_length=2, max_length=300),
    frist: dt.date | None = Form(None),
    dateien: list[UploadedFile] = File(default_factory=list),
):
    a = get_object_or_404(Akte.objects, pk=akte)
    with transaction.atomic():
        vorgang = vorgaenge.vorgang_anlegen(a, betreff, frist)
        for datei in dateien:
            dokumente.dokument_hochladen(vorgang, datei, datei.name or "dokument")
    return Status(201, VorgangSchema.aus(vorgang))


@router.get("/vorgaenge/{vorgang_id}", response=VorgangSchema, summary="Ein Vorgang")
def vorgang(request: HttpRequest, vorgang_id: int):
    return VorgangSchema.aus(get_object_or_404(Vorgang.objects.select_related("akte"), pk=vorgang_id))


class VorgangAenderung(Schema):
    betreff: str | None = Field(None, min_length=2, max_length=300)
    frist: dt.date | None = None
    status: Literal["in_bearbeitung", "ruhend"] | None = None
    verantwortlich: int | None = None


@router.patch("/vorgaenge/{vorgang_id}", response=VorgangSchema, summary="Vorgang ändern")
def vorgang_aendern(request: HttpRequest, vorgang_id: int, daten: VorgangAenderung):
    v = get_object_or_404(Vorgang.objects.select_related("akte"), pk=vorgang_id)
    felder = _aenderungen(daten, {"frist", "verantwortlich"})
    if "verantwortlich" in felder:
        felder["verantwortlich"] = _benutzer(felder["verantwortlich"])
    return VorgangSchema.aus(vorgaenge.vorgang_aendern(v, **felder))


@router.post("/vorgaenge/{vorgang_id}/zda", response=VorgangSchema, summary="Vorgang abschließen (zdA)")
def vorgang_zda(request: HttpRequest, vorgang_id: int):
    return VorgangSchema.aus(vorgaenge.vorgang_zda(get_object_or_404(Vorgang.objects, pk=vorgang_id)))


# --- Dokumente -----------------------------------------------------------------------------------


class VersionSchema(Schema):
    nummer: int
    dateiname: str
    mime_typ: str
    groesse: int
    sha256: str
    kommentar: str
    erstellt_am: dt.datetime

    @staticmethod
    def aus(v: Dokumentversion) -> dict:
        return {
            "nummer": v.nummer,
            "dateiname": v.dateiname,
            "mime_typ": v.datei.mime_typ,
            "groesse": v.datei.groesse,
            "sha256": v.datei.sha256,
            "kommentar": v.kommentar,
            "erstellt_am": v.erstellt_am,
        }


class DokumentSchema(Schema):
    id: int
    vorgang: int
    akte: int
    aktenzeichen: str
    betreff: str
    dokumentdatum: dt.date | None
    eingangsdatum: dt.date | None
    richtung: str
    absender: str
    empfaenger: str
    dokumenttyp: str | None
    vertraulichkeit: str
    version: int
    text: str

    @staticmethod
    def aus(d: Dokument) -> dict:
        aktuell = d.versionen.order_by("-nummer").first()
        return {
            "id": d.pk,
            "vorgang": d.vorgang_id,
            "akte": d.vorgang.akte_id,
            "aktenzeichen": d.vorgang.akte.aktenzeichen,
            "betreff": d.betreff,
            "dokumentdatum": d.dokumentdatum,
            "eingangsdatum": d.eingangsdatum,
            "richtung": d.richtung,
            "absender": d.absender,
            "empfaenger": d.empfaenger,
            "dokumenttyp": d.dokumenttyp.name if d.dokumenttyp else None,
            "vertraulichkeit": d.vertraulichkeit,
            "version": aktuell.nummer if aktuell else 0,
            "text": aktuell.text if aktuell else "",
        }


class DokumentListe(Schema):
    count: int
    items: list[DokumentSchema]
    next_cursor: str | None = None


class DokumentAenderung(Schema):
    betreff: str | None = Field(None, min_length=1, max_length=300)
    dokumentdatum: dt.date | None = None
    eingangsdatum: dt.date | None = None
    richtung: Literal["eingang", "ausgang", "intern"] | None = None
    absender: str | None = Field(None, max_length=300)
    empfaenger: str | None = Field(None, max_length=300)
    dokumenttyp: str | None = Field(None, max_length=80)
    vertraulichkeit: Literal["offen", "intern", "vertraulich"] | None = None


def _dokument(dokument_id: int) -> Dokument:
    return get_object_or_404(Dokument.objects.select_related("vorgang__akte", "dokumenttyp"), pk=dokument_id)


@router.get(
    "/dokumente", response=DokumentListe, summary="Dokumente, optional eines Vorgangs oder einer Akte"
)
def dokumente_liste(
    request: HttpRequest,
    vorgang: int | None = None,
    akte: int | None = None,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
    cursor: str | None = Query(None, max_length=500),
):
    qs = Dokument.objects.select_related("vorgang__akte", "dokumenttyp")
    if vorgang is not None:
        qs = qs.filter(vorgang_id=vorgang)
    if akte is not None:
        qs = qs.filter(vorgang__akte_id=akte)
    seite = _seite(qs, ["-erstellt_am", "-id"], limit, offset, cursor)
    return {
        "count": seite.count,
        "items": [DokumentSchema.aus(d) for d in seite.items],
        "next_cursor": seite.next_cursor,
    }


@router.post(
    "/dokumente", response={201: DokumentSchema}, summary="Dokument in einen Vorgang hochladen (multipart)"
)
def dokument_neu(
    request: HttpRequest,
    datei: File[UploadedFile],
    vorgang: int = Form(...),
    betreff: str = Form("", max_length=300),
    richtung: Literal["eingang", "ausgang", "intern"] = Form("eingang"),
    absender: str = Form("", max_length=300),
):
    v = get_object_or_404(Vorgang.objects.select_related("akte"), pk=vorgang)
    d = dokumente.dokument_hochladen(
        v, datei, datei.name or "dokument", betreff, richtung=richtung, absender=absender
    )
    return Status(201, DokumentSchema.aus(d))


@router.get("/dokumente/{dokument_id}", response=DokumentSchema, summary="Ein Dokument (Metadaten und Text)")
def dokument(request: HttpRequest, dokument_id: int):
    return DokumentSchema.aus(_dokument(dokument_id))


@router.patch("/dokumente/{dokument_id}", response=DokumentSchema, summary="Metadaten ändern")
def dokument_aendern(request: HttpRequest, dokument_id: int, daten: DokumentAenderung):
    d = _dokument(dokument_id)
    felder = _aenderungen(daten, {"dokumentdatum", "eingangsdatum", "dokumenttyp"})
    if "dokumenttyp" in felder:
        name = felder["dokumenttyp"]
        felder["dokumenttyp"] = get_object_or_404(Dokumenttyp.objects, name=name) if name else None
    return DokumentSchema.aus(dokumente.dokument_aendern(d, **felder))


class Entfernung(Schema):
    grund: str = Field(..., min_length=1, max_length=500, description="warum das Dokument entfernt wird")


@router.delete(
    "/dokumente/{dokument_id}",
    response={204: None},
    summary="Versehentlich abgelegtes Dokument entfernen (nur in offener Akte, mit Grund; protokolliert)",
)
def dokument_entfernen(request: HttpRequest, dokument_id: int, daten: Query[Entfernung]):
    dokumente.dokument_loeschen(_dokument(dokument_id), daten.grund)
    return Status(204, None)


@router.get(
    "/dokumente/{dokument_id}/versionen", response=list[VersionSchema], summary="Versionen eines Dokuments"
)
def versionen(request: HttpRequest, dokument_id: int):
    d = _dokument(dokument_id)
    return [VersionSchema.aus(v) for v in Dokumentversion.objects.filter(dokument=d).select_related("datei")]


@router.post(
    "/dokumente/{dokument_id}/versionen", response={201: VersionSchema}, summary="Neue Version hochladen"
)
def version_neu(
    request: HttpRequest,
    dokument_id: int,
    datei: File[UploadedFile],
    kommentar: str = Form("", max_length=300),
):
    v = dokumente.version_hinzufuegen(_dokument(dokument_id), datei, datei.name or "dokument", kommentar)
    return Status(201, VersionSchema.aus(v))


@router.get("/dokumente/{dokument_id}/datei", summary="Originaldatei herunterladen", response={200: None})
def datei_laden(request: HttpRequest, dokument_id: int, version: int | None = None):
    return datei_antwort(_dokument(dokument_id), version)


def datei_antwort(dokument: Dokument, version: int | None, inline: bool = False) -> FileResponse:
    versionen = Dokumentversion.objects.filter(dokument=dokument).select_related("datei")
    v = get_object_or_404(versionen, nummer=version) if version else versionen.order_by("-nummer").first()
    if v is None:
        raise HttpError(404, "Nicht gefunden.")
    # Only PDFs and images open in the browser; everything else is a download, so that no stored
    # file can ever run as a page of this site.
    inline = inline and (v.datei.mime_typ == "application/pdf" or v.datei.mime_typ.startswith("image/"))
    antwort = FileResponse(
        speicher.oeffnen(v.datei.sha256),
        as_attachment=not inline,
        filename=v.dateiname,
        content_type=v.datei.mime_typ,
    )
    antwort["X-Content-Type-Options"] = "nosniff"
    if not inline:
        antwort["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return antwort


class VerschiebenSchema(Schema):
    vorgang: int


@router.post(
    "/dokumente/{dokument_id}/verschieben", response=DokumentSchema, summary="Dokument in anderen Vorgang"
)
def dokument_verschieben(request: HttpRequest, dokument_id: int, daten: VerschiebenSchema):
    ziel = get_object_or_404(Vorgang.objects.select_related("akte"), pk=daten.vorgang)
    return DokumentSchema.aus(dokumente.dokument_verschieben(_dokument(dokument_id), ziel))


# --- Wiedervorlagen ------------------------------------------------------------------------------


class WiedervorlageSchema(Schema):
    id: int
    vorgang: int
    betreff: str
    aktenzeichen: str
    faellig_am: dt.date
    notiz: str
    fuer_benutzer: int | None
    fuer_einheit: int | None
    erledigt: bool

    @staticmethod
    def aus(w: Wiedervorlage) -> dict:
        return {
            "id": w.pk,
            "vorgang": w.vorgang_id,
            "betreff": w.vorgang.betreff,
            "aktenzeichen": w.vorgang.akte.aktenzeichen,
            "faellig_am": w.faellig_am,
            "notiz": w.notiz,
            "fuer_benutzer": w.fuer_benutzer_id,
            "fuer_einheit": w.fuer_einheit_id,
            "erledigt": w.erledigt_am is not None,
        }


class WiedervorlageListe(Schema):
    count: int
    items: list[WiedervorlageSchema]


class WiedervorlageNeu(Schema):
    vorgang: int
    faellig_am: dt.date
    notiz: str = Field("", max_length=500)
    fuer_benutzer: int | None = None
    fuer_einheit: int | None = None


@router.get("/wiedervorlagen", response=WiedervorlageListe, summary="Meine offenen Wiedervorlagen")
def wiedervorlagen(request: HttpRequest, bis: dt.date | None = None):
    qs = vorgaenge.meine_wiedervorlagen()
    if bis is not None:
        qs = qs.filter(faellig_am__lte=bis)
    items = [WiedervorlageSchema.aus(w) for w in qs]
    return {"count": len(items), "items": items}


@router.post("/wiedervorlagen", response={201: WiedervorlageSchema}, summary="Wiedervorlage setzen")
def wiedervorlage_neu(request: HttpRequest, daten: WiedervorlageNeu):
    v = get_object_or_404(Vorgang.objects.select_related("akte"), pk=daten.vorgang)
    w = vorgaenge.wiedervorlage_anlegen(
        v, daten.faellig_am, daten.notiz, _benutzer(daten.fuer_benutzer), _einheit(daten.fuer_einheit)
    )
    return Status(201, WiedervorlageSchema.aus(w))


@router.post(
    "/wiedervorlagen/{wv_id}/erledigt", response=WiedervorlageSchema, summary="Wiedervorlage erledigen"
)
def wiedervorlage_erledigt(request: HttpRequest, wv_id: int):
    w = get_object_or_404(Wiedervorlage.objects.select_related("vorgang__akte"), pk=wv_id)
    return WiedervorlageSchema.aus(vorgaenge.wiedervorlage_erledigen(w))
