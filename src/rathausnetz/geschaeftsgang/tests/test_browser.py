"""Acceptance in a real browser: a clerk routes a draft Mitzeichnung → Zeichnung, the
Hauptamtsleiterin co-signs, the Bürgermeister signs, the Vorgang shows the immutable record; and
the round with a return: the Bauamt returns, the clerk corrects and resubmits, the Bauamt
co-signs and the Bürgermeister's Vertretung signs „i. V.“."""

import datetime as dt
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


def _bauamt_und_vertretung_anlegen(geyer):
    """Two colleagues the demo data lacks, created as the administration does: Bernd Bauer in the
    Bauamt (co-signs for it) and Gustav Graf, deputy mayor with the signing right (Emil's
    Vertretung). A draft of Bob's in the Bauamt's Vorgang is what the route is about."""
    from rathausnetz.akten.models import Vorgang
    from rathausnetz.akten.services import dokumente
    from rathausnetz.akten.tests.helfer import datei, pdf
    from rathausnetz.kommunen.models import Organisationseinheit
    from rathausnetz.zugang import services
    from rathausnetz.zugang.kontext import zugriff_als
    from rathausnetz.zugang.models import Benutzer
    from rathausnetz.zugang.services import zugriff_fuer

    alice, bob = Benutzer.objects.get(username="alice"), Benutzer.objects.get(username="bob")
    with zugriff_als(zugriff_fuer(alice, geyer.pk)):
        einheit = {e.kuerzel: e for e in Organisationseinheit.objects.all()}
        bernd = services.benutzer_anlegen("bernd", "bernd.bauer@geyer.example", "Bernd", "Bauer", PASSWORT)
        services.mitglied_hinzufuegen(bernd, ["sachbearbeitung"], einheit["BA"], "Sachbearbeiter Bauamt")
        gustav = services.benutzer_anlegen("gustav", "gustav.graf@geyer.example", "Gustav", "Graf", PASSWORT)
        services.mitglied_hinzufuegen(gustav, ["leitung"], einheit["HA"], "Stellvertretender Bürgermeister")
    with zugriff_als(zugriff_fuer(bob, geyer.pk)):
        vorgang = Vorgang.objects.get(betreff="Gemeindliches Einvernehmen")
        entwurf = dokumente.dokument_hochladen(
            vorgang,
            datei(pdf("Stellungnahme zur Bauvoranfrage Richter", "Entwurf. Das Einvernehmen wird erteilt.")),
            "Stellungnahme Entwurf.pdf",
            betreff="Stellungnahme zur Bauvoranfrage",
        )
    return vorgang, entwurf


