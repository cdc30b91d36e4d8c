"""Tests of the Umlageschlüssel calculator (no database: run with ``-p no:django``).

The figures are Erzgebirge municipalities with real-looking populations; what matters is that the
amounts are exact to the cent, add up to the total and that a clerk gets every problem explained.
"""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from rathausnetz.ikz.services.umlage import (
    Beteiligter,
    Umlageergebnis,
    UmlageFehler,
    Verfahren,
    als_csv,
    berechnen,
    betrag_parsen,
    euro,
)

D = Decimal

GEYER = Beteiligter("14521210", "Geyer", einwohner=3455)
TANNENBERG = Beteiligter("14521600", "Tannenberg", einwohner=1145)
EHRENFRIEDERSDORF = Beteiligter("14521160", "Ehrenfriedersdorf", einwohner=4600)
THUM = Beteiligter("14521620", "Thum", einwohner=5102)
DREBACH = Beteiligter("14521150", "Drebach", einwohner=4980)
GELENAU = Beteiligter("14521200", "Gelenau/Erzgeb.", einwohner=4123)
JOEHSTADT = Beteiligter("14521330", "Jöhstadt", einwohner=2760)

VERWALTUNGSVERBAND = [GEYER, TANNENBERG, EHRENFRIEDERSDORF]
SIEBEN = [GEYER, TANNENBERG, EHRENFRIEDERSDORF, THUM, DREBACH, GELENAU, JOEHSTADT]


def betraege(ergebnis: Umlageergebnis) -> dict[str, Decimal]:
    return {z.name: z.betrag for z in ergebnis.zeilen}


def fehler_von(*args, **kwargs) -> dict[str, str]:
    with pytest.raises(UmlageFehler) as info:
        berechnen(*args, **kwargs)
    return info.value.fehler


# --- Verfahren ----------------------------------------------------------------------------------------


def test_verfahren_hat_deutsche_bezeichnungen_und_stabile_werte():
    assert [(v.value, v.label) for v in Verfahren] == [
        ("einwohner", "nach Einwohnern"),
        ("fallzahlen", "nach Fallzahlen"),
        ("prozent", "feste Prozentsätze"),
        ("sockel", "Sockelbetrag + variabler Anteil"),
    ]
    assert Verfahren("sockel") is Verfahren.SOCKEL
    assert Verfahren.auswahl()[1] == ("fallzahlen", "nach Fallzahlen")


# --- einwohner ----------------------------------------------------------------------------------------


def test_einwohner_verteilt_nach_bevoelkerung_und_gibt_den_restcent_dem_groessten_rest():
    # exact: Geyer 4.506,521739…, Tannenberg 1.493,478260…, Ehrenfriedersdorf 6.000 — the one missing
    # cent goes to Tannenberg, whose remainder (0,83 ct) is larger than Geyer's (0,17 ct)
    ergebnis = berechnen(D("12000.00"), Verfahren.EINWOHNER, VERWALTUNGSVERBAND)

    assert betraege(ergebnis) == {
        "Geyer": D("4506.52"),
        "Tannenberg": D("1493.48"),
        "Ehrenfriedersdorf": D("6000.00"),
    }
    geyer = ergebnis.zeilen[0]
    assert geyer.basiswert == D(3455)
    assert geyer.anteil == D("0.375543")  # 3455 / 9200
    assert geyer.sockelbetrag == D("0.00")
    assert geyer.variabler_betrag == geyer.betrag
    assert ergebnis.verfahren is Verfahren.EINWOHNER
    assert ergebnis.sockel_prozent is None and ergebnis.variable_basis is None


def test_hundert_euro_auf_drei_gleiche_beteiligte():
    gleich = [replace(b, einwohner=1000) for b in (EHRENFRIEDERSDORF, GEYER, TANNENBERG)]

    ergebnis = berechnen(D("100.00"), "einwohner", gleich)

    assert [z.betrag for z in ergebnis.zeilen] == [D("33.34"), D("33.33"), D("33.33")]
    assert all(z.anteil == D("0.333333") for z in ergebnis.zeilen)


