"""Tenant isolation: one rule book in zugang, a loud failure without it, and the access matrix."""

import pytest
from django.test import Client

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.zugang.mandant import MandantenpruefungFehlt
from rathausnetz.zugang.models import ApiToken, Mitgliedschaft

pytestmark = pytest.mark.django_db


def test_querying_tenant_data_without_access_context_fails_loudly(grunddaten):
    for model in (Organisationseinheit, Mitgliedschaft, ApiToken, Protokolleintrag):
        with pytest.raises(MandantenpruefungFehlt, match="Mandantendaten"):
            list(model.objects.all())


def test_users_see_only_the_rows_of_the_organisation_they_act_for(
    alice, charlie, gemeinde_a, gemeinde_b, als
):
    with als(alice, gemeinde_a):
        assert set(Organisationseinheit.objects.values_list("organisation", flat=True)) == {gemeinde_a.pk}
        assert Organisationseinheit.objects.count() == 5
        assert set(Protokolleintrag.objects.values_list("organisation", flat=True)) == {gemeinde_a.pk}
    with als(charlie):
        assert set(Organisationseinheit.objects.values_list("organisation", flat=True)) == {gemeinde_b.pk}
        kollegen = Mitgliedschaft.objects.values_list("benutzer__username", flat=True)
        assert list(kollegen) == ["charlie"]


def test_switching_organisation_switches_what_is_visible(alice, gemeinde_a, verband, als):
    from rathausnetz.kommunen.models import Organisation

    vg = Organisation.objects.get(name="Verwaltungsgemeinschaft Geyer-Tannenberg")
    with als(alice, vg):
        assert list(Organisationseinheit.objects.values_list("kuerzel", flat=True)) == ["GS"]
    with als(alice, verband):  # not a member: falls back to an organisation she belongs to
        assert Organisationseinheit.objects.filter(organisation=verband).count() == 0


def _einheit(org, kuerzel="HA"):
    return Organisationseinheit._base_manager.get(organisation=org, kuerzel=kuerzel)


def _mitgliedschaft(benutzer, org):
    return Mitgliedschaft._base_manager.get(benutzer=benutzer, organisation=org)


ANONYM = None

# (method, url template, {persona: expected status}); None = anonymous
MATRIX = [
    (
        "get",
        "/organisation/einheiten/{einheit_a}/",
        {"alice": 200, "bob": 403, "charlie": 404, "dora": 404, ANONYM: 302},
    ),
    (
        "post",
        "/organisation/einheiten/{einheit_a}/",
        {"alice": 302, "bob": 403, "charlie": 404, "dora": 404, ANONYM: 302},
    ),
    (
        "get",
        "/organisation/mitglieder/{bob_in_a}/",
        {"alice": 200, "bob": 403, "charlie": 404, "dora": 404, ANONYM: 302},
    ),
    (
        "post",
        "/konto/tokens/{token_alice}/widerrufen/",
        {"alice": 302, "bob": 404, "charlie": 404, "dora": 404, ANONYM: 302},
    ),
    ("get", "/organisation/", {"alice": 200, "bob": 200, "charlie": 200, "dora": 200, ANONYM: 302}),
    ("get", "/protokoll/", {"alice": 200, "bob": 403, "charlie": 403, "dora": 403, ANONYM: 302}),
    (
        "get",
        "/api/einheiten/{einheit_a}",
        {"alice": 200, "bob": 200, "charlie": 404, "dora": 404, ANONYM: 401},
    ),
    (
        "patch",
        "/api/einheiten/{einheit_a}",
        {"alice": 200, "bob": 403, "charlie": 404, "dora": 404, ANONYM: 401},
    ),
    ("get", "/api/protokoll", {"alice": 200, "bob": 403, "charlie": 403, "dora": 403, ANONYM: 401}),
    ("get", "/api/ich", {"alice": 200, "bob": 200, "charlie": 200, "dora": 200, ANONYM: 401}),
]


