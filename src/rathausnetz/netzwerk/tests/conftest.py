"""Fixtures of the network tests: the personas the root conftest lacks (Emil, Frieda, Lotte), the
Lotsin's record, Navigatorinnen in Geyer and Ehrenfriedersdorf, and a course whose cohort has
four past sessions.

Fixtures create what they need through the services, acting as Lotte (Digital-Lotsin). Each test
describes the network's state itself: whatever the demo data put there (courses, participations,
checks, examples, projects, Navigatoren) is removed first, inside the test's transaction — so the
tests mean the same with and without ``demo_netzwerk_laden`` in the demo loader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rathausnetz.netzwerk.models import (
    Anwesenheit,
    Digitalisierungsprojekt,
    Durchgang,
    Kurs,
    Kursmodul,
    Kurstermin,
    Lotse,
    Navigator,
    Praxisbeispiel,
    Reifegradcheck,
    Teilnahme,
    Zertifikat,
)
from rathausnetz.netzwerk.services import kurse, personen
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL

GEYER = "14521210"
EHRENFRIEDERSDORF = "14521160"
THUM = "14521640"


@pytest.fixture(autouse=True)
def _netzwerk_ohne_demodaten(request) -> None:
    """Tests that use the database start from an empty network (see the module docstring)."""
    namen = set(request.fixturenames)
    if "transaktionale_grunddaten" in namen:
        request.getfixturevalue("transaktionale_grunddaten")  # loads demo data: remove after it
    elif "db" in namen or "transactional_db" in namen:
        request.getfixturevalue("grunddaten")
    else:
        return
    for model in (
        Zertifikat,
        Anwesenheit,
        Teilnahme,
        Kurstermin,
        Durchgang,
        Kursmodul,
        Kurs,
        Digitalisierungsprojekt,
        Navigator,
        Praxisbeispiel,
        Reifegradcheck,
    ):
        model._base_manager.all().delete()


def _benutzer(name: str):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def emil(grunddaten):
    """Bürgermeister of Geyer (Leitung)."""
    return _benutzer("emil")


@pytest.fixture
def frieda(grunddaten):
    """Trainee in Geyer's Kämmerei: may read, not change."""
    return _benutzer("frieda")


@pytest.fixture
def lotte(grunddaten):
    """Digital-Lotsin of the association (NETZWERK_VERWALTEN)."""
    return _benutzer("lotte")


@pytest.fixture
def als_lotte(als, lotte, verband) -> Callable:
    return lambda: als(lotte, verband)


@pytest.fixture
def lotse(als_lotte, lotte) -> Lotse:
    with als_lotte():
        return Lotse.objects.filter(benutzer=lotte).first() or personen.lotse_anlegen(
            personen.Lotsendaten(
                vorname="Lotte",
                nachname="Lange",
                email="lotte.lange@ssg.example",
                benutzer="lotte",
                region="Erzgebirgskreis",
                aktiv_seit=dt.date(2024, 3, 1),
            )
        )


@pytest.fixture
def navigatorin(als_lotte, lotse, alice, gemeinde_a) -> Navigator:
    """Alice Albrecht, Hauptamtsleiterin of Geyer, with her own account."""
    with als_lotte():
        return Navigator.objects.filter(
            benutzer=alice, kommune__ags=GEYER
        ).first() or personen.navigator_anlegen(
            personen.Navigatordaten(
                vorname="Alice",
                nachname="Albrecht",
                email="alice.albrecht@geyer.example",
                benutzer="alice",
                kommune=GEYER,
                funktion="Hauptamtsleiterin",
                lotse_id=lotse.pk,
                aktiv_seit=dt.date(2025, 9, 1),
            )
        )


@pytest.fixture
def navigator_ehrenfriedersdorf(als_lotte, lotse, gemeinde_b) -> Navigator:
    """Claudia Seifert of Ehrenfriedersdorf, without an account."""
    with als_lotte():
        return personen.navigator_anlegen(
            personen.Navigatordaten(
                vorname="Claudia",
                nachname="Seifert",
                kommune=EHRENFRIEDERSDORF,
                funktion="Sachgebietsleiterin Zentrale Dienste",
                lotse_id=lotse.pk,
            )
        )


@pytest.fixture
def kurs(als_lotte, lotse) -> Kurs:
    """Published, qualifying, 75 % attendance; modules: two mandatory, one optional."""
    with als_lotte():
        k = kurse.kurs_anlegen(
            kurse.Kursdaten(
                titel="Praxiskurs E-Akte im Hauptamt",
                kurzbeschreibung="Vom Aktenplan zur elektronischen Akte in vier Terminen.",
                zielgruppe="Hauptamtsleitungen und Digital-Navigatoren",
                status="veroeffentlicht",
                qualifizierend=True,
                mindestanwesenheit=75,
                dimensionen=["eakte", "organisation"],
                verantwortlich_id=lotse.pk,
            )
        )
        kurse.modul_hinzufuegen(k, "Aktenplan einführen", "Sächsischer Musteraktenplan", pflicht=True)
        kurse.modul_hinzufuegen(k, "Scannen und Posteingang", "TR-RESISCAN in der Praxis", pflicht=True)
        kurse.modul_hinzufuegen(k, "Erfahrungsaustausch", "Wahlmodul", pflicht=False)
    return k


@pytest.fixture
def durchgang(als_lotte, kurs, lotse) -> Durchgang:
    """Four past sessions: Aktenplan, Scannen (online), Erfahrungsaustausch, Scannen."""
    module = {m.titel: m for m in Kursmodul._base_manager.filter(kurs=kurs)}
    folge = [
        "Aktenplan einführen",
        "Scannen und Posteingang",
        "Erfahrungsaustausch",
        "Scannen und Posteingang",
    ]
    beginn = timezone.now().replace(microsecond=0) - dt.timedelta(days=60)
    with als_lotte():
        d = kurse.durchgang_anlegen(kurs, "Frühjahr 2026, Annaberg-Buchholz", lotse.pk, plaetze=12)
        for i, titel in enumerate(folge):
            start = beginn + dt.timedelta(days=14 * i)
            online = i == 1
            kurse.termin_anlegen(
                d,
                start,
                start + dt.timedelta(hours=4),
                "online" if online else "praesenz",
                "" if online else "Landratsamt Erzgebirgskreis, Annaberg-Buchholz",
                "https://konferenz.example/e-akte" if online else "",
                module[titel].pk,
            )
    return d


def antworten(wert: int | dict[str, int] = 2) -> dict[str, int]:
    """Answers for every question: one value, or one per dimension code."""
    if isinstance(wert, int):
        return {f.code: wert for f in AKTUELL.fragen}
    return {f.code: wert[d.code] for d in AKTUELL.dimensionen for f in d.fragen}
