"""Acceptance in a real browser: a clean press release, a raw OCR text and a scan of our own arrive
by upload, consume folder and mail; each is processed, shows date and sender, is filed and found by
the search. The OCR text reads "Sächsischen Städte- und Gemeindetages" after correction."""

from __future__ import annotations

import os
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from rathausnetz.akten.models import Akte
from rathausnetz.akten.tests.test_browser import _anmelden
from rathausnetz.eingang.models import Eingang, Postfach
from rathausnetz.eingang.services import ablage, quellen
from rathausnetz.eingang.tests.helfer import scan_pdf
from rathausnetz.eingang.tests.imapserver import BENUTZER, PASSWORT, imap_testserver
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kontext import systemzugriff

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: written for this test, in the style of a municipal association's press release
PM_SAUBER = """# Pressemitteilung Nr. 31/25

Dresden, 3. Juni 2025

## Gemeinsame Standesämter im Erzgebirge

Der Sächsische Städte- und Gemeindetag begrüßt, dass drei Städte im Erzgebirge ihre Standesämter
zusammenlegen. Die Bürgerinnen und Bürger erreichen das gemeinsame Standesamt an allen drei Orten.

Kontakt: Pressestelle, Telefon 0351 8192-0, presse@ssg.example
"""

#: raw OCR output as Tesseract delivers it from a faint copy (our own text, typical damage)
PM_OCR = """Digital-Navigatoren aus dem Vogtland zu Gast beim Sachsischen
Stadte- und Gemeindetag

Die Mitalieder des Sachsischen Stadte- und Gemeindetages haben sich
mit den Navigatoren uber gemeinsame Lésungen fur kleine Verwaltun-
gen ausgetauscht. Der Geschéftsfuhrer begrif3t die Zusammenarbeit.

Dresden, 25. April 2025
"""

BRIEF_SCAN = """Landratsamt Vogtlandkreis
Postplatz 5, 08523 Plauen

Plauen, 14. Mai 2025

Betreff: Förderbescheid Breitbandausbau

Sehr geehrte Damen und Herren,
der Förderbescheid für den Breitbandausbau liegt bei.

Mit freundlichen Grüßen
Jana Vogel"""


def _abarbeiten(aufgaben_abarbeiten) -> None:
    while aufgaben_abarbeiten():
        pass


def _alt_machen(pfad: Path) -> None:
    alt = time.time() - 60
    os.utime(pfad, (alt, alt))


