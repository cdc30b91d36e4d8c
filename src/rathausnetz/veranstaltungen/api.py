"""Events API: public reading and registration, participant lists and planning for network staff."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from rathausnetz.veranstaltungen.models import Anmeldung, Pressemitteilung, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen, presse, statistik
from rathausnetz.veranstaltungen.services.veranstaltungen import (
    Punkt,
    Veranstaltungsdaten,
    veranstaltung_anlegen,
)
from rathausnetz.zugang.api_auth import ANGEMELDET_ODER_GAST
from rathausnetz.zugang.rechte import Recht

router = Router(tags=["Veranstaltungen"])


class ProgrammpunktSchema(Schema):
    beginn: dt.time
    ende: dt.time | None = None
    titel: str = Field(..., max_length=200)
    referenten: str = Field("", max_length=300)


class VeranstaltungSchema(Schema):
    id: int
    titel: str
    art: str
    beschreibung: str
    themen: list[str]
    beginn: dt.datetime
    ende: dt.datetime
    ort: str
    kapazitaet: int
    frei: int
    warteliste: int
    anmeldung_ab: dt.datetime | None
    anmeldung_bis: dt.datetime
    anmeldung_offen: bool
    status: str
    programm: list[ProgrammpunktSchema]

    @staticmethod
    def aus(v: Veranstaltung) -> dict:
        b = anmeldungen.belegung(v)
        return {
            **{
                f: getattr(v, f)
                for f in (
                    "id",
                    "titel",
                    "art",
                    "beschreibung",
                    "beginn",
                    "ende",
                    "ort",
                    "kapazitaet",
                    "anmeldung_ab",
                    "anmeldung_bis",
                    "anmeldung_offen",
                    "status",
                )
            },
            "themen": v.themenliste,
            "frei": b.frei,
            "warteliste": b.warteliste,
            "programm": [
                {"beginn": p.beginn, "ende": p.ende, "titel": p.titel, "referenten": p.referenten}
                for p in v.programm.all()
            ],
        }


class VeranstaltungEingabe(Schema):
    titel: str = Field(..., min_length=1, max_length=200)
    art: Literal["fachveranstaltung", "workshop", "netzwerktreffen", "online"]
    beginn: dt.datetime
    ende: dt.datetime
    kapazitaet: int = Field(..., ge=1, le=100_000)
    anmeldung_bis: dt.datetime
    anmeldung_ab: dt.datetime | None = None
    beschreibung: str = Field("", max_length=20_000)
    themen: str = Field("", max_length=300)
    ort: str = Field("", max_length=300)
    online_link: str = Field("", max_length=200)
    status: Literal["entwurf", "veroeffentlicht", "abgesagt"] = "entwurf"
    programm: list[ProgrammpunktSchema] = Field([], max_length=100)


@router.get(
    "/veranstaltungen",
    response=list[VeranstaltungSchema],
    auth=ANGEMELDET_ODER_GAST,
    summary="Veranstaltungen",
)
def liste(request: HttpRequest, vergangene: bool = False):
    qs = Veranstaltung.objects.prefetch_related("programm").order_by("beginn")
    jetzt = dt.datetime.now(dt.UTC)
    qs = qs.filter(ende__lt=jetzt) if vergangene else qs.filter(ende__gte=jetzt)
    return [VeranstaltungSchema.aus(v) for v in qs[:200]]


@router.get(
    "/veranstaltungen/{veranstaltung_id}",
    response=VeranstaltungSchema,
    auth=ANGEMELDET_ODER_GAST,
    summary="Eine Veranstaltung mit Programm und freien Plätzen",
)
def eine(request: HttpRequest, veranstaltung_id: int):
    return VeranstaltungSchema.aus(get_object_or_404(Veranstaltung.objects, pk=veranstaltung_id))


@router.post(
    "/veranstaltungen", response={201: VeranstaltungSchema}, summary="Veranstaltung anlegen (Netzwerk-Team)"
)
def neu(request: HttpRequest, daten: VeranstaltungEingabe):
    werte = daten.dict(exclude={"programm"})
    v = veranstaltung_anlegen(
        Veranstaltungsdaten(
            **werte, programm=[Punkt(p.beginn, p.titel, p.ende, p.referenten) for p in daten.programm]
        )
    )
    return Status(201, VeranstaltungSchema.aus(v))


class AnmeldungEingabe(Schema):
    name: str = Field(..., max_length=150)
    email: str = Field(..., max_length=254)
    rolle: Literal[
        "buergermeister",
        "amtsleitung",
        "fachkraft",
        "landesverwaltung",
        "landkreis",
        "zweckverband",
        "verband",
        "sonstige",
    ]
    kommune: str = Field("", pattern=r"^(\d{8})?$", description="AGS der Gemeinde, falls eine Gemeinde")
    organisation: str = Field("", max_length=200, description="sonst: Name der Organisation")
    einwilligung: bool = Field(..., description="Zustimmung zum Hinweis zum Datenschutz der Veranstaltung")


class AnmeldungAntwort(Schema):
    id: int
    status: str
    hinweis: str


class AnmeldungSchema(Schema):
    id: int
    name: str
    email: str
    organisation: str
    kommune: str | None
    rolle: str
    status: str
    bestaetigt_am: dt.datetime | None
    erschienen: bool


@router.post(
    "/veranstaltungen/{veranstaltung_id}/anmeldungen",
    response={201: AnmeldungAntwort},
    # who asks does not matter (the e-mail confirmation decides), so no session and no CSRF token
    auth=None,
    summary="Anmelden (ohne Konto; Bestätigung per E-Mail)",
)
def anmelden(request: HttpRequest, veranstaltung_id: int, daten: AnmeldungEingabe):
    v = get_object_or_404(Veranstaltung.objects, pk=veranstaltung_id)
    a = anmeldungen.anmelden(
        v,
        anmeldungen.Anmeldedaten(
            name=daten.name,
            email=daten.email,
            rolle=daten.rolle,
            kommune_ags=daten.kommune,
            organisation_text=daten.organisation,
            einwilligung=daten.einwilligung,
        ),
    )
    return Status(
        201,
        {
            "id": a.pk,
            "status": a.status,
            "hinweis": "Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail.",
        },
    )


@router.get(
    "/veranstaltungen/{veranstaltung_id}/anmeldungen",
    response=list[AnmeldungSchema],
    summary="Anmeldungen (nur für das veranstaltende Netzwerk-Team)",
)
def anmeldungen_liste(request: HttpRequest, veranstaltung_id: int):
    if not request.zugriff.darf(Recht.NETZWERK_VERWALTEN):
        raise PermissionDenied("Teilnehmendenlisten sehen nur die Veranstalter.")
    v = get_object_or_404(Veranstaltung.objects, pk=veranstaltung_id)
    return [
        {
            "id": a.pk,
            "name": a.name,
            "email": a.email,
            "organisation": a.organisation_anzeige,
            "kommune": a.kommune.ags if a.kommune_id else None,
            "rolle": a.rolle,
            "status": a.status,
            "bestaetigt_am": a.bestaetigt_am,
            "erschienen": a.erschienen_am is not None,
        }
        for a in Anmeldung.objects.filter(veranstaltung=v).select_related("kommune").order_by("pk")
    ]


class StatistikSchema(Schema):
    titel: str
    veranstaltungen: int
    angemeldet: int
    erschienen: int | None
    warteliste: int
    teilnehmende: int
    buergermeister: int
    no_show_quote: float | None
    kommunen_erreicht: int
    nach_rolle: dict[str, int]
    nach_organisationsart: dict[str, int]
    nach_land: dict[str, int]
    satz: str


@router.get(
    "/veranstaltungen/{veranstaltung_id}/statistik",
    response=StatistikSchema,
    auth=ANGEMELDET_ODER_GAST,
    summary="Teilnahmestatistik (ohne personenbezogene Daten)",
)
def statistik_einer(request: HttpRequest, veranstaltung_id: int):
    return statistik.fuer_veranstaltung(
        get_object_or_404(Veranstaltung.objects, pk=veranstaltung_id)
    ).als_dict()


class PressemitteilungSchema(Schema):
    id: int
    nummer: str
    titel: str
    untertitel: str
    ort: str
    text: str
    schlussabsatz: str
    kontakt: str
    status: str
    veroeffentlicht_am: dt.datetime | None


class PressemitteilungEingabe(Schema):
    titel: str = Field(..., max_length=200)
    untertitel: str = Field("", max_length=300)
    ort: str = Field("Dresden", max_length=100)
    text: str = Field(..., max_length=50_000)
    kontakt: str = Field("", max_length=2000)
    veranstaltung: int | None = Field(None, ge=1, le=2**62)


def _pm(pm: Pressemitteilung) -> dict:
    return {
        "id": pm.pk,
        "nummer": pm.nummer_text,
        **{
            f: getattr(pm, f)
            for f in ("titel", "untertitel", "ort", "text", "kontakt", "status", "veroeffentlicht_am")
        },
        "schlussabsatz": presse.verbandszahlen(pm.organisation).schlussabsatz,
    }


@router.get(
    "/pressemitteilungen",
    response=list[PressemitteilungSchema],
    auth=ANGEMELDET_ODER_GAST,
    summary="Pressemitteilungen (veröffentlichte; Entwürfe für das Team)",
)
def pressemitteilungen(request: HttpRequest):
    return [
        _pm(pm)
        for pm in Pressemitteilung.objects.select_related("organisation").order_by("-jahr", "-nummer", "-pk")[
            :200
        ]
    ]


@router.post("/pressemitteilungen", response={201: PressemitteilungSchema}, summary="Entwurf anlegen")
def pressemitteilung_neu(request: HttpRequest, daten: PressemitteilungEingabe):
    v = get_object_or_404(Veranstaltung.objects, pk=daten.veranstaltung) if daten.veranstaltung else None
    pm = presse.entwurf_anlegen(
        daten.titel,
        daten.text,
        untertitel=daten.untertitel,
        kontakt=daten.kontakt,
        ort=daten.ort,
        veranstaltung=v,
    )
    return Status(201, _pm(pm))
