"""Metadata extraction on letters, press releases and e-mails as they reach a small town hall.

The fixtures were written for these tests (names, numbers and addresses are invented).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rathausnetz.eingang.metadaten import Metadaten, extrahieren, falten

HEUTE = dt.date(2024, 12, 1)

LANDRATSAMT = """Landratsamt Erzgebirgskreis · Paulus-Jenisius-Straße 24 · 09456 Annaberg-Buchholz

Stadtverwaltung Geyer
Bauamt
Altmarkt 1
09468 Geyer

Ihr Zeichen: 610-0012/2024        Unser Zeichen: BA-63.2/1187/24
Ihre Nachricht vom 05.10.2024

Bearbeiterin: Frau Katrin Weißbach
Telefon: (03733) 831-2417
E-Mail: katrin.weissbach@kreis-erz.example

Annaberg-Buchholz, 12. November 2024

Betreff: Bauvoranfrage Einfamilienhaus Thumer Straße 21, Flurstück 412/7
hier: Anhörung zum gemeindlichen Einvernehmen

Sehr geehrte Damen und Herren,

mit Schreiben vom 05.10.2024 haben Sie uns die Unterlagen übersandt. Wir bitten um Ihre
Stellungnahme bis zum 30.11.2024. Die Sitzung des Technischen Ausschusses am 21.11.2024 kann
dafür genutzt werden.

Mit freundlichen Grüßen
im Auftrag

Jens Oehme
Sachgebietsleiter Bauaufsicht
"""

SSG_PRESSE = """Sächsischer Städte- und Gemeindetag e.V.
Glacisstraße 3 · 01099 Dresden

Pressemitteilung Nr. 23/24

Dresden, 12. November 2024

Kommunen fordern verlässliche Finanzierung der Kindertagesbetreuung

Der Sächsische Städte- und Gemeindetag hat am 11. November 2024 in seinem Präsidium über die
Elternbeiträge beraten. Die Gemeinden tragen seit dem 1. Januar 2023 steigende Kosten.

Ansprechpartner: Dr. Tobias Lindner, Pressesprecher
Tel.: +49 (0)351 81 92-0
presse@ssg-sachsen.example
"""

EMAIL = """Von: Maria Schneider <m.schneider@ehrenfriedersdorf.example>
Gesendet: Dienstag, 3. Dezember 2024 09:14
An: poststelle@geyer.example
Betreff: AW: Zweckvereinbarung Gemeindevollzugsdienst – Entwurf

Hallo Frau Albrecht,

vielen Dank für den Entwurf. Wir schicken die Anmerkungen bis spätestens 15.12.2024.

Viele Grüße
Maria Schneider
Bürgermeisterin
Stadtverwaltung Ehrenfriedersdorf
Markt 1, 09427 Ehrenfriedersdorf
Tel. 037341 / 45-0
"""

OCR_BRIEF = """Gemeindeverwaltung Tannenberg
Hauptstrafie 12
09468 Tannenberg

Datum: 1.3.2025
Az.: 022.31/2024/0007

Einstellung einer Sachbearbeiterin fur das Burgerburo

Sehr geehrte Frau Kraus,

wir freuen uns, Ihnen mitteilen zu konnen, dass der Gemeinderat lhrer Einstellung zum
01.04.2025 zugestimmt hat. Bitte reichen Sie die Unterlagen bis zum 20.03.2025 ein.

Mit freundlichen GriiBen