def test_reihenfolge_der_eingabe_aendert_nichts_am_ergebnis():
    """Equal remainders are decided by key, not by who was typed in first; rows keep input order."""
    gleich = [replace(b, einwohner=1000) for b in (TANNENBERG, GEYER, EHRENFRIEDERSDORF)]

    ergebnis = berechnen(D("100.00"), "einwohner", gleich)

    assert [z.name for z in ergebnis.zeilen] == ["Tannenberg", "Geyer", "Ehrenfriedersdorf"]
    assert betraege(ergebnis)["Ehrenfriedersdorf"] == D("33.34")  # smallest key 14521160
    assert betraege(ergebnis)["Tannenberg"] == D("33.33")


def test_bei_gleichem_rest_bekommt_der_groessere_beteiligte_den_cent():
    # 2 ct by 1 : 3 → exact 0,5 ct and 1,5 ct: equal remainders, so the larger basis wins,
    # although its key sorts last
    klein = Beteiligter("14521010", "Amtsberg", einwohner=1000)
    gross = Beteiligter("14521990", "Zwönitz", einwohner=3000)

    ergebnis = berechnen(D("0.02"), "einwohner", [klein, gross])

    assert betraege(ergebnis) == {"Amtsberg": D("0.00"), "Zwönitz": D("0.02")}


def test_sieben_beteiligte_mit_gleichem_anteil():
    # 1.000 € / 7 = 142,857142… → 142,85 each plus 5 cents for the five smallest keys
    gleich = [replace(b, einwohner=2000) for b in SIEBEN]

    ergebnis = berechnen(D("1000.00"), "einwohner", gleich)

    assert sum(z.betrag for z in ergebnis.zeilen) == D("1000.00")
    aufgerundet = sorted(z.schluessel for z in ergebnis.zeilen if z.betrag == D("142.86"))
    abgerundet = sorted(z.schluessel for z in ergebnis.zeilen if z.betrag == D("142.85"))
    assert aufgerundet == sorted(b.schluessel for b in SIEBEN)[:5]
    assert len(abgerundet) == 2


def test_sieben_beteiligte_mit_krummem_betrag_summieren_exakt():
    ergebnis = berechnen(D("87654.33"), "einwohner", SIEBEN)

    assert sum(z.betrag for z in ergebnis.zeilen) == D("87654.33")
    gesamt = sum(b.einwohner for b in SIEBEN)
    for b, z in zip(SIEBEN, ergebnis.zeilen, strict=True):
        exakt = Fraction(8765433, 100) * b.einwohner / gesamt
        assert abs(Fraction(z.betrag) - exakt) < Fraction(1, 100)
        assert z.betrag == z.betrag.quantize(D("0.01"))


def test_ungerader_centbetrag_auf_zwei_gleiche():
    paar = [replace(GEYER, einwohner=3000), replace(TANNENBERG, einwohner=3000)]

    ergebnis = berechnen(D("10000.01"), "einwohner", paar)

    assert betraege(ergebnis) == {"Geyer": D("5000.01"), "Tannenberg": D("5000.00")}


def test_aufgehende_anteile_werden_nicht_verfaelscht():
    paar = [replace(GEYER, einwohner=1000), replace(TANNENBERG, einwohner=3000)]

    ergebnis = berechnen(D("2000.00"), "einwohner", paar)

    assert betraege(ergebnis) == {"Geyer": D("500.00"), "Tannenberg": D("1500.00")}
    assert [z.anteil for z in ergebnis.zeilen] == [D("0.250000"), D("0.750000")]


def test_beteiligter_ohne_einwohner_zahlt_nichts():
    beteiligte = [GEYER, replace(TANNENBERG, einwohner=0), EHRENFRIEDERSDORF]

    ergebnis = berechnen(D("8055.00"), "einwohner", beteiligte)

    assert betraege(ergebnis)["Tannenberg"] == D("0.00")
    assert ergebnis.zeilen[1].anteil == D("0")
    assert sum(z.betrag for z in ergebnis.zeilen) == D("8055.00")


