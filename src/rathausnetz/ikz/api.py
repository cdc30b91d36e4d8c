"""IKZ API: cooperations, models, partner finder, § 2b UStG check and cost sharing.

Reads of public data work without credentials (guests see public cooperations only); writing
needs a token or session. Every endpoint calls the same services as the pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from rathausnetz.ikz.models import Kooperation, Kooperationsmitglied, Modell, Umlage, UstPruefung
from rathausnetz.ikz.services import kooperationen, partnersuche, steuer, umlagen
from rathausnetz.ikz.services.kooperationen import FELDER, Kooperationsdaten, Mitgliedsangabe
from rathausnetz.ikz.services.referenzdaten import FASSUNG_FELDER
from rathausnetz.zugang.api_auth import ANGEMELDET_ODER_GAST

router = Router(tags=["Interkommunale Zusammenarbeit"])


def _text(wert: str | float | None) -> str | None:
    """JSON numbers as text, so that one parser (with German messages) reads every amount."""
    return repr(wert) if isinstance(wert, float) else wert


def _texte(werte: dict[str, str | float]) -> dict[str, str | None]:
    return {k: _text(v) for k, v in werte.items()}


class MitgliedSchema(Schema):
    schluessel: str = Field(
        ..., pattern=r"^\d{5}(\d{3})?$", description="AGS (8 Ziffern) oder Kreisschlüssel (5)"
    )
    name: str = ""
    rolle: Literal["federfuehrend", "beauftragend", "mitglied"] = "mitglied"
    beigetreten_am: dt.date | None = None


class KooperationSchema(Schema):
    id: int
    titel: str
    beschreibung: str
    rechtsform: str
    aufgabenbereiche: list[str]
    modell: str
    status: str
    beginn: dt.date | None
    ende: dt.date | None
    laufzeit: str
    genehmigungsbehoerde: str
    genehmigt_am: dt.date | None
    bekanntmachung: str
    foerderung: str
    sichtbarkeit: str
    ansprechpersonen: str
    mitglieder: list[MitgliedSchema]
    akte: str | None
    quelle: str
    geaendert_am: dt.datetime

    @staticmethod
    def aus(k: Kooperation) -> dict:
        return {
            **{f: getattr(k, f) for f in ("id", *FELDER, "quelle", "geaendert_am")},
            "rechtsform": k.rechtsform.code,
            "aufgabenbereiche": [b.code for b in k.aufgabenbereiche.all()],
            "modell": k.modell.code if k.modell_id else "",
            "mitglieder": [
                {
                    "schluessel": m.schluessel,
                    "name": m.name,
                    "rolle": m.rolle,
                    "beigetreten_am": m.beigetreten_am,
                }
                for m in k.mitglieder.all()
            ],
            "akte": k.akte.aktenzeichen if k.akte_id else None,
        }


class KooperationListe(Schema):
    count: int
    items: list[KooperationSchema]


class KooperationEingabe(Schema):
    titel: str = Field(..., min_length=1, max_length=200)
    rechtsform: str = Field(..., max_length=40)
    mitglieder: list[MitgliedSchema] = Field(..., max_length=500)
    aufgabenbereiche: list[str] = Field([], max_length=50)
    beschreibung: str = Field("", max_length=10_000)
    modell: str = Field("", max_length=60)
    status: Literal["idee", "verhandlung", "genehmigung_beantragt", "aktiv", "beendet"] = "idee"
    beginn: dt.date | None = None
    ende: dt.date | None = None
    laufzeit: str = Field("", max_length=200)
    genehmigungsbehoerde: str = Field("", max_length=200)
    genehmigt_am: dt.date | None = None
    bekanntmachung: str = Field("", max_length=300)
    foerderung: str = Field("", max_length=300)
    sichtbarkeit: Literal["oeffentlich", "mitglieder", "servicestelle"] = "mitglieder"
    ansprechpersonen: str = Field("", max_length=2000)

    def daten(self) -> Kooperationsdaten:
        werte = self.dict(exclude={"mitglieder"})
        return Kooperationsdaten(
            **werte,
            mitglieder=[Mitgliedsangabe(m.schluessel, m.rolle, m.beigetreten_am) for m in self.mitglieder],
        )


class KooperationFilter(Schema):
    q: str = Field("", max_length=100)
    status: str = Field("", max_length=30)
    rechtsform: str = Field("", max_length=40)
    aufgabenbereich: str = Field("", max_length=40)
    kommune: str = Field("", pattern=r"^(\d{8})?$", description="nur Kooperationen mit diesem Mitglied (AGS)")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=100_000)


def _kooperation(pk: int) -> Kooperation:
    return get_object_or_404(
        Kooperation.objects.select_related("rechtsform", "modell", "akte").prefetch_related(
            "aufgabenbereiche", "mitglieder__kommune", "mitglieder__kreis"
        ),
        pk=pk,
    )


@router.get(
    "/kooperationen",
    response=KooperationListe,
    auth=ANGEMELDET_ODER_GAST,
    summary="Kooperationen (sichtbare)",
)
def kooperationen_liste(request: HttpRequest, filter: Query[KooperationFilter]):
    qs = Kooperation.objects.select_related("rechtsform", "modell", "akte").prefetch_related(
        "aufgabenbereiche", "mitglieder__kommune", "mitglieder__kreis"
    )
    if filter.q:
        qs = qs.filter(titel__icontains=filter.q)
    if filter.status:
        qs = qs.filter(status=filter.status)
    if filter.rechtsform:
        qs = qs.filter(rechtsform__code=filter.rechtsform)
    if filter.aufgabenbereich:
        qs = qs.filter(aufgabenbereiche__code=filter.aufgabenbereich)
    if filter.kommune:
        qs = qs.filter(
            pk__in=Kooperationsmitglied.objects.filter(kommune__ags=filter.kommune).values("kooperation_id")
        )
    qs = qs.order_by("titel", "pk")
    return {
        "count": qs.count(),
        "items": [KooperationSchema.aus(k) for k in qs[filter.offset : filter.offset + filter.limit]],
    }


@router.get(
    "/kooperationen/{kooperation_id}",
    response=KooperationSchema,
    auth=ANGEMELDET_ODER_GAST,
    summary="Eine Kooperation",
)
def kooperation(request: HttpRequest, kooperation_id: int):
    return KooperationSchema.aus(_kooperation(kooperation_id))


@router.post("/kooperationen", response={201: KooperationSchema}, summary="Kooperation erfassen")
def kooperation_neu(request: HttpRequest, daten: KooperationEingabe):
    k = kooperationen.kooperation_anlegen(daten.daten())
    return Status(201, KooperationSchema.aus(_kooperation(k.pk)))


@router.put(
    "/kooperationen/{kooperation_id}", response=KooperationSchema, summary="Kooperation ändern (vollständig)"
)
def kooperation_aendern(request: HttpRequest, kooperation_id: int, daten: KooperationEingabe):
    k = kooperationen.kooperation_aendern(_kooperation(kooperation_id), daten.daten())
    return KooperationSchema.aus(_kooperation(k.pk))


# --- Modellkatalog ---------------------------------------------------------------------------


class SchrittSchema(Schema):
    titel: str
    dokumente: list[str]


class ModellSchema(Schema):
    code: str
    titel: str
    aufgabenbereich: str
    fassung: int
    kurzbeschreibung: str
    aufgabe: str
    rechtsformen: list[str]
    voraussetzungen: list[str]
    schritte: list[SchrittSchema]
    umlage_verfahren: str
    umlage_beschreibung: str
    ust_hinweise: str
    nutzen: list[str]
    risiken: list[str]
    empfohlene_einwohner: int | None

    @staticmethod
    def aus(m: Modell) -> dict:
        f = m.aktuelle_fassung
        return {
            "code": m.code,
            "titel": f.titel,
            "aufgabenbereich": m.aufgabenbereich.code,
            "fassung": f.nummer,
            "rechtsformen": [r.code for r in f.rechtsformen.all()],
            **{feld: getattr(f, feld) for feld in FASSUNG_FELDER if feld != "titel"},
        }


@router.get("/modelle", response=list[ModellSchema], auth=None, summary="Modellkatalog (aktuelle Fassungen)")
def modelle(request: HttpRequest):
    return [
        ModellSchema.aus(m)
        for m in Modell.objects.filter(aktiv=True, aktuelle_fassung__isnull=False)
        .select_related("aufgabenbereich", "aktuelle_fassung")
        .prefetch_related("aktuelle_fassung__rechtsformen")
    ]


@router.get("/modelle/{code}", response=ModellSchema, auth=None, summary="Ein Modell")
def modell(request: HttpRequest, code: str):
    return ModellSchema.aus(
        get_object_or_404(
            Modell.objects.select_related("aufgabenbereich", "aktuelle_fassung"), code=code[:60]
        )
    )


# --- Partnersuche ----------------------------------------------------------------------------


class PartnerSchema(Schema):
    ags: str
    name: str
    kreis: str
    einwohner: int
    entfernung_km: float
    grenzlaenge_km: float | None
    score: float
    gruende: list[str]


class BeitretbarSchema(Schema):
    id: int
    titel: str
    gruende: list[str]


class PartnerErgebnis(Schema):
    kommune: str
    aufgabenbereich: str | None
    items: list[PartnerSchema]
    beitretbare: list[BeitretbarSchema]


class PartnerFilter(Schema):
    kommune: str = Field(..., max_length=20, description="AGS der Gemeinde (8 Ziffern)")
    aufgabenbereich: str = Field("", max_length=40)
    anzahl: int = Field(10, ge=1, le=50)


@router.get(
    "/partnersuche",
    response=PartnerErgebnis,
    auth=ANGEMELDET_ODER_GAST,
    summary="Mögliche Kooperationspartner mit Begründung",
)
def partner(request: HttpRequest, filter: Query[PartnerFilter]):
    e = partnersuche.partner_finden(
        filter.kommune.strip(), filter.aufgabenbereich or None, anzahl=filter.anzahl
    )
    return {
        "kommune": filter.kommune.strip(),
        "aufgabenbereich": filter.aufgabenbereich or None,
        "items": [
            {
                "ags": c.ags,
                "name": c.name,
                "kreis": c.kreis,
                "einwohner": c.einwohner,
                "entfernung_km": c.entfernung_km,
                "grenzlaenge_km": c.grenzlaenge_km,
                "score": c.score,
                "gruende": [g.text for g in c.gruende],
            }
            for c in e.kandidaten
        ],
        "beitretbare": [
            {"id": b.kooperation_id, "titel": b.titel, "gruende": list(b.gruende)} for b in e.beitretbare
        ],
    }


# --- § 2b UStG ---------------------------------------------------------------------------------


class UstSchritt(Schema):
    schluessel: str
    frage: str
    antwort: str
    folge: str


class UstSchema(Schema):
    id: int
    leistung: str
    ergebnis: Literal["nicht_steuerbar", "steuerbar", "vertieft_pruefen"]
    ergebnis_text: str
    entscheidender_schritt: str
    begruendung: str
    vorschriften: list[str]
    schritte: list[UstSchritt]
    hinweise: list[str]
    fassung: str
    geprueft_am: dt.datetime
    geprueft_von: str
    neubewertung_noetig: bool

    @staticmethod
    def aus(p: UstPruefung) -> dict:
        return {
            "id": p.pk,
            "leistung": p.leistung,
            "ergebnis": p.ergebnis,
            "ergebnis_text": p.ergebnis_label,
            "entscheidender_schritt": p.entscheidender_schritt,
            "begruendung": p.begruendung,
            "vorschriften": p.vorschriften,
            "schritte": p.schritte,
            "hinweise": p.hinweise,
            "fassung": p.fassung,
            "geprueft_am": p.geprueft_am,
            "geprueft_von": p.pruefer_name,
            "neubewertung_noetig": p.neubewertung_noetig,
        }


class UstEingabe(Schema):
    leistung: str = Field(..., max_length=300)
    leistender: str = Field(
        "", pattern=r"^(\d{5}(\d{3})?)?$", description="Schlüssel des leistenden Mitglieds"
    )
    antworten: dict[str, str | float] = Field(
        ..., description='Antworten je Frage: "ja", "nein", "unklar"; Umsatz als Zahl oder Text "12.500,00"'
    )


@router.get(
    "/kooperationen/{kooperation_id}/ust",
    response=list[UstSchema],
    auth=ANGEMELDET_ODER_GAST,
    summary="Prüfungen nach § 2b UStG",
)
def ust_liste(request: HttpRequest, kooperation_id: int):
    k = _kooperation(kooperation_id)
    return [
        UstSchema.aus(p)
        for p in k.ust_pruefungen.select_related("kooperation").order_by("-geprueft_am", "-pk")
    ]


@router.post(
    "/kooperationen/{kooperation_id}/ust",
    response={201: UstSchema},
    summary="§ 2b UStG prüfen und speichern (keine Steuerberatung)",
)
def ust_neu(request: HttpRequest, kooperation_id: int, daten: UstEingabe):
    k = _kooperation(kooperation_id)
    leistender = None
    if daten.leistender:
        leistender = next((m for m in k.mitglieder.all() if m.schluessel == daten.leistender), None)
        if leistender is None:
            raise ValidationError({"leistender": ["Der Leistende muss Mitglied dieser Kooperation sein."]})
    p = steuer.pruefung_speichern(k, daten.leistung, _texte(daten.antworten), leistender)
    return Status(201, UstSchema.aus(p))


# --- Umlage ------------------------------------------------------------------------------------


class UmlagezeileSchema(Schema):
    schluessel: str
    name: str
    basiswert: Decimal | None
    anteil: Decimal
    sockelbetrag: Decimal
    variabler_betrag: Decimal
    betrag: Decimal
    vorauszahlung: Decimal
    saldo: Decimal


class UmlageSchema(Schema):
    id: int | None
    bezeichnung: str
    haushaltsjahr: int | None
    gesamtbetrag: Decimal
    verfahren: str
    sockel_prozent: Decimal | None
    variable_basis: str
    stichtag: dt.date | None
    zeilen: list[UmlagezeileSchema]

    @staticmethod
    def aus(u: Umlage) -> dict:
        return {
            "id": u.pk,
            "bezeichnung": u.bezeichnung,
            "haushaltsjahr": u.haushaltsjahr,
            "gesamtbetrag": u.gesamtbetrag,
            "verfahren": u.verfahren,
            "sockel_prozent": u.sockel_prozent,
            "variable_basis": u.variable_basis,
            "stichtag": u.stichtag,
            "zeilen": u.zeilen,
        }


class UmlageEingabe(Schema):
    bezeichnung: str = Field("", max_length=200)
    haushaltsjahr: int | None = Field(None, ge=2000, le=2100)
    gesamtbetrag: str | float = Field(..., description='Euro, z. B. 48000 oder "48.000,00"')
    verfahren: Literal["einwohner", "fallzahlen", "prozent", "sockel"]
    stichtag: dt.date | None = None
    fallzahlen: dict[str, str | float] = {}
    prozente: dict[str, str | float] = {}
    vorauszahlungen: dict[str, str | float] = {}
    sockel_prozent: str | float | None = None
    variable_basis: Literal["einwohner", "fallzahlen"] = "einwohner"
    speichern: bool = True


@router.get(
    "/kooperationen/{kooperation_id}/umlage",
    response=list[UmlageSchema],
    auth=ANGEMELDET_ODER_GAST,
    summary="Gespeicherte Umlageberechnungen",
)
def umlage_liste(request: HttpRequest, kooperation_id: int):
    k = _kooperation(kooperation_id)
    return [UmlageSchema.aus(u) for u in k.umlagen.order_by("-erstellt_am", "-pk")]


@router.post(
    "/kooperationen/{kooperation_id}/umlage",
    response={200: UmlageSchema, 201: UmlageSchema},
    summary="Umlage berechnen (mit speichern=false nur berechnen)",
)
def umlage_neu(request: HttpRequest, kooperation_id: int, daten: UmlageEingabe):
    k = _kooperation(kooperation_id)
    u = umlagen.umlage_berechnen(
        k,
        bezeichnung=daten.bezeichnung,
        gesamtbetrag=_text(daten.gesamtbetrag),
        verfahren=daten.verfahren,
        stichtag=daten.stichtag,
        haushaltsjahr=daten.haushaltsjahr,
        fallzahlen=_texte(daten.fallzahlen),
        prozente=_texte(daten.prozente),
        vorauszahlungen=_texte(daten.vorauszahlungen),
        sockel_prozent=_text(daten.sockel_prozent),
        variable_basis=daten.variable_basis,
        speichern=daten.speichern,
    )
    return Status(201 if daten.speichern else 200, UmlageSchema.aus(u))
