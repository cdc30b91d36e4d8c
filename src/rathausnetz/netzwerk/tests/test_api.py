"""The network API: public reads for guests, own Reifegradchecks with German validation answers,
enrolment, the certificate check, and the OpenAPI document."""

from __future__ import annotations

import pytest
from django.test import Client

from rathausnetz.netzwerk.models import Kurstermin, Reifegradcheck
from rathausnetz.netzwerk.services import kurse, praxis
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL
from rathausnetz.netzwerk.tests.conftest import GEYER, antworten


@pytest.fixture
def token_client(api_token):
    def _client(benutzer, organisation) -> Client:
        return Client(headers={"Authorization": f"Bearer {api_token(benutzer, organisation)}"})

    return _client


def post(client: Client, pfad: str, daten: dict):
    return client.post(pfad, daten, content_type="application/json")


def meldungen(antwort) -> dict[str, str]:
    return {f["feld"]: f["meldung"] for f in antwort.json()["detail"]}


def test_kurse_fuer_gaeste_ohne_entwuerfe_und_ohne_konferenzlink(grunddaten, als_lotte, durchgang, kurs):
    with als_lotte():
        entwurf = kurse.kurs_anlegen(kurse.Kursdaten(titel="Entwurf: KI in der Verwaltung"))
    gast = Client().get("/api/kurse").json()
    titel = [k["titel"] for k in gast["items"]]
    assert "Praxiskurs E-Akte im Hauptamt" in titel and entwurf.titel not in titel
    eintrag = next(k for k in gast["items"] if k["id"] == kurs.pk)
    assert [m["titel"] for m in eintrag["module"]] == [
        "Aktenplan einführen",
        "Scannen und Posteingang",
        "Erfahrungsaustausch",
    ]
    [dg] = eintrag["durchgaenge"]
    assert len(dg["termine"]) == 4 and all(t["online_link"] is None for t in dg["termine"])
    assert Client().get(f"/api/kurse/{entwurf.pk}").status_code == 404


def test_kurse_fuer_lotsin_mit_entwuerfen_und_link(token_client, lotte, verband, als_lotte, durchgang, kurs):
    with als_lotte():
        kurse.kurs_anlegen(kurse.Kursdaten(titel="Entwurf: KI in der Verwaltung"))
    antwort = token_client(lotte, verband).get("/api/kurse").json()
    assert "Entwurf: KI in der Verwaltung" in [k["titel"] for k in antwort["items"]]
    eintrag = next(k for k in antwort["items"] if k["id"] == kurs.pk)
    assert "https://konferenz.example/e-akte" in [
        t["online_link"] for t in eintrag["durchgaenge"][0]["termine"]
    ]


def test_einschreiben_ueber_die_api_und_doppelt(token_client, lotte, verband, durchgang, navigatorin):
    client = token_client(lotte, verband)
    erste = post(client, f"/api/durchgaenge/{durchgang.pk}/teilnahmen", {"navigator_id": navigatorin.pk})
    assert erste.status_code == 201 and erste.json()["status"] == "eingeschrieben"
    zweite = post(client, f"/api/durchgaenge/{durchgang.pk}/teilnahmen", {"navigator_id": navigatorin.pk})
    assert zweite.status_code == 422
    assert meldungen(zweite) == {
        "navigator": "Alice Albrecht ist in diesem Durchgang bereits eingeschrieben."
    }
    unbekannt = post(client, f"/api/durchgaenge/{durchgang.pk}/teilnahmen", {"navigator_id": 999999})
    assert meldungen(unbekannt) == {"navigator_id": "Diese Navigatorin / diesen Navigator gibt es nicht."}


def test_zertifikat_pruefen_ueber_die_api(grunddaten, als_lotte, durchgang, navigatorin):
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in Kurstermin._base_manager.filter(durchgang=durchgang):
            kurse.anwesenheit_erfassen(termin, [t.pk])
        [z] = kurse.abschluesse_feststellen(durchgang).zertifikate
    antwort = Client().get(f"/api/zertifikate/{z.code_lesbar}")
    assert antwort.status_code == 200
    assert antwort.json() | {"abschlussdatum": None} == {
        "code": z.code,
        "gueltig": True,
        "name": "Alice Albrecht",
        "kommune": "Geyer",
        "kurs": "Praxiskurs E-Akte im Hauptamt",
        "durchgang": "Frühjahr 2026, Annaberg-Buchholz",
        "abschlussdatum": None,
    }
    falsch = Client().get("/api/zertifikate/ZZZZZZZZZZ")
    assert falsch.status_code == 404 and falsch.json() == {"detail": "Nicht gefunden."}