def test_einwohnersumme_null_ist_ein_fehler():
    beteiligte = [replace(GEYER, einwohner=0), replace(TANNENBERG, einwohner=0)]

    assert "beteiligte.einwohner" in fehler_von(D("100"), "einwohner", beteiligte)


def test_gesamtbetrag_null_ergibt_nullen_mit_anteilen():
    ergebnis = berechnen(D("0"), "einwohner", VERWALTUNGSVERBAND)

    assert all(z.betrag == D("0.00") for z in ergebnis.zeilen)
    assert ergebnis.zeilen[2].anteil == D("0.500000")
    assert ergebnis.gesamtbetrag == D("0.00")


def test_eingaben_aus_einem_formular_als_text():
    beteiligte = [
        Beteiligter("14521210", "Geyer", einwohner="3.455", vorauszahlung="1.000,00"),
        Beteiligter("14521600", "Tannenberg", einwohner="1145", vorauszahlung=""),
        Beteiligter("14521160", "Ehrenfriedersdorf", einwohner=" 4.600 ", vorauszahlung=None),
    ]

    ergebnis = berechnen("12.000,00 €", " Einwohner ", beteiligte)

    assert betraege(ergebnis) == {
        "Geyer": D("4506.52"),
        "Tannenberg": D("1493.48"),
        "Ehrenfriedersdorf": D("6000.00"),
    }
    assert [z.basiswert for z in ergebnis.zeilen] == [D(3455), D(1145), D(4600)]
    assert [z.vorauszahlung for z in ergebnis.zeilen] == [D("1000.00"), D("0.00"), D("0.00")]


def test_einwohnerzahl_muss_ganz_sein():
    beteiligte = [replace(GEYER, einwohner="3455,5"), TANNENBERG]

    assert fehler_von(D("100"), "einwohner", beteiligte) == {
        "beteiligte.0.einwohner": "Bitte für Geyer die Einwohnerzahl als ganze Zahl angeben, z. B. 3.455."
    }


# --- fallzahlen ---------------------------------------------------------------------------------------


def test_fallzahlen_mit_dezimalen_und_null():
    # Standesamt: weighted case numbers; Tannenberg had no cases this year
    beteiligte = [
        replace(GEYER, einwohner=None, fallzahl=D("120.5")),
        replace(TANNENBERG, einwohner=None, fallzahl=0),
        replace(EHRENFRIEDERSDORF, einwohner=None, fallzahl="241"),
    ]

    ergebnis = berechnen(D("7230.00"), "fallzahlen", beteiligte)

    # 120,5 : 241 = 1 : 2 → 2.410 / 4.820
    assert betraege(ergebnis) == {
        "Geyer": D("2410.00"),
        "Tannenberg": D("0.00"),
        "Ehrenfriedersdorf": D("4820.00"),
    }
    assert ergebnis.zeilen[0].basiswert == D("120.5")


def test_fallzahlen_fehlend_negativ_und_summe_null():
    beteiligte = [replace(GEYER, fallzahl=None), replace(TANNENBERG, fallzahl="-3")]
    assert fehler_von(D("100"), "fallzahlen", beteiligte) == {
        "beteiligte.0.fallzahl": "Für Geyer fehlt die Fallzahl.",
        "beteiligte.1.fallzahl": "Die Fallzahl von Tannenberg darf nicht negativ sein.",
    }

    nullen = [replace(GEYER, fallzahl=0), replace(TANNENBERG, fallzahl=D(0))]
    assert list(fehler_von(D("100"), "fallzahlen", nullen)) == ["beteiligte.fallzahl"]


# --- prozent ------------------------------------------------------------------------------------------


