import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from rathausnetz.geschaeftsgang.demo import BESCHEID
from rathausnetz.geschaeftsgang.models import Ablaufvorlage, Verfuegungsschritt
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.protokoll.services import pruefe_ketten

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_fuer(api_token):
    def _fuer(benutzer, organisation):
        kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(benutzer, organisation)}"}
        client = Client()

        def aufruf(methode: str, pfad: str, daten=None):
            if methode in {"post", "patch", "put"}:
                return getattr(client, methode)(pfad, daten or {}, content_type="application/json", **kopf)
            return getattr(client, methode)(pfad, daten, **kopf)

        return aufruf

    return _fuer


def _start(api, vorgang, alice, emil):
    antwort = api(
        "post",
        f"/api/vorgaenge/{vorgang.pk}/verfuegungen",
        {
            "notiz": "Bitte zügig",
            "schritte": [
                {"art": "mitzeichnung", "stufe": 1, "benutzer": alice.pk},
                {"art": "zeichnung", "stufe": 2, "benutzer": emil.pk, "frist": str(timezone.localdate())},
            ],
        },
    )
    assert antwort.status_code == 201, antwort.content
    return antwort.json()


def test_route_through_the_api_cosign_sign_and_read_the_record(
    api_fuer, vorgang, bob, alice, emil, gemeinde_a
):
    bob_api, alice_api, emil_api = (api_fuer(p, gemeinde_a) for p in (bob, alice, emil))
    v = _start(bob_api, vorgang, alice, emil)
    assert [s["status"] for s in v["schritte"]] == ["offen", "wartend"]
    meine = alice_api("get", "/api/aufgaben").json()
    aufgabe = next(a for a in meine["items"] if a["verfuegung"] == v["id"])
    assert meine["count"] == len(meine["items"]) and aufgabe["art"] == "mitzeichnung"
    assert alice_api("get", f"/api/aufgaben/{aufgabe['id']}").json()["vorgang"] == vorgang.pk
    erledigt = alice_api("post", f"/api/aufgaben/{aufgabe['id']}/erledigen", {"kommentar": "einverstanden"})
    assert erledigt.status_code == 200 and erledigt.json()["status"] == "erledigt"
    assert any(
        a["id"] == aufgabe["id"] for a in alice_api("get", "/api/aufgaben?status=erledigt").json()["items"]
    )
    zeichnung = next(
        a for a in emil_api("get", "/api/aufgaben").json()["items"] if a["verfuegung"] == v["id"]
    )
    assert emil_api("post", f"/api/aufgaben/{zeichnung['id']}/erledigen", {}).status_code == 200
    fertig = bob_api("get", f"/api/verfuegungen/{v['id']}").json()
    assert fertig["status"] == "abgeschlossen" and fertig["abgeschlossen_am"]
    assert [(m["art"], m["benutzer_name"], m["versionsnummer"]) for m in fertig["vermerke"]] == [
        ("mitzeichnung", "Alice Albrecht", 1),
        ("zeichnung", "Emil Engel", 1),
    ]
    assert all(len(m["sha256"]) == 64 for m in fertig["vermerke"])
    # the record cannot be changed through the API either
    nochmal = emil_api("post", f"/api/aufgaben/{zeichnung['id']}/zurueckgeben", {"kommentar": "doch nicht"})
    assert nochmal.status_code == 422 and "beendet" in nochmal.json()["detail"][0]["meldung"]
    assert pruefe_ketten().in_ordnung


