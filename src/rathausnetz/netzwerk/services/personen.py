"""Recording Digital-Lotsen and Digital-Navigatoren (network staff only), and what a Navigator has
achieved: completed courses, and whether they count as trained."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.kommunen.services import mandanten
from rathausnetz.netzwerk.models import Lotse, Navigator, Teilnahme
from rathausnetz.netzwerk.services._gemeinsam import (
    Fehler,
    melde,
    netzwerk_zugriff,
    pruefe_email,
    pruefe_text,
    wirf,
)
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.models import Mitgliedschaft


@dataclass
class Personendaten:
    vorname: str
    nachname: str
    email: str = ""
    telefon: str = ""
    aktiv_seit: dt.date | None = None
    aktiv: bool = True
    #: username of a linked account (must be a member of the person's organisation); "" for none
    benutzer: str = ""


@dataclass
class Lotsendaten(Personendaten):
    region: str = ""


@dataclass
class Navigatordaten(Personendaten):
    #: AGS of the municipality whose administration the Navigator works in
    kommune: str = ""
    funktion: str = ""
    lotse_id: int | None = None


_PERSONENFELDER = ("vorname", "nachname", "email", "telefon", "aktiv_seit", "aktiv")


def _werte(person: Lotse | Navigator) -> dict[str, object]:
    werte: dict[str, object] = {f: getattr(person, f) for f in _PERSONENFELDER}
    werte["benutzer"] = person.benutzer.username if person.benutzer_id else ""
    for feld in ("region", "funktion", "lotse_id", "kommune_id"):
        if hasattr(person, feld):
            werte[feld] = getattr(person, feld)
    return werte


def _person_pruefen(daten: Personendaten, fehler: Fehler) -> dict[str, object]:
    werte: dict[str, object] = {
        "vorname": pruefe_text(fehler, "vorname", daten.vorname, 100, "Bitte geben Sie den Vornamen an."),
        "nachname": pruefe_text(fehler, "nachname", daten.nachname, 100, "Bitte geben Sie den Nachnamen an."),
        "email": pruefe_email(fehler, "email", daten.email),
        "telefon": pruefe_text(fehler, "telefon", daten.telefon, 40),
        "aktiv_seit": daten.aktiv_seit,
        "aktiv": bool(daten.aktiv),
    }
    if daten.aktiv_seit and daten.aktiv_seit > timezone.localdate() + dt.timedelta(days=366):
        melde(fehler, "aktiv_seit", "Das Datum liegt mehr als ein Jahr in der Zukunft.")
    return werte


def _konto(benutzername: str, organisation_id: int | None, fehler: Fehler):
    """The linked account, which must belong to the person's organisation."""
    benutzername = (benutzername or "").strip()
    if not benutzername:
        return None
    benutzer = get_user_model().objects.filter(username=benutzername, is_active=True).first()
    if benutzer is None:
        melde(fehler, "benutzer", f"Ein aktives Benutzerkonto „{benutzername}“ gibt es nicht.")
        return None
    if (
        organisation_id is not None
        and not Mitgliedschaft._base_manager.filter(
            benutzer=benutzer, organisation_id=organisation_id, aktiv=True
        ).exists()
    ):
        melde(fehler, "benutzer", f"„{benutzername}“ ist kein Mitglied dieser Organisation.")
        return None
    return benutzer


# --- Lotsen -----------------------------------------------------------------------------------


def _lotse_pruefen(daten: Lotsendaten, organisation_id: int | None, lotse: Lotse | None) -> dict:
    fehler: Fehler = {}
    werte = _person_pruefen(daten, fehler)
    werte["region"] = pruefe_text(fehler, "region", daten.region, 200)
    werte["benutzer"] = _konto(daten.benutzer, organisation_id, fehler)
    if werte["benutzer"] is not None:
        andere = Lotse._base_manager.filter(benutzer=werte["benutzer"])
        if lotse is not None:
            andere = andere.exclude(pk=lotse.pk)
        if andere.exists():
            melde(
                fehler,
                "benutzer",
                "Dieses Konto gehört schon zu einer anderen Lotsin / einem anderen Lotsen.",
            )
    wirf(fehler)
    return werte


@transaction.atomic
def lotse_anlegen(daten: Lotsendaten) -> Lotse:
    zugriff = netzwerk_zugriff()
    werte = _lotse_pruefen(daten, zugriff.organisation_id, None)
    lotse = Lotse.objects.create(organisation_id=zugriff.organisation_id, **werte)
    protokolliere("lotse.angelegt", objekt=lotse, neu=_werte(lotse))
    return lotse


