"""Network API: courses and best practices (public reads), Reifegradchecks (own results; POST to
submit answers, also on behalf of a municipality by the staff), Navigatoren (list; create for the
staff), enrolment and the public certificate check.

Every endpoint calls the same services as the pages. Errors come as German JSON (see
``rathausnetz.api``): 404 for what does not exist or may not be seen, 422 with field messages.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.models import (
    Durchgang,
    Kurs,
    Navigator,
    Praxisbeispiel,
    Reifegradcheck,
    Teilnahme,
)
from rathausnetz.netzwerk.services import kurse, personen, praxis, reifegrad, richtext, zertifikate
from rathausnetz.zugang.api_auth import ANGEMELDET_ODER_GAST
from rathausnetz.zugang.kontext import aktueller_zugriff
from rathausnetz.zugang.rechte import Recht

router = Router(tags=["Netzwerk Digitalisierung"])


def _staff() -> bool:
    zugriff = aktueller_zugriff()
    return bool(zugriff and zugriff.darf(Recht.NETZWERK_VERWALTEN))


# --- Kurse ------------------------------------------------------------------------------------


class ModulSchema(Schema):
    id: int
    titel: str
    beschreibung: str
    pflicht: bool


class TerminSchema(Schema):
    id: int
    beginn: dt.datetime
    ende: dt.datetime
    form: str = Field(..., description="praesenz oder online")
    ort: str
    modul_id: int | None
    online_link: str | None = Field(None, description="nur für die Servicestelle und die Digital-Lotsen")


class DurchgangSchema(Schema):
    id: int
    bezeichnung: str
    leitung: str | None
    plaetze: int | None
    belegt: int
    termine: list[TerminSchema]


class KursSchema(Schema):
    id: int
    titel: str
    kurzbeschreibung: str
    beschreibung: str
    zielgruppe: str
    status: str
    qualifizierend: bool
    mindestanwesenheit: int = Field(..., description="Prozent der Termine, die zum Abschluss nötig sind")
    dimensionen: list[str]
    module: list[ModulSchema]
    durchgaenge: list[DurchgangSchema]

    @staticmethod
    def aus(k: Kurs) -> dict:
        staff = _staff()
        return {
            **{
                f: getattr(k, f)
                for f in (
                    "id",
                    "titel",
                    "kurzbeschreibung",
                    "beschreibung",
                    "zielgruppe",
                    "status",
                    "qualifizierend",
                    "mindestanwesenheit",
                    "dimensionen",
                )
            },
            "module": [
                {"id": m.pk, "titel": m.titel, "beschreibung": m.beschreibung, "pflicht": m.pflicht}
                for m in k.module.all()
            ],
            "durchgaenge": [
                {
                    "id": d.pk,
                    "bezeichnung": d.bezeichnung,
                    "leitung": d.leitung.name if d.leitung_id else None,
                    "plaetze": d.plaetze,
                    "belegt": kurse.belegte_plaetze(d),
                    "termine": [
                        {
                            "id": t.pk,
                            "beginn": t.beginn,
                            "ende": t.ende,
                            "form": t.form,
                            "ort": t.ort,
                            "modul_id": t.modul_id,
                            "online_link": t.online_link if staff else None,
                        }
                        for t in termine
                    ],
                }
                for d, termine in kurse.durchgaenge_mit_terminen(k)
            ],
        }


class KursListe(Schema):
    count: int
    items: list[KursSchema]


@router.get(
    "/kurse",
    response=KursListe,
    auth=ANGEMELDET_ODER_GAST,
    summary="Kurse (veröffentlichte; Entwürfe nur für die Servicestelle und die Lotsen)",
)
def kurse_liste(request: HttpRequest):
    qs = list(Kurs.objects.select_related("verantwortlich").order_by("titel", "pk"))
    return {"count": len(qs), "items": [KursSchema.aus(k) for k in qs]}


@router.get(
    "/kurse/{kurs_id}",
    response=KursSchema,
    auth=ANGEMELDET_ODER_GAST,
    summary="Ein Kurs mit Modulen, Durchgängen und Terminen",
)
def kurs(request: HttpRequest, kurs_id: int):
    return KursSchema.aus(get_object_or_404(Kurs, pk=kurs_id))


class EinschreibungEingabe(Schema):
    navigator_id: int = Field(..., ge=1)


class TeilnahmeSchema(Schema):
    id: int
    durchgang_id: int
    navigator_id: int
    navigator: str
    status: str
    abgeschlossen_am: dt.date | None
    zertifikat_code: str | None

    @staticmethod
    def aus(t: Teilnahme) -> dict:
        code = getattr(getattr(t, "zertifikat", None), "code", None) if t.status == "abgeschlossen" else None
        return {
            "id": t.pk,
            "durchgang_id": t.durchgang_id,
            "navigator_id": t.navigator_id,
            "navigator": t.navigator.name,
            "status": t.status,
            "abgeschlossen_am": t.abgeschlossen_am,
            "zertifikat_code": code,
        }


@router.post(
    "/durchgaenge/{durchgang_id}/teilnahmen",
    response={201: TeilnahmeSchema},
    summary="Navigator/in in einen Durchgang einschreiben",
)
def einschreiben(request: HttpRequest, durchgang_id: int, daten: EinschreibungEingabe):
    durchgang = get_object_or_404(Durchgang.objects.select_related("kurs"), pk=durchgang_id)
    navigator = Navigator.objects.filter(pk=daten.navigator_id).first()
    if navigator is None:
        raise ValidationError({"navigator_id": ["Diese Navigatorin / diesen Navigator gibt es nicht."]})
    return Status(201, TeilnahmeSchema.aus(kurse.einschreiben(durchgang, navigator)))


# --- Navigatoren ------------------------------------------------------------------------------


class NavigatorSchema(Schema):
    id: int
    vorname: str
    nachname: str
    kommune: str = Field(..., description="AGS")
    kommune_name: str
    funktion: str
    lotse: str | None
    aktiv: bool
    aktiv_seit: dt.date | None
    ausgebildet: bool
    abgeschlossene_kurse: list[str]


@router.get(
    "/navigatoren",
    response=list[NavigatorSchema],
    summary="Digital-Navigatoren (alle für Servicestelle und Lotsen, sonst die der eigenen Verwaltung)",
)
def navigatoren(request: HttpRequest):
    abgeschlossen = Teilnahme._base_manager.filter(status=Teilnahme.Status.ABGESCHLOSSEN)
    qs = (
        Navigator.objects.select_related("kommune", "lotse")
        .annotate(
            ausgebildet=Exists(
                abgeschlossen.filter(navigator=OuterRef("pk"), durchgang__kurs__qualifizierend=True)
            )
        )
        .prefetch_related(
            Prefetch(
                "teilnahmen",
                queryset=abgeschlossen.select_related("durchgang__kurs"),
                to_attr="abgeschlossene",
            )
        )
    )
    return [_navigator(n, n.ausgebildet, [t.durchgang.kurs.titel for t in n.abgeschlossene]) for n in qs]


def _navigator(n: Navigator, ausgebildet: bool, kurse_titel: list[str]) -> dict:
    return {
        "id": n.pk,
        "vorname": n.vorname,
        "nachname": n.nachname,
        "kommune": n.kommune.ags,
        "kommune_name": n.kommune.name,
        "funktion": n.funktion,
        "lotse": n.lotse.name if n.lotse_id else None,
        "aktiv": n.aktiv,
        "aktiv_seit": n.aktiv_seit,
        "ausgebildet": ausgebildet,
        "abgeschlossene_kurse": kurse_titel,
    }


class NavigatorEingabe(Schema):
    vorname: str = Field(..., max_length=100)
    nachname: str = Field(..., max_length=100)
    kommune: str = Field(..., pattern=r"^\d{8}$", description="AGS einer sächsischen Kommune")
    funktion: str = Field("", max_length=150)
    email: str = Field("", max_length=254, description="dienstlich")
    telefon: str = Field("", max_length=40, description="dienstlich")
    lotse_id: int | None = Field(None, ge=1, description="betreuende Lotsin / betreuender Lotse")
    aktiv_seit: dt.date | None = None
    benutzer: str = Field(
        "", max_length=150, description="Benutzername eines Kontos in der Verwaltung der Kommune (optional)"
    )


@router.post(
    "/navigatoren",
    response={201: NavigatorSchema},
    summary="Navigator/in erfassen (Servicestelle und Lotsen)",
)
def navigator_neu(request: HttpRequest, daten: NavigatorEingabe):
    navigator = personen.navigator_anlegen(
        personen.Navigatordaten(
            vorname=daten.vorname,
            nachname=daten.nachname,
            email=daten.email,
            telefon=daten.telefon,
            aktiv_seit=daten.aktiv_seit,
            benutzer=daten.benutzer,
            kommune=daten.kommune,
            funktion=daten.funktion,
            lotse_id=daten.lotse_id,
        )
    )
    return Status(201, _navigator(navigator, False, []))


# --- Zertifikate ------------------------------------------------------------------------------


class ZertifikatSchema(Schema):
    code: str
    gueltig: bool
    name: str
    kommune: str
    kurs: str
    durchgang: str
    abschlussdatum: dt.date


@router.get(
    "/zertifikate/{code}",
    response=ZertifikatSchema,
    auth=None,
    summary="Zertifikat anhand seines Prüfcodes bestätigen (öffentlich)",
)
def zertifikat(request: HttpRequest, code: str):
    z = zertifikate.finden(code[:40])
    if z is None:
        raise Http404
    return {
        "code": z.code,
        "gueltig": z.widerrufen_am is None,
        "name": z.name,
        "kommune": z.kommune,
        "kurs": z.kurs_titel,
        "durchgang": z.durchgang,
        "abschlussdatum": z.abschlussdatum,
    }


# --- Praxisbeispiele --------------------------------------------------------------------------


class AnhangSchema(Schema):
    dateiname: str
    groesse: int
    mime_typ: str
    url: str


class PraxisbeispielSchema(Schema):
    id: int
    titel: str
    kurzfassung: str
    text_html: str = Field(..., description="bereinigtes HTML (kleine, sichere Auswahl an Tags)")
    text: str = Field(..., description="reiner Text")
    status: str
    aufgabenbereiche: list[str]
    themen: list[str]
    dimensionen: list[str]
    kommunen: list[str] = Field(..., description="AGS der beteiligten Kommunen")
    kontakt_name: str
    kontakt_email: str
    kontakt_telefon: str
    veroeffentlicht_am: dt.datetime | None
    anhaenge: list[AnhangSchema]

    @staticmethod
    def aus(b: Praxisbeispiel) -> dict:
        return {
            "id": b.pk,
            "titel": b.titel,
            "kurzfassung": b.kurzfassung,
            "text_html": b.text,
            "text": richtext.als_text(b.text),
            "status": b.status,
            "aufgabenbereiche": [a.code for a in b.aufgabenbereiche.all()],
            "themen": [t.name for t in b.themen.all()],
            "dimensionen": list(b.dimensionen),
            "kommunen": [k.ags for k in b.kommunen.all()],
            "kontakt_name": b.kontakt_name,
            "kontakt_email": b.kontakt_email,
            "kontakt_telefon": b.kontakt_telefon,
            "veroeffentlicht_am": b.veroeffentlicht_am,
            "anhaenge": [
                {
                    "dateiname": a.dateiname,
                    "groesse": a.groesse,
                    "mime_typ": a.mime_typ,
                    "url": a.get_absolute_url(),
                }
                for a in b.anhaenge.all()
            ],
        }


class PraxisbeispielListe(Schema):
    count: int
    items: list[PraxisbeispielSchema]


class PraxisFilter(Schema):
    q: str = Field("", max_length=200, description="Suchbegriffe (deutsch, umlaut- und beugungstolerant)")
    aufgabenbereich: str = Field("", max_length=40)
    thema: str = Field("", max_length=80)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


@router.get(
    "/praxisbeispiele",
    response=PraxisbeispielListe,
    auth=ANGEMELDET_ODER_GAST,
    summary="Praxisbeispiele suchen (veröffentlichte; Entwürfe nur für Servicestelle und Lotsen)",
)
def praxisbeispiele(request: HttpRequest, filter: Query[PraxisFilter]):
    treffer = praxis.suchen(filter.q, filter.aufgabenbereich, filter.thema)
    seite = treffer[filter.offset : filter.offset + filter.limit]
    return {"count": len(treffer), "items": [PraxisbeispielSchema.aus(b) for b in seite]}


@router.get(
    "/praxisbeispiele/{beispiel_id}",
    response=PraxisbeispielSchema,
    auth=ANGEMELDET_ODER_GAST,
    summary="Ein Praxisbeispiel",
)
def praxisbeispiel(request: HttpRequest, beispiel_id: int):
    return PraxisbeispielSchema.aus(get_object_or_404(Praxisbeispiel, pk=beispiel_id))


# --- Reifegradcheck ---------------------------------------------------------------------------


class StufeSchema(Schema):
    wert: int
    text: str


class FrageSchema(Schema):
    code: str
    text: str
    stufen: list[StufeSchema]


class DimensionSchema(Schema):
    code: str
    name: str
    beschreibung: str
    fragen: list[FrageSchema]


class FragebogenSchema(Schema):
    fassung: str
    titel: str
    dimensionen: list[DimensionSchema]


@router.get(
    "/reifegradchecks/fragebogen",
    response=FragebogenSchema,
    auth=None,
    summary="Der aktuelle Fragebogen des Reifegradchecks (öffentlich)",
)
def fragebogen(request: HttpRequest):
    bogen = reifegrad.AKTUELL
    return {
        "fassung": bogen.fassung,
        "titel": bogen.titel,
        "dimensionen": [
            {
                "code": d.code,
                "name": d.name,
                "beschreibung": d.beschreibung,
                "fragen": [
                    {
                        "code": f.code,
                        "text": f.text,
                        "stufen": [{"wert": i, "text": s} for i, s in enumerate(f.stufen)],
                    }
                    for f in d.fragen
                ],
            }
            for d in bogen.dimensionen
        ],
    }


class VergleichSchema(Schema):
    vorheriger_id: int | None
    vorher: dict[str, int] | None
    groessenklasse: str
    klassendurchschnitt: dict[str, int] | None = Field(
        ..., description="nur wenn mindestens drei andere Kommunen der Größenklasse teilgenommen haben"
    )
    anzahl_vergleichskommunen: int


class EmpfehlungSchema(Schema):
    dimension: str
    wert: int
    text: str
    kurse: list[int]
    praxisbeispiele: list[int]
    modelle: list[str]


class ReifegradcheckSchema(Schema):
    id: int
    kommune: str
    kommune_name: str
    fassung: str
    erstellt_am: dt.datetime
    erstellt_von: str
    stellvertretend_durch: str | None = Field(
        ..., description="Organisation, die den Check im Auftrag der Kommune eingetragen hat"
    )
    gesamt: int
    ergebnisse: dict[str, int]
    antworten: dict[str, int]
    vergleich: VergleichSchema
    empfehlungen: list[EmpfehlungSchema]

    @staticmethod
    def aus(c: Reifegradcheck) -> dict:
        vorher = reifegrad.vorheriger(c)
        klasse = reifegrad.klassendurchschnitt(c)
        return {
            "id": c.pk,
            "kommune": c.kommune.ags,
            "kommune_name": c.kommune.name,
            "fassung": c.fassung,
            "erstellt_am": c.erstellt_am,
            "erstellt_von": c.erstellt_von_name,
            "stellvertretend_durch": c.eingetragen_durch.name if c.eingetragen_durch_id else None,
            "gesamt": c.gesamt,
            "ergebnisse": c.ergebnisse,
            "antworten": c.antworten,
            "vergleich": {
                "vorheriger_id": vorher.pk if vorher else None,
                "vorher": vorher.ergebnisse if vorher else None,
                "groessenklasse": klasse.klasse,
                "klassendurchschnitt": klasse.durchschnitt,
                "anzahl_vergleichskommunen": klasse.anzahl,
            },
            "empfehlungen": [
                {
                    "dimension": e.dimension.code,
                    "wert": e.wert,
                    "text": e.dimension.empfehlung,
                    "kurse": [k.pk for k in e.kurse],
                    "praxisbeispiele": [b.pk for b in e.praxisbeispiele],
                    "modelle": [m.code for m in e.modelle],
                }
                for e in reifegrad.empfehlungen(c)
            ],
        }


class ReifegradcheckListe(Schema):
    count: int
    items: list[ReifegradcheckSchema]


class ReifegradEingabe(Schema):
    antworten: dict[str, int] = Field(
        ..., max_length=200, description="Stufe 0–4 je Frage-Code; alle Fragen des aktuellen Fragebogens"
    )
    kommune: str = Field(
        "",
        pattern=r"^(\d{8})?$",
        description="AGS; nur nötig, wenn Ihre Verwaltung mehrere Kommunen verwaltet oder Servicestelle "
        "und Lotsen den Check stellvertretend eintragen",
    )


@router.get(
    "/reifegradchecks",
    response=ReifegradcheckListe,
    summary="Reifegradchecks der eigenen Kommune (alle für Servicestelle und Lotsen)",
)
def reifegradchecks(
    request: HttpRequest, limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=100_000)
):
    qs = Reifegradcheck.objects.select_related("kommune", "eingetragen_durch").order_by("-erstellt_am", "-pk")
    return {"count": qs.count(), "items": [ReifegradcheckSchema.aus(c) for c in qs[offset : offset + limit]]}


@router.get(
    "/reifegradchecks/{check_id}",
    response=ReifegradcheckSchema,
    summary="Ein Reifegradcheck mit Vergleich und Empfehlungen",
)
def reifegradcheck(request: HttpRequest, check_id: int):
    return ReifegradcheckSchema.aus(
        get_object_or_404(Reifegradcheck.objects.select_related("kommune", "eingetragen_durch"), pk=check_id)
    )


@router.post(
    "/reifegradchecks",
    response={201: ReifegradcheckSchema},
    summary="Reifegradcheck ausfüllen (Antworten einreichen)",
)
def reifegradcheck_neu(request: HttpRequest, daten: ReifegradEingabe):
    kommune = None
    if daten.kommune:
        kommune = Kommune.objects.filter(ags=daten.kommune).first()
        if kommune is None:
            raise ValidationError({"kommune": ["Diese Kommune gibt es im Register nicht."]})
    check = reifegrad.check_speichern(daten.antworten, kommune)
    return Status(201, ReifegradcheckSchema.aus(check))
