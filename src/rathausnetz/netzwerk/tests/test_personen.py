"""Lotsen, Navigatoren, the network's figures and map, projects, and the demo data."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rathausnetz.kommunen.models import Organisation
from rathausnetz.netzwerk.demo import DEMO_KURS, demo_netzwerk_laden
from rathausnetz.netzwerk.models import (
    Digitalisierungsprojekt,
    Kurs,
    Lotse,
    Navigator,
    Praxisbeispiel,
    Reifegradcheck,
    Teilnahme,
    Zertifikat,
)
from rathausnetz.netzwerk.services import kennzahlen, kurse, personen, projekte
from rathausnetz.netzwerk.tests.conftest import EHRENFRIEDERSDORF, GEYER, THUM
from rathausnetz.zugang.kontext import systemzugriff


def test_navigator_gehoert_zur_verwaltung_seiner_kommune(
    navigatorin, navigator_ehrenfriedersdorf, gemeinde_a, gemeinde_b
):
    assert navigatorin.organisation == gemeinde_a and navigatorin.benutzer.username == "alice"
    assert navigator_ehrenfriedersdorf.organisation == gemeinde_b


def test_kommune_ohne_verwaltung_im_rathausnetz_wird_aktiviert(als_lotte, lotse):
    assert not Organisation.objects.filter(kommunen__ags=THUM).exists()
    with als_lotte():
        n = personen.navigator_anlegen(
            personen.Navigatordaten(vorname="Jens", nachname="Uhlig", kommune=THUM, lotse_id=lotse.pk)
        )
    assert n.organisation.name == "Stadtverwaltung Thum"


def test_navigator_eingaben_werden_geprueft(als_lotte, lotse):
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        personen.navigator_anlegen(
            personen.Navigatordaten(
                vorname="",
                nachname="Weber",
                email="weber@",
                kommune="15001000",
                benutzer="charlie",
                lotse_id=99999,
            )
        )
    assert fehler.value.message_dict == {
        "vorname": ["Bitte geben Sie den Vornamen an."],
        "email": ["Bitte geben Sie eine gültige E-Mail-Adresse an."],
        "kommune": ["Digital-Navigatoren gibt es im Netzwerk nur für sächsische Kommunen."],
        "lotse_id": ["Bitte wählen Sie eine aktive Lotsin oder einen aktiven Lotsen."],
    }
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        personen.navigator_anlegen(
            personen.Navigatordaten(
                vorname="Bob", nachname="Berger", kommune=EHRENFRIEDERSDORF, benutzer="bob"
            )
        )
    assert fehler.value.message_dict == {"benutzer": ["„bob“ ist kein Mitglied dieser Organisation."]}


def test_lotsen_und_navigatoren_pflegt_nur_das_netzwerk(als, alice, gemeinde_a, emil):
    with als(alice, gemeinde_a), pytest.raises(PermissionDenied):
        personen.navigator_anlegen(
            personen.Navigatordaten(vorname="Alice", nachname="Albrecht", kommune=GEYER)
        )
    with als(emil, gemeinde_a), pytest.raises(PermissionDenied):
        personen.lotse_anlegen(personen.Lotsendaten(vorname="Emil", nachname="Engel"))


def test_kennzahlen_und_karte_zaehlen_ausgebildete_und_erreichte(
    als_lotte, durchgang, navigatorin, navigator_ehrenfriedersdorf
):
    vorher = kennzahlen.kennzahlen()
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in durchgang.termine.all():
            kurse.anwesenheit_erfassen(termin, [t.pk])
        kurse.abschluesse_feststellen(durchgang)
    stand = kennzahlen.kommunen_nach_stand()
    assert stand[GEYER] == "ausgebildet" and stand[EHRENFRIEDERSDORF] == "navigator"
    nachher = kennzahlen.kennzahlen()
    assert nachher.abschluesse == vorher.abschluesse + 1
    assert nachher.kommunen_ausgebildet >= 1 and nachher.kommunen_erreicht >= 2
    assert 400 < nachher.kommunen_gesamt < 450  # Saxony has about 420 municipalities
    karte = kennzahlen.netzwerkkarte()
    svg = str(karte.svg)
    assert svg.count('class="karte-nw-ausgebildet"') == nachher.kommunen_ausgebildet
    assert '<title id="netzwerk-karte-titel">Erreichte Kommunen in Sachsen</title>' in svg
    assert 'href="/kommunen/14521210/"' in svg


def test_projekt_verknuepft_praxisbeispiel_und_modell(als, alice, gemeinde_a, navigatorin, lotse, als_lotte):
    with als(alice, gemeinde_a):
        p = projekte.projekt_anlegen(
            projekte.Projektdaten(
                titel="E-Akte im Hauptamt einführen",
                ziel="Bis Ende 2026 führt das Hauptamt alle neuen Vorgänge elektronisch.",
                kommune=GEYER,
                status="umsetzung",
                navigator_id=navigatorin.pk,
                lotse_id=lotse.pk,
                modelle=["gemeinsame_it"],
            )
        )
        with pytest.raises(ValidationError) as fehler:
            projekte.projekt_anlegen(
                projekte.Projektdaten(titel="Fremdes Projekt", ziel="x", kommune=EHRENFRIEDERSDORF)
            )
    assert [m.code for m in p.modelle.all()] == ["gemeinsame_it"]
    assert p.organisation == gemeinde_a
    assert "kommune" in fehler.value.message_dict
    assert kennzahlen.kommunen_nach_stand()[GEYER] == "navigator"  # project + Navigator in training


def test_demodaten_sind_wiederholbar(grunddaten):
    with systemzugriff("Test"):
        demo_netzwerk_laden()
        zaehlung = [
            m._base_manager.count()
            for m in (
                Lotse,
                Navigator,
                Kurs,
                Teilnahme,
                Zertifikat,
                Praxisbeispiel,
                Reifegradcheck,
                Digitalisierungsprojekt,
            )
        ]
        demo_netzwerk_laden()
        assert [
            m._base_manager.count()
            for m in (
                Lotse,
                Navigator,
                Kurs,
                Teilnahme,
                Zertifikat,
                Praxisbeispiel,
                Reifegradcheck,
                Digitalisierungsprojekt,
            )
        ] == zaehlung
    kurs = Kurs._base_manager.get(titel=DEMO_KURS)
    [teilnahme] = Teilnahme._base_manager.filter(durchgang__kurs=kurs)
    assert teilnahme.status == Teilnahme.Status.ABGESCHLOSSEN
    assert teilnahme.navigator.name == "Alice Albrecht" and teilnahme.navigator.lotse.name == "Lotte Lange"
    assert Zertifikat._base_manager.filter(teilnahme=teilnahme).exists()
    assert (
        Praxisbeispiel._base_manager.filter(titel__endswith="(Demo)", status="veroeffentlicht").count() == 2
    )
    assert Reifegradcheck._base_manager.filter(kommune__ags=GEYER).exists()
