"""Geschäftsgang API: my tasks (accept, return, forward), starting and reading Verfügungen,
Ablaufvorlagen, and one's own Vertretungen.

Every lookup goes through the tenant-scoped managers: rows of other organisations answer 404. A
visible task that is not addressed to the caller answers 403 when they try to act on it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from rathausnetz.akten.models import Dokument, Vorgang
from rathausnetz.geschaeftsgang.models import (
    Ablaufvorlage,
    Schrittart,
    Verfuegung,
    Verfuegungsschritt,
    Vertretung,
)
from rathausnetz.geschaeftsgang.services import verfuegungen, vertretung, vorlagen
from rathausnetz.geschaeftsgang.services.verfuegungen import Schrittangabe
from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.zugang.kontext import aktueller_zugriff
from rathausnetz.zugang.models import Mitgliedschaft

router = Router(tags=["Geschäftsgang"])

ARTEN = Literal["mitzeichnung", "zeichnung", "kenntnisnahme", "bearbeitung", "wiedervorlage", "zda"]


def _person(benutzer_id: int | None, feld: str):
    """A member of the acting organisation, or a 422 naming the field."""
    if benutzer_id is None:
        return None
    if not Mitgliedschaft.objects.filter(benutzer_id=benutzer_id, aktiv=True).exists():
        raise ValidationError({feld: "Unbekannte Person (nicht Mitglied Ihrer Organisation)."})
    return get_user_model().objects.get(pk=benutzer_id)


def _einheit(einheit_id: int | None, feld: str):
    if einheit_id is None:
        return None
    einheit = Organisationseinheit.objects.filter(pk=einheit_id).first()
    if einheit is None:
        raise ValidationError({feld: "Unbekannte Organisationseinheit."})
    return einheit


def _schrittangaben(schritte: list) -> list[Schrittangabe]:
    """API step rows (of a Verfügung or an Ablaufvorlage) as the services take them; a template's
    rows have ``frist_tage`` instead of a date, which the caller passes on separately."""
    return [
        Schrittangabe(
            art=s.art,
            stufe=s.stufe,
            fuer_benutzer=_person(s.benutzer, f"schritte.{i}.benutzer"),
            fuer_einheit=_einheit(s.einheit, f"schritte.{i}.einheit"),
            frist=getattr(s, "frist", None),
            notiz=s.notiz,
        )
        for i, s in enumerate(schritte)
    ]


def _name(benutzer) -> str | None:
    return benutzer.anzeigename if benutzer is not None else None


# --- schemas -------------------------------------------------------------------------------------


class VermerkSchema(Schema):
    art: str
    dokument: int | None
    dokument_betreff: str
    versionsnummer: int | None
    sha256: str
    benutzer: int
    benutzer_name: str
    in_vertretung_fuer: int | None
    in_vertretung_fuer_name: str
    zeitpunkt: dt.datetime


class AufgabeSchema(Schema):
    id: int
    verfuegung: int
    verfuegung_betreff: str
    vorgang: int
    vorgang_betreff: str
    aktenzeichen: str
    dokument: int | None
    stufe: int
    art: str
    art_anzeige: str
    status: str
    fuer_benutzer: int | None
    fuer_benutzer_name: str | None
    fuer_einheit: int | None
    fuer_einheit_name: str | None
    frist: dt.date | None
    ueberfaellig: bool
    notiz: str
    ruecklauf: bool
    erledigt_am: dt.datetime | None
    erledigt_von: int | None
    erledigt_von_name: str | None
    in_vertretung_fuer: int | None
    in_vertretung_fuer_name: str | None
    kommentar: str
    weitergeleitet_von: int | None

    @staticmethod
    def aus(s: Verfuegungsschritt) -> dict:
        v = s.verfuegung
        return {
            "id": s.pk,
            "verfuegung": v.pk,
            "verfuegung_betreff": v.betreff,
            "vorgang": v.vorgang_id,
            "vorgang_betreff": v.vorgang.betreff,
            "aktenzeichen": v.vorgang.akte.aktenzeichen,
            "dokument": v.dokument_id,
            "stufe": s.stufe,
            "art": s.art,
            "art_anzeige": s.get_art_display(),
            "status": s.status,
            "fuer_benutzer": s.fuer_benutzer_id,
            "fuer_benutzer_name": _name(s.fuer_benutzer),
            "fuer_einheit": s.fuer_einheit_id,
            "fuer_einheit_name": str(s.fuer_einheit) if s.fuer_einheit_id else None,
            "frist": s.frist,
            "ueberfaellig": s.ueberfaellig,
            "notiz": s.notiz,
            "ruecklauf": s.ruecklauf,
            "erledigt_am": s.erledigt_am,
            "erledigt_von": s.erledigt_von_id,
            "erledigt_von_name": _name(s.erledigt_von),
            "in_vertretung_fuer": s.in_vertretung_fuer_id,
            "in_vertretung_fuer_name": _name(s.in_vertretung_fuer),
            "kommentar": s.kommentar,
            "weitergeleitet_von": s.weitergeleitet_von_id,
        }


class AufgabeListe(Schema):
    count: int
    items: list[AufgabeSchema]


class VerfuegungSchema(Schema):
    id: int
    vorgang: int
    dokument: int | None
    betreff: str
    notiz: str
    vorlage: int | None
    erstellt_von: int | None
    erstellt_am: dt.datetime
    status: str
    aktuelle_stufe: int
    abgeschlossen_am: dt.datetime | None
    vorgaenger: int | None = Field(None, description="erneute Vorlage dieser zurückgegebenen Verfügung")
    erneut_vorgelegt_als: int | None = Field(None, description="die Verfügung, die diese erneut vorlegt")
    schritte: list[AufgabeSchema]
    vermerke: list[VermerkSchema]

    @staticmethod
    def aus(v: Verfuegung) -> dict:
        schritte = Verfuegungsschritt._base_manager.filter(verfuegung=v).select_related(
            "verfuegung__vorgang__akte", "fuer_benutzer", "fuer_einheit", "erledigt_von", "in_vertretung_fuer"
        )
        return {
            "id": v.pk,
            "vorgang": v.vorgang_id,
            "dokument": v.dokument_id,
            "betreff": v.betreff,
            "notiz": v.notiz,
            "vorlage": v.vorlage_id,
            "erstellt_von": v.erstellt_von_id,
            "erstellt_am": v.erstellt_am,
            "status": v.status,
            "aktuelle_stufe": v.aktuelle_stufe,
            "abgeschlossen_am": v.abgeschlossen_am,
            "vorgaenger": v.vorgaenger_id,
            "erneut_vorgelegt_als": Verfuegung._base_manager.filter(vorgaenger=v)
            .values_list("pk", flat=True)
            .first(),
            "schritte": [AufgabeSchema.aus(s) for s in schritte.order_by("stufe", "id")],
            "vermerke": [
                {
                    "art": m.art,
                    "dokument": m.dokument_id,
                    "dokument_betreff": m.dokument_betreff,
                    "versionsnummer": m.versionsnummer,
                    "sha256": m.sha256,
                    "benutzer": m.benutzer_id,
                    "benutzer_name": m.benutzer_name,
                    "in_vertretung_fuer": m.in_vertretung_fuer_id,
                    "in_vertretung_fuer_name": m.in_vertretung_fuer_name,
                    "zeitpunkt": m.zeitpunkt,
                }
                for m in v.vermerke.model._base_manager.filter(verfuegung=v).order_by("zeitpunkt", "id")
            ],
        }


class VerfuegungListe(Schema):
    count: int
    items: list[VerfuegungSchema]


class SchrittNeu(Schema):
    art: ARTEN
    stufe: int = Field(1, ge=1, le=20, description="Schritte derselben Stufe laufen parallel")
    benutzer: int | None = Field(None, description="Empfänger: Person (id) …")
    einheit: int | None = Field(None, description="… oder Organisationseinheit (id)")
    frist: dt.date | None = None
    notiz: str = Field("", max_length=500)


class VerfuegungNeu(Schema):
    betreff: str = Field("", max_length=300, description="leer: Betreff des Vorgangs oder Dokuments")
    notiz: str = Field("", max_length=5000)
    dokument: int | None = Field(None, description="Verfügung zu einem Dokument des Vorgangs")
    vorlage: int | None = Field(None, description="Schritte aus einer Ablaufvorlage (statt `schritte`)")
    schritte: list[SchrittNeu] = Field(default_factory=list, max_length=50)


class Kommentar(Schema):
    kommentar: str = Field("", max_length=5000)


class Rueckgabe(Schema):
    kommentar: str = Field(..., min_length=1, max_length=5000, description="Begründung (Pflicht)")


class Weiterleitung(Schema):
    benutzer: int = Field(..., description="id der Person, die die Aufgabe übernimmt")
    kommentar: str = Field("", max_length=5000)


class VorlagenschrittSchema(Schema):
    stufe: int
    art: str
    benutzer: int | None
    einheit: int | None
    empfaenger: str
    frist_tage: int | None
    notiz: str


class VorlageSchema(Schema):
    id: int
    name: str
    beschreibung: str
    aktiv: bool
    schritte: list[VorlagenschrittSchema]

    @staticmethod
    def aus(v: Ablaufvorlage) -> dict:
        return {
            "id": v.pk,
            "name": v.name,
            "beschreibung": v.beschreibung,
            "aktiv": v.aktiv,
            "schritte": [
                {
                    "stufe": s.stufe,
                    "art": s.art,
                    "benutzer": s.fuer_benutzer_id,
                    "einheit": s.fuer_einheit_id,
                    "empfaenger": s.empfaenger_text,
                    "frist_tage": s.frist_tage,
                    "notiz": s.notiz,
                }
                for s in v.schritte.select_related("fuer_benutzer", "fuer_einheit")
            ],
        }


class VorlageListe(Schema):
    count: int
    items: list[VorlageSchema]


class VertretungSchema(Schema):
    id: int
    vertretener: int
    vertretener_name: str
    vertreter: int
    vertreter_name: str
    von: dt.date
    bis: dt.date
    notiz: str
    aktiv: bool

    @staticmethod
    def aus(v: Vertretung) -> dict:
        from django.utils import timezone

        return {
            "id": v.pk,
            "vertretener": v.vertretener_id,
            "vertretener_name": v.vertretener.anzeigename,
            "vertreter": v.vertreter_id,
            "vertreter_name": v.vertreter.anzeigename,
            "von": v.von,
            "bis": v.bis,
            "notiz": v.notiz,
            "aktiv": v.aktiv_am(timezone.localdate()),
        }


class VertretungListe(Schema):
    count: int
    items: list[VertretungSchema]


class VertretungNeu(Schema):
    vertreter: int = Field(..., description="id der Person, die Sie vertritt (gleiche Organisation)")
    von: dt.date
    bis: dt.date
    notiz: str = Field("", max_length=200)


class VertretungAenderung(Schema):
    vertreter: int | None = None
    von: dt.date | None = None
    bis: dt.date | None = None
    notiz: str | None = Field(None, max_length=200)


# --- tasks ---------------------------------------------------------------------------------------


def _aufgabe(aufgabe_id: int) -> Verfuegungsschritt:
    return get_object_or_404(
        Verfuegungsschritt.objects.select_related(
            "verfuegung__vorgang__akte", "fuer_benutzer", "fuer_einheit", "erledigt_von", "in_vertretung_fuer"
        ),
        pk=aufgabe_id,
    )


@router.get(
    "/aufgaben",
    response=AufgabeListe,
    summary="Meine Aufgaben",
    description="`status=offen` (Voreinstellung): an mich, meine Einheit oder an Personen, die ich heute "
    "vertrete; überfällige zuerst. `status=erledigt`: was ich erledigt, zurückgegeben oder "
    "weitergeleitet habe.",
)
def aufgaben(
    request: HttpRequest,
    status: Literal["offen", "erledigt"] = "offen",
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
):
    qs = verfuegungen.meine_aufgaben() if status == "offen" else verfuegungen.meine_erledigten()
    qs = qs.select_related("erledigt_von", "in_vertretung_fuer")
    return {"count": qs.count(), "items": [AufgabeSchema.aus(s) for s in qs[offset : offset + limit]]}


@router.get("/aufgaben/{aufgabe_id}", response=AufgabeSchema, summary="Eine Aufgabe")
def aufgabe(request: HttpRequest, aufgabe_id: int):
    return AufgabeSchema.aus(_aufgabe(aufgabe_id))


@router.post(
    "/aufgaben/{aufgabe_id}/erledigen",
    response=AufgabeSchema,
    summary="Aufgabe annehmen: erledigen, mitzeichnen oder zeichnen",
    description="Zeichnung nur mit Zeichnungsbefugnis (sonst 403). Mitzeichnung und Zeichnung halten "
    "Version und SHA-256 der Dokumente unveränderlich fest.",
)
def aufgabe_erledigen(request: HttpRequest, aufgabe_id: int, daten: Kommentar):
    schritt = verfuegungen.erledigen(_aufgabe(aufgabe_id), daten.kommentar)
    return AufgabeSchema.aus(_aufgabe(schritt.pk))


@router.post(
    "/aufgaben/{aufgabe_id}/zurueckgeben",
    response=AufgabeSchema,
    summary="Aufgabe mit Begründung zurückgeben",
    description="Der Geschäftsgang endet; die Verfügung geht als Rücklauf an die Person, die sie "
    "gestartet hat.",
)
def aufgabe_zurueckgeben(request: HttpRequest, aufgabe_id: int, daten: Rueckgabe):
    schritt = verfuegungen.zurueckgeben(_aufgabe(aufgabe_id), daten.kommentar)
    return AufgabeSchema.aus(_aufgabe(schritt.pk))


@router.post(
    "/aufgaben/{aufgabe_id}/weiterleiten",
    response=AufgabeSchema,
    summary="Aufgabe an eine andere Person weiterleiten (Antwort: die neue Aufgabe)",
)
def aufgabe_weiterleiten(request: HttpRequest, aufgabe_id: int, daten: Weiterleitung):
    schritt = _aufgabe(aufgabe_id)
    neu = verfuegungen.weiterleiten(schritt, _person(daten.benutzer, "benutzer"), daten.kommentar)
    neu = Verfuegungsschritt._base_manager.select_related(
        "verfuegung__vorgang__akte", "fuer_benutzer", "fuer_einheit", "erledigt_von", "in_vertretung_fuer"
    ).get(pk=neu.pk)
    return AufgabeSchema.aus(neu)


@router.post(
    "/aufgaben/{aufgabe_id}/erneut-vorlegen",
    response=VerfuegungSchema,
    summary="Rücklauf: die Verfügung erneut vorlegen (Antwort: die neue Verfügung)",
    description="Nur für einen offenen Rücklauf. Der Rücklauf ist erledigt, die zurückgegebene "
    "Verfügung bleibt als Protokoll; eine neue mit Betreff, Bezug und den ursprünglich geplanten "
    "Schritten startet (abgelaufene Fristen entfallen). Mitzeichnung und Zeichnung gelten der dann "
    "aktuellen Version der Dokumente.",
)
def aufgabe_erneut_vorlegen(request: HttpRequest, aufgabe_id: int, daten: Kommentar):
    neu = verfuegungen.erneut_vorlegen(_aufgabe(aufgabe_id), daten.kommentar)
    return VerfuegungSchema.aus(neu)


# --- Verfügungen ---------------------------------------------------------------------------------


@router.post(
    "/vorgaenge/{vorgang_id}/verfuegungen",
    response={201: VerfuegungSchema},
    summary="Verfügung starten (Schritte oder Ablaufvorlage)",
    description="Schritte mit gleicher `stufe` laufen parallel, die nächste Stufe beginnt, wenn alle "
    "Schritte der laufenden erledigt sind. Statt `schritte` kann `vorlage` (id einer Ablaufvorlage) "
    "angegeben werden.",
)
def verfuegung_neu(request: HttpRequest, vorgang_id: int, daten: VerfuegungNeu):
    vorgang = get_object_or_404(Vorgang.objects.select_related("akte"), pk=vorgang_id)
    dokument = None
    if daten.dokument is not None:
        dokument = Dokument.objects.filter(pk=daten.dokument, vorgang=vorgang).first()
        if dokument is None:
            raise ValidationError({"dokument": "Unbekanntes Dokument dieses Vorgangs."})
    if daten.vorlage is not None:
        if daten.schritte:
            raise ValidationError(
                {"vorlage": "Bitte entweder Schritte oder eine Vorlage angeben, nicht beides."}
            )
        vorlage = Ablaufvorlage.objects.filter(pk=daten.vorlage).first()
        if vorlage is None:
            raise ValidationError({"vorlage": "Unbekannte Ablaufvorlage."})
        v = verfuegungen.verfuegung_aus_vorlage(vorgang, vorlage, dokument=dokument, notiz=daten.notiz)
    else:
        schritte = _schrittangaben(daten.schritte)
        v = verfuegungen.verfuegung_starten(vorgang, schritte, daten.betreff, daten.notiz, dokument)
    return Status(201, VerfuegungSchema.aus(v))


@router.get(
    "/vorgaenge/{vorgang_id}/verfuegungen", response=VerfuegungListe, summary="Verfügungen eines Vorgangs"
)
def verfuegungen_liste(request: HttpRequest, vorgang_id: int):
    vorgang = get_object_or_404(Vorgang.objects, pk=vorgang_id)
    items = [VerfuegungSchema.aus(v) for v in verfuegungen.verfuegungen_des_vorgangs(vorgang)]
    return {"count": len(items), "items": items}


@router.get(
    "/verfuegungen/{verfuegung_id}",
    response=VerfuegungSchema,
    summary="Eine Verfügung mit Schritten und Zeichnungsvermerken",
)
def verfuegung(request: HttpRequest, verfuegung_id: int):
    return VerfuegungSchema.aus(get_object_or_404(Verfuegung.objects, pk=verfuegung_id))


@router.get("/ablaufvorlagen", response=VorlageListe, summary="Ablaufvorlagen der Organisation")
def ablaufvorlagen(request: HttpRequest, nur_aktive: bool = True):
    qs = Ablaufvorlage.objects.all()
    if nur_aktive:
        qs = qs.filter(aktiv=True)
    items = [VorlageSchema.aus(v) for v in qs.order_by("name")]
    return {"count": len(items), "items": items}


class VorlagenschrittNeu(Schema):
    art: ARTEN
    stufe: int = Field(1, ge=1, le=20, description="Schritte derselben Stufe laufen parallel")
    benutzer: int | None = Field(None, description="Empfänger: Person (id) …")
    einheit: int | None = Field(None, description="… oder Organisationseinheit (id)")
    frist_tage: int | None = Field(None, description="Frist in Tagen ab dem Start der Verfügung (0–365)")
    notiz: str = Field("", max_length=500)


class VorlageNeu(Schema):
    name: str = Field(..., max_length=200)
    beschreibung: str = Field("", max_length=500)
    aktiv: bool = Field(True, description="inaktive Vorlagen werden beim Start nicht angeboten")
    schritte: list[VorlagenschrittNeu] = Field(..., max_length=50)


@transaction.atomic
def _vorlage_speichern(daten: VorlageNeu, vorlage: Ablaufvorlage | None = None) -> Ablaufvorlage:
    """Steps as the services take them; the services check rights, recipients and deadlines."""
    angaben = _schrittangaben(daten.schritte)
    tage = [s.frist_tage for s in daten.schritte]
    if vorlage is None:
        vorlage = vorlagen.vorlage_anlegen(daten.name, angaben, tage, daten.beschreibung)
        if not daten.aktiv:
            vorlagen.vorlage_deaktivieren(vorlage)
        return vorlage
    return vorlagen.vorlage_aendern(vorlage, daten.name, angaben, tage, daten.beschreibung, daten.aktiv)


@router.get("/ablaufvorlagen/{vorlage_id}", response=VorlageSchema, summary="Eine Ablaufvorlage")
def ablaufvorlage(request: HttpRequest, vorlage_id: int):
    return VorlageSchema.aus(get_object_or_404(Ablaufvorlage.objects, pk=vorlage_id))


@router.post(
    "/ablaufvorlagen",
    response={201: VorlageSchema},
    summary="Ablaufvorlage anlegen (Administration)",
    description="Nur mit dem Recht, die Organisation zu verwalten. Die Bezeichnung ist je Organisation "
    "eindeutig; Empfänger sind Personen oder Einheiten der eigenen Organisation, eine Zeichnung geht "
    "nur an Personen mit Zeichnungsbefugnis.",
)
def ablaufvorlage_neu(request: HttpRequest, daten: VorlageNeu):
    return Status(201, VorlageSchema.aus(_vorlage_speichern(daten)))


@router.put(
    "/ablaufvorlagen/{vorlage_id}",
    response=VorlageSchema,
    summary="Ablaufvorlage ersetzen (Administration)",
    description="Ersetzt Bezeichnung, Beschreibung, Status und alle Schritte. Verfügungen, die früher aus "
    "der Vorlage gestartet wurden, behalten ihre eigenen Schritte. `aktiv: false` nimmt die Vorlage aus "
    "der Auswahl, ohne sie zu löschen.",
)
def ablaufvorlage_ersetzen(request: HttpRequest, vorlage_id: int, daten: VorlageNeu):
    vorlage = get_object_or_404(Ablaufvorlage.objects, pk=vorlage_id)
    return VorlageSchema.aus(_vorlage_speichern(daten, vorlage))


# --- Vertretungen --------------------------------------------------------------------------------


def _vertretung(vertretung_id: int) -> Vertretung:
    """Only one's own Vertretungen (as the absent person); others answer 404."""
    zugriff = aktueller_zugriff()
    return get_object_or_404(
        Vertretung.objects.select_related("vertretener", "vertreter"),
        pk=vertretung_id,
        vertretener_id=zugriff.benutzer_id,
    )


