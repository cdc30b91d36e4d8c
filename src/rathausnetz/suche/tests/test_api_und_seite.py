import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rathausnetz.suche.tests.fixtures import OCR_PRESSEMITTEILUNG

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob_api(bob, gemeinde_a, api_token, client):
    kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(bob, gemeinde_a)}"}
    return lambda **params: client.get("/api/suche", params, **kopf)


def test_api_shape_snippets_facets_and_municipalities(bestand, bob_api):
    daten = bob_api(q="Geschäftsführer Streugutlager").json()
    assert daten["count"] == 1
    eintrag = daten["items"][0]
    assert eintrag["art"] == "dokument" and eintrag["id"] == bestand["presse"].pk
    assert "<mark>Geschéftsfuhrer</mark>" in eintrag["snippet"] and eintrag["score"] > 0
    assert set(daten["facetten"]) == {"aktenplan", "typ", "jahr", "richtung", "organisation"}
    kommunen = bob_api(q="Loessnitz").json()["items"]
    assert kommunen[0]["art"] == "kommune" and kommunen[0]["titel"] == "Lößnitz"


def test_api_pages_and_rejects_bad_parameters_in_german(bestand, bob_api):
    erste = bob_api(q="Bauhof", limit=1).json()
    assert len(erste["items"]) == 1 and erste["next_cursor"]
    zweite = bob_api(q="Bauhof", limit=1, cursor=erste["next_cursor"]).json()
    assert zweite["items"][0]["id"] != erste["items"][0]["id"]
    assert bob_api(q="Bauhof", cursor="kaputt").status_code == 422
    antwort = bob_api(q="Bauhof", limit=1000)
    assert antwort.status_code == 422 and "limit" in antwort.content.decode()
    assert bob_api(q="datum:2024-13 Bauhof").json()["hinweise"]


def test_search_page_global_box_and_akte_search(bestand, bob, gemeinde_a, client_fuer):
    client = client_fuer(bob, gemeinde_a)
    start = client.get("/").content.decode()
    assert 'action="/suche/"' in start  # the global box is on every page
    seite = client.get("/suche/", {"q": "Geschäftsführer"}).content.decode()
    assert "<mark>Geschéftsfuhrer</mark>" in seite and "Pressemitteilung Bauhof (Scan)" in seite
    assert "Dokumenttyp" in client.get("/suche/", {"q": "Bauhof"}).content.decode()
    aehnlich = client.get("/suche/", {"q": "Streugutlaager"}).content.decode()
    assert "ähnlicher Treffer" in aehnlich
    akte = bestand["akte"]
    assert f'name="akte" value="{akte.pk}"' in client.get(akte.get_absolute_url()).content.decode()
    in_akte = client.get("/suche/", {"q": "Bauhof", "akte": akte.pk}).content.decode()
    assert f"Suche in {akte.aktenzeichen}" in in_akte
    hinweis = client.get("/suche/", {"q": '"Bauhof'}).content.decode()
    assert "Anführungszeichen" in hinweis
    assert client.get("/suche/", {"q": "Bauhof", "cursor": "x"}).status_code == 404


def test_search_page_escapes_the_query(bestand, bob, gemeinde_a, client_fuer):
    seite = client_fuer(bob, gemeinde_a).get("/suche/", {"q": '<script>alert("x")</script>'}).content.decode()
    assert '<script>alert("x")</script>' not in seite


def test_upload_through_the_ui_is_searchable_at_once(bestand, bob, gemeinde_a, client_fuer):
    client = client_fuer(bob, gemeinde_a)
    vorgang = bestand["vorgang"]
    antwort = client.post(
        f"/akten/vorgang/{vorgang.pk}/hochladen/",
        {
            "dateien": SimpleUploadedFile(
                "scan.txt", OCR_PRESSEMITTEILUNG.replace("Streugutlager", "Salzsilo").encode()
            )
        },
    )
    assert antwort.status_code in (200, 302)
    assert "Salzsilo" in client.get("/suche/", {"q": "Salzsilo"}).content.decode()