def test_upload_consume_folder_and_mail_end_searchable(
    live_server, transaktionale_grunddaten, seite, aufgaben_abarbeiten, tmp_path
):
    basis = live_server.url
    with systemzugriff("Test"):
        geyer = Organisation.objects.get(name="Stadtverwaltung Geyer")
        akte = Akte.objects.filter(organisation=geyer, status=Akte.Status.OFFEN).order_by("pk").first()

    # 1. upload in the browser: the OCR text and the scan
    (tmp_path / "pm-09-25-ocr.txt").write_text(PM_OCR, encoding="utf-8")
    (tmp_path / "foerderbescheid-scan.pdf").write_bytes(scan_pdf([BRIEF_SCAN]))
    _anmelden(seite, basis, "bob")
    seite.goto(f"{basis}/posteingang/")
    seite.get_by_label("Dateien", exact=True).set_input_files(
        [tmp_path / "pm-09-25-ocr.txt", tmp_path / "foerderbescheid-scan.pdf"]
    )
    seite.get_by_role("button", name="In den Posteingang legen").click()
    expect(seite.get_by_text("2 Dateien angenommen")).to_be_visible()
    expect(seite.get_by_role("link", name="pm-09-25-ocr.txt")).to_be_visible()

    # 2. the consume folder (Geyer's AGS) and 3. a mail with the clean press release attached
    ordner = Path(settings.EINGANG_ORDNER) / "14521210"
    ordner.mkdir(parents=True, exist_ok=True)
    (ordner / "pm-31-25.md").write_text(PM_SAUBER, encoding="utf-8")
    _alt_machen(ordner / "pm-31-25.md")
    mail = EmailMessage()
    mail["From"] = "Pressestelle SSG <presse@ssg.example>"
    mail["To"] = "poststelle@geyer.example"
    mail["Subject"] = "Pressemitteilung Nr. 31/25"
    mail["Message-ID"] = "<pm-31-25@ssg.example>"
    mail.set_content("Sehr geehrte Damen und Herren,\nanbei unsere Pressemitteilung.\n")
    mail.add_attachment(PM_SAUBER.encode(), maintype="text", subtype="markdown", filename="pm-31-25-mail.md")
    with imap_testserver() as server, systemzugriff("Test"):
        server.einliefern("INBOX", mail.as_bytes())
        Postfach.objects.create(
            organisation=geyer, bezeichnung="Poststelle", host="127.0.0.1", port=server.port,
            verschluesselung="keine", benutzer=BENUTZER, passwort=PASSWORT,
        )  # fmt: skip
        assert quellen.alle_ordner_einlesen() == 1
        assert quellen.faellige_postfaecher_abrufen() == 1
        assert server.inhalt("INBOX") == []
    assert not (ordner / "pm-31-25.md").exists()
    _abarbeiten(aufgaben_abarbeiten)

    with systemzugriff("Test"):
        eingaenge = {e.dateiname: e for e in Eingang.objects.all()}
        assert eingaenge["Pressemitteilung Nr. 31-25.eml"].kinder.count() == 1
    assert {e.status for e in eingaenge.values()} == {"fertig"}, {n: e.fehler for n, e in eingaenge.items()}
    assert eingaenge["foerderbescheid-scan.pdf"].ocr

    # the OCR text, corrected, with its date and sender suggested; filed with the keyboard
    seite.goto(f"{basis}/posteingang/{eingaenge['pm-09-25-ocr.txt'].pk}/")
    expect(seite.locator("pre.dokumenttext").first).to_contain_text("Sächsischen Städte- und Gemeindetages")
    expect(seite.locator("pre.dokumenttext").first).to_contain_text("Geschäftsführer begrüßt")
    expect(seite.get_by_label("Dokumentdatum")).to_have_value("2025-04-25")
    expect(seite.get_by_label("Absender")).to_have_value("Sächsischer Städte- und Gemeindetag e. V.")
    seite.get_by_label("Akte (Aktenzeichen)").fill(akte.aktenzeichen)
    seite.get_by_label("Betreff des neuen Vorgangs").fill("Pressemitteilungen des SSG")
    seite.locator("h1").click()  # focus off the inputs: the shortcut is for the page
    seite.keyboard.press("a")
    expect(seite.get_by_text(f"Abgelegt in {akte.aktenzeichen}")).to_be_visible()

    # the scan: date and sender from OCR
    seite.goto(f"{basis}/posteingang/{eingaenge['foerderbescheid-scan.pdf'].pk}/")
    expect(seite.get_by_label("Dokumentdatum")).to_have_value("2025-05-14")
    expect(seite.get_by_label("Absender")).to_have_value("Landratsamt Vogtlandkreis")
    seite.get_by_label("Akte (Aktenzeichen)").fill(akte.aktenzeichen)
    seite.get_by_role("button", name="Ablegen").click()
    expect(seite.get_by_text(f"Abgelegt in {akte.aktenzeichen}")).to_be_visible()

    # folder and mail: filed through the service, as the API does
    from django.contrib.auth import get_user_model

    from rathausnetz.zugang.kontext import zugriff_als
    from rathausnetz.zugang.services import zugriff_fuer

    bob = get_user_model().objects.get(username="bob")
    with zugriff_als(zugriff_fuer(bob, geyer.pk)):
        vorgang = ablage.ablegen(eingaenge["pm-31-25.md"], akte=akte, neuer_vorgang="Presse").vorgang
        ablage.ablegen(eingaenge["Pressemitteilung Nr. 31-25.eml"], vorgang=vorgang)
        assert eingaenge["pm-31-25.md"].metadaten["datum"] == "2025-06-03"
        assert eingaenge["pm-31-25.md"].metadaten["pressemitteilung_nr"] == "31/25"

    for suche, erwartet in [
        ("Geschäftsführer Navigatoren", "pm-09-25-ocr"),
        ("Förderbescheid Breitbandausbau", "Förderbescheid"),
        ("Standesämter Erzgebirge", "Gemeinsame Standesämter"),
    ]:
        seite.goto(f"{basis}/suche/?q={suche}")
        expect(seite.locator("main")).to_contain_text(erwartet)