@pytest.fixture
def ziele(alice, bob, gemeinde_a, als):
    from rathausnetz.zugang.services import token_erzeugen

    token_erzeugen(alice, gemeinde_a, "Matrix")
    token = ApiToken._base_manager.get(benutzer=alice, name="Matrix")
    return {
        "einheit_a": _einheit(gemeinde_a).pk,
        "bob_in_a": _mitgliedschaft(bob, gemeinde_a).pk,
        "token_alice": token.pk,
    }


@pytest.mark.parametrize(("methode", "vorlage", "erwartet"), MATRIX, ids=[f"{m} {u}" for m, u, _ in MATRIX])
@pytest.mark.parametrize("persona", ["alice", "bob", "charlie", "dora", ANONYM], ids=str)
def test_access_matrix_web_and_api(
    persona, methode, vorlage, erwartet, ziele, client_fuer, gemeinde_a, django_user_model
):
    client = Client() if persona is None else client_fuer(django_user_model.objects.get(username=persona))
    url = vorlage.format(**ziele)
    daten = {"name": "Hauptamt neu", "kuerzel": "HA"}
    if methode == "patch":
        antwort = client.patch(url, data=daten, content_type="application/json")
    elif methode == "post":
        antwort = client.post(url, data=daten)
    else:
        antwort = client.get(url)
    assert antwort.status_code == erwartet[persona], antwort.content[:300]


def test_api_tokens_carry_their_organisation(alice, charlie, gemeinde_a, gemeinde_b, api_token):
    token_a = api_token(alice, gemeinde_a)
    token_b = api_token(charlie, gemeinde_b)
    einheit_a = _einheit(gemeinde_a).pk
    client = Client()
    assert (
        client.get(f"/api/einheiten/{einheit_a}", HTTP_AUTHORIZATION=f"Bearer {token_a}").status_code == 200
    )
    assert (
        client.get(f"/api/einheiten/{einheit_a}", HTTP_AUTHORIZATION=f"Bearer {token_b}").status_code == 404
    )
    liste_b = client.get("/api/einheiten", HTTP_AUTHORIZATION=f"Bearer {token_b}").json()
    assert {e["organisation"] for e in liste_b["items"]} == {gemeinde_b.pk}


def test_protocol_list_shows_only_own_organisation(alice, gemeinde_a, gemeinde_b, client_fuer):
    daten = client_fuer(alice, gemeinde_a).get("/api/protokoll?limit=1000").json()
    assert daten["count"] > 0
    ids = [e["id"] for e in daten["items"]]
    assert set(Protokolleintrag._base_manager.filter(pk__in=ids).values_list("organisation", flat=True)) == {
        gemeinde_a.pk
    }


def test_a_third_tenant_made_by_factories_is_isolated_both_ways(alice, gemeinde_a, als, client_fuer):
    from rathausnetz.zugang.tests.factories import EinheitFactory, MitgliedschaftFactory

    mitglied = MitgliedschaftFactory(rollen=["administration"])
    zweckverband = mitglied.organisation
    einheit = EinheitFactory(organisation=zweckverband, name="Kläranlage", kuerzel="KA")
    with als(mitglied.benutzer, zweckverband):
        assert list(Organisationseinheit.objects.values_list("kuerzel", flat=True)) == ["KA"]
    with als(alice, gemeinde_a):
        assert not Organisationseinheit.objects.filter(pk=einheit.pk).exists()
    assert client_fuer(alice, gemeinde_a).get(f"/organisation/einheiten/{einheit.pk}/").status_code == 404
    assert client_fuer(mitglied.benutzer).get(f"/organisation/einheiten/{einheit.pk}/").status_code == 200
    eigene_a = _einheit(gemeinde_a).pk
    assert client_fuer(mitglied.benutzer).get(f"/api/einheiten/{eigene_a}").status_code == 404