def test_praxisbeispiele_fuer_gaeste_bereinigt_und_ohne_entwuerfe(grunddaten, als_lotte):
    with als_lotte():
        praxis.praxisbeispiel_anlegen(
            praxis.Praxisdaten(
                titel="Digitale Hundesteueranmeldung",
                text='<p>Über Amt24.</p><script>alert(1)</script><img src=x onerror="alert(1)">',
                status="veroeffentlicht",
                themen=["Steuern"],
            )
        )
        praxis.praxisbeispiel_anlegen(
            praxis.Praxisdaten(titel="Entwurf: Hundesteuer per Chatbot", status="entwurf")
        )
    antwort = Client().get("/api/praxisbeispiele", {"q": "hundesteuer"}).json()
    assert [b["titel"] for b in antwort["items"]] == ["Digitale Hundesteueranmeldung"]
    [b] = antwort["items"]
    assert (
        b["text_html"] == "<p>Über Amt24.</p>" and b["text"] == "Über Amt24." and b["themen"] == ["Steuern"]
    )
    zu_lang = Client().get("/api/praxisbeispiele", {"q": "x" * 300})
    assert zu_lang.status_code == 422 and meldungen(zu_lang) == {"q": "Zu lang: höchstens 200 Zeichen."}


def test_fragebogen_oeffentlich(grunddaten):
    bogen = Client().get("/api/reifegradchecks/fragebogen").json()
    assert bogen["fassung"] == AKTUELL.fassung
    assert sum(len(d["fragen"]) for d in bogen["dimensionen"]) == len(AKTUELL.fragen)
    assert [s["wert"] for s in bogen["dimensionen"][0]["fragen"][0]["stufen"]] == [0, 1, 2, 3, 4]


def test_reifegradcheck_einreichen_mit_deutschen_fehlern(token_client, alice, gemeinde_a):
    client = token_client(alice, gemeinde_a)
    fragen = [f.code for f in AKTUELL.fragen]
    werte = antworten(2)
    del werte[fragen[0]]
    werte[fragen[1]] = 9
    vorher = Reifegradcheck._base_manager.count()
    fehler = post(client, "/api/reifegradchecks", {"antworten": werte})
    assert fehler.status_code == 422
    assert meldungen(fehler) == {
        "__all__": f"1 von {len(fragen)} Fragen sind noch nicht beantwortet.",
        fragen[0]: "Bitte beantworten Sie diese Frage.",
        fragen[1]: "Der Wert 9 liegt außerhalb der Skala von 0 bis 4.",
    }
    typfehler = post(client, "/api/reifegradchecks", {"antworten": {fragen[0]: "viel"}})
    assert typfehler.status_code == 422 and "Bitte eine ganze Zahl angeben." in meldungen(typfehler).values()
    assert Reifegradcheck._base_manager.count() == vorher
    ok = post(client, "/api/reifegradchecks", {"antworten": antworten(3)})
    assert ok.status_code == 201, ok.content
    daten = ok.json()
    assert daten["kommune"] == GEYER and daten["gesamt"] == 75
    assert set(daten["ergebnisse"].values()) == {75}
    assert daten["vergleich"]["klassendurchschnitt"] is None
    assert daten["vergleich"]["groessenklasse"] == "2.000 bis unter 5.000 Einwohner"
    assert daten["empfehlungen"][0]["wert"] == 75  # none weak: the next step


def test_reifegradchecks_nur_der_eigenen_kommune(
    token_client, alice, gemeinde_a, charlie, gemeinde_b, lotte, verband
):
    check = post(token_client(alice, gemeinde_a), "/api/reifegradchecks", {"antworten": antworten(2)}).json()
    fremd = token_client(charlie, gemeinde_b)
    assert check["id"] not in [c["id"] for c in fremd.get("/api/reifegradchecks").json()["items"]]
    assert fremd.get(f"/api/reifegradchecks/{check['id']}").status_code == 404
    assert token_client(lotte, verband).get(f"/api/reifegradchecks/{check['id']}").status_code == 200
    assert Client().get("/api/reifegradchecks").status_code == 401


def test_navigatoren_nach_rolle(
    token_client, navigatorin, navigator_ehrenfriedersdorf, lotte, verband, bob, gemeinde_a
):
    alle = {n["nachname"] for n in token_client(lotte, verband).get("/api/navigatoren").json()}
    assert {"Albrecht", "Seifert"} <= alle
    eigene = token_client(bob, gemeinde_a).get("/api/navigatoren").json()
    assert [(n["vorname"], n["kommune"], n["ausgebildet"]) for n in eigene] == [("Alice", GEYER, False)]
    assert Client().get("/api/navigatoren").status_code == 401


def test_openapi_dokumentiert_die_endpunkte(grunddaten):
    pfade = Client().get("/api/openapi.json").json()["paths"]
    for pfad in (
        "/api/kurse",
        "/api/praxisbeispiele",
        "/api/reifegradchecks",
        "/api/reifegradchecks/fragebogen",
        "/api/navigatoren",
        "/api/zertifikate/{code}",
        "/api/durchgaenge/{durchgang_id}/teilnahmen",
    ):
        assert pfad in pfade, pfad
    assert "post" in pfade["/api/reifegradchecks"]
