"""Who may see and change which cooperation, page by page and through the API: the access matrix."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from rathausnetz.ikz.models import Kooperation
from rathausnetz.ikz.services.kooperationen import Mitgliedsangabe, kooperation_anlegen
from rathausnetz.ikz.services.steuer import pruefung_speichern
from rathausnetz.ikz.services.umlagen import umlage_berechnen
from rathausnetz.ikz.tests.test_kooperationen import EHRENFRIEDERSDORF, GEYER, THUM, standesamt
from rathausnetz.kommunen.models import Organisation

ANTWORTEN = {"leistender_jpoer": "nein"}  # a GmbH as provider: decided in the first step

GAST = None
# persona → organisation it acts for
PERSONEN = {
    "bob": "Stadtverwaltung Geyer",  # clerk of a member, recorded the cooperations
    "frieda": "Stadtverwaltung Geyer",  # read-only in a member
    "charlie": "Stadtverwaltung Ehrenfriedersdorf",  # member of the Servicestelle idea only
    "dora": "Sächsischer Städte- und Gemeindetag e. V.",  # IKZ service office
}

# (method, url, {persona: status}) for a members-only cooperation of Geyer and Thum
MATRIX_MITGLIEDER = [
    ("get", "/ikz/kooperationen/{k}/", {"bob": 200, "frieda": 200, "charlie": 404, "dora": 200, GAST: 404}),
    (
        "get",
        "/ikz/kooperationen/{k}/bearbeiten/",
        {"bob": 200, "frieda": 403, "charlie": 404, "dora": 200, GAST: 302},
    ),
    (
        "get",
        "/ikz/kooperationen/{k}/ust/neu/",
        {"bob": 200, "frieda": 403, "charlie": 404, "dora": 200, GAST: 302},
    ),
    (
        "get",
        "/ikz/kooperationen/{k}/umlage/neu/",
        {"bob": 200, "frieda": 403, "charlie": 404, "dora": 200, GAST: 302},
    ),
    ("get", "/ikz/ust/{ust}/", {"bob": 200, "frieda": 200, "charlie": 404, "dora": 200, GAST: 404}),
    ("get", "/ikz/umlage/{umlage}/csv/", {"bob": 200, "frieda": 200, "charlie": 404, "dora": 200, GAST: 404}),
    ("get", "/api/kooperationen/{k}", {"bob": 200, "frieda": 200, "charlie": 404, "dora": 200, GAST: 404}),
    (
        "get",
        "/api/kooperationen/{k}/umlage",
        {"bob": 200, "frieda": 200, "charlie": 404, "dora": 200, GAST: 404},
    ),
    (
        "post",
        "/ikz/kooperationen/{k}/akte/",
        {"bob": 302, "frieda": 403, "charlie": 404, "dora": 302, GAST: 302},
    ),
]


@pytest.fixture
def faelle(als, bob, gemeinde_a):
    with als(bob, gemeinde_a):
        mitglieder = kooperation_anlegen(
            standesamt(
                rechtsform="gmbh",
                sichtbarkeit="mitglieder",
                mitglieder=[Mitgliedsangabe(GEYER, "federfuehrend"), Mitgliedsangabe(THUM, "mitglied")],
            )
        )
        idee = kooperation_anlegen(
            standesamt(
                titel="Idee: gemeinsame Vergabestelle",
                rechtsform="gmbh",
                sichtbarkeit="servicestelle",
                mitglieder=[
                    Mitgliedsangabe(GEYER, "federfuehrend"),
                    Mitgliedsangabe(EHRENFRIEDERSDORF, "mitglied"),
                ],
            )
        )
        ust = pruefung_speichern(mitglieder, "Bauhofleistungen", ANTWORTEN)
        umlage = umlage_berechnen(
            mitglieder, bezeichnung="Umlage 2027", gesamtbetrag="1000", verfahren="einwohner"
        )
    return {"k": mitglieder.pk, "idee": idee.pk, "ust": ust.pk, "umlage": umlage.pk}


def _client(name: str | None) -> Client:
    client = Client()
    if name is not None:
        client.force_login(get_user_model().objects.get(username=name))
        session = client.session
        session["rathausnetz_organisation_id"] = Organisation.objects.get(name=PERSONEN[name]).pk
        session.save()
    return client


@pytest.mark.parametrize(("methode", "url", "erwartet"), MATRIX_MITGLIEDER)
def test_matrix_kooperation_nur_fuer_mitglieder(faelle, methode, url, erwartet):
    for persona, status in erwartet.items():
        antwort = getattr(_client(persona), methode)(url.format(**faelle))
        assert antwort.status_code == status, (
            f"{persona or 'Gast'} {methode.upper()} {url}: {antwort.status_code}"
        )


def test_idee_nur_fuer_servicestelle_und_wer_sie_erfasst_hat(faelle):
    erwartet = {"bob": 200, "frieda": 200, "charlie": 404, "dora": 200, GAST: 404}
    for persona, status in erwartet.items():
        assert _client(persona).get(f"/ikz/kooperationen/{faelle['idee']}/").status_code == status, persona
    # counted nowhere for the others either: list, map, statistics, API
    for pfad in ("/ikz/?q=Vergabestelle", "/api/kooperationen?q=Vergabestelle"):
        assert "gemeinsame Vergabestelle" not in _client("charlie").get(pfad).content.decode()
    assert "gemeinsame Vergabestelle" in _client("dora").get("/ikz/?q=Vergabestelle").content.decode()


def test_statistik_zaehlt_nur_sichtbares(faelle):
    def gmbh(persona: str | None) -> int:
        zeilen = _client(persona).get("/ikz/statistik/?format=csv").content.decode("utf-8-sig").splitlines()
        return sum(int(z.rsplit(";", 1)[1]) for z in zeilen if z.startswith("Rechtsform;Gemeinsame GmbH"))

    assert (gmbh(GAST), gmbh("charlie"), gmbh("bob"), gmbh("dora")) == (0, 0, 2, 2)


def test_fremde_aenderung_per_api_ist_verboten(faelle, charlie, gemeinde_b, api_token):
    client = Client(headers={"Authorization": f"Bearer {api_token(charlie, gemeinde_b)}"})
    offen = Kooperation._base_manager.get(pk=faelle["k"])
    offen.sichtbarkeit = "oeffentlich"
    offen.save(update_fields=["sichtbarkeit"])
    daten = {
        "titel": "Übernommen",
        "rechtsform": "gmbh",
        "mitglieder": [{"schluessel": EHRENFRIEDERSDORF, "rolle": "federfuehrend"}, {"schluessel": THUM}],
    }
    antwort = client.put(f"/api/kooperationen/{faelle['k']}", daten, content_type="application/json")
    assert antwort.status_code == 403
    assert Kooperation._base_manager.get(pk=faelle["k"]).titel != "Übernommen"