def test_rights_and_tenants_404_403_422(api_fuer, vorgang, bob, alice, emil, charlie, gemeinde_a, gemeinde_b):
    bob_api, alice_api = api_fuer(bob, gemeinde_a), api_fuer(alice, gemeinde_a)
    charlie_api = api_fuer(charlie, gemeinde_b)
    v = _start(bob_api, vorgang, alice, emil)
    aufgabe_id = v["schritte"][0]["id"]
    # another municipality: neither the task nor the route nor the Vorgang exist
    assert charlie_api("get", f"/api/aufgaben/{aufgabe_id}").status_code == 404
    assert charlie_api("post", f"/api/aufgaben/{aufgabe_id}/erledigen", {}).status_code == 404
    assert charlie_api("get", f"/api/verfuegungen/{v['id']}").status_code == 404
    assert charlie_api("post", f"/api/vorgaenge/{vorgang.pk}/verfuegungen", {"vorlage": 1}).status_code == 404
    # a colleague who sees the Vorgang but is not the recipient: 403
    fremd = bob_api("post", f"/api/aufgaben/{aufgabe_id}/erledigen", {})
    assert fremd.status_code == 403 and "nicht an Sie" in fremd.json()["detail"]
    # Zeichnung for someone without the signing right: 422 with the field
    falsch = bob_api(
        "post",
        f"/api/vorgaenge/{vorgang.pk}/verfuegungen",
        {"schritte": [{"art": "zeichnung", "benutzer": bob.pk}]},
    )
    assert falsch.status_code == 422
    assert falsch.json()["detail"][0]["feld"] == "schritte.0.fuer_benutzer"
    assert "Zeichnungsbefugnis" in falsch.json()["detail"][0]["meldung"]
    leer = bob_api("post", f"/api/vorgaenge/{vorgang.pk}/verfuegungen", {"schritte": [{"art": "unsinn"}]})
    assert leer.status_code == 422 and leer.json()["detail"][0]["feld"] == "schritte.0.art"
    fremde_person = bob_api(
        "post",
        f"/api/vorgaenge/{vorgang.pk}/verfuegungen",
        {"schritte": [{"art": "kenntnisnahme", "benutzer": charlie.pk}]},
    )
    assert (
        fremde_person.status_code == 422
        and fremde_person.json()["detail"][0]["feld"] == "schritte.0.benutzer"
    )
    ohne_grund = alice_api("post", f"/api/aufgaben/{aufgabe_id}/zurueckgeben", {"kommentar": ""})
    assert ohne_grund.status_code == 422 and ohne_grund.json()["detail"][0]["feld"] == "kommentar"
    # the recipient signs in place of… nobody: Alice may not sign
    zeichnung_an_alice = Verfuegungsschritt._base_manager.get(pk=v["schritte"][1]["id"])
    assert alice_api("post", f"/api/aufgaben/{zeichnung_an_alice.pk}/erledigen", {}).status_code in {403, 422}


def test_forward_return_and_template_through_the_api(api_fuer, vorgang, bob, alice, emil, frieda, gemeinde_a):
    bob_api, alice_api, frieda_api = (api_fuer(p, gemeinde_a) for p in (bob, alice, frieda))
    vorlage = Ablaufvorlage._base_manager.get(organisation=gemeinde_a, name=BESCHEID)
    assert any(x["name"] == BESCHEID for x in bob_api("get", "/api/ablaufvorlagen").json()["items"])
    neu = bob_api("post", f"/api/vorgaenge/{vorgang.pk}/verfuegungen", {"vorlage": vorlage.pk})
    assert neu.status_code == 201 and neu.json()["vorlage"] == vorlage.pk
    erste = neu.json()["schritte"][0]
    weiter = alice_api("post", f"/api/aufgaben/{erste['id']}/weiterleiten", {"benutzer": frieda.pk})
    assert weiter.status_code == 200 and weiter.json()["fuer_benutzer"] == frieda.pk
    zurueck = frieda_api(
        "post", f"/api/aufgaben/{weiter.json()['id']}/zurueckgeben", {"kommentar": "Anlage fehlt"}
    )
    assert zurueck.status_code == 200 and zurueck.json()["status"] == "zurueckgegeben"
    ruecklauf = next(a for a in bob_api("get", "/api/aufgaben").json()["items"] if a["ruecklauf"])
    assert "Anlage fehlt" in ruecklauf["notiz"]
    assert bob_api("post", f"/api/aufgaben/{ruecklauf['id']}/erledigen", {}).status_code == 200
    assert bob_api("get", f"/api/verfuegungen/{neu.json()['id']}").json()["abgeschlossen_am"]


