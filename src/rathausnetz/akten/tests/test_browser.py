"""Acceptance in a real browser: a clerk works a case from file plan to disposal date."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rathausnetz.akten.tests.helfer import pdf
from rathausnetz.conftest import PASSWORT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _anmelden(seite, basis: str, name: str) -> None:
    seite.goto(f"{basis}/anmelden/")
    seite.get_by_label("Benutzername").fill(name)
    seite.get_by_label("Passwort").fill(PASSWORT)
    seite.get_by_role("button", name="Anmelden").click()


def test_clerk_files_closes_and_sees_the_disposal_date(
    live_server, transaktionale_grunddaten, seite, tmp_path
):
    basis = live_server.url
    jahr = timezone.localdate().year
    for name in ("Antrag", "Lebenslauf"):
        (tmp_path / f"{name}.pdf").write_bytes(pdf(f"{name} Standesbeamtin"))
    _anmelden(seite, basis, "bob")
    seite.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Akten").click()
    seite.get_by_role("navigation", name="Aktenplan").get_by_role(
        "link", name=re.compile(r"^022\.31 ")
    ).click()
    seite.get_by_role("link", name="Neue Akte").click()
    expect(seite.get_by_label("Aktenplaneintrag")).to_have_value(re.compile(r"\d+"))
    seite.get_by_label("Titel").fill("Einstellung Standesbeamtin")
    seite.get_by_role("button", name="Akte anlegen").click()
    expect(seite.get_by_role("heading", level=1)).to_contain_text(f"022.31-0001/{jahr}")

    seite.get_by_label("Betreff").fill("Auswahlverfahren")
    seite.get_by_role("button", name="Vorgang anlegen").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text("Auswahlverfahren")
    seite.get_by_label("Dateien").set_input_files([tmp_path / "Antrag.pdf", tmp_path / "Lebenslauf.pdf"])
    seite.get_by_role("button", name="Hochladen").click()
    expect(seite.get_by_role("status")).to_contain_text("2 Dokument(e) abgelegt")

    seite.get_by_label("fällig am").fill((timezone.localdate() + dt.timedelta(days=3)).isoformat())
    seite.get_by_label("Notiz").fill("Zusage abwarten")
    seite.get_by_role("button", name="Wiedervorlage setzen").click()
    expect(seite.get_by_role("status")).to_contain_text("Wiedervorlage am")

    seite.get_by_role("link", name="Antrag", exact=True).click()
    vorschau = seite.get_by_role("img", name=re.compile("Vorschau der ersten Seite"))
    expect(vorschau).to_be_visible()
    # the thumbnail is rendered on first request: wait until the browser has loaded it
    seite.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=vorschau.element_handle())
    seite.go_back()

    seite.get_by_role("button", name="zdA – Vorgang abschließen").click()
    expect(seite.get_by_role("status")).to_contain_text("ist zdA")
    seite.get_by_role("link", name=f"022.31-0001/{jahr} Einstellung Standesbeamtin").click()
    seite.get_by_role("button", name="Akte schließen").click()
    expect(seite.get_by_role("status")).to_contain_text(f"Aussonderung ab 31.12.{jahr + 10}")
    expect(seite.get_by_text("akte.geschlossen")).to_be_visible()


def test_other_municipality_gets_404(live_server, transaktionale_grunddaten, seite):
    from rathausnetz.akten.models import Aktenplaneintrag
    from rathausnetz.akten.services.akten import akte_anlegen
    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import verwaltungszugriff

    geyer = Organisation.objects.get(name="Stadtverwaltung Geyer")
    with verwaltungszugriff(geyer.pk, "Test"):
        akte = akte_anlegen(Aktenplaneintrag.objects.get(kennzeichen="610"), "Bauantrag Grenzweg")
    _anmelden(seite, live_server.url, "charlie")
    antwort = seite.goto(f"{live_server.url}/akten/{akte.pk}/")
    assert antwort.status == 404
    expect(seite.get_by_role("heading", level=1)).to_have_text("Seite nicht gefunden")
