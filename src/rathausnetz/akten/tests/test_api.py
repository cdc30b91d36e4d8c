import pytest
from django.test import Client

from rathausnetz.akten.models import Akte, Aktenplaneintrag
from rathausnetz.akten.tests.helfer import pdf
from rathausnetz.protokoll.services import pruefe_ketten

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob_api(bob, gemeinde_a, api_token):
    kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(bob, gemeinde_a)}"}
    client = Client()

    def aufruf(methode: str, pfad: str, daten=None, **kwargs):
        return getattr(client, methode)(pfad, daten, **kopf, **kwargs)

    return aufruf


def _eintrag(org, kennzeichen):
    return Aktenplaneintrag._base_manager.get(organisation=org, kennzeichen=kennzeichen).pk


def test_akte_with_vorgang_and_documents_in_one_call(bob_api, gemeinde_a, tmp_path):
    neu = bob_api(
        "post",
        "/api/akten",
        {"aktenplaneintrag": _eintrag(gemeinde_a, "022.31"), "titel": "Einstellung Standesamt"},
        content_type="application/json",
    )
    assert neu.status_code == 201, neu.content
    akte = neu.json()
    assert akte["aktenzeichen"].startswith("022.31-0001/")
    antrag = tmp_path / "Bewerbung.pdf"
    antrag.write_bytes(pdf("Bewerbung als Standesbeamtin"))
    vermerk = tmp_path / "Vermerk.txt"
    vermerk.write_text("Vorstellungsgespräch am 12. November 2026\n", encoding="utf-8")
    with antrag.open("rb") as a, vermerk.open("rb") as v:
        vorgang = bob_api(
            "post", "/api/vorgaenge", {"akte": akte["id"], "betreff": "Auswahlverfahren", "dateien": [a, v]}
        )
    assert vorgang.status_code == 201, vorgang.content
    dokumente = vorgang.json()["dokumente"]
    assert len(dokumente) == 2
    details = [bob_api("get", f"/api/dokumente/{d}").json() for d in dokumente]
    texte = {d["betreff"]: d["text"] for d in details}
    assert "Standesbeamtin" in texte["Bewerbung"]
    datei = bob_api("get", f"/api/dokumente/{dokumente[0]}/datei")
    assert datei["Content-Type"] in {"application/pdf", "text/plain"}
    assert datei["Content-Disposition"].startswith("attachment;")
    assert datei["X-Content-Type-Options"] == "nosniff"
    assert b"".join(datei.streaming_content)
    zda = bob_api("post", f"/api/vorgaenge/{vorgang.json()['id']}/zda")
    assert zda.json()["status"] == "zda"
    zu = bob_api("post", f"/api/akten/{akte['id']}/schliessen")
    assert zu.json()["status"] == "abgeschlossen"
    assert zu.json()["aussonderungsdatum"].endswith("-12-31")
    assert pruefe_ketten().in_ordnung


def test_one_bad_file_means_no_vorgang_at_all(bob_api, gemeinde_a, tmp_path):
    akte = bob_api(
        "post",
        "/api/akten",
        {"aktenplaneintrag": _eintrag(gemeinde_a, "610"), "titel": "Bauantrag"},
        content_type="application/json",
    ).json()
    gut = tmp_path / "gut.txt"
    gut.write_text("Antrag\n")
    boese = tmp_path / "rechnung.pdf"
    boese.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with gut.open("rb") as g, boese.open("rb") as b:
        antwort = bob_api(
            "post", "/api/vorgaenge", {"akte": akte["id"], "betreff": "Prüfung", "dateien": [g, b]}
        )
    assert antwort.status_code == 422
    assert "nicht erlaubt" in antwort.json()["detail"][0]["meldung"]
    assert bob_api("get", f"/api/vorgaenge?akte={akte['id']}").json()["count"] == 0


def test_foreign_akten_are_404_and_lists_only_show_own(bob_api, charlie, gemeinde_b, api_token):
    from rathausnetz.zugang.kontext import zugriff_als
    from rathausnetz.zugang.services import zugriff_fuer

    with zugriff_als(zugriff_fuer(charlie, gemeinde_b.pk)):
        from rathausnetz.akten.services.akten import akte_anlegen

        fremd = akte_anlegen(Aktenplaneintrag.objects.get(kennzeichen="110"), "Meldeakte Ehrenfriedersdorf")
    assert bob_api("get", f"/api/akten/{fremd.pk}").status_code == 404
    assert bob_api("post", f"/api/akten/{fremd.pk}/schliessen").status_code == 404
    assert all(a["organisation"] != gemeinde_b.pk for a in bob_api("get", "/api/akten").json()["items"])
    assert bob_api("get", "/api/akten?q=Meldeakte Ehrenfriedersdorf").json()["count"] == 0
    neu = bob_api(
        "post",
        "/api/akten",
        {"aktenplaneintrag": _eintrag(gemeinde_b, "110"), "titel": "Übergriff"},
        content_type="application/json",
    )
    assert neu.status_code == 404


def test_validation_errors_are_german(bob_api, gemeinde_a):
    antwort = bob_api(
        "post",
        "/api/akten",
        {"aktenplaneintrag": _eintrag(gemeinde_a, "610"), "titel": "x", "vertraulichkeit": "geheim"},
        content_type="application/json",
    )
    assert antwort.status_code == 422
    felder = {f["feld"] for f in antwort.json()["detail"]}
    assert felder == {"titel", "vertraulichkeit"}
    wv = bob_api(
        "post",
        "/api/wiedervorlagen",
        {"vorgang": 999999, "faellig_am": "2026-13-40"},
        content_type="application/json",
    )
    assert wv.status_code == 422


def test_aktenplan_list_and_keyset_pages_of_akten(bob_api, gemeinde_a):
    plan = bob_api("get", "/api/aktenplan").json()
    assert plan["count"] > 80
    for i in range(7):
        bob_api(
            "post",
            "/api/akten",
            {"aktenplaneintrag": _eintrag(gemeinde_a, "110"), "titel": f"Meldeakte {i}"},
            content_type="application/json",
        )
    gesehen, cursor = [], None
    while True:
        seite = bob_api(
            "get", "/api/akten", {"limit": 3, "kennzeichen": "11"} | ({"cursor": cursor} if cursor else {})
        ).json()
        gesehen += [a["aktenzeichen"] for a in seite["items"]]
        cursor = seite["next_cursor"]
        if not cursor:
            break
    assert len(gesehen) == len(set(gesehen)) == 7
    assert (
        Akte._base_manager.filter(organisation=gemeinde_a, aktenplaneintrag__kennzeichen="110").count() == 7
    )


def test_vorgang_can_be_changed_and_rests(bob_api, gemeinde_a):
    akte = bob_api(
        "post",
        "/api/akten",
        {"aktenplaneintrag": _eintrag(gemeinde_a, "610"), "titel": "Bauantrag Scheune"},
        content_type="application/json",
    ).json()
    vorgang = bob_api("post", "/api/vorgaenge", {"akte": akte["id"], "betreff": "Prüfung"}).json()
    geaendert = bob_api(
        "patch",
        f"/api/vorgaenge/{vorgang['id']}",
        {"status": "ruhend", "frist": "2026-12-18"},
        content_type="application/json",
    )
    assert geaendert.status_code == 200, geaendert.content
    assert (geaendert.json()["status"], geaendert.json()["frist"]) == ("ruhend", "2026-12-18")
    verboten = bob_api(
        "patch", f"/api/vorgaenge/{vorgang['id']}", {"status": "zda"}, content_type="application/json"
    )
    assert verboten.status_code == 422