def test_resubmit_a_returned_route_through_the_api(
    api_fuer, vorgang, bob, alice, emil, charlie, gemeinde_a, gemeinde_b
):
    bob_api, alice_api = api_fuer(bob, gemeinde_a), api_fuer(alice, gemeinde_a)
    v = _start(bob_api, vorgang, alice, emil)
    mitzeichnung = v["schritte"][0]["id"]
    nicht_zurueck = alice_api("post", f"/api/aufgaben/{mitzeichnung}/erneut-vorlegen", {})
    assert nicht_zurueck.status_code == 422 and "Rücklauf" in nicht_zurueck.json()["detail"][0]["meldung"]
    alice_api("post", f"/api/aufgaben/{mitzeichnung}/zurueckgeben", {"kommentar": "Tippfehler auf S. 2"})
    ruecklauf = next(a for a in bob_api("get", "/api/aufgaben").json()["items"] if a["verfuegung"] == v["id"])
    assert ruecklauf["ruecklauf"]
    pfad = f"/api/aufgaben/{ruecklauf['id']}/erneut-vorlegen"
    assert api_fuer(charlie, gemeinde_b)("post", pfad, {}).status_code == 404
    fremd = alice_api("post", pfad, {})
    assert fremd.status_code == 403 and "nicht an Sie" in fremd.json()["detail"]
    antwort = bob_api("post", pfad, {"kommentar": "Tippfehler behoben"})
    assert antwort.status_code == 200, antwort.content
    neu = antwort.json()
    assert neu["id"] != v["id"] and neu["vorgaenger"] == v["id"] and neu["status"] == "laufend"
    assert (neu["betreff"], neu["notiz"], neu["dokument"]) == (v["betreff"], v["notiz"], v["dokument"])
    assert [(s["art"], s["fuer_benutzer"], s["frist"], s["status"]) for s in neu["schritte"]] == [
        ("mitzeichnung", alice.pk, None, "offen"),
        ("zeichnung", emil.pk, str(timezone.localdate()), "wartend"),
    ]
    alt = bob_api("get", f"/api/verfuegungen/{v['id']}").json()
    assert alt["erneut_vorgelegt_als"] == neu["id"] and alt["abgeschlossen_am"]
    assert [s["status"] for s in alt["schritte"] if s["ruecklauf"]] == ["erledigt"]
    nochmal = bob_api("post", pfad, {})
    assert nochmal.status_code == 422 and "bereits erledigt" in nochmal.json()["detail"][0]["meldung"]
    assert pruefe_ketten().in_ordnung


def test_own_vertretungen_crud(api_fuer, emil, alice, bob, charlie, gemeinde_a):
    emil_api, bob_api = api_fuer(emil, gemeinde_a), api_fuer(bob, gemeinde_a)
    heute = timezone.localdate()
    neu = emil_api("post", "/api/vertretungen", {"vertreter": alice.pk, "von": str(heute), "bis": str(heute)})
    assert neu.status_code == 201 and neu.json()["aktiv"]
    vid = neu.json()["id"]
    assert emil_api("get", "/api/vertretungen").json()["count"] == 1
    assert bob_api("get", f"/api/vertretungen/{vid}").status_code == 404  # not Bob's
    assert bob_api("delete", f"/api/vertretungen/{vid}").status_code == 404
    spaeter = str(heute + dt.timedelta(days=3))
    geaendert = emil_api("patch", f"/api/vertretungen/{vid}", {"bis": spaeter})
    assert geaendert.status_code == 200 and geaendert.json()["bis"] == spaeter
    falsch = emil_api("patch", f"/api/vertretungen/{vid}", {"bis": str(heute - dt.timedelta(days=9))})
    assert falsch.status_code == 422 and falsch.json()["detail"][0]["feld"] == "bis"
    fremd = emil_api(
        "post", "/api/vertretungen", {"vertreter": charlie.pk, "von": str(heute), "bis": str(heute)}
    )
    assert fremd.status_code == 422
    assert emil_api("delete", f"/api/vertretungen/{vid}").status_code == 204
    assert emil_api("get", f"/api/vertretungen/{vid}").status_code == 404


def test_openapi_documents_the_endpoints(client):
    pfade = client.get("/api/openapi.json").json()["paths"]
    for pfad in [
        "/api/aufgaben",
        "/api/aufgaben/{aufgabe_id}/erledigen",
        "/api/aufgaben/{aufgabe_id}/zurueckgeben",
        "/api/aufgaben/{aufgabe_id}/weiterleiten",
        "/api/aufgaben/{aufgabe_id}/erneut-vorlegen",
        "/api/vorgaenge/{vorgang_id}/verfuegungen",
        "/api/verfuegungen/{verfuegung_id}",
        "/api/vertretungen/{vertretung_id}",
    ]:
        assert pfad in pfade


