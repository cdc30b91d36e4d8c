"""POST /api/navigatoren: the network staff record a Navigatorin through the API, with the same
checks as the form and German 422 answers; everyone else gets 403 (guests 401)."""

from __future__ import annotations

import pytest
from django.test import Client

from rathausnetz.netzwerk.models import Navigator
from rathausnetz.netzwerk.tests.conftest import THUM
from rathausnetz.protokoll.models import Protokolleintrag


@pytest.fixture
def token_client(api_token):
    def _client(benutzer, organisation) -> Client:
        return Client(headers={"Authorization": f"Bearer {api_token(benutzer, organisation)}"})

    return _client


def _post(client: Client, daten: dict):
    return client.post("/api/navigatoren", daten, content_type="application/json")


def _meldungen(antwort) -> dict[str, str]:
    return {f["feld"]: f["meldung"] for f in antwort.json()["detail"]}


JENS = {
    "vorname": "Jens",
    "nachname": "Uhlig",
    "kommune": THUM,
    "funktion": "Sachgebietsleiter Zentrale Dienste",
    "email": "jens.uhlig@thum.example",
    "aktiv_seit": "2026-02-01",
}


def test_lotsin_legt_navigator_an(token_client, lotte, verband, lotse):
    antwort = _post(token_client(lotte, verband), {**JENS, "lotse_id": lotse.pk})
    assert antwort.status_code == 201
    daten = antwort.json()
    assert daten | {"id": None} == {
        "id": None,
        "vorname": "Jens",
        "nachname": "Uhlig",
        "kommune": THUM,
        "kommune_name": "Thum",
        "funktion": "Sachgebietsleiter Zentrale Dienste",
        "lotse": "Lotte Lange",
        "aktiv": True,
        "aktiv_seit": "2026-02-01",
        "ausgebildet": False,
        "abgeschlossene_kurse": [],
    }
    navigator = Navigator._base_manager.get(pk=daten["id"])
    assert (
        navigator.organisation.name == "Stadtverwaltung Thum" and navigator.email == "jens.uhlig@thum.example"
    )
    assert Protokolleintrag._base_manager.filter(
        aktion="navigator.angelegt", objekt_id=str(navigator.pk)
    ).exists()
    liste = token_client(lotte, verband).get("/api/navigatoren").json()
    assert daten["id"] in [n["id"] for n in liste]


def test_fachliche_fehler_kommen_deutsch_und_gesammelt(token_client, lotte, verband):
    antwort = _post(
        token_client(lotte, verband),
        {**JENS, "vorname": " ", "email": "jens@", "kommune": "15001000", "lotse_id": 99999},
    )
    assert antwort.status_code == 422
    assert _meldungen(antwort) == {
        "vorname": "Bitte geben Sie den Vornamen an.",
        "email": "Bitte geben Sie eine gültige E-Mail-Adresse an.",
        "kommune": "Digital-Navigatoren gibt es im Netzwerk nur für sächsische Kommunen.",
        "lotse_id": "Bitte wählen Sie eine aktive Lotsin oder einen aktiven Lotsen.",
    }
    assert not Navigator._base_manager.filter(nachname="Uhlig").exists()


def test_formfehler_kommen_deutsch(token_client, lotte, verband):
    antwort = _post(
        token_client(lotte, verband), {"vorname": "Jens", "kommune": "Thum", "aktiv_seit": "1.2.2026"}
    )
    assert antwort.status_code == 422
    assert _meldungen(antwort) == {
        "nachname": "Pflichtangabe fehlt.",
        "kommune": "Ungültiges Format.",
        "aktiv_seit": "Bitte ein Datum im Format JJJJ-MM-TT angeben.",
    }
    assert not Navigator._base_manager.exists()


def test_nur_netzwerk_personal_legt_an(token_client, bob, alice, gemeinde_a):
    for person in (bob, alice):  # clerk, and a Navigatorin's own administration
        antwort = _post(token_client(person, gemeinde_a), JENS)
        assert antwort.status_code == 403, person
    assert Client().post("/api/navigatoren", JENS, content_type="application/json").status_code == 401
    assert not Navigator._base_manager.exists()
