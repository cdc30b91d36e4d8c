"""OCR post-correction: what Tesseract loses on German scans comes back, correct German stays as it is."""

from __future__ import annotations

import time

import pytest

from rathausnetz.eingang.korrektur import Korrektur, korrigieren, woerter

SAUBERER_TEXT = """\
Stadtverwaltung Ehrenfriedersdorf
Hauptamt – Sachgebiet Ordnung und Sicherheit
Aktenzeichen: 022.31/2024/0007

Sehr geehrter Herr Großmann,

wir bestätigen den Eingang Ihres Antrags vom 12. November 2024 auf Erteilung einer Erlaubnis für die
Sondernutzung öffentlicher Straßen. Die Prüfung hat ergeben, dass die geplante Aufstellung von zwei
Verkaufsständen auf dem Marktplatz grundsätzlich möglich ist. Für die Dauer des Weihnachtsmarktes
vom 29.11.2024 bis 22.12.2024 erheben wir eine Gebühr von 185,50 Euro gemäß § 4 der Satzung.

Bitte beachten Sie außerdem, dass die Zufahrt für Rettungsfahrzeuge jederzeit frei bleiben muss und
die Stände nach 22:00 Uhr nicht beleuchtet werden dürfen. Über Änderungen der Öffnungszeiten
informieren Sie uns bitte rechtzeitig. Die Maße der Stände dürfen drei mal vier Meter nicht
überschreiten; die Masse der Fahrzeuge auf dem Platz ist auf 3,5 Tonnen begrenzt.

Für Rückfragen erreichen Sie Frau Jäger unter 037341/4523-12 oder per E-Mail an
ordnungsamt@ehrenfriedersdorf.de; weitere Hinweise finden Sie unter www.ehrenfriedersdorf.de.

Mit freundlichen Grüßen
im Auftrag

Bärbel Weißflog
Sachbearbeiterin

Der Städte- und Gemeindetag (SSG) begrüßt die Entscheidung des Kreistages. Die Mitglieder des
Verbandes fördern die Zusammenarbeit über Ländergrenzen hinweg und pflegen den Austausch mit den
Kommunen in Sachsen-Anhalt. Gemeinsam wollen sie tragfähige Lösungen für die Digitalisierung der
Verwaltung entwickeln; die Geschäftsführerin lädt alle Bürgermeisterinnen und Bürgermeister am
3. Februar 2025 um 10:30 Uhr nach Dresden ein.
"""


def test_beispiele_aus_dem_auftrag() -> None:
    faelle = {
        "Sachsischen": "Sächsischen",
        "Geschéftsfuhrer": "Geschäftsführer",
        "begrif3t": "begrüßt",
        "Mitalieder": "Mitglieder",
        "Burgermeister": "Bürgermeister",
        "tragféhige": "tragfähige",
        "Lésungen": "Lösungen",
        "uber": "über",
        "fur": "für",
        "Stadte": "Städte",
    }
    for roh, erwartet in faelle.items():
        ergebnis = korrigieren(roh)
        assert ergebnis.text == erwartet, roh
        assert ergebnis.aenderungen == ((roh, erwartet),)


def test_grossschreibung_des_originals_bleibt() -> None:
    assert korrigieren("Uber Stadte fur").text == "Über Städte für"
    assert korrigieren("uber stadte").text == "über städte"


def test_satz_mit_zusammensetzungsteil() -> None:
    ergebnis = korrigieren("Die Mitalieder des Sachsischen Stadte- und Gemeindetages")
    assert ergebnis.text == "Die Mitglieder des Sächsischen Städte- und Gemeindetages"
    assert ergebnis.aenderungen == (
        ("Mitalieder", "Mitglieder"),
        ("Sachsischen", "Sächsischen"),
        ("Stadte", "Städte"),
    )


def test_silbentrennung_am_zeilenende_wird_verbunden_und_korrigiert() -> None:
    roh = "erörtert und konkrete Kooperationsmög-\nlichkeiten diskutiert. Ziel ist es,\nSynergien zu nutzen"
    ergebnis = korrigieren(roh)
    assert ergebnis.text == (
        "erörtert und konkrete Kooperationsmöglichkeiten\ndiskutiert. Ziel ist es,\nSynergien zu nutzen"
    )
    assert ergebnis.aenderungen == (("Kooperationsmög-lichkeiten", "Kooperationsmöglichkeiten"),)

    ergebnis = korrigieren("konkrete Kooperationsmég-\nlichkeiten diskutiert")
    assert ergebnis.text == "konkrete Kooperationsmöglichkeiten\ndiskutiert"
    assert ergebnis.aenderungen == (("Kooperationsmég-lichkeiten", "Kooperationsmöglichkeiten"),)