@router.get(
    "/vertretungen",
    response=VertretungListe,
    summary="Meine Vertretungen",
    description="Vertretungen, die ich für mich eingerichtet habe, und solche, in denen ich jemanden "
    "vertrete.",
)
def vertretungen(request: HttpRequest):
    items = [VertretungSchema.aus(v) for v in vertretung.meine_vertretungen()]
    return {"count": len(items), "items": items}


@router.post("/vertretungen", response={201: VertretungSchema}, summary="Vertretung einrichten")
def vertretung_neu(request: HttpRequest, daten: VertretungNeu):
    v = vertretung.vertretung_anlegen(
        _person(daten.vertreter, "vertreter"), daten.von, daten.bis, daten.notiz
    )
    return Status(201, VertretungSchema.aus(v))


@router.get("/vertretungen/{vertretung_id}", response=VertretungSchema, summary="Eine eigene Vertretung")
def vertretung_eine(request: HttpRequest, vertretung_id: int):
    return VertretungSchema.aus(_vertretung(vertretung_id))


@router.patch("/vertretungen/{vertretung_id}", response=VertretungSchema, summary="Vertretung ändern")
def vertretung_aendern(request: HttpRequest, vertretung_id: int, daten: VertretungAenderung):
    v = _vertretung(vertretung_id)
    felder = {k: val for k, val in daten.dict(exclude_unset=True).items() if val is not None}
    if "vertreter" in felder:
        felder["vertreter"] = _person(felder["vertreter"], "vertreter")
    return VertretungSchema.aus(vertretung.vertretung_aendern(v, **felder))


@router.delete("/vertretungen/{vertretung_id}", response={204: None}, summary="Vertretung löschen")
def vertretung_loeschen(request: HttpRequest, vertretung_id: int):
    vertretung.vertretung_beenden(_vertretung(vertretung_id))
    return Status(204, None)


__all__ = ["Schrittart", "router"]
