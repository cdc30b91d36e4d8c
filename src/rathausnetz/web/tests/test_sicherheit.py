import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_pages_carry_a_strict_content_security_policy(grunddaten):
    antwort = Client().get("/kommunen/")
    csp = antwort["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert antwort["X-Frame-Options"] == "DENY"
    assert antwort["X-Content-Type-Options"] == "nosniff"
    assert antwort["Referrer-Policy"] == "same-origin"
    assert len(antwort["X-Request-ID"]) == 32


def test_request_id_from_the_caller_is_kept_only_if_harmless(grunddaten):
    assert Client().get("/kommunen/", HTTP_X_REQUEST_ID="abc-123-def")["X-Request-ID"] == "abc-123-def"
    assert Client().get("/kommunen/", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"] != "<script>"


def test_search_input_is_escaped(grunddaten):
    inhalt = Client().get("/kommunen/", {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in inhalt
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in inhalt


def test_forms_require_csrf_tokens(alice, gemeinde_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    antwort = client.post("/organisation/einheiten/neu/", {"name": "Bauhof", "kuerzel": "BH"})
    assert antwort.status_code == 403
    assert "Sitzung abgelaufen" in antwort.content.decode()


def test_logout_needs_post(alice, client_fuer):
    client = client_fuer(alice)
    assert client.get("/abmelden/").status_code == 405
    assert client.get("/").status_code == 200


def test_login_redirect_refuses_foreign_hosts(alice):
    from rathausnetz.conftest import PASSWORT

    antwort = Client().post(
        "/anmelden/?next=https://boese.example/",
        {"username": "alice", "password": PASSWORT, "next": "https://boese.example/"},
    )
    assert antwort.status_code == 302
    assert antwort["Location"] == "/"


def test_session_cookie_is_http_only_and_same_site(alice):
    from rathausnetz.conftest import PASSWORT

    client = Client()
    client.post("/anmelden/", {"username": "alice", "password": PASSWORT})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_nul_characters_are_refused_everywhere(alice, gemeinde_a, api_token):
    kopf = {"HTTP_AUTHORIZATION": f"Bearer {api_token(alice, gemeinde_a)}"}
    json = Client().post(
        "/api/einheiten",
        '{"name": "Bau\\u0000hof", "kuerzel": "BH"}',
        content_type="application/json",
        **kopf,
    )
    assert json.status_code == 422
    assert "Steuerzeichen" in json.json()["detail"][0]["meldung"]
    assert Client().get("/api/kommunen", {"q": "Geyer\x00"}).status_code == 422
    assert Client().get("/kommunen/", {"q": "Geyer\x00"}).status_code == 400