def test_administration_keeps_templates_through_the_api(
    api_fuer, bob, alice, emil, charlie, gemeinde_a, gemeinde_b
):
    alice_api, bob_api = api_fuer(alice, gemeinde_a), api_fuer(bob, gemeinde_a)
    angaben = {
        "name": "Widerspruch: Prüfung und Abhilfe",
        "beschreibung": "Rechtsamt prüft, Bürgermeister zeichnet",
        "schritte": [
            {
                "art": "mitzeichnung",
                "stufe": 1,
                "benutzer": alice.pk,
                "frist_tage": 5,
                "notiz": "Fristen prüfen",
            },
            {"art": "zeichnung", "stufe": 2, "benutzer": emil.pk, "frist_tage": 10},
        ],
    }
    # Sachbearbeitung may use templates, not keep them
    assert bob_api("post", "/api/ablaufvorlagen", angaben).status_code == 403
    neu = alice_api("post", "/api/ablaufvorlagen", angaben)
    assert neu.status_code == 201, neu.content
    vorlage = neu.json()
    assert [(s["art"], s["benutzer"], s["frist_tage"]) for s in vorlage["schritte"]] == [
        ("mitzeichnung", alice.pk, 5),
        ("zeichnung", emil.pk, 10),
    ]
    assert alice_api("get", f"/api/ablaufvorlagen/{vorlage['id']}").json()["name"] == angaben["name"]
    doppelt = alice_api("post", "/api/ablaufvorlagen", angaben)
    assert doppelt.status_code == 422 and doppelt.json()["detail"][0]["feld"] == "name"

    # bad steps name their field, in German
    for schritt, feld, meldung in [
        ({"art": "zeichnung", "benutzer": bob.pk}, "schritte.0.fuer_benutzer", "Zeichnungsbefugnis"),
        ({"art": "kenntnisnahme", "benutzer": charlie.pk}, "schritte.0.benutzer", "nicht Mitglied"),
        ({"art": "kenntnisnahme"}, "schritte.0.empfaenger", "genau eine Person"),
        ({"art": "kenntnisnahme", "benutzer": bob.pk, "frist_tage": 400}, "schritte.0.frist_tage", "365"),
    ]:
        falsch = alice_api("post", "/api/ablaufvorlagen", angaben | {"name": "Falsch", "schritte": [schritt]})
        assert falsch.status_code == 422, falsch.content
        assert falsch.json()["detail"][0]["feld"] == feld and meldung in falsch.json()["detail"][0]["meldung"]
    assert not Ablaufvorlage._base_manager.filter(name="Falsch").exists()

    # replacing changes the steps; deactivated templates leave the default list
    ersetzt = alice_api(
        "put",
        f"/api/ablaufvorlagen/{vorlage['id']}",
        angaben | {"aktiv": False, "schritte": [{"art": "kenntnisnahme", "benutzer": bob.pk}]},
    )
    assert ersetzt.status_code == 200, ersetzt.content
    assert ersetzt.json()["aktiv"] is False and len(ersetzt.json()["schritte"]) == 1
    assert vorlage["id"] not in [v["id"] for v in bob_api("get", "/api/ablaufvorlagen").json()["items"]]
    alle = bob_api("get", "/api/ablaufvorlagen?nur_aktive=false").json()["items"]
    assert vorlage["id"] in [v["id"] for v in alle]
    assert bob_api("put", f"/api/ablaufvorlagen/{vorlage['id']}", angaben).status_code == 403
    # renaming onto another template's name is refused like a new one, and changes nothing
    umbenannt = alice_api("put", f"/api/ablaufvorlagen/{vorlage['id']}", angaben | {"name": BESCHEID})
    assert umbenannt.status_code == 422 and umbenannt.json()["detail"][0]["feld"] == "name"
    assert alice_api("get", f"/api/ablaufvorlagen/{vorlage['id']}").json()["name"] == angaben["name"]

    # another tenant neither sees nor changes it
    charlie_api = api_fuer(charlie, gemeinde_b)
    assert charlie_api("get", f"/api/ablaufvorlagen/{vorlage['id']}").status_code == 404
    assert charlie_api("put", f"/api/ablaufvorlagen/{vorlage['id']}", angaben).status_code == 404
    eintraege = Protokolleintrag._base_manager.filter(
        objekt_id=str(vorlage["id"]), aktion__startswith="ablauf"
    )
    assert sorted(eintraege.values_list("aktion", flat=True)) == [
        "ablaufvorlage.angelegt",
        "ablaufvorlage.geaendert",
    ]
    assert pruefe_ketten().in_ordnung