def test_return_correct_resubmit_cosign_and_sign_in_vertretung(live_server, transaktionale_grunddaten, seite):
    from django.utils import timezone

    from rathausnetz.akten.models import Dokumentversion
    from rathausnetz.akten.tests.helfer import pdf
    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import verwaltungszugriff

    basis = live_server.url
    betreff = "Stellungnahme Einvernehmen Richter"
    geyer = Organisation.objects.get(name="Stadtverwaltung Geyer")
    vorgang, entwurf = _bauamt_und_vertretung_anlegen(geyer)

    # Bob routes his draft: Mitzeichnung by the Bauamt, then Zeichnung by the Bürgermeister
    _anmelden(seite, basis, "bob")
    seite.goto(f"{basis}{vorgang.get_absolute_url()}")
    seite.get_by_label("Betreff der Verfügung").fill(betreff)
    seite.get_by_label("bezogen auf").select_option(label=entwurf.betreff)
    seite.get_by_label("Schrittart (Zeile 1)").select_option("mitzeichnung")
    seite.get_by_label("Empfänger (Zeile 1)").select_option(label="BA – Bauamt")
    seite.get_by_label("Schrittart (Zeile 2)").select_option("zeichnung")
    seite.get_by_label("Empfänger (Zeile 2)").select_option(label="Emil Engel")
    seite.get_by_role("button", name="Verfügung starten").click()
    expect(seite.get_by_role("status")).to_contain_text("gestartet")

    # the Bauamt returns it once, with a comment
    _anmelden(seite, basis, "bernd")
    _aufgabe_oeffnen(seite, basis, betreff)
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Mitzeichnung")
    seite.get_by_label("Begründung der Rückgabe").fill("Die Zufahrt über den Weg ist nicht gesichert.")
    seite.get_by_role("button", name="Zurückgeben").click()
    expect(seite.get_by_role("status")).to_contain_text("Zurückgegeben")

    # Bob finds the Rücklauf, uploads a corrected version 2 and resubmits
    _anmelden(seite, basis, "bob")
    _aufgabe_oeffnen(seite, basis, betreff)
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Rücklauf")
    expect(seite.get_by_text("Die Zufahrt über den Weg ist nicht gesichert.").first).to_be_visible()
    expect(seite.locator("#erneut-hinweis")).to_contain_text("„Stellungnahme zur Bauvoranfrage“ Version 1")
    seite.get_by_role("link", name=entwurf.betreff, exact=True).click()
    seite.get_by_label("Neue Version").set_input_files(
        {
            "name": "Stellungnahme korrigiert.pdf",
            "mimeType": "application/pdf",
            "buffer": pdf(
                "Stellungnahme zur Bauvoranfrage Richter", "Die Zufahrt ist durch Baulast gesichert."
            ),
        }
    )
    seite.get_by_role("button", name="Version ablegen").click()
    expect(seite.get_by_role("status")).to_contain_text("Version 2 abgelegt")
    _aufgabe_oeffnen(seite, basis, betreff)
    expect(seite.locator("#erneut-hinweis")).to_contain_text("„Stellungnahme zur Bauvoranfrage“ Version 2")
    expect(seite.locator("#erneut-hinweis")).to_contain_text("1. Mitzeichnung – BA – Bauamt")
    seite.get_by_label("Was wurde korrigiert? (freiwillig)").fill("Zufahrt über Baulast ergänzt.")
    seite.get_by_role("button", name="Erneut vorlegen").click()
    expect(seite.get_by_role("status")).to_contain_text("Erneut vorgelegt")

    # the Bauamt co-signs the corrected version
    _anmelden(seite, basis, "bernd")
    _aufgabe_oeffnen(seite, basis, betreff)
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Mitzeichnung")
    vorlage_hinweis = seite.locator("p", has_text="Erneute Vorlage")
    expect(vorlage_hinweis).to_contain_text("zurückgegeben von Bernd Bauer")
    expect(vorlage_hinweis).to_contain_text("Zufahrt über Baulast ergänzt.")
    expect(seite.get_by_text("Version 2").first).to_be_visible()
    seite.get_by_role("button", name="Mitzeichnen").click()
    expect(seite.get_by_role("status")).to_contain_text("Erledigt")

    # the Bürgermeister is absent today: Gustav Graf substitutes him
    heute = timezone.localdate()
    _anmelden(seite, basis, "emil")
    seite.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name=re.compile("^Meine Aufgaben")
    ).click()
    seite.get_by_role("link", name="Vertretung und E-Mail").click()
    seite.get_by_label("Vertretung durch").select_option(label="Gustav Graf")
    seite.get_by_label("von", exact=True).fill(heute.isoformat())
    seite.get_by_label("bis", exact=True).fill((heute + dt.timedelta(days=7)).isoformat())
    seite.get_by_role("button", name="Vertretung einrichten").click()
    expect(seite.get_by_role("status")).to_contain_text("Vertretung ist eingerichtet")
    expect(seite.get_by_text("Gustav Graf vertritt Sie")).to_be_visible()

    _anmelden(seite, basis, "gustav")
    _aufgabe_oeffnen(seite, basis, betreff)
    expect(seite.get_by_role("heading", level=1)).to_contain_text("Zeichnung")
    expect(seite.get_by_text("Sie handeln in Vertretung für Emil Engel (i. V.)")).to_be_visible()
    seite.get_by_role("button", name="Zeichnen").click()
    expect(seite.get_by_role("status")).to_contain_text("Erledigt")

    # the record: the returned route, and the resubmitted one signed on version 2 „i. V.“
    with verwaltungszugriff(geyer.pk, "Test"):
        version = Dokumentversion.objects.get(dokument=entwurf, nummer=2)
    _anmelden(seite, basis, "bob")
    seite.goto(f"{basis}{vorgang.get_absolute_url()}")
    artikel = seite.get_by_role("article").filter(has_text=betreff)
    zurueckgegeben = artikel.filter(has_text="erneut vorgelegt am")
    expect(zurueckgegeben).to_contain_text("zurückgegeben")
    expect(zurueckgegeben).to_contain_text("Die Zufahrt über den Weg ist nicht gesichert.")
    neu = artikel.filter(has_text="erneute Vorlage von")
    expect(neu).to_contain_text("abgeschlossen")
    expect(neu).to_contain_text("Mitzeichnung durch Bernd Bauer")
    expect(neu).to_contain_text("Zeichnung (Schlusszeichnung) durch i. V. Gustav Graf (für Emil Engel)")
    expect(neu).to_contain_text(f"„Stellungnahme zur Bauvoranfrage“, Version 2, SHA-256 {version.datei_id}")
    expect(neu).not_to_contain_text("Version 1")
    expect(seite.get_by_text("verfuegung.erneut_vorgelegt")).to_be_visible()