def test_rest_der_zeile_und_satzzeichen_wandern_mit() -> None:
    ergebnis = korrigieren("Delegation aus Sach-\nsen-Anhalt zu Gast\nbei den Lotsen")
    assert ergebnis.text == "Delegation aus Sachsen-Anhalt\nzu Gast\nbei den Lotsen"
    ergebnis = korrigieren("das Projekt Aktenbearbei-\ntung,\nwelches")
    assert ergebnis.text == "das Projekt Aktenbearbeitung,\nwelches"


def test_bindestrich_bleibt_vor_grossbuchstaben_und_bindewort() -> None:
    ergebnis = korrigieren("bei den Digital-\nLotsen des Verbandes")
    assert ergebnis.text == "bei den Digital-Lotsen\ndes Verbandes"
    assert ergebnis.aenderungen == ()
    roh = "das Projekt Digitale Vorgangs-\nund Aktenbearbeitung"
    assert korrigieren(roh).text == roh


def test_sauberer_text_bleibt_unveraendert() -> None:
    eigene = woerter("Ehrenfriedersdorf Großmann Jäger Bärbel Weißflog")
    ergebnis = korrigieren(SAUBERER_TEXT, eigene)
    assert ergebnis.aenderungen == ()
    assert ergebnis.text == SAUBERER_TEXT
    # without the organisation's words, too: unknown names are not „corrected“
    assert korrigieren(SAUBERER_TEXT).text == SAUBERER_TEXT


@pytest.mark.parametrize(
    "geschuetzt",
    [
        "022.31/2024/0007",
        "12. November 2024",
        "29.11.2024",
        "falk.gruber@ssg-sachsen.de",
        "burgerburo@stadt-beispiel.de",
        "https://www.stadt-beispiel.de/burgerburo",
        "www.Digital-Lotsen.de",
        "SSG",
        "IKZ",
        "0351/8192-110",
        "A4",
        "2024er",
    ],
)
def test_nummern_adressen_und_abkuerzungen_bleiben(geschuetzt: str) -> None:
    assert korrigieren(geschuetzt).text == geschuetzt


def test_eigene_woerter_entscheiden_ueber_ortsnamen() -> None:
    assert korrigieren("Lossnitz").text == "Lossnitz"
    ergebnis = korrigieren("Stadt Lossnitz", {"Lößnitz", "Ehrenfriedersdorf"})
    assert ergebnis.text == "Stadt Lößnitz"
    assert ergebnis.aenderungen == (("Lossnitz", "Lößnitz"),)
    # the pipeline passes a cached frozenset; same answer
    assert korrigieren("Lossnitz", frozenset({"Lößnitz"})).text == "Lößnitz"


def test_gueltiges_wort_wird_nie_verwechselt() -> None:
    assert korrigieren("Masse").text == "Masse"
    assert korrigieren("Masse", {"Maße"}).text == "Masse"
    for wort in ("schon", "wurde", "konnte", "Ware", "Hohe"):
        assert korrigieren(wort).text == wort


def test_unbekannter_name_bleibt() -> None:
    assert korrigieren("Ralf Leimkuhler").text == "Ralf Leimkuhler"


def test_woerter_zerlegt_namen_und_bindestriche() -> None:
    assert woerter("Grünhain-Beierfeld, Lößnitz; 632.11 Straßenbau") == {
        "Grünhain-Beierfeld",
        "Grünhain",
        "Beierfeld",
        "Lößnitz",
        "Straßenbau",
    }


def test_ergebnis_ist_unveraenderlich() -> None:
    ergebnis = korrigieren("fur")
    assert isinstance(ergebnis, Korrektur)
    with pytest.raises(AttributeError):
        ergebnis.text = "x"  # type: ignore[misc]


def test_schnell_genug_fuer_jede_seite() -> None:
    seite = (
        SAUBERER_TEXT + "\nDie Mitalieder des Sachsischen Stadte- und Gemeindetages fur Burgermeister.\n"
    ) * 2
    korrigieren(seite)  # warm-up: loads the word list
    start = time.perf_counter()
    for _ in range(5):
        korrigieren(seite)
    assert (time.perf_counter() - start) / 5 < 0.1
