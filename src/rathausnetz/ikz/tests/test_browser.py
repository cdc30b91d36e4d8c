"""Acceptance in a real browser: a clerk records a mandating Zweckvereinbarung for a shared
Standesamt of three towns, runs the § 2b check and the Umlage by population, downloads both PDFs."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from rathausnetz.akten.tests.test_browser import _anmelden
from rathausnetz.ikz.models import Kooperation, Umlage

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _pdf(seite, link_name: str) -> bytes:
    with seite.expect_download() as info:
        seite.get_by_role("link", name=link_name).click()
    pfad = info.value.path()
    with open(pfad, "rb") as datei:
        return datei.read()


def test_standesamt_ust_und_umlage_mit_pdf(live_server, transaktionale_grunddaten, seite):
    _anmelden(seite, live_server.url, "bob")
    seite.goto(f"{live_server.url}/ikz/")
    seite.get_by_role("link", name="Kooperation erfassen").click()

    seite.get_by_label("Titel").fill("Gemeinsames Standesamt Greifensteinregion")
    seite.get_by_label("Rechtsform").select_option(label="Zweckvereinbarung (mandatierend)")
    seite.get_by_label("Standesamt").check()
    seite.get_by_label("Status").select_option(label="Verhandlung")
    for i, (gemeinde, rolle) in enumerate(
        [
            ("Geyer (14521210)", "erfüllend / federführend"),
            ("Thum", "beauftragend"),
            ("Ehrenfriedersdorf", "beauftragend"),
        ]
    ):
        seite.get_by_label(f"Mitglied {i + 1}", exact=True).fill(gemeinde)
        seite.get_by_label(f"Rolle von Mitglied {i + 1}").select_option(label=rolle)
    seite.get_by_role("button", name="Kooperation erfassen").click()

    expect(seite.get_by_role("heading", level=1)).to_have_text("Gemeinsames Standesamt Greifensteinregion")
    expect(seite.get_by_text("Landratsamt Erzgebirgskreis")).to_be_visible()
    mitglieder = seite.get_by_role("region", name="Mitglieder (3)")
    expect(mitglieder.get_by_role("row")).to_have_count(5)  # head, three towns, total

    # § 2b UStG: what follows from the cooperation is pre-filled; the clerk answers the rest
    seite.get_by_role("link", name="§ 2b UStG prüfen").click()
    seite.get_by_label("Leistung", exact=True).fill(
        "Beurkundungen und Registerführung des gemeinsamen Standesamts"
    )
    for schluessel, antwort in [
        ("leistungsaustausch", "ja"),
        ("katalog_abs4", "nein"),
        ("steuerfrei_vergleichbar", "nein"),
        ("option_27_22a", "nein"),
    ]:
        seite.locator(f"#frage-{schluessel}").get_by_label(antwort, exact=True).check()
    seite.locator("#frage-umsatz_gleichartig").get_by_role("textbox").fill("48.000,00")
    expect(seite.locator("#frage-vorbehalten_abs3_nr1").get_by_label("ja", exact=True)).to_be_checked()
    expect(seite.locator("#ust-vorschau")).to_contain_text("Vorläufiges Ergebnis: nicht steuerbar")
    seite.get_by_role("button", name="Prüfen und speichern").click()

    expect(seite.get_by_role("heading", level=1)).to_have_text("Prüfung § 2b UStG: nicht steuerbar")
    vorschriften = seite.locator(".fakten dt", has_text="Vorschriften").locator(
        "xpath=following-sibling::dd[1]"
    )
    expect(vorschriften).to_contain_text("§ 2b Abs. 3 Nr. 1 UStG")
    expect(seite.get_by_text("Keine Steuerberatung").first).to_be_visible()
    assert _pdf(seite, "Als PDF herunterladen").startswith(b"%PDF")

    # Umlage by population
    seite.get_by_role("link", name="Zur Kooperation").click()
    seite.get_by_role("link", name="Umlage berechnen").click()
    seite.get_by_label("Bezeichnung").fill("Standesamt 2027")
    seite.get_by_label("Gesamtbetrag (Euro)").fill("48.000,00")
    seite.get_by_label("Verfahren").select_option(label="nach Einwohnern")
    seite.get_by_role("button", name="Berechnen und speichern").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Standesamt 2027")
    expect(seite.locator("tfoot")).to_contain_text("48.000,00 €")
    assert _pdf(seite, "Als PDF herunterladen").startswith(b"%PDF")

    k = Kooperation._base_manager.get(titel="Gemeinsames Standesamt Greifensteinregion")
    umlage = Umlage._base_manager.get(kooperation=k)
    assert sum(Decimal(z["betrag"]) for z in umlage.zeilen) == Decimal("48000.00")
