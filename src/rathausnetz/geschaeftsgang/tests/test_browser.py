"""Acceptance in a real browser: a clerk routes a draft Mitzeichnung → Zeichnung, the
Hauptamtsleiterin co-signs, the Bürgermeister signs, the Vorgang shows the immutable record."""

import re

import pytest
from playwright.sync_api import expect

from rathausnetz.conftest import PASSWORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _anmelden(seite, basis: str, name: str) -> None:
    seite.context.clear_cookies()
    seite.goto(f"{basis}/anmelden/")
    seite.get_by_label("Benutzername").fill(name)
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()


def _aufgabe_oeffnen(seite, basis: str, betreff: str) -> None:
    nav = seite.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name=re.compile("^Meine Aufgaben")).click()
    zeile = seite.get_by_role("row").filter(has_text=betreff)
    zeile.get_by_role("link").first.click()


def test_clerk_routes_amtsleiterin_cosigns_buergermeister_signs(
    live_server, transaktionale_grunddaten, seite
):
    from rathausnetz.akten.models import Vorgang
    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import verwaltungszugriff

    basis = live_server.url
    geyer = Organisation.objects.get(name="Stadtverwaltung Geyer")
    with verwaltungszugriff(geyer.pk, "Test"):
        vorgang = Vorgang.objects.get(betreff="Digital-Navigatorin im Rathaus")
    _anmelden(seite, basis, "bob")
    seite.goto(f"{basis}{vorgang.get_absolute_url()}")
    seite.get_by_label("Betreff der Verfügung").fill("Pressemitteilung freigeben")
    seite.get_by_label("Schrittart (Zeile 1)").select_option("mitzeichnung")
    seite.get_by_label("Empfänger (Zeile 1)").select_option(label="Alice Albrecht")
    seite.get_by_label("Schrittart (Zeile 2)").select_option("zeichnung")
    seite.get_by_label("Empfänger (Zeile 2)").select_option(label="Emil Engel")
    seite.get_by_role("button", name="Verfügung starten").click()
    expect(seite.get_by_role("status")).to_contain_text("gestartet")
    expect(seite.get_by_role("heading", name=re.compile("Pressemitteilung freigeben"))).to_be_visible()

    _anmelden(seite, basis, "alice")
    _aufgabe_oeffnen(seite, basis, "Pressemitteilung freigeben")
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Mitzeichnung")
    expect(seite.get_by_role("link", name=re.compile("^Vorschau")).first).to_be_visible()
    seite.get_by_label("Kommentar (freiwillig)").fill("Einverstanden.")
    seite.get_by_role("button", name="Mitzeichnen").click()
    expect(seite.get_by_role("status")).to_contain_text("Erledigt")

    _anmelden(seite, basis, "emil")
    _aufgabe_oeffnen(seite, basis, "Pressemitteilung freigeben")
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Zeichnung")
    seite.get_by_role("button", name="Zeichnen").click()
    expect(seite.get_by_role("status")).to_contain_text("Erledigt")

    seite.goto(f"{basis}{vorgang.get_absolute_url()}")
    verfuegung = seite.get_by_role("article").filter(has_text="Pressemitteilung freigeben")
    expect(verfuegung).to_contain_text("abgeschlossen")
    expect(verfuegung).to_contain_text("Mitzeichnung durch Alice Albrecht")
    expect(verfuegung).to_contain_text("Zeichnung (Schlusszeichnung) durch Emil Engel")
    expect(verfuegung).to_contain_text(re.compile(r"Version 1, SHA-256 [0-9a-f]{64}"))
    expect(seite.get_by_text("verfuegung.gezeichnet")).to_be_visible()