def test_feste_prozentsaetze_restcents_an_die_groessten_reste():
    # 9.999,99 € × 33,34 % = 3.333,996666…; × 33,33 % = 3.332,996667… — the two missing cents go to
    # the members with the larger remainder (the 33,33 % ones), not to the largest percentage
    beteiligte = [
        replace(GEYER, prozent=D("33.34")),
        replace(TANNENBERG, prozent="33,33"),
        replace(EHRENFRIEDERSDORF, prozent="33.33"),
    ]

    ergebnis = berechnen("9.999,99", "prozent", beteiligte)

    assert betraege(ergebnis) == {
        "Geyer": D("3333.99"),
        "Tannenberg": D("3333.00"),
        "Ehrenfriedersdorf": D("3333.00"),
    }
    assert [z.basiswert for z in ergebnis.zeilen] == [D("33.34"), D("33.33"), D("33.33")]
    assert ergebnis.zeilen[0].anteil == D("0.333400")


def test_punkt_im_prozentsatz_ist_ein_dezimalpunkt():
    # for amounts "12.500" means twelve thousand; a percentage cannot, so "50.000" is 50 %
    beteiligte = [replace(GEYER, prozent="50.000"), replace(TANNENBERG, prozent="50")]

    ergebnis = berechnen(D("100"), "prozent", beteiligte)

    assert betraege(ergebnis) == {"Geyer": D("50.00"), "Tannenberg": D("50.00")}


def test_prozentsaetze_muessen_genau_hundert_ergeben():
    beteiligte = [replace(GEYER, prozent=50), replace(TANNENBERG, prozent=49)]

    assert fehler_von(D("100"), "prozent", beteiligte) == {
        "beteiligte.prozent": "Die Prozentsätze ergeben zusammen 99,00 %, nicht 100 %."
    }


def test_prozentsumme_zeigt_alle_nachkommastellen():
    # 99,995 % must not be shown as a rounded "100,00 %" that the clerk cannot argue with
    beteiligte = [replace(GEYER, prozent="49,995"), replace(TANNENBERG, prozent=50)]

    assert fehler_von(D("100"), "prozent", beteiligte)["beteiligte.prozent"] == (
        "Die Prozentsätze ergeben zusammen 99,995 %, nicht 100 %."
    )


def test_prozent_fehlt_ohne_irrefuehrende_summe():
    beteiligte = [replace(GEYER, prozent=None), replace(TANNENBERG, prozent=50), replace(THUM, prozent=150)]

    assert fehler_von(D("100"), "prozent", beteiligte) == {
        "beteiligte.0.prozent": "Für Geyer fehlt der Prozentsatz.",
        "beteiligte.2.prozent": "Der Prozentsatz von Thum darf nicht über 100 % liegen.",
    }


# --- sockel -------------------------------------------------------------------------------------------


def test_sockelbetrag_und_variabler_anteil_nach_einwohnern():
    # 20 % of 30.000 € = 6.000 € → 2.000 € each; 24.000 € by 3455 : 1145 : 4600
    ergebnis = berechnen(D("30000"), "sockel", VERWALTUNGSVERBAND, sockel_prozent="20")

    assert betraege(ergebnis) == {
        "Geyer": D("11013.04"),
        "Tannenberg": D("4986.96"),
        "Ehrenfriedersdorf": D("14000.00"),
    }
    assert all(z.sockelbetrag == D("2000.00") for z in ergebnis.zeilen)
    assert [z.variabler_betrag for z in ergebnis.zeilen] == [D("9013.04"), D("2986.96"), D("12000.00")]
    assert ergebnis.sockel_prozent == D(20)
    assert ergebnis.variable_basis is Verfahren.EINWOHNER
    assert ergebnis.zeilen[2].anteil == D("0.466667")  # 20 %/3 + 80 % × 0,5


def test_sockel_mit_fallzahlen_als_variable_basis():
    beteiligte = [replace(GEYER, fallzahl=30), replace(TANNENBERG, fallzahl=10)]

    ergebnis = berechnen(
        D("1000"), "sockel", beteiligte, sockel_prozent=D(40), variable_basis=Verfahren.FALLZAHLEN
    )

    # 200 each as Sockel, 600 by 3 : 1
    assert betraege(ergebnis) == {"Geyer": D("650.00"), "Tannenberg": D("350.00")}
    assert ergebnis.variable_basis is Verfahren.FALLZAHLEN
    assert [z.basiswert for z in ergebnis.zeilen] == [D(30), D(10)]