@transaction.atomic
def lotse_aendern(lotse: Lotse, daten: Lotsendaten) -> Lotse:
    netzwerk_zugriff()
    alt = _werte(lotse)
    werte = _lotse_pruefen(daten, lotse.organisation_id, lotse)
    for feld, wert in werte.items():
        setattr(lotse, feld, wert)
    lotse.save()
    protokolliere("lotse.geaendert", objekt=lotse, alt=alt, neu=_werte(lotse))
    return lotse


# --- Navigatoren ------------------------------------------------------------------------------


def verwaltung_fuer(kommune: Kommune) -> Organisation:
    """The administration a Navigator of this municipality works for: its own town or municipal
    administration, else the Verwaltungsgemeinschaft/-verband that administers it; a municipality
    not yet in Rathausnetz is activated as a tenant (idempotent, audited)."""
    kandidaten = list(Organisation.objects.filter(kommunen=kommune, aktiv=True).order_by("pk"))
    for typ in (
        Organisation.Typ.GEMEINDEVERWALTUNG,
        Organisation.Typ.VERWALTUNGSGEMEINSCHAFT,
        Organisation.Typ.VERWALTUNGSVERBAND,
        Organisation.Typ.VERBANDSGEMEINDE,
    ):
        for organisation in kandidaten:
            if organisation.typ == typ:
                return organisation
    return mandanten.kommune_aktivieren(kommune)[0]


def _navigator_pruefen(daten: Navigatordaten) -> tuple[dict, Organisation | None]:
    fehler: Fehler = {}
    werte = _person_pruefen(daten, fehler)
    werte["funktion"] = pruefe_text(fehler, "funktion", daten.funktion, 150)
    kommune = Kommune.objects.filter(ags=(daten.kommune or "").strip(), aktiv=True).first()
    organisation = None
    if kommune is None:
        melde(fehler, "kommune", "Bitte wählen Sie eine Kommune aus dem Kommunenregister.")
    elif kommune.land.code != "14":
        melde(fehler, "kommune", "Digital-Navigatoren gibt es im Netzwerk nur für sächsische Kommunen.")
    else:
        organisation = verwaltung_fuer(kommune)
    werte["kommune"] = kommune
    werte["lotse"] = None
    if daten.lotse_id is not None:
        werte["lotse"] = Lotse.objects.filter(pk=daten.lotse_id, aktiv=True).first()
        if werte["lotse"] is None:
            melde(fehler, "lotse_id", "Bitte wählen Sie eine aktive Lotsin oder einen aktiven Lotsen.")
    werte["benutzer"] = _konto(daten.benutzer, organisation.pk if organisation else None, fehler)
    wirf(fehler)
    return werte, organisation


@transaction.atomic
def navigator_anlegen(daten: Navigatordaten) -> Navigator:
    netzwerk_zugriff()
    werte, organisation = _navigator_pruefen(daten)
    navigator = Navigator.objects.create(organisation=organisation, **werte)
    protokolliere("navigator.angelegt", objekt=navigator, neu=_werte(navigator))
    return navigator


@transaction.atomic
def navigator_aendern(navigator: Navigator, daten: Navigatordaten) -> Navigator:
    netzwerk_zugriff()
    alt = _werte(navigator)
    werte, organisation = _navigator_pruefen(daten)
    for feld, wert in werte.items():
        setattr(navigator, feld, wert)
    navigator.organisation = organisation
    navigator.save()
    protokolliere("navigator.geaendert", objekt=navigator, alt=alt, neu=_werte(navigator))
    return navigator


def daten_von(person: Lotse | Navigator) -> Lotsendaten | Navigatordaten:
    werte = {f.name: getattr(person, f.name) for f in fields(Personendaten) if f.name != "benutzer"}
    werte["benutzer"] = person.benutzer.username if person.benutzer_id else ""
    if isinstance(person, Lotse):
        return Lotsendaten(**werte, region=person.region)
    return Navigatordaten(
        **werte, kommune=person.kommune.ags, funktion=person.funktion, lotse_id=person.lotse_id
    )


# --- Qualifikation ----------------------------------------------------------------------------


def abgeschlossene(navigator: Navigator) -> list[Teilnahme]:
    """Completed course participations, newest first (the Navigator's qualification)."""
    return list(
        Teilnahme.objects.filter(navigator=navigator, status=Teilnahme.Status.ABGESCHLOSSEN)
        .select_related("durchgang__kurs")
        .order_by("-abgeschlossen_am", "-pk")
    )


def ist_ausgebildet(navigator: Navigator) -> bool:
    return Teilnahme._base_manager.filter(
        navigator=navigator, status=Teilnahme.Status.ABGESCHLOSSEN, durchgang__kurs__qualifizierend=True
    ).exists()
