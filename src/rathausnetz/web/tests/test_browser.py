"""The UI in a real headless Chromium: log in, switch organisation, search, open a map."""

import re

import pytest
from playwright.sync_api import expect

from rathausnetz.conftest import PASSWORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _anmelden(seite, basis: str, name: str) -> None:
    seite.goto(f"{basis}/anmelden/")
    seite.get_by_label("Benutzername").fill(name)
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()


def test_login_switch_search_and_map(live_server, transaktionale_grunddaten, seite, tmp_path):
    basis = live_server.url
    _anmelden(seite, basis, "alice")
    expect(seite.get_by_role("heading", level=1)).to_have_text("Guten Tag, Alice Albrecht")
    expect(seite.get_by_text("Sie arbeiten für")).to_contain_text("Stadtverwaltung Geyer")

    seite.get_by_label("Organisation").select_option(label="Verwaltungsgemeinschaft Geyer-Tannenberg")
    seite.get_by_role("button", name="Wechseln").click()
    expect(seite.get_by_role("status")).to_contain_text(
        "Sie arbeiten jetzt für Verwaltungsgemeinschaft Geyer-Tannenberg"
    )

    seite.get_by_role("link", name="Kommunen", exact=True).click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Kommunenverzeichnis")
    seite.get_by_label("Name, AGS oder PLZ").fill("Loessnitz")
    # htmx replaces the results while typing, without a page load.
    ergebnisse = seite.locator("#ergebnisse")
    expect(ergebnisse).to_contain_text("1 Kommune gefunden")
    expect(seite).to_have_url(re.compile(r"q=Loessnitz"))
    ergebnisse.get_by_role("link", name="Lößnitz").click()

    expect(seite.get_by_role("heading", level=1)).to_have_text("Lößnitz, Stadt")
    karte = seite.locator("svg.karte-land")
    expect(karte).to_be_visible()
    expect(karte.locator("path.karte-auswahl")).to_have_count(1)
    assert karte.locator("path.karte-nachbar").count() >= 3
    box = karte.bounding_box()
    assert box["width"] > 300 and box["height"] > 200
    seite.screenshot(path=str(tmp_path / "loessnitz.png"), full_page=True)
    assert (tmp_path / "loessnitz.png").stat().st_size > 20_000

    # The neighbourhood map links to the neighbours.
    seite.locator("svg.karte-umgebung a[aria-label='Aue-Bad Schlema']").click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Aue-Bad Schlema")


def test_keyboard_user_reaches_the_content_first(live_server, transaktionale_grunddaten, seite):
    seite.goto(f"{live_server.url}/kommunen/")
    seite.keyboard.press("Tab")
    sprunglink = seite.get_by_role("link", name="Zum Inhalt springen")
    expect(sprunglink).to_be_focused()
    expect(sprunglink).to_be_in_viewport()
    seite.keyboard.press("Enter")
    expect(seite.locator("main")).to_be_focused()


def test_clerk_without_admin_rights_sees_no_admin_buttons(live_server, transaktionale_grunddaten, seite):
    _anmelden(seite, live_server.url, "bob")
    navigation = seite.get_by_role("navigation", name="Hauptnavigation")
    navigation.get_by_role("link", name="Meine Organisation").click()
    expect(seite.get_by_role("heading", name="Mitglieder")).to_be_visible()
    expect(seite.get_by_role("link", name="Mitglied hinzufügen")).to_have_count(0)
    expect(navigation.get_by_role("link", name="Protokoll")).to_have_count(0)