def test_sockel_rundet_den_ganzen_betrag_und_variabler_anteil_bleibt_nicht_negativ():
    # Sockel 50 % of 100 € / 3 = 16,666… each; Tannenberg has no inhabitants and pays only the Sockel
    beteiligte = [GEYER, replace(TANNENBERG, einwohner=0), EHRENFRIEDERSDORF]

    ergebnis = berechnen(D("100.00"), "sockel", beteiligte, sockel_prozent=50)

    assert sum(z.betrag for z in ergebnis.zeilen) == D("100.00")
    assert {z.sockelbetrag for z in ergebnis.zeilen} == {D("16.66")}
    for z in ergebnis.zeilen:
        assert z.variabler_betrag >= 0
        assert z.sockelbetrag + z.variabler_betrag == z.betrag
    assert betraege(ergebnis)["Tannenberg"] in (D("16.66"), D("16.67"))


@pytest.mark.parametrize("wert", [None, "", 0, 100, "-5", "120", "zwanzig"])
def test_sockelprozent_ausserhalb_null_bis_hundert(wert):
    assert "sockel_prozent" in fehler_von(D("1000"), "sockel", VERWALTUNGSVERBAND, sockel_prozent=wert)


def test_sockel_variable_basis_nur_einwohner_oder_fallzahlen():
    fehler = fehler_von(D("1000"), "sockel", VERWALTUNGSVERBAND, sockel_prozent=20, variable_basis="prozent")

    assert fehler == {
        "variable_basis": "Der variable Anteil kann nur nach Einwohnern oder nach Fallzahlen verteilt werden."
    }


def test_sockelangaben_werden_bei_anderen_verfahren_ignoriert():
    ergebnis = berechnen(D("100"), "einwohner", VERWALTUNGSVERBAND, sockel_prozent=200)

    assert ergebnis.sockel_prozent is None
    assert all(z.sockelbetrag == D("0.00") for z in ergebnis.zeilen)


# --- vorauszahlung / saldo ----------------------------------------------------------------------------


def test_vorauszahlungen_ergeben_nachzahlung_und_erstattung():
    beteiligte = [
        replace(GEYER, vorauszahlung=D("4000.00")),
        replace(TANNENBERG, vorauszahlung=D("2000.00")),
        EHRENFRIEDERSDORF,
    ]

    ergebnis = berechnen(D("12000.00"), "einwohner", beteiligte)

    assert [z.saldo for z in ergebnis.zeilen] == [D("506.52"), D("-506.52"), D("6000.00")]
    assert ergebnis.summe_vorauszahlungen == D("6000.00")
    assert ergebnis.summe_saldo == D("6000.00")
    assert ergebnis.summe_saldo == sum(z.saldo for z in ergebnis.zeilen)


# --- validation ---------------------------------------------------------------------------------------


def test_alle_fehler_auf_einmal():
    beteiligte = [
        GEYER,
        replace(TANNENBERG, einwohner=None),
        replace(EHRENFRIEDERSDORF, schluessel="14521210", vorauszahlung="-50"),
        replace(THUM, einwohner=-1),
        Beteiligter("", "", einwohner=100),
    ]

    fehler = fehler_von("-12,00", "einwohner", beteiligte)

    assert fehler == {
        "gesamtbetrag": "Der Betrag darf nicht negativ sein.",
        "beteiligte.1.einwohner": "Für Tannenberg fehlt die Einwohnerzahl.",
        "beteiligte.2.schluessel": (
            "Der Gemeindeschlüssel 14521210 (Ehrenfriedersdorf) ist doppelt aufgeführt."
        ),
        "beteiligte.2.vorauszahlung": "Die Vorauszahlung von Ehrenfriedersdorf darf nicht negativ sein.",
        "beteiligte.3.einwohner": "Die Einwohnerzahl von Thum darf nicht negativ sein.",
        "beteiligte.4.schluessel": "Bitte für Beteiligter Nr. 5 den Gemeindeschlüssel angeben.",
        "beteiligte.4.name": "Bitte für Beteiligter Nr. 5 den Namen angeben.",
    }


