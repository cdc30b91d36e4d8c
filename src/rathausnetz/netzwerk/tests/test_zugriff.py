"""Who may see and change what in the network, page by page and through the API: the access
matrix for guests and personas, including drafts and the privacy of Reifegradchecks."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rathausnetz.akten.tests.helfer import pdf
from rathausnetz.kommunen.models import Organisation
from rathausnetz.netzwerk.models import Kurstermin
from rathausnetz.netzwerk.services import kurse, praxis, projekte, reifegrad
from rathausnetz.netzwerk.tests.conftest import GEYER, antworten

GAST = None
# persona → organisation it acts for
PERSONEN = {
    "alice": "Stadtverwaltung Geyer",  # administration of Geyer; the Navigatorin
    "bob": "Stadtverwaltung Geyer",  # clerk in Geyer
    "frieda": "Stadtverwaltung Geyer",  # read-only in Geyer
    "emil": "Stadtverwaltung Geyer",  # mayor of Geyer
    "charlie": "Stadtverwaltung Ehrenfriedersdorf",  # clerk of the neighbour town
    "dora": "Sächsischer Städte- und Gemeindetag e. V.",  # Servicestelle IKZ
    "lotte": "Sächsischer Städte- und Gemeindetag e. V.",  # Digital-Lotsin
}
ALLE = [*PERSONEN, GAST]


def _alle(status: int, **abweichend: int) -> dict:
    werte = dict.fromkeys(ALLE, status)
    werte.update({(None if k == "gast" else k): v for k, v in abweichend.items()})
    return werte


MATRIX = [
    # published best practice: everyone; its editing page: staff only
    ("get", "/netzwerk/praxisbeispiele/{veroeffentlicht}/", _alle(200)),
    ("get", "/api/praxisbeispiele/{veroeffentlicht}", _alle(200)),
    (
        "get",
        "/netzwerk/praxisbeispiele/{veroeffentlicht}/bearbeiten/",
        _alle(403, dora=200, lotte=200, gast=302),
    ),
    # draft best practice and its attachment: staff only; for others it does not exist
    ("get", "/netzwerk/praxisbeispiele/{entwurf}/", _alle(404, dora=200, lotte=200)),
    ("get", "/api/praxisbeispiele/{entwurf}", _alle(404, dora=200, lotte=200)),
    ("get", "/netzwerk/anhaenge/{anhang}/", _alle(404, dora=200, lotte=200)),
    # draft course
    ("get", "/netzwerk/kurse/{kursentwurf}/", _alle(404, dora=200, lotte=200)),
    ("get", "/api/kurse/{kursentwurf}", _alle(404, dora=200, lotte=200)),
    # Reifegradcheck of Geyer: Geyer's administration and the network staff
    ("get", "/netzwerk/reifegrad/{check}/", _alle(200, charlie=404, gast=302)),
    ("get", "/api/reifegradchecks/{check}", _alle(200, charlie=404, gast=401)),
    # filling it: the own administration (with the right to change data); staff on behalf of any
    ("get", "/netzwerk/reifegrad/neu/", _alle(200, frieda=403, gast=302)),
    # deleting, unlinking, archiving: staff only; the confirmation page comes first (GET)
    ("get", "/netzwerk/kurse/{kursentwurf}/loeschen/", _alle(403, dora=200, lotte=200, gast=302)),
    ("post", "/netzwerk/kurse/{kursentwurf}/archivieren/", _alle(403, dora=302, lotte=302, gast=302)),
    (
        "get",
        "/netzwerk/praxisbeispiele/{veroeffentlicht}/loeschen/",
        _alle(403, dora=200, lotte=200, gast=302),
    ),
    ("get", "/netzwerk/anhaenge/{anhang}/entfernen/", _alle(403, dora=200, lotte=200, gast=302)),
    ("get", "/netzwerk/projekte/{projekt}/loeschen/", _alle(403, dora=200, lotte=200, gast=302)),
    ("post", "/netzwerk/projekte/{projekt}/loeschen/", _alle(403, gast=302, dora=302, lotte=404)),
    # people: lists for staff; a Navigator's page also for her own administration
    ("get", "/netzwerk/navigatoren/", _alle(403, dora=200, lotte=200, gast=302)),
    ("get", "/netzwerk/lotsen/", _alle(403, dora=200, lotte=200, gast=302)),
    ("get", "/netzwerk/navigatoren/{navigator}/", _alle(200, charlie=404, gast=302)),
    ("get", "/netzwerk/navigatoren/{navigator}/bearbeiten/", _alle(403, dora=200, lotte=200, gast=302)),
    # the cohort's tools: staff; the certificate: the Navigator's administration and staff
    ("get", "/netzwerk/durchgaenge/{durchgang}/", _alle(403, dora=200, lotte=200, gast=302)),
    ("post", "/netzwerk/durchgaenge/{durchgang}/abschluesse/", _alle(403, dora=302, lotte=302, gast=302)),
    ("get", "/netzwerk/teilnahmen/{teilnahme}/zertifikat.pdf", _alle(200, charlie=404, gast=302)),
    (
        "post",
        "/netzwerk/teilnahmen/{teilnahme}/zertifikat/widerrufen/",
        _alle(403, dora=302, lotte=302, gast=302),
    ),
    # projects of Geyer: Geyer and staff see them; editing needs the right to change data
    ("get", "/netzwerk/projekte/{projekt}/", _alle(200, charlie=404, gast=302)),
    ("get", "/netzwerk/projekte/{projekt}/bearbeiten/", _alle(200, frieda=403, charlie=404, gast=302)),
]


@pytest.fixture
def faelle(als_lotte, als, alice, gemeinde_a, durchgang, navigatorin) -> dict[str, int]:
    with als_lotte():
        veroeffentlicht = praxis.praxisbeispiel_anlegen(
            praxis.Praxisdaten(titel="Mängelmelder für den Bauhof", status="veroeffentlicht")
        )
        entwurf = praxis.praxisbeispiel_anlegen(praxis.Praxisdaten(titel="Entwurf: Ratsinformationssystem"))
        anhang = praxis.anhang_hochladen(entwurf, io.BytesIO(pdf("Ratsinformationssystem")), "Konzept.pdf")
        kursentwurf = kurse.kurs_anlegen(kurse.Kursdaten(titel="Entwurf: Künstliche Intelligenz"))
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in Kurstermin._base_manager.filter(durchgang=durchgang):
            kurse.anwesenheit_erfassen(termin, [t.pk])
        kurse.abschluesse_feststellen(durchgang)
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(2))
        projekt = projekte.projekt_anlegen(
            projekte.Projektdaten(
                titel="Digitaler Bauantrag", ziel="Bauanträge nur noch digital.", kommune=GEYER
            )
        )
    return {
        "veroeffentlicht": veroeffentlicht.pk,
        "entwurf": entwurf.pk,
        "anhang": anhang.pk,
        "kursentwurf": kursentwurf.pk,
        "check": check.pk,
        "navigator": navigatorin.pk,
        "durchgang": durchgang.pk,
        "teilnahme": t.pk,
        "projekt": projekt.pk,
    }


def _client(name: str | None, pfad: str, api_token) -> Client:
    if name is None:
        return Client()
    benutzer = get_user_model().objects.get(username=name)
    organisation = Organisation.objects.get(name=PERSONEN[name])
    if pfad.startswith("/api/"):
        return Client(headers={"Authorization": f"Bearer {api_token(benutzer, organisation)}"})
    client = Client()
    client.force_login(benutzer)
    session = client.session
    session["rathausnetz_organisation_id"] = organisation.pk
    session.save()
    return client


@pytest.mark.parametrize(("methode", "vorlage", "erwartet"), MATRIX, ids=[f"{m} {p}" for m, p, _ in MATRIX])
def test_zugriffsmatrix(faelle, api_token, methode, vorlage, erwartet):
    pfad = vorlage.format(**faelle)
    ergebnis = {}
    for name in ALLE:
        antwort = getattr(_client(name, pfad, api_token), methode)(pfad)
        ergebnis[name] = antwort.status_code
    assert ergebnis == erwartet


def test_entwurf_erscheint_in_keiner_liste_und_keiner_suche(faelle, client_fuer, bob, gemeinde_a):
    for client in (Client(), client_fuer(bob, gemeinde_a)):
        html = client.get("/netzwerk/praxisbeispiele/?q=Ratsinformationssystem").content.decode()
        assert "Entwurf: Ratsinformationssystem" not in html
        assert "Entwurf: Künstliche Intelligenz" not in client.get("/netzwerk/kurse/").content.decode()
        assert "Entwurf" not in str(Client().get("/api/praxisbeispiele").json())


def test_reifegrad_einer_kommune_bleibt_privat(faelle, client_fuer, charlie, gemeinde_b, dora, verband):
    liste = client_fuer(charlie, gemeinde_b).get("/netzwerk/reifegrad/").content.decode()
    assert f"/netzwerk/reifegrad/{faelle['check']}/" not in liste
    alle = client_fuer(dora, verband).get("/netzwerk/reifegrad/").content.decode()
    assert f"/netzwerk/reifegrad/{faelle['check']}/" in alle
