"""Acceptance in a real browser.

1. A Digital-Lotsin enrols a Navigatorin, records attendance and determines completion; the
   Navigatorin downloads her certificate, and its code verifies on the public page (a wrong code
   is refused in plain German).
2. A municipality fills the Reifegradcheck twice and sees its progress and recommendations.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from rathausnetz.akten.tests.test_browser import _anmelden
from rathausnetz.netzwerk.models import Reifegradcheck
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _abmelden(seite) -> None:
    seite.get_by_role("button", name="Abmelden").click()


def _als_geyer(seite) -> None:
    """Alice belongs to Geyer and to the Verwaltungsgemeinschaft: act for the town."""
    wahl = seite.get_by_label("Organisation", exact=True)
    if wahl.count() and wahl.input_value() != str(_geyer_id()):
        wahl.select_option(label="Stadtverwaltung Geyer")
        seite.get_by_role("button", name="Wechseln").click()


def _geyer_id() -> int:
    from rathausnetz.kommunen.models import Organisation

    return Organisation.objects.get(name="Stadtverwaltung Geyer").pk


def test_navigatorin_schliesst_ab_und_ihr_zertifikat_ist_oeffentlich_pruefbar(
    live_server, transaktionale_grunddaten, seite, durchgang, navigatorin
):
    basis = live_server.url
    # The Lotsin runs the cohort.
    _anmelden(seite, basis, "lotte")
    seite.goto(f"{basis}/netzwerk/kurse/")
    seite.get_by_role("link", name="Praxiskurs E-Akte im Hauptamt").click()
    seite.get_by_role("link", name="Frühjahr 2026, Annaberg-Buchholz").click()
    seite.get_by_label("Navigator/in", exact=True).select_option(label="Alice Albrecht (Geyer)")
    seite.get_by_role("button", name="Einschreiben").click()
    expect(
        seite.get_by_text("Alice Albrecht ist in „Frühjahr 2026, Annaberg-Buchholz“ eingeschrieben.")
    ).to_be_visible()
    for i in range(4):
        seite.get_by_role("link", name="Anwesenheit erfassen").nth(i).click()
        seite.get_by_label("Alice Albrecht (Geyer)").check()
        seite.get_by_role("button", name="Anwesenheit speichern").click()
        expect(seite.get_by_text("Anwesenheit gespeichert: 1 von 1 anwesend.")).to_be_visible()
    expect(seite.get_by_role("row", name=re.compile("Alice Albrecht"))).to_contain_text("Abschluss möglich")
    seite.get_by_role("button", name="Abschlüsse feststellen und Zertifikate ausstellen").click()
    expect(
        seite.get_by_text("Abschluss festgestellt und Zertifikat ausgestellt für Alice Albrecht")
    ).to_be_visible()
    _abmelden(seite)

    # The Navigatorin downloads her certificate.
    _anmelden(seite, basis, "alice")
    _als_geyer(seite)
    seite.goto(f"{basis}/netzwerk/")
    seite.get_by_role("link", name="Unsere Qualifizierung").click()
    eintrag = seite.get_by_role("region", name="Alice Albrecht (Sie)")
    expect(eintrag).to_contain_text("abgeschlossen am")
    expect(eintrag).to_contain_text("ausgebildet")
    with seite.expect_download() as info:
        eintrag.get_by_role("row", name=re.compile("Praxiskurs E-Akte")).get_by_role(
            "link", name="Zertifikat als PDF"
        ).click()
    with open(info.value.path(), "rb") as datei:
        inhalt = datei.read()
    assert inhalt.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(inhalt)).pages[0].extract_text()
    assert "Alice Albrecht" in text and "Praxiskurs E-Akte im Hauptamt" in text
    code = re.search(r"Prüfcode:?\s*([2-9A-Z]{5}-[2-9A-Z]{5})", text).group(1)
    _abmelden(seite)

    # Anyone can verify it: the public page confirms name, course and date.
    seite.goto(f"{basis}/netzwerk/")
    seite.get_by_role("link", name="Zertifikat prüfen").first.click()
    seite.get_by_label("Prüfcode").fill(code.lower().replace("-", " "))
    seite.get_by_role("button", name="Prüfen").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Zertifikat bestätigt")
    fakten = seite.locator("dl.fakten")
    expect(fakten).to_contain_text("Alice Albrecht")
    expect(fakten).to_contain_text("Praxiskurs E-Akte im Hauptamt")
    expect(fakten).to_contain_text("Geyer")

    # A wrong code: a clear German answer, no details of any certificate.
    falsch = "ZZZZZ-ZZZZZ" if code != "ZZZZZ-ZZZZZ" else "YYYYY-YYYYY"
    antwort = seite.goto(f"{basis}/netzwerk/zertifikat/{falsch}/")
    assert antwort.status == 404
    expect(seite.get_by_role("heading", level=1)).to_have_text("Zertifikat nicht gefunden")
    expect(seite.get_by_text(f"Ein Zertifikat mit dem Prüfcode „{falsch}“ gibt es nicht.")).to_be_visible()
    expect(seite.locator("main")).not_to_contain_text("Alice")


def _ausfuellen(seite, werte: dict[str, int], auslassen: str = "") -> None:
    for dimension in AKTUELL.dimensionen:
        for frage in dimension.fragen:
            if frage.code != auslassen:
                seite.locator(f"#frage-{frage.code} input[value='{werte[dimension.code]}']").check()


def test_kommune_fuellt_den_reifegradcheck_zweimal_aus_und_sieht_ihren_fortschritt(
    live_server, transaktionale_grunddaten, seite
):
    basis = live_server.url
    anfang = {
        "strategie": 2,
        "organisation": 2,
        "eakte": 1,
        "onlinedienste": 2,
        "it_sicherheit": 2,
        "kompetenzen": 1,
        "zusammenarbeit": 2,
    }
    _anmelden(seite, basis, "alice")
    _als_geyer(seite)
    seite.goto(f"{basis}/netzwerk/")
    seite.get_by_role("link", name="Zum Reifegradcheck").click()
    seite.get_by_role("link", name="Reifegradcheck ausfüllen").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Reifegradcheck ausfüllen: Geyer")

    # One question forgotten: German message, nothing stored, the other answers kept.
    vergessen = AKTUELL.dimension("eakte").fragen[1]
    _ausfuellen(seite, anfang, auslassen=vergessen.code)
    seite.get_by_role("button", name="Auswerten und speichern").click()
    expect(seite.get_by_text("1 von 30 Fragen sind noch nicht beantwortet.")).to_be_visible()
    expect(seite.locator(f"#frage-{vergessen.code}")).to_contain_text("Bitte beantworten Sie diese Frage.")
    expect(seite.locator(f"#frage-{AKTUELL.fragen[0].code} input[value='2']")).to_be_checked()
    seite.locator(f"#frage-{vergessen.code} input[value='1']").check()
    seite.get_by_role("button", name="Auswerten und speichern").click()

    expect(seite.get_by_role("heading", level=1)).to_have_text("Reifegrad von Geyer: 43 von 100")
    expect(seite.locator("svg.radar")).to_be_visible()
    expect(seite.locator("svg.radar title").first).to_have_text("Reifegrad von Geyer je Dimension")
    empfehlungen = seite.get_by_role("region", name="Empfehlungen")
    expect(empfehlungen.get_by_role("heading", name="E-Akte: 25 von 100")).to_be_visible()
    expect(empfehlungen.get_by_role("heading", name="Kompetenzen: 25 von 100")).to_be_visible()
    expect(empfehlungen.get_by_role("link", name="Kommunaler Ausbildungsverbund")).to_be_visible()
    expect(seite.get_by_text("Ein Vergleich mit dem Durchschnitt ist noch nicht möglich")).to_be_visible()

    # A year of work later: the second check shows the progress.
    seite.get_by_role("link", name="Reifegradcheck erneut ausfüllen").click()
    spaeter = anfang | {"eakte": 3, "kompetenzen": 3}
    _ausfuellen(seite, spaeter)
    seite.get_by_role("button", name="Auswerten und speichern").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Reifegrad von Geyer: 57 von 100")
    expect(seite.get_by_text("Gesamtwert vorher 43, jetzt 57")).to_be_visible()
    werte = seite.locator("table.reifegrad-werte")
    expect(werte.get_by_role("row", name=re.compile("^E-Akte"))).to_contain_text("+50")
    expect(werte.get_by_role("row", name=re.compile("^Kompetenzen"))).to_contain_text("+50")
    expect(werte.get_by_role("row", name=re.compile("^Strategie"))).to_contain_text("±0")
    expect(seite.locator("svg.radar .radar-vorher polygon")).to_have_count(1)
    empfehlungen = seite.get_by_role("region", name="Empfehlungen")
    expect(empfehlungen).not_to_contain_text("Kompetenzen: ")
    expect(
        empfehlungen.get_by_role("heading", name=re.compile(r"^Ihr nächster Schritt: .+ \(50 von 100\)$"))
    ).to_be_visible()
    verlauf = seite.get_by_role("region", name="Verlauf")
    expect(verlauf).to_contain_text("(dieser)")
    assert (
        Reifegradcheck._base_manager.filter(kommune__ags="14521210", erstellt_von__username="alice").count()
        >= 2
    )
