"""Demo data of the network: Lotsin Lotte Lange, Alice Albrecht of Geyer as Digital-Navigatorin
who completed the basic course (with certificate), two best practices and one Reifegradcheck of
Geyer. Invented, and marked as such. Loading twice changes nothing.

Needs the personas ``lotte`` (association) and ``alice`` (Geyer) and the registry, i.e. run it
after ``web.demo.demo_laden`` has created them. It sets its own access: it acts as Lotte for the
association and as Alice for Geyer, so the services' permission checks apply as in real use.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from rathausnetz.kommunen.models import Kommune, Organisation
from rathausnetz.netzwerk.models import (
    Durchgang,
    Kurs,
    Kurstermin,
    Lotse,
    Navigator,
    Praxisbeispiel,
    Reifegradcheck,
    Teilnahme,
)
from rathausnetz.netzwerk.services import kurse, personen, praxis, reifegrad
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL
from rathausnetz.zugang.kontext import zugriff_als
from rathausnetz.zugang.services import zugriff_fuer

AGS_GEYER = "14521210"
AGS_EHRENFRIEDERSDORF = "14521160"
AGS_THUM = "14521640"
DEMO_KURS = "Grundqualifizierung Digital-Navigator/in (Demo)"
DEMO_DURCHGANG = "Frühjahr 2026, Chemnitz"

MODULE = (
    (
        "Rolle und Auftrag der Digital-Navigatorin",
        "Aufgaben, Zeitanteile, Rückhalt der Verwaltungsleitung.",
        True,
    ),
    ("Prozesse aufnehmen und vereinfachen", "Abläufe skizzieren, Medienbrüche finden, vereinfachen.", True),
    ("E-Akte und Scannen", "Aktenplan, Einführung in Etappen, ersetzendes Scannen.", True),
    ("Online-Dienste und Informationssicherheit", "Landesdienste nutzen, Basisabsicherung.", True),
    ("Kommunikation im Haus", "Kolleginnen und Kollegen mitnehmen (Wahlmodul).", False),
)

BEISPIELE = (
    {
        "titel": "Zentraler Scan-Posteingang in einer Kleinstadt (Demo)",
        "kurzfassung": "Die gesamte Papierpost wird morgens zentral gescannt und elektronisch verteilt – "
        "der erste Schritt zur E-Akte. Erfundenes Beispiel der Demodaten.",
        "text": "Ausgangslage: Die Post lief in Umlaufmappen durch alle Ämter; Fristen gingen unter.\n\n"
        "Vorgehen:\n- Posteingang im Bürgerbüro mit einem Dokumentenscanner\n"
        "- Verteilung nach Aktenplan in die elektronischen Postkörbe der Ämter\n"
        "- Papier wird drei Monate aufbewahrt, dann vernichtet\n\n"
        "Ergebnis: Eingangspost liegt vor 9 Uhr bei der Sachbearbeitung; Vertretungen sehen alles.",
        "aufgabenbereiche": ["it_digitalisierung"],
        "themen": ["E-Akte", "Posteingang", "Scannen"],
        "dimensionen": ["eakte", "organisation"],
        "kommunen": [AGS_GEYER],
        "kontakt_name": "Hauptamt der Stadt Geyer (Demo)",
    },
    {
        "titel": "Gemeinsame Informationssicherheit für drei Gemeinden (Demo)",
        "kurzfassung": "Drei Nachbarstädte teilen sich einen Informationssicherheitsbeauftragten und ein "
        "Sicherheitskonzept. Erfundenes Beispiel der Demodaten.",
        "text": "Keine der Städte konnte allein eine Stelle für Informationssicherheit besetzen.\n\n"
        "- Öffentlich-rechtliche Vereinbarung, Kosten nach Einwohnern\n"
        "- gemeinsames Sicherheitskonzept nach der Basis-Absicherung\n"
        "- jährliche Schulung aller Beschäftigten mit Phishing-Übung\n\n"
        "Die Vereinbarung folgt dem Modell „Gemeinsame IT und Digitalisierung“ der Servicestelle IKZ.",
        "aufgabenbereiche": ["datenschutz_informationssicherheit", "it_digitalisierung"],
        "themen": ["Informationssicherheit", "Interkommunale Zusammenarbeit"],
        "dimensionen": ["it_sicherheit", "zusammenarbeit", "kompetenzen"],
        "kommunen": [AGS_GEYER, AGS_EHRENFRIEDERSDORF, AGS_THUM],
        "kontakt_name": "Digital-Lotsin Lotte Lange (Demo)",
    },
)

#: a small town at the beginning: weak in skills and online services, some basics in place
ANTWORTEN = {
    "strategie": (2, 3, 2, 1),
    "organisation": (2, 1, 1, 2, 0),
    "eakte": (3, 1, 2, 1),
    "onlinedienste": (2, 1, 0, 2, 1),
    "it_sicherheit": (2, 2, 1, 3, 2),
    "kompetenzen": (1, 2, 1, 1),
    "zusammenarbeit": (3, 2, 2),
}


def _organisationen() -> tuple[Organisation, Organisation, Kommune]:
    verband = Organisation.objects.filter(typ=Organisation.Typ.SPITZENVERBAND).order_by("pk").first()
    geyer = Kommune.objects.get(ags=AGS_GEYER)
    verwaltung = Organisation.objects.filter(typ=Organisation.Typ.GEMEINDEVERWALTUNG, kommunen=geyer).first()
    if verband is None or verwaltung is None:
        raise RuntimeError("Erst die Demodaten der Organisationen laden (rathausnetz demo).")
    return verband, verwaltung, geyer


def _lotse(lotte) -> Lotse:
    return Lotse.objects.filter(benutzer=lotte).first() or personen.lotse_anlegen(
        personen.Lotsendaten(
            vorname="Lotte",
            nachname="Lange",
            email=lotte.email,
            telefon="0351 8192-0",
            aktiv_seit=dt.date(2024, 3, 1),
            benutzer=lotte.username,
            region="Erzgebirgskreis und Mittelsachsen",
        )
    )


def _navigator(alice, lotse: Lotse) -> Navigator:
    return Navigator.objects.filter(
        benutzer=alice, kommune__ags=AGS_GEYER
    ).first() or personen.navigator_anlegen(
        personen.Navigatordaten(
            vorname="Alice",
            nachname="Albrecht",
            email=alice.email,
            aktiv_seit=dt.date(2025, 9, 1),
            benutzer=alice.username,
            kommune=AGS_GEYER,
            funktion="Hauptamtsleiterin",
            lotse_id=lotse.pk,
        )
    )


def _kurs(lotse: Lotse, navigator: Navigator) -> None:
    kurs = Kurs.objects.filter(titel=DEMO_KURS).first()
    if kurs is None:
        kurs = kurse.kurs_anlegen(
            kurse.Kursdaten(
                titel=DEMO_KURS,
                kurzbeschreibung="Fünf Module in drei Monaten: was eine Digital-Navigatorin wissen muss.",
                beschreibung="Die Grundqualifizierung bereitet Beschäftigte kleiner Verwaltungen auf die "
                "Rolle als Digital-Navigatorin oder -Navigator vor. Präsenz- und Online-Termine wechseln "
                "sich ab; zwischen den Terminen bearbeiten Sie eine Aufgabe aus Ihrer eigenen Verwaltung.",
                zielgruppe="Beschäftigte kleiner Verwaltungen, die die Digitalisierung im Haus vorantreiben",
                status="veroeffentlicht",
                qualifizierend=True,
                mindestanwesenheit=75,
                dimensionen=["strategie", "organisation", "kompetenzen"],
                verantwortlich_id=lotse.pk,
            )
        )
        for titel, inhalt, pflicht in MODULE:
            kurse.modul_hinzufuegen(kurs, titel, inhalt, pflicht)
    durchgang = Durchgang.objects.filter(kurs=kurs, bezeichnung=DEMO_DURCHGANG).first()
    if durchgang is None:
        durchgang = kurse.durchgang_anlegen(kurs, DEMO_DURCHGANG, lotse.pk, 16)
        module = list(kurs.module.all())
        vor_100_tagen = timezone.localtime() - dt.timedelta(days=100)
        # sessions on Tuesdays, 9 o'clock, every two weeks, all in the past
        start = (vor_100_tagen - dt.timedelta(days=(vor_100_tagen.weekday() - 1) % 7)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        for i, modul in enumerate(module):
            beginn = start + dt.timedelta(days=14 * i)
            online = i % 2 == 1
            kurse.termin_anlegen(
                durchgang,
                beginn,
                beginn + dt.timedelta(hours=6 if not online else 3),
                Kurstermin.Form.ONLINE if online else Kurstermin.Form.PRAESENZ,
                "" if online else "Sächsischer Städte- und Gemeindetag, Dresden",
                "https://konferenz.example/grundqualifizierung" if online else "",
                modul.pk,
            )
    teilnahme = Teilnahme.objects.filter(durchgang=durchgang, navigator=navigator).first()
    if teilnahme is None:
        teilnahme = kurse.einschreiben(durchgang, navigator)
        termine = list(durchgang.termine.select_related("modul"))
        for termin in termine:
            # the optional module was missed; 4 of 5 sessions = 80 % ≥ 75 %
            kurse.anwesenheit_erfassen(termin, [] if not termin.modul.pflicht else [teilnahme.pk])
        kurse.abschluesse_feststellen(durchgang, stichtag=timezone.localdate() - dt.timedelta(days=30))


def _beispiele() -> None:
    for beispiel in BEISPIELE:
        if not Praxisbeispiel.objects.filter(titel=beispiel["titel"]).exists():
            praxis.praxisbeispiel_anlegen(praxis.Praxisdaten(status="veroeffentlicht", **beispiel))


def _reifegradcheck(geyer: Kommune) -> None:
    if Reifegradcheck.objects.filter(kommune=geyer).exists():
        return
    antworten = {}
    for dimension in AKTUELL.dimensionen:
        for frage, wert in zip(dimension.fragen, ANTWORTEN[dimension.code], strict=True):
            antworten[frage.code] = wert
    reifegrad.check_speichern(antworten, geyer)


@transaction.atomic
def demo_netzwerk_laden() -> None:
    """Create (or complete) the network's demo data; see the module docstring."""
    verband, verwaltung, geyer = _organisationen()
    benutzer = get_user_model().objects
    lotte, alice = benutzer.get(username="lotte"), benutzer.get(username="alice")
    with zugriff_als(zugriff_fuer(lotte, verband.pk)):
        lotse = _lotse(lotte)
        navigator = _navigator(alice, lotse)
        _kurs(lotse, navigator)
        _beispiele()
    with zugriff_als(zugriff_fuer(alice, verwaltung.pk)):
        _reifegradcheck(geyer)
