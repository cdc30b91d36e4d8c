"""The public event page as guests get it when registration opens: kept ready, yet with each
visitor's own CSRF token, current seat counts once the data changed, and never mixed up with the
page of a logged-in organiser."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.test import Client

from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.tests.helfer import THUM, mit_platz
from rathausnetz.web import gastseiten


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def formular(token_: str, email: str) -> dict[str, str]:
    return {
        "csrfmiddlewaretoken": token_,
        "name": "Gisela Graupner",
        "email": email,
        "kommune": f"Thum ({THUM})",
        "rolle": "buergermeister",
        "einwilligung": "on",
    }


def test_gaeste_bekommen_die_gespeicherte_seite_mit_eigenem_csrf_token(
    veranstaltung, django_assert_num_queries
):
    url = f"/veranstaltungen/{veranstaltung.pk}/"
    erste, zweite = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    seite = erste.get(url)
    assert seite.status_code == 200
    with django_assert_num_queries(0):  # kept page: not even the event is read again
        andere = zweite.get(url)
    html1, html2 = seite.content.decode(), andere.content.decode()
    assert gastseiten.PLATZHALTER not in html1 + html2
    assert token(html1) != token(html2)
    assert "Workshop Gemeinsamer Bauhof" in html2 and "noch 2 frei" in html2

    # each guest registers with the token of its own page; a foreign or missing token is refused
    assert zweite.post(f"{url}anmelden/", formular(token(html2), "graupner@thum.example")).status_code == 200
    assert (
        Client(enforce_csrf_checks=True).post(f"{url}anmelden/", formular("", "x@thum.example")).status_code
        == 403
    )
    assert Anmeldung._base_manager.filter(veranstaltung=veranstaltung, email="graupner@thum.example").exists()


def test_neue_belegung_erscheint_sobald_die_seite_geprueft_wird(veranstaltung, monkeypatch):
    url = f"/veranstaltungen/{veranstaltung.pk}/"
    assert "noch 2 frei" in Client().get(url).content.decode()
    mit_platz(veranstaltung, "Gisela Graupner", "graupner@thum.example", ags=THUM)
    # within the two seconds after a check the kept page is answered as it is …
    assert "noch 2 frei" in Client().get(url).content.decode()
    # … then the data decide: one seat is taken
    monkeypatch.setattr(gastseiten, "FRISCH", 0)
    cache.delete(f"rathausnetz:gastseite:veranstaltung:{veranstaltung.pk}")
    assert "noch 1 frei" in Client().get(url).content.decode()
    mit_platz(veranstaltung, "Karl Kunze", "kunze@thum.example", ags=THUM)
    html = Client().get(url).content.decode()
    assert "ausgebucht" in html and "Auf die Warteliste" in html


def test_organisatorin_und_gast_sehen_jeweils_ihre_seite(veranstaltung, dora):
    url = f"/veranstaltungen/{veranstaltung.pk}/"
    assert "Bearbeiten" not in Client().get(url).content.decode()
    verwaltung = Client()
    verwaltung.force_login(dora)
    assert "Bearbeiten" in verwaltung.get(url).content.decode()
    assert "Bearbeiten" not in Client().get(url).content.decode()


def test_entwurf_bleibt_fuer_gaeste_unsichtbar(veranstaltung):
    Veranstaltung._base_manager.filter(pk=veranstaltung.pk).update(status="entwurf")
    assert Client().get(f"/veranstaltungen/{veranstaltung.pk}/").status_code == 404
    Veranstaltung._base_manager.filter(pk=veranstaltung.pk).update(status="veroeffentlicht")
    assert Client().get(f"/veranstaltungen/{veranstaltung.pk}/").status_code == 200