Sabine Lorenz
Burgermeisterin
"""


def test_letter_of_a_landratsamt():
    meta = extrahieren(LANDRATSAMT, heute=HEUTE)
    assert meta.datum == dt.date(2024, 11, 12)
    assert meta.ort == "Annaberg-Buchholz"
    assert meta.datum_fundstelle == "Annaberg-Buchholz, 12. November 2024"
    assert meta.absender_organisation == "Landratsamt Erzgebirgskreis"
    assert meta.absender_person == "Jens Oehme"
    assert meta.telefon == ("03733 831-2417",)
    assert meta.emails == ("katrin.weissbach@kreis-erz.example",)
    assert meta.aktenzeichen == ("610-0012/2024", "BA-63.2/1187/24")
    assert meta.betreff == "Bauvoranfrage Einfamilienhaus Thumer Straße 21, Flurstück 412/7"
    assert meta.pressemitteilung_nr == ""


def test_press_release_of_the_staedte_und_gemeindetag():
    meta = extrahieren(SSG_PRESSE, heute=HEUTE)
    assert meta.pressemitteilung_nr == "23/24"
    assert meta.datum == dt.date(2024, 11, 12)
    assert meta.datum_fundstelle == "Dresden, 12. November 2024"
    assert meta.ort == "Dresden"
    assert meta.absender_organisation == "Sächsischer Städte- und Gemeindetag e.V."
    assert meta.absender_person == "Dr. Tobias Lindner"
    assert meta.telefon == ("+49 351 81 92-0",)
    assert meta.emails == ("presse@ssg-sachsen.example",)
    assert meta.betreff == "Kommunen fordern verlässliche Finanzierung der Kindertagesbetreuung"


def test_email_with_header_and_signature():
    meta = extrahieren(EMAIL, heute=HEUTE)
    assert meta.datum == dt.date(2024, 12, 3)  # "Gesendet:", not the deadline in the text
    assert meta.absender_person == "Maria Schneider"
    assert meta.absender_organisation == "Stadtverwaltung Ehrenfriedersdorf"
    assert meta.emails == ("m.schneider@ehrenfriedersdorf.example", "poststelle@geyer.example")
    assert meta.telefon == ("037341 45-0",)
    assert meta.betreff == "AW: Zweckvereinbarung Gemeindevollzugsdienst – Entwurf"


def test_ocr_damaged_letter():
    meta = extrahieren(OCR_BRIEF, heute=dt.date(2025, 3, 5))
    assert meta.datum == dt.date(2025, 3, 1)
    assert meta.datum_fundstelle == "Datum: 1.3.2025"
    assert meta.ort == ""
    assert meta.absender_organisation == "Gemeindeverwaltung Tannenberg"
    assert meta.absender_person == "Sabine Lorenz"
    assert meta.aktenzeichen == ("022.31/2024/0007",)
    assert meta.betreff == "Einstellung einer Sachbearbeiterin fur das Burgerburo"


def test_text_without_metadata_is_empty_not_an_error():
    leer = Metadaten()
    assert extrahieren("", heute=HEUTE) == leer
    assert extrahieren("   \n\n", heute=HEUTE) == leer
    assert extrahieren("die katze liegt auf der fensterbank und schläft.\n", heute=HEUTE) == leer
    assert extrahieren("1234 5678 ### ... §§ 99.99.9999", heute=HEUTE) == leer


@pytest.mark.parametrize(
    ("zeile", "erwartet"),
    [
        ("Geyer, 3. November 2024", dt.date(2024, 11, 3)),
        ("Geyer, den 03.11.2024", dt.date(2024, 11, 3)),
        ("Thum, 3.11.24", dt.date(2024, 11, 3)),
        ("Zwönitz, 12. Nov. 2024", dt.date(2024, 11, 12)),
        ("Elterlein, 4. Marz 2024", dt.date(2024, 3, 4)),
        ("Elterlein, 4. Mérz 2024", dt.date(2024, 3, 4)),
        ("Datum: 1.3.2024", dt.date(2024, 3, 1)),
        ("Date: Tue, 12 Nov 2024 10:15:00 +0100", dt.date(2024, 11, 12)),
        ("Stand 2024-06-30", dt.date(2024, 6, 30)),
    ],
)
def test_date_formats(zeile, erwartet):
    assert extrahieren(f"Stadtverwaltung Geyer\n\n{zeile}\n\nText.", heute=HEUTE).datum == erwartet


def test_invalid_and_future_dates_are_ignored():
    assert extrahieren("Geyer, 31.02.2024", heute=HEUTE).datum is None
    assert extrahieren("Geyer, 31.12.2025", heute=HEUTE).datum is None
    # a week ahead is tolerated (letter dated for Monday's post)
    assert extrahieren("Geyer, 05.12.2024", heute=HEUTE).datum == dt.date(2024, 12, 5)


def test_reference_dates_only_when_nothing_better_exists():
    text = "Ihr Schreiben vom 02.09.2024\n\nGeyer, 10.09.2024\n\nBitte antworten Sie bis zum 30.09.2024."
    assert extrahieren(text, heute=HEUTE).datum == dt.date(2024, 9, 10)
    assert extrahieren("Ihr Schreiben vom 02.09.2024", heute=HEUTE).datum == dt.date(2024, 9, 2)
    # a deadline alone is never the document's date
    assert extrahieren("Bitte antworten Sie bis zum 30.09.2024.", heute=HEUTE).datum is None


def test_reference_header_with_values_in_the_row_below():
    text = (
        "Landesdirektion Sachsen\n\n"
        "Ihr Zeichen        Unser Zeichen        Datum\n"
        "015.2-0003/2024    32-2217/11/24        18.11.2024\n\n"
        "Genehmigung der Zweckvereinbarung\n\nSehr geehrter Herr Engel,\n"
    )
    meta = extrahieren(text, heute=HEUTE)
    assert meta.aktenzeichen == ("015.2-0003/2024", "32-2217/11/24")
    assert meta.datum == dt.date(2024, 11, 18)
    assert meta.absender_organisation == "Landesdirektion Sachsen"
    assert meta.betreff == "Genehmigung der Zweckvereinbarung"


def test_private_sender_line_does_not_make_the_recipient_the_sender():
    text = (
        "Familie Richter · Thumer Straße 19 · 09468 Geyer\n"
        "Stadtverwaltung Geyer\nBauamt\nAltmarkt 1\n09468 Geyer\n\n"
        "Geyer, 3. November 2024\n\nBetreff: Bauvoranfrage\n\nSehr geehrte Damen und Herren,\n"
        "wir bitten um Auskunft.\n\nMit freundlichen Grüßen\nSabine und Thomas Richter\n"
    )
    meta = extrahieren(text, heute=HEUTE)
    assert meta.absender_organisation == ""
    assert meta.absender_person == "Sabine und Thomas Richter"


def test_press_number_needs_a_press_release():
    protokoll = "Niederschrift der Sitzung des Gemeinderats\nBeschluss Nr. 12/2024\n"
    assert extrahieren(protokoll, heute=HEUTE).pressemitteilung_nr == ""
    assert extrahieren("Presseinformation\nNr. 7/2024\n", heute=HEUTE).pressemitteilung_nr == "7/2024"


def test_als_dict_is_json_ready():
    daten = extrahieren(SSG_PRESSE, heute=HEUTE).als_dict()
    wieder = json.loads(json.dumps(daten))
    assert wieder["datum"] == "2024-11-12"
    assert wieder["telefon"] == ["+49 351 81 92-0"]
    assert Metadaten().als_dict()["datum"] is None


def test_falten_keeps_length():
    assert falten("Straße Größe") == "strase grose"
    assert len(falten(SSG_PRESSE)) == len(SSG_PRESSE)