def test_umlagefehler_ist_ein_valueerror_mit_lesbarer_meldung():
    with pytest.raises(ValueError, match="mindestens zwei Beteiligte"):
        berechnen(D("100"), "einwohner", [GEYER])


@pytest.mark.parametrize("beteiligte", [[], [GEYER]])
def test_mindestens_zwei_beteiligte(beteiligte):
    assert fehler_von(D("100"), "einwohner", beteiligte) == {
        "beteiligte": "Eine Umlage braucht mindestens zwei Beteiligte."
    }


def test_unbekanntes_verfahren_nennt_die_erlaubten():
    fehler = fehler_von(D("100"), "Kopfpauschale", VERWALTUNGSVERBAND)

    assert fehler == {
        "verfahren": "Unbekanntes Verfahren „Kopfpauschale“; erlaubt: einwohner, fallzahlen, prozent, sockel."
    }


@pytest.mark.parametrize(
    ("wert", "meldung"),
    [
        (None, "Bitte den Gesamtbetrag angeben, z. B. 12.500,00."),
        ("  ", "Bitte den Gesamtbetrag angeben, z. B. 12.500,00."),
        ("zwölftausend", "Bitte einen Betrag in Euro angeben, z. B. 12.500,00."),
        ("12,345", "Bitte den Betrag auf den Cent genau angeben (höchstens zwei Nachkommastellen)."),
    ],
)
def test_gesamtbetrag_fehlt_oder_ist_keine_zahl(wert, meldung):
    assert fehler_von(wert, "einwohner", VERWALTUNGSVERBAND) == {"gesamtbetrag": meldung}


# --- betrag_parsen / euro -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wert", "erwartet"),
    [
        (12500, D("12500.00")),
        (D("12500.5"), D("12500.50")),
        ("12500", D("12500.00")),
        ("12.500,50", D("12500.50")),
        ("12500.50", D("12500.50")),
        ("1 250,00 €", D("1250.00")),
        ("1\u00a0250,00\u00a0€", D("1250.00")),
        ("1.250", D("1250.00")),  # German thousands separator, not 1,25
        ("1.234.567,89", D("1234567.89")),
        ("0,5", D("0.50")),
        ("12,- €", D("12.00")),
        ("EUR 99,90", D("99.90")),
        ("0", D("0.00")),
        ("-0,00", D("0.00")),
        (D("-0"), D("0.00")),
        (0.1, D("0.10")),  # a float is read as written, not as 0.1000000000000000055…
    ],
)
def test_betrag_parsen_versteht_deutsche_und_einfache_schreibweisen(wert, erwartet):
    betrag = betrag_parsen(wert, "gesamtbetrag")

    assert betrag == erwartet
    assert str(betrag) == str(erwartet)  # two places, and no "-0.00"


@pytest.mark.parametrize(
    "wert", ["abc", "", None, "12,5,0", "1.25.0", "12.50.00", "1e5", True, D("NaN"), D("Infinity"), object()]
)
def test_betrag_parsen_lehnt_nichtzahlen_ab(wert):
    with pytest.raises(UmlageFehler) as info:
        betrag_parsen(wert, "beteiligte.1.vorauszahlung")

    assert info.value.fehler == {
        "beteiligte.1.vorauszahlung": "Bitte einen Betrag in Euro angeben, z. B. 12.500,00."
    }


@pytest.mark.parametrize("wert", ["-5", "−1.250,00 €", -1, D("-0.01")])
def test_betrag_parsen_lehnt_negative_betraege_ab(wert):
    with pytest.raises(UmlageFehler) as info:
        betrag_parsen(wert, "gesamtbetrag")

    assert info.value.fehler == {"gesamtbetrag": "Der Betrag darf nicht negativ sein."}


