"""Who may do what with an Eingang of Geyer, as a matrix over personas, web pages and API."""

from __future__ import annotations

import pytest
from django.test import Client

from rathausnetz.eingang.tests.helfer import BRIEF

ANONYM = None
A_LESEN = {"alice": 200, "bob": 200, "frieda": 200, "charlie": 404, "dora": 404}
A_AENDERN = {"alice": 302, "bob": 302, "frieda": 403, "charlie": 404, "dora": 404, ANONYM: 302}
ALLE = {"alice": 200, "bob": 200, "frieda": 200, "charlie": 200, "dora": 200, ANONYM: 302}
NUR_ADMIN = {"alice": 200, "bob": 403, "frieda": 403, "charlie": 403, "dora": 403, ANONYM: 302}

MATRIX = [
    ("get", "/posteingang/", ALLE),
    ("get", "/posteingang/{id}/", A_LESEN | {ANONYM: 302}),
    ("get", "/posteingang/{id}/datei/", A_LESEN | {ANONYM: 302}),
    ("get", "/posteingang/{id}/zeile/", A_LESEN | {ANONYM: 302}),
    ("post", "/posteingang/{id}/verwerfen/", A_AENDERN),
    ("post", "/posteingang/{id}/teilen/", A_AENDERN),
    ("get", "/posteingang/einstellungen/", NUR_ADMIN),
    ("get", "/api/posteingang/{id}", A_LESEN | {ANONYM: 401}),
    ("post", "/api/posteingang/{id}/verwerfen", A_AENDERN | {"alice": 200, "bob": 200, ANONYM: 401}),
]


@pytest.mark.parametrize(("methode", "vorlage", "erwartet"), MATRIX, ids=[f"{m} {u}" for m, u, _ in MATRIX])
@pytest.mark.parametrize("persona", ["alice", "bob", "frieda", "charlie", "dora", ANONYM], ids=str)
def test_posteingang_access_matrix(
    persona, methode, vorlage, erwartet, einlegen, client_fuer, django_user_model
):
    eingang = einlegen(BRIEF.encode(), "brief.txt")
    client = Client() if persona is None else client_fuer(django_user_model.objects.get(username=persona))
    url = vorlage.format(id=eingang.pk)
    if methode == "post" and url.startswith("/api/"):
        antwort = client.post(url, {"grund": "Werbung"}, content_type="application/json")
    elif methode == "post":
        antwort = client.post(url, {"grund": "Werbung", "bereiche": "1, 2"})
    else:
        antwort = client.get(url)
    assert antwort.status_code == erwartet[persona], antwort.content[:300]
