"""IKZ API: the documented endpoints, German validation answers, visibility for tokens and guests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from rathausnetz.ikz.models import Kooperation
from rathausnetz.ikz.tests.test_kooperationen import EHRENFRIEDERSDORF, GEYER, THUM

STANDESAMT = {
    "titel": "Gemeinsames Standesamt Greifensteinregion",
    "rechtsform": "zweckvereinbarung_mandatierend",
    "aufgabenbereiche": ["standesamt"],
    "status": "verhandlung",
    "sichtbarkeit": "mitglieder",
    "mitglieder": [
        {"schluessel": GEYER, "rolle": "federfuehrend"},
        {"schluessel": THUM, "rolle": "beauftragend"},
        {"schluessel": EHRENFRIEDERSDORF, "rolle": "beauftragend"},
    ],
}
ANTWORTEN = {
    "leistender_jpoer": "ja",
    "leistungsaustausch": "ja",
    "oeffentlich_rechtlich": "ja",
    "katalog_abs4": "nein",
    "umsatz_gleichartig": 48000,
    "steuerfrei_vergleichbar": "nein",
    "empfaenger_jpoer": "ja",
    "vorbehalten_abs3_nr1": "ja",
    "option_27_22a": "nein",
}


@pytest.fixture
def bob_api(bob, gemeinde_a, api_token) -> Client:
    return Client(headers={"Authorization": f"Bearer {api_token(bob, gemeinde_a)}"})


def post(client: Client, pfad: str, daten: dict):
    return client.post(pfad, daten, content_type="application/json")


def meldungen(antwort) -> str:
    return " ".join(f["meldung"] for f in antwort.json()["detail"])


def test_kooperation_ust_und_umlage_ueber_die_api(bob_api, charlie, gemeinde_b, api_token):
    antwort = post(bob_api, "/api/kooperationen", STANDESAMT)
    assert antwort.status_code == 201, antwort.content
    k = antwort.json()
    assert k["genehmigungsbehoerde"] == "Landratsamt Erzgebirgskreis"
    assert [m["rolle"] for m in k["mitglieder"]].count("federfuehrend") == 1

    ust = post(
        bob_api,
        f"/api/kooperationen/{k['id']}/ust",
        {"leistung": "Beurkundungen", "leistender": GEYER, "antworten": ANTWORTEN},
    )
    assert ust.status_code == 201, ust.content
    assert ust.json()["ergebnis"] == "nicht_steuerbar"
    assert ust.json()["entscheidender_schritt"] == "vorbehalten_abs3_nr1"
    assert "§ 2b Abs. 3 Nr. 1 UStG" in ust.json()["vorschriften"]

    umlage = post(
        bob_api,
        f"/api/kooperationen/{k['id']}/umlage",
        {"gesamtbetrag": "48.000,00", "verfahren": "einwohner"},
    )
    assert umlage.status_code == 201, umlage.content
    assert sum(Decimal(z["betrag"]) for z in umlage.json()["zeilen"]) == Decimal("48000.00")
    vorschau = post(
        bob_api,
        f"/api/kooperationen/{k['id']}/umlage",
        {
            "gesamtbetrag": 100,
            "verfahren": "prozent",
            "prozente": {GEYER: 50, THUM: 25, EHRENFRIEDERSDORF: 25},
            "speichern": False,
        },
    )
    assert vorschau.status_code == 200
    assert [z["betrag"] for z in vorschau.json()["zeilen"]] == ["50.00", "25.00", "25.00"]
    assert len(bob_api.get(f"/api/kooperationen/{k['id']}/umlage").json()) == 1

    # Ehrenfriedersdorf is a member: its token sees the members-only cooperation, guests do not
    charlie_api = Client(headers={"Authorization": f"Bearer {api_token(charlie, gemeinde_b)}"})
    assert charlie_api.get(f"/api/kooperationen/{k['id']}").status_code == 200
    assert Client().get(f"/api/kooperationen/{k['id']}").status_code == 404
    assert Client().get(f"/api/kooperationen/{k['id']}/ust").status_code == 404


@pytest.mark.parametrize(
    ("aenderung", "meldung"),
    [
        ({"mitglieder": [{"schluessel": GEYER, "rolle": "federfuehrend"}]}, "mindestens 2 Mitglieder"),
        (
            {"mitglieder": [{"schluessel": GEYER, "rolle": "federfuehrend"}, {"schluessel": GEYER}]},
            "mehrfach als Mitglied",
        ),
        ({"rechtsform": "verwaltungsverband", "beginn": "2020-01-01"}, "seit dem 17.11.2012"),
        ({"status": "geplant"}, "Unzulässiger Wert"),
        ({"mitglieder": [{"schluessel": "12ab"}]}, "Ungültiges Format"),
    ],
)
def test_ungueltige_kooperation_422_auf_deutsch(bob_api, aenderung, meldung):
    vorher = Kooperation._base_manager.count()
    antwort = post(bob_api, "/api/kooperationen", STANDESAMT | aenderung)
    assert antwort.status_code == 422
    assert meldung in meldungen(antwort)
    assert Kooperation._base_manager.count() == vorher


def test_ust_mit_fehlenden_antworten_und_umlage_mit_falschen_prozenten(bob_api):
    k = post(bob_api, "/api/kooperationen", STANDESAMT).json()
    antwort = post(
        bob_api,
        f"/api/kooperationen/{k['id']}/ust",
        {"leistung": "Beurkundungen", "antworten": {"leistender_jpoer": "vielleicht"}},
    )
    assert antwort.status_code == 422
    assert any(f["feld"] == "leistender_jpoer" for f in antwort.json()["detail"])
    antwort = post(
        bob_api,
        f"/api/kooperationen/{k['id']}/umlage",
        {
            "gesamtbetrag": "zwölf",
            "verfahren": "prozent",
            "prozente": {GEYER: 50, THUM: 30, EHRENFRIEDERSDORF: 19},
        },
    )
    assert antwort.status_code == 422
    text = meldungen(antwort)
    assert "Bitte einen Betrag in Euro angeben" in text
    assert not bob_api.get(f"/api/kooperationen/{k['id']}/umlage").json()


def test_oeffentliche_endpunkte_ohne_anmeldung(grunddaten):
    gast = Client()
    liste = gast.get("/api/kooperationen?kommune=14521210").json()
    assert [k["titel"] for k in liste["items"]] == ["Verwaltungsgemeinschaft Geyer-Tannenberg"]
    modelle = gast.get("/api/modelle").json()
    assert len(modelle) >= 8
    standesamt = gast.get("/api/modelle/gemeinsames_standesamt").json()
    assert "zweckvereinbarung_mandatierend" in standesamt["rechtsformen"]
    assert gast.post("/api/kooperationen", STANDESAMT, content_type="application/json").status_code == 401


def test_partnersuche_api(grunddaten):
    antwort = Client().get("/api/partnersuche?kommune=14521210&aufgabenbereich=standesamt")
    assert antwort.status_code == 200
    daten = antwort.json()
    assert daten["items"] and {"ags", "name", "score", "gruende"} <= set(daten["items"][0])
    assert "14521610" in [i["ags"] for i in daten["items"][:5]]  # Tannenberg, its VG partner
    assert all(i["gruende"] for i in daten["items"])
    falsch = Client().get("/api/partnersuche?kommune=123")
    assert falsch.status_code == 422
    assert "Gemeindeschlüssel" in meldungen(falsch)
    unbekannt = Client().get("/api/partnersuche?kommune=14521210&aufgabenbereich=raumfahrt")
    assert unbekannt.status_code == 422