@pytest.mark.parametrize(
    ("betrag", "text"),
    [
        (D("12500.50"), "12.500,50 €"),
        (D("0"), "0,00 €"),
        (D("-506.52"), "-506,52 €"),
        (D("1234567.891"), "1.234.567,89 €"),
        (D("0.005"), "0,01 €"),
        (D("-0.001"), "0,00 €"),
        (999, "999,00 €"),
    ],
)
def test_euro_formatiert_deutsch(betrag, text):
    assert euro(betrag) == text


# --- CSV ----------------------------------------------------------------------------------------------


def csv_zeilen(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def zahl(zelle: str) -> Decimal:
    return D(zelle.replace(",", "."))


def test_csv_fuer_die_tabellenkalkulation():
    beteiligte = [replace(GEYER, vorauszahlung=D("4000")), TANNENBERG, EHRENFRIEDERSDORF]
    text = als_csv(berechnen(D("12345.67"), "einwohner", beteiligte))

    zeilen = csv_zeilen(text)

    assert text.endswith("\r\n") and not text.startswith("\ufeff")
    assert zeilen[0] == [
        "Gemeindeschlüssel",
        "Beteiligter",
        "Einwohner",
        "Anteil in %",
        "Umlage in €",
        "Vorauszahlung in €",
        "Saldo in € (+ Nachzahlung, - Erstattung)",
    ]
    assert zeilen[1][:4] == ["14521210", "Geyer", "3455", "37,5543"]
    assert len(zeilen) == 5 and zeilen[-1][:2] == ["Summe", ""]
    assert zeilen[-1][2:] == ["9200", "100,0000", "12345,67", "4000,00", "8345,67"]
    # the column adds up in the spreadsheet exactly as in the Summe row
    assert sum(zahl(z[4]) for z in zeilen[1:-1]) == D("12345.67")
    assert zahl(zeilen[1][6]) == zahl(zeilen[1][4]) - 4000
    assert all("." not in zelle for zeile in zeilen[1:] for zelle in zeile[2:])


def test_csv_mit_sockelspalten():
    zeilen = csv_zeilen(als_csv(berechnen(D("30000"), "sockel", VERWALTUNGSVERBAND, sockel_prozent=20)))

    assert zeilen[0][4:6] == ["Sockelbetrag in €", "Variabler Anteil in €"]
    assert zeilen[1][4:7] == ["2000,00", "9013,04", "11013,04"]
    assert zeilen[-1][4:7] == ["6000,00", "24000,00", "30000,00"]


def test_csv_prozentsaetze_und_negativer_saldo():
    beteiligte = [
        replace(GEYER, prozent="60", vorauszahlung=D("700")),
        replace(TANNENBERG, prozent="40"),
    ]
    zeilen = csv_zeilen(als_csv(berechnen(D("1000"), "prozent", beteiligte)))

    assert zeilen[0][2] == "Prozentsatz"
    assert zeilen[1][2:] == ["60", "60,0000", "600,00", "700,00", "-100,00"]


def test_csv_entschaerft_formeln_in_namen():
    boese = Beteiligter("14521999", '=HYPERLINK("http://example.org")', einwohner=10)
    zeilen = csv_zeilen(als_csv(berechnen(D("10"), "einwohner", [GEYER, boese])))

    assert zeilen[2][1] == '\'=HYPERLINK("http://example.org")'
    assert zeilen[1][1] == "Geyer"


# --- property: exact, fair and deterministic for many random inputs ---------------------------------


def _zufallsfall(rng: random.Random) -> tuple[Decimal, str, list[Beteiligter], dict]:
    n = rng.randint(2, 12)
    verfahren = rng.choice(list(Verfahren))
    gesamt = D(rng.choice([rng.randint(0, 10**4), rng.randint(0, 10**10)])).scaleb(-2)
    prozente = [0] * n
    if verfahren is Verfahren.PROZENT:
        schnitte = sorted(rng.randint(0, 10000) for _ in range(n - 1))
        prozente = [b - a for a, b in zip([0, *schnitte], [*schnitte, 10000], strict=True)]
    beteiligte = []
    for i in range(n):
        einwohner = rng.choice([0, rng.randint(1, 200), rng.randint(200, 600_000), 5000])
        beteiligte.append(
            Beteiligter(
                schluessel=f"14{rng.randint(0, 999999):06d}{i:02d}",
                name=f"Gemeinde {i}",
                einwohner=einwohner,
                fallzahl=D(rng.randint(0, 5000)).scaleb(-rng.randint(0, 2)),
                prozent=D(prozente[i]).scaleb(-2),
                vorauszahlung=D(rng.randint(0, 10**7)).scaleb(-2),
            )
        )
    # at least one positive basis, or the case would (rightly) be rejected
    beteiligte[0] = replace(beteiligte[0], einwohner=beteiligte[0].einwohner or 1, fallzahl=D(7))
    optionen = {}
    if verfahren is Verfahren.SOCKEL:
        optionen = {
            "sockel_prozent": D(rng.randint(1, 9999)).scaleb(-2),
            "variable_basis": rng.choice([Verfahren.EINWOHNER, Verfahren.FALLZAHLEN]),
        }
    return gesamt, verfahren, beteiligte, optionen


def _exakt(gesamt: Decimal, verfahren: Verfahren, beteiligte: list[Beteiligter], optionen: dict):
    """Independent exact shares in cents, straight from the definition."""
    art = optionen.get("variable_basis") if verfahren is Verfahren.SOCKEL else verfahren
    feld = {Verfahren.EINWOHNER: "einwohner", Verfahren.FALLZAHLEN: "fallzahl", Verfahren.PROZENT: "prozent"}
    basis = [Fraction(getattr(b, feld[art])) for b in beteiligte]
    sockel = Fraction(optionen.get("sockel_prozent", 0)) / 100
    cent = Fraction(gesamt) * 100
    return [cent * (sockel / len(basis) + (1 - sockel) * w / sum(basis)) for w in basis]


def test_zufaellige_faelle_sind_exakt_und_fair():
    rng = random.Random(20260521)
    for _ in range(400):
        gesamt, verfahren, beteiligte, optionen = _zufallsfall(rng)

        ergebnis = berechnen(gesamt, verfahren, beteiligte, **optionen)

        cents = [int(z.betrag * 100) for z in ergebnis.zeilen]
        exakt = _exakt(gesamt, verfahren, beteiligte, optionen)
        assert sum(z.betrag for z in ergebnis.zeilen) == gesamt
        assert all(abs(c - e) < 1 for c, e in zip(cents, exakt, strict=True))
        # Hare–Niemeyer: nobody rounded down has a larger remainder than someone rounded up
        auf = [e - math.floor(e) for c, e in zip(cents, exakt, strict=True) if c > math.floor(e)]
        ab = [e - math.floor(e) for c, e in zip(cents, exakt, strict=True) if c == math.floor(e)]
        assert not auf or not ab or min(auf) >= max(ab)
        for b, z in zip(beteiligte, ergebnis.zeilen, strict=True):
            assert z.sockelbetrag + z.variabler_betrag == z.betrag
            assert z.variabler_betrag >= 0
            assert z.saldo == z.betrag - b.vorauszahlung
        assert ergebnis.summe_saldo == sum(z.saldo for z in ergebnis.zeilen)


def test_zufaellige_faelle_haengen_nicht_von_der_reihenfolge_ab():
    rng = random.Random(1990)
    for _ in range(100):
        gesamt, verfahren, beteiligte, optionen = _zufallsfall(rng)
        gemischt = beteiligte[:]
        rng.shuffle(gemischt)

        vorher = {z.schluessel: z.betrag for z in berechnen(gesamt, verfahren, beteiligte, **optionen).zeilen}
        nachher = {z.schluessel: z.betrag for z in berechnen(gesamt, verfahren, gemischt, **optionen).zeilen}

        assert vorher == nachher
