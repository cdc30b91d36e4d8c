"""Acceptance in a real browser: Dora plans a Fachveranstaltung with 120 seats; the registry's
municipalities fill it; the 121st registers as a guest and lands on the waiting list; a cancellation
promotes her; the statistics count the mayors."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from rathausnetz.akten.tests.test_browser import _anmelden
from rathausnetz.kommunen.models import Kommune
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen
from rathausnetz.veranstaltungen.tests.helfer import mit_platz
from rathausnetz.zugang.kontext import systemzugriff

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_fachveranstaltung_warteliste_nachruecken_statistik(
    live_server, transaktionale_grunddaten, seite, aufgaben_abarbeiten
):
    basis = live_server.url
    _anmelden(seite, basis, "dora")
    seite.goto(f"{basis}/veranstaltungen/neu/")
    tag = timezone.localtime() + dt.timedelta(days=40)
    seite.get_by_label("Titel").fill("Fachveranstaltung Interkommunale Zusammenarbeit 2027")
    seite.get_by_label("Art").select_option(label="Fachveranstaltung")
    seite.get_by_label("Beginn").fill(tag.strftime("%Y-%m-%dT09:30"))
    seite.get_by_label("Ende", exact=True).fill(tag.strftime("%Y-%m-%dT15:30"))
    seite.get_by_label("Ort").fill("Dresden, Haus der kommunalen Selbstverwaltung")
    seite.get_by_label("Plätze").fill("120")
    seite.get_by_label("Anmeldung bis").fill((tag - dt.timedelta(days=5)).strftime("%Y-%m-%dT23:59"))
    seite.get_by_label("Status").select_option(label="veröffentlicht")
    seite.get_by_label("Programm").fill(
        "09:30–10:00 | Begrüßung | Präsident des Verbands\n10:00 | Praxisberichte"
    )
    seite.get_by_role("button", name="Speichern").click()
    expect(seite.get_by_role("heading", level=1)).to_have_text(
        "Fachveranstaltung Interkommunale Zusammenarbeit 2027"
    )

    v = Veranstaltung._base_manager.get(titel="Fachveranstaltung Interkommunale Zusammenarbeit 2027")
    with systemzugriff("Testdaten"):
        kommunen = list(Kommune.objects.filter(land__code="14").order_by("ags")[:120])
    for i, k in enumerate(kommunen):
        rolle = "buergermeister" if i < 71 else "amtsleitung"
        mit_platz(v, f"Person {i}", f"rathaus{i}@{k.ags}.example", rolle, k.ags)
    assert anmeldungen.belegung(v).frei == 0

    # the 121st, a guest, registers and confirms through the link in her mail
    gast = seite.context.browser.new_context(locale="de-DE").new_page()
    gast.goto(f"{basis}/veranstaltungen/{v.pk}/")
    expect(gast.get_by_text("Ausgebucht – Sie können sich für die Warteliste eintragen")).to_be_visible()
    gast.get_by_label("Vor- und Nachname").fill("Hannelore Hartmann")
    gast.get_by_label("E-Mail", exact=True).fill("hartmann@lra-meissen.example")
    gast.get_by_label("oder Organisation").fill("Landratsamt Meißen")
    gast.get_by_label("Funktion", exact=True).select_option(label="Landkreis")
    gast.get_by_role("checkbox", name="Ich bin einverstanden").check()
    gast.get_by_role("button", name="Auf die Warteliste").click()
    expect(gast.get_by_role("heading", level=1)).to_contain_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    aufgaben_abarbeiten()
    bestaetigung = next(m for m in mail.outbox if m.to == ["hartmann@lra-meissen.example"])
    gast.goto(basis + re.search(r"https?://[^/\s]+(/\S+/bestaetigen/)", bestaetigung.body).group(1))
    gast.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(gast.locator("#status")).to_have_text("Warteliste")
    hartmann = Anmeldung._base_manager.get(email="hartmann@lra-meissen.example")
    assert hartmann.status == "warteliste"

    # one mayor cancels: Frau Hartmann moves up automatically and is told by mail
    absage = Anmeldung._base_manager.get(email=f"rathaus0@{kommunen[0].ags}.example")
    Anmeldung._base_manager.filter(pk=absage.pk).update(token_hash=anmeldungen._hash("absage"))
    anmeldungen.stornieren(absage.pk, "absage")
    aufgaben_abarbeiten()
    hartmann.refresh_from_db()
    assert hartmann.status == "angemeldet"
    assert any(
        m.subject.startswith("Ein Platz ist frei geworden") for m in mail.outbox if m.to == [hartmann.email]
    )

    seite.goto(f"{basis}/veranstaltungen/{v.pk}/statistik/")
    expect(seite.locator(".kennzahl-satz")).to_contain_text(
        "120 Teilnehmende, davon 70 Bürgermeisterinnen und Bürgermeister, aus 119 Städten und Gemeinden"
    )
    seite.goto(f"{basis}/veranstaltungen/{v.pk}/teilnehmende/")
    expect(seite.get_by_text("120 von 120 Plätzen vergeben, 0 auf der Warteliste.")).to_be_visible()
