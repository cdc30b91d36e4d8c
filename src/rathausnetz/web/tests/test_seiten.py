import pytest
from django.test import Client

from rathausnetz.kommunen.models import Organisation
from rathausnetz.web.demo import demo_laden
from rathausnetz.zugang.models import Mitgliedschaft

pytestmark = pytest.mark.django_db


def test_start_page_requires_login(grunddaten):
    antwort = Client().get("/")
    assert antwort.status_code == 302
    assert antwort["Location"].startswith("/anmelden/")


def test_dashboard_of_a_clerk_shows_her_town_its_neighbours_and_union(bob, gemeinde_a, client_fuer):
    inhalt = client_fuer(bob, gemeinde_a).get("/").content.decode()
    assert "Sie arbeiten für <strong>Stadtverwaltung Geyer</strong> als Sachbearbeitung." in inhalt
    assert "3.255" in inhalt
    assert "Ehrenfriedersdorf" in inhalt
    assert "Verwaltungsgemeinschaft Geyer-Tannenberg" in inhalt
    assert "Überblick für die Servicestelle" not in inhalt


def test_dashboard_of_the_service_office_shows_the_states(dora, client_fuer):
    inhalt = client_fuer(dora).get("/").content.decode()
    assert "Überblick für die Servicestelle" in inhalt
    assert "418" in inhalt and "218" in inhalt


def test_navigation_shows_protocol_only_with_the_right(alice, bob, gemeinde_a, client_fuer):
    assert 'href="/protokoll/"' in client_fuer(alice, gemeinde_a).get("/").content.decode()
    assert 'href="/protokoll/"' not in client_fuer(bob, gemeinde_a).get("/").content.decode()


def test_information_pages(grunddaten):
    assert "dl-de/by-2-0" in Client().get("/quellen/").content.decode()
    assert "BITV 2.0" in Client().get("/barrierefreiheit/").content.decode()


def test_base_layout_has_landmarks_and_skip_link(grunddaten):
    inhalt = Client().get("/kommunen/").content.decode()
    assert '<html lang="de">' in inhalt
    assert '<a class="skip-link" href="#inhalt">Zum Inhalt springen</a>' in inhalt
    assert '<main id="inhalt"' in inhalt
    assert '<nav class="hauptnav" aria-label="Hauptnavigation">' in inhalt
    assert "<footer" in inhalt


def test_demo_loads_twice_without_duplicates(grunddaten, system):
    vorher = (Organisation.objects.count(), Mitgliedschaft.objects.count())
    ergebnis = demo_laden()
    assert ergebnis.neue_passwoerter == {}
    assert (Organisation.objects.count(), Mitgliedschaft.objects.count()) == vorher


def test_demo_password_from_environment_is_applied(grunddaten, system, django_user_model):
    demo_laden("Neues-Demo-Passwort-1")
    assert django_user_model.objects.get(username="charlie").check_password("Neues-Demo-Passwort-1")
