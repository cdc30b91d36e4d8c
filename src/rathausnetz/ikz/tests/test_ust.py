"""The § 2b UStG questionnaire: every rule path, the threshold, input handling, the transition note.

Plain pytest, no database. The fixtures are services within cooperations of Erzgebirge towns
(Geyer, Ehrenfriedersdorf, Thum): the shared registry office is the acceptance scenario.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from rathausnetz.ikz.services import ust
from rathausnetz.ikz.services.ust import Ergebnisart, UstEingabeFehler, naechste_fragen, pruefen

STICHTAG = date(2026, 11, 23)

# Geyer runs the registry office (Standesamt) for Ehrenfriedersdorf and Thum under a mandating
# Zweckvereinbarung; both towns reimburse the costs, 48,000 € a year in total.
STANDESAMT = {
    "leistender_jpoer": "ja",
    "leistungsaustausch": "ja",
    "oeffentlich_rechtlich": "ja",
    "katalog_abs4": "nein",
    "umsatz_gleichartig": "48.000,00",
    "steuerfrei_vergleichbar": "nein",
    "empfaenger_jpoer": "ja",
    "vorbehalten_abs3_nr1": "ja",
    "option_27_22a": "nein",
}

# Thum's building yard clears snow on Geyer's municipal roads for a cost refund: public bodies
# on both sides, nothing reserved by law – the walk reaches § 2b Abs. 3 Nr. 2.
WINTERDIENST = {
    **STANDESAMT,
    "umsatz_gleichartig": "36.400",
    "vorbehalten_abs3_nr1": "nein",
    "abs3_nr2_langfristig": "ja",
    "abs3_nr2_oeffentliches_interesse": "ja",
    "abs3_nr2_kostenerstattung": "ja",
    "abs3_nr2_an_jpoer": "ja",
}

NR2 = (
    "abs3_nr2_langfristig",
    "abs3_nr2_oeffentliches_interesse",
    "abs3_nr2_kostenerstattung",
    "abs3_nr2_an_jpoer",
)


def mit(basis: dict[str, object], **aenderungen: object) -> dict[str, object]:
    """A copy of the answers; a value of None removes the answer."""
    antworten = {**basis, **aenderungen}
    return {k: v for k, v in antworten.items() if v is not None}


def schluessel(ergebnis: ust.Pruefergebnis) -> list[str]:
    return [s.schluessel for s in ergebnis.schritte]


def schritt(ergebnis: ust.Pruefergebnis, key: str) -> ust.Schritt:
    return next(s for s in ergebnis.schritte if s.schluessel == key)


def fehler_von(antworten: dict[str, object]) -> dict[str, str]:
    with pytest.raises(UstEingabeFehler) as info:
        pruefen(antworten, STICHTAG)
    return info.value.fehler


# --- acceptance scenario --------------------------------------------------------------------------


def test_gemeinsames_standesamt_ist_nach_abs3_nr1_nicht_steuerbar():
    ergebnis = pruefen(STANDESAMT, STICHTAG)

    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "vorbehalten_abs3_nr1"
    assert "§ 2b Abs. 3 Nr. 1 UStG" in ergebnis.vorschriften
    assert "§ 2b Abs. 3 Nr. 1 UStG" in ergebnis.begruendung
    assert schluessel(ergebnis) == [
        "leistender_jpoer",
        "leistungsaustausch",
        "oeffentlich_rechtlich",
        "katalog_abs4",
        "umsatz_gleichartig",
        "steuerfrei_vergleichbar",
        "empfaenger_jpoer",
        "vorbehalten_abs3_nr1",
        "option_27_22a",
    ]
    assert schritt(ergebnis, "umsatz_gleichartig").antwort == "48.000,00 €"
    assert "übersteigt 17.500 €" in schritt(ergebnis, "umsatz_gleichartig").folge
    assert schritt(ergebnis, "vorbehalten_abs3_nr1").antwort == "ja"
    assert ergebnis.fassung == ust.FASSUNG
    assert ergebnis.nicht_relevant == ()
    assert ergebnis.hinweise[-1] == ust.HINWEIS_KEINE_STEUERBERATUNG


def test_schritte_tragen_fragetext_und_folge():
    ergebnis = pruefen(STANDESAMT, STICHTAG)
    erster = ergebnis.schritte[0]
    assert erster.frage == ust.FRAGEN[0].text
    assert erster.folge  # every step says what the answer means
    assert all(s.folge for s in ergebnis.schritte)


# --- each decisive outcome ------------------------------------------------------------------------


def test_leistender_ist_keine_jpoer_dann_steuerbar_nach_allgemeinen_regeln():
    # The Erzgebirgische Bäder GmbH (owned by Thum) is a company, not a public body.
    ergebnis = pruefen({"leistender_jpoer": "nein"}, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.entscheidender_schritt == "leistender_jpoer"
    assert "§ 2 Abs. 1 UStG" in ergebnis.vorschriften
    assert schluessel(ergebnis) == ["leistender_jpoer"]
    # no transition question for a company: the option exists only for public bodies
    assert not any(h.startswith("Übergangsregelung") for h in ergebnis.hinweise)
    assert any("§ 4 UStG" in h for h in ergebnis.hinweise)  # steuerbar is not yet steuerpflichtig


def test_ohne_entgelt_kein_leistungsaustausch_nicht_steuerbar():
    # Geyer lends Ehrenfriedersdorf its mobile stage for the Bergstreittag, free of charge.
    ergebnis = pruefen(
        {"leistender_jpoer": "ja", "leistungsaustausch": "nein", "option_27_22a": "nein"}, STICHTAG
    )
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "leistungsaustausch"
    assert ergebnis.vorschriften == ("§ 1 Abs. 1 Nr. 1 UStG",)
    assert schluessel(ergebnis) == ["leistender_jpoer", "leistungsaustausch", "option_27_22a"]


def test_privatrechtlicher_vertrag_ist_steuerbar():
    # Ehrenfriedersdorf rents out its sports hall to Thum under a BGB lease.
    ergebnis = pruefen(mit(STANDESAMT, oeffentlich_rechtlich="nein"), STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.entscheidender_schritt == "oeffentlich_rechtlich"
    assert "§ 2b Abs. 1 Satz 1 UStG" in ergebnis.vorschriften
    assert "privatrechtlich" in ergebnis.begruendung


def test_katalogtaetigkeit_abs4_ist_steuerbar():
    # Thum supplies drinking water to Geyer's Ortsteil Siebenhöfen.
    ergebnis = pruefen(mit(STANDESAMT, katalog_abs4="ja"), STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.entscheidender_schritt == "katalog_abs4"
    assert ergebnis.vorschriften == ("§ 2b Abs. 4 UStG",)
    assert "umsatz_gleichartig" in ergebnis.nicht_relevant


def test_vergleichbare_private_leistung_zwingend_steuerfrei_nicht_steuerbar():
    ergebnis = pruefen(mit(STANDESAMT, steuerfrei_vergleichbar="ja"), STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "steuerfrei_vergleichbar"
    assert "§ 2b Abs. 2 Nr. 2 UStG" in ergebnis.vorschriften


def test_abs3_nr2_alle_vier_buchstaben_erfuellt_nicht_steuerbar():
    ergebnis = pruefen(WINTERDIENST, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "abs3_nr2_an_jpoer"
    assert "§ 2b Abs. 3 Nr. 2 UStG" in ergebnis.vorschriften
    assert schluessel(ergebnis)[-5:] == [*NR2, "option_27_22a"]
    assert "wettbewerb_markt" not in schluessel(ergebnis)
    # the administration treats Abs. 3 Nr. 2 as a mere presumption (BMF 14.11.2019)
    assert any("14.11.2019" in h for h in ergebnis.hinweise)


@pytest.mark.parametrize("verneint", NR2)
def test_abs3_nr2_ein_buchstabe_verneint_dann_entscheidet_der_wettbewerb(verneint):
    antworten = mit(WINTERDIENST, wettbewerb_markt="ja", **{verneint: "nein"})
    ergebnis = pruefen(antworten, STICHTAG)

    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.entscheidender_schritt == "wettbewerb_markt"
    gefragt = NR2[: NR2.index(verneint) + 1]
    assert [k for k in schluessel(ergebnis) if k in NR2] == list(gefragt)
    assert "nicht erfüllt" in schritt(ergebnis, verneint).folge
    # the letters after the denied one are not asked; their answers are ignored
    assert set(ergebnis.nicht_relevant) == set(NR2) - set(gefragt)
    assert not any("14.11.2019" in h for h in ergebnis.hinweise)


@pytest.mark.parametrize("offen", NR2)
def test_abs3_nr2_ein_buchstabe_unklar_rest_ja_vertieft_pruefen(offen):
    ergebnis = pruefen(mit(WINTERDIENST, **{offen: "unklar"}), STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.VERTIEFT_PRUEFEN
    assert ergebnis.entscheidender_schritt == offen
    assert ergebnis.vorschriften == (ust._FRAGE[offen].vorschrift,)
    assert f"Buchstabe {'abcd'[NR2.index(offen)]}" in ergebnis.begruendung
    assert any(h.startswith("Offene Frage") and ust._FRAGE[offen].text in h for h in ergebnis.hinweise)


def test_abs3_nr2_unklar_ist_ohne_bedeutung_wenn_ein_spaeterer_buchstabe_verneint_ist():
    # Langfristigkeit still open, but Thum charges a market price: Nr. 2 fails either way.
    antworten = mit(
        WINTERDIENST,
        abs3_nr2_langfristig="unklar",
        abs3_nr2_kostenerstattung="nein",
        wettbewerb_markt="ja",
    )
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.entscheidender_schritt == "wettbewerb_markt"
    assert "ohne Bedeutung" in schritt(ergebnis, "abs3_nr2_langfristig").folge
    assert ergebnis.nicht_relevant == ("abs3_nr2_an_jpoer",)


def test_abs3_nr2_mehrere_buchstaben_unklar_erster_offener_entscheidet():
    antworten = mit(WINTERDIENST, abs3_nr2_oeffentliches_interesse="unklar", abs3_nr2_an_jpoer="unklar")
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.VERTIEFT_PRUEFEN
    assert ergebnis.entscheidender_schritt == "abs3_nr2_oeffentliches_interesse"
    assert "Buchstabe b, d" in ergebnis.begruendung
    offene = [h for h in ergebnis.hinweise if h.startswith("Offene Frage")]
    assert len(offene) == 2


def test_wettbewerb_markt_ja_steuerbar():
    # Geyer's IT department hosts Thum's website: private providers do that every day.
    antworten = mit(WINTERDIENST, abs3_nr2_oeffentliches_interesse="nein", wettbewerb_markt="ja")
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.vorschriften == ("§ 2b Abs. 1 Satz 2 UStG",)


def test_wettbewerb_markt_nein_nicht_steuerbar_mit_einzelfallhinweis():
    antworten = mit(WINTERDIENST, abs3_nr2_kostenerstattung="nein", wettbewerb_markt="nein")
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "wettbewerb_markt"
    assert "§ 2b Abs. 1 Satz 2 UStG" in ergebnis.vorschriften
    assert any("Einzelfall" in h for h in ergebnis.hinweise)


def test_empfaenger_keine_jpoer_ueberspringt_abs3():
    # Ehrenfriedersdorf's Bauhof mows the grounds of the Greifensteinverein e. V.
    antworten = mit(WINTERDIENST, empfaenger_jpoer="nein", vorbehalten_abs3_nr1="ja", wettbewerb_markt="ja")
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.entscheidender_schritt == "wettbewerb_markt"
    assert "vorbehalten_abs3_nr1" not in schluessel(ergebnis)
    assert set(ergebnis.nicht_relevant) == {"vorbehalten_abs3_nr1", *NR2}


def test_empfaenger_keine_jpoer_und_kein_markt_nicht_steuerbar():
    antworten = mit(STANDESAMT, empfaenger_jpoer="nein", vorbehalten_abs3_nr1=None, wettbewerb_markt="nein")
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "wettbewerb_markt"


# --- the 17,500 € threshold -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "betrag", ["17.500,00", "17500", "17500.00", 17500, Decimal("17500.00"), "17.500 €", "0", 0]
)
def test_umsatz_bis_einschliesslich_17500_nicht_steuerbar(betrag):
    ergebnis = pruefen(mit(STANDESAMT, umsatz_gleichartig=betrag), STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR
    assert ergebnis.entscheidender_schritt == "umsatz_gleichartig"
    assert ergebnis.vorschriften[0] == "§ 2b Abs. 2 Nr. 1 UStG"
    assert "steuerfrei_vergleichbar" in ergebnis.nicht_relevant
    assert any("Prognose" in h for h in ergebnis.hinweise)


def test_umsatz_genau_17500_wird_angezeigt_und_begruendet():
    ergebnis = pruefen(mit(STANDESAMT, umsatz_gleichartig="17.500,00"), STICHTAG)
    assert schritt(ergebnis, "umsatz_gleichartig").antwort == "17.500,00 €"
    assert "17.500,00 €" in ergebnis.begruendung


@pytest.mark.parametrize("betrag", ["17.500,01", "17500.01", Decimal("17500.01"), 17501])
def test_umsatz_ueber_17500_geht_weiter(betrag):
    ergebnis = pruefen(mit(STANDESAMT, umsatz_gleichartig=betrag), STICHTAG)
    assert ergebnis.entscheidender_schritt == "vorbehalten_abs3_nr1"
    assert "steuerfrei_vergleichbar" in schluessel(ergebnis)


# --- German amounts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("eingabe", "anzeige"),
    [
        ("12.500,50", "12.500,50 €"),
        ("12500,50", "12.500,50 €"),
        ("12500.50", "12.500,50 €"),
        ("12.500", "12.500,00 €"),
        ("1.234.567,89", "1.234.567,89 €"),
        ("12 500,50 €", "12.500,50 €"),
        ("12\u00a0500 EUR", "12.500,00 €"),
        ("9999,5", "9.999,50 €"),
        (12500, "12.500,00 €"),
        (Decimal("12500.5"), "12.500,50 €"),
        (12500.5, "12.500,50 €"),
    ],
)
def test_betraege_deutsch_und_mit_dezimalpunkt(eingabe, anzeige):
    ergebnis = pruefen(mit(STANDESAMT, umsatz_gleichartig=eingabe), STICHTAG)
    assert schritt(ergebnis, "umsatz_gleichartig").antwort == anzeige


# --- "unklar" at every step -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "offen",
    [
        "leistender_jpoer",
        "leistungsaustausch",
        "oeffentlich_rechtlich",
        "katalog_abs4",
        "umsatz_gleichartig",
        "steuerfrei_vergleichbar",
        "empfaenger_jpoer",
        "vorbehalten_abs3_nr1",
    ],
)
def test_unklar_stoppt_den_weg_mit_vertieft_pruefen(offen):
    ergebnis = pruefen(mit(STANDESAMT, **{offen: "unklar"}), STICHTAG)
    frage = ust._FRAGE[offen]
    assert ergebnis.ergebnis is Ergebnisart.VERTIEFT_PRUEFEN
    assert ergebnis.entscheidender_schritt == offen
    assert ergebnis.vorschriften == (frage.vorschrift,)
    assert frage.text in ergebnis.begruendung  # says which question is open
    assert schritt(ergebnis, offen).antwort == "unklar"
    # the walk stops: no later § 2b question is reached
    reihe = [f.schluessel for f in ust.FRAGEN]
    spaetere = {k for k in schluessel(ergebnis) if k != "option_27_22a"}
    assert all(reihe.index(k) <= reihe.index(offen) for k in spaetere)


def test_unklar_beim_wettbewerb():
    antworten = mit(WINTERDIENST, abs3_nr2_an_jpoer="nein", wettbewerb_markt="unklar")
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.VERTIEFT_PRUEFEN
    assert ergebnis.entscheidender_schritt == "wettbewerb_markt"


def test_unklar_beim_leistenden_fragt_nicht_nach_der_option():
    ergebnis = pruefen({"leistender_jpoer": "unklar", "option_27_22a": "ja"}, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.VERTIEFT_PRUEFEN
    assert schluessel(ergebnis) == ["leistender_jpoer"]
    assert ergebnis.nicht_relevant == ("option_27_22a",)


def test_antworten_sind_unabhaengig_von_gross_kleinschreibung():
    ergebnis = pruefen(mit(STANDESAMT, leistender_jpoer=" Ja ", katalog_abs4="NEIN"), STICHTAG)
    assert ergebnis.entscheidender_schritt == "vorbehalten_abs3_nr1"
    assert schritt(ergebnis, "leistender_jpoer").antwort == "ja"


# --- transition: § 27 Abs. 22a UStG ---------------------------------------------------------------


def test_tage_bis_pflicht():
    assert ust.tage_bis_pflicht(date(2026, 11, 23)) == 39
    assert ust.tage_bis_pflicht(date(2026, 12, 31)) == 1
    assert ust.tage_bis_pflicht(date(2027, 1, 1)) == 0
    assert ust.tage_bis_pflicht(date(2028, 3, 1)) == 0


def test_option_erklaert_ergibt_uebergangshinweis_mit_resttagen():
    ohne = pruefen(STANDESAMT, STICHTAG)
    mit_option = pruefen(mit(STANDESAMT, option_27_22a="ja"), STICHTAG)

    # the option never changes the § 2b result
    assert mit_option.ergebnis is ohne.ergebnis
    assert mit_option.entscheidender_schritt == ohne.entscheidender_schritt
    uebergang = [h for h in mit_option.hinweise if h.startswith("Übergangsregelung")]
    assert len(uebergang) == 1
    assert "31.12.2026" in uebergang[0]
    assert "noch 39 Tage" in uebergang[0]
    assert "§ 27 Abs. 22a UStG" in uebergang[0]


def test_option_am_letzten_tag_singular():
    ergebnis = pruefen(mit(STANDESAMT, option_27_22a="ja"), date(2026, 12, 31))
    assert any("noch 1 Tag." in h for h in ergebnis.hinweise)


def test_option_nach_dem_stichtag_ausgelaufen():
    ergebnis = pruefen(mit(STANDESAMT, option_27_22a="ja"), date(2027, 1, 1))
    uebergang = [h for h in ergebnis.hinweise if h.startswith("Übergangsregelung")]
    assert len(uebergang) == 1
    assert "Seit dem 01.01.2027" in uebergang[0]
    assert "noch" not in uebergang[0]


@pytest.mark.parametrize("antwort", ["nein", "unklar"])
def test_uebergangshinweis_nur_bei_erklaerter_option(antwort):
    ergebnis = pruefen(mit(STANDESAMT, option_27_22a=antwort), STICHTAG)
    assert not any(h.startswith("Übergangsregelung") for h in ergebnis.hinweise)
    assert ergebnis.ergebnis is Ergebnisart.NICHT_STEUERBAR  # "unklar" here does not matter


def test_option_unklar_gibt_klaerungshinweis():
    ergebnis = pruefen(mit(STANDESAMT, option_27_22a="unklar"), STICHTAG)
    assert any(h.startswith("Optionserklärung klären") for h in ergebnis.hinweise)


def test_stichtag_standard_ist_heute():
    ergebnis = pruefen(mit(STANDESAMT, option_27_22a="ja"))
    tage = ust.tage_bis_pflicht(date.today())
    text = f"noch {tage} Tag" if tage else "Seit dem 01.01.2027"
    assert any(text in h for h in ergebnis.hinweise)


# --- validation -----------------------------------------------------------------------------------


def test_leere_antworten_fragen_nach_der_ersten_frage():
    assert fehler_von({}) == {"leistender_jpoer": "Bitte beantworten Sie diese Frage."}


def test_fehlende_antwort_mitten_im_weg():
    assert fehler_von(mit(STANDESAMT, steuerfrei_vergleichbar=None)) == {
        "steuerfrei_vergleichbar": "Bitte beantworten Sie diese Frage."
    }


@pytest.mark.parametrize("leer", ["", "   ", None])
def test_leeres_feld_zaehlt_als_nicht_beantwortet(leer):
    antworten = {**STANDESAMT, "katalog_abs4": leer}
    assert fehler_von(antworten) == {"katalog_abs4": "Bitte beantworten Sie diese Frage."}


def test_option_ist_pflicht_fuer_jpoer():
    assert fehler_von(mit(STANDESAMT, option_27_22a=None)) == {
        "option_27_22a": "Bitte beantworten Sie diese Frage."
    }


def test_unbekannter_schluessel():
    fehler = fehler_von({**STANDESAMT, "vorsteuer_quote": "ja"})
    assert list(fehler) == ["vorsteuer_quote"]
    assert "nicht vorgesehen" in fehler["vorsteuer_quote"]


@pytest.mark.parametrize("wert", ["vielleicht", "j", True, 1, "yes"])
def test_falsche_janein_antwort(wert):
    fehler = fehler_von(mit(STANDESAMT, empfaenger_jpoer=wert))
    assert fehler == {"empfaenger_jpoer": "Bitte wählen Sie „ja“, „nein“ oder „unklar“."}


@pytest.mark.parametrize(
    "wert", ["zwölf", "12.50.0", "12,500.50", "1.50,00", "abc €", True, [12500], float("nan"), Decimal("Inf")]
)
def test_betrag_nicht_lesbar(wert):
    fehler = fehler_von(mit(STANDESAMT, umsatz_gleichartig=wert))
    assert fehler == {
        "umsatz_gleichartig": "Bitte einen Betrag in Euro angeben (z. B. 12500,00) oder „unklar“ wählen."
    }


@pytest.mark.parametrize("wert", ["-1", "-12.500,00", "\u22125", -1, Decimal("-0.01"), -0.5])
def test_betrag_negativ(wert):
    fehler = fehler_von(mit(STANDESAMT, umsatz_gleichartig=wert))
    assert list(fehler) == ["umsatz_gleichartig"]
    assert "nicht negativ" in fehler["umsatz_gleichartig"]


@pytest.mark.parametrize("wert", ["17,500", "12500,505", Decimal("12500.001")])
def test_betrag_mehr_als_zwei_nachkommastellen(wert):
    # "17,500" is ambiguous for a clerk – never silently 17,50 € (that would be below the threshold)
    fehler = fehler_von(mit(STANDESAMT, umsatz_gleichartig=wert))
    assert fehler == {
        "umsatz_gleichartig": "Bitte geben Sie den Betrag mit höchstens zwei Nachkommastellen (Cent) an."
    }


def test_alle_fehler_auf_einmal():
    antworten = {
        "leistender_jpoer": "vielleicht",
        "leistungsaustausch": "ja",
        "oeffentlich_rechtlich": "ja",
        "katalog_abs4": "nein",
        "umsatz_gleichartig": "zwölf",
        "steuerfrei_vergleichbar": "möglicherweise",
        "kostenstelle": "4711",
    }
    fehler = fehler_von(antworten)
    assert list(fehler) == [
        "leistender_jpoer",
        "umsatz_gleichartig",
        "steuerfrei_vergleichbar",
        "kostenstelle",
    ]
    assert "ja" in fehler["leistender_jpoer"]
    assert "Euro" in fehler["umsatz_gleichartig"]


def test_fehlende_und_falsche_antwort_zusammen():
    antworten = mit(STANDESAMT, leistungsaustausch=None, umsatz_gleichartig="-300")
    fehler = fehler_von(antworten)
    assert fehler["leistungsaustausch"] == "Bitte beantworten Sie diese Frage."
    assert "nicht negativ" in fehler["umsatz_gleichartig"]


def test_fehler_ist_valueerror_mit_lesbarer_meldung():
    with pytest.raises(ValueError, match="leistender_jpoer: Bitte beantworten"):
        pruefen({}, STICHTAG)


def test_antworten_auf_nicht_erreichte_fragen_werden_ignoriert_auch_ungueltige():
    antworten = {
        "leistender_jpoer": "nein",
        "leistungsaustausch": "vielleicht",
        "umsatz_gleichartig": "zwölf",
        "wettbewerb_markt": "ja",
        "option_27_22a": "ja",
        "empfaenger_jpoer": "",  # a blank field of a full form is no answer at all
    }
    ergebnis = pruefen(antworten, STICHTAG)
    assert ergebnis.ergebnis is Ergebnisart.STEUERBAR
    assert ergebnis.nicht_relevant == (
        "leistungsaustausch",
        "umsatz_gleichartig",
        "wettbewerb_markt",
        "option_27_22a",
    )
    assert schluessel(ergebnis) == ["leistender_jpoer"]


def test_unbekannter_schluessel_bleibt_fehler_auch_wenn_sonst_alles_passt():
    with pytest.raises(UstEingabeFehler) as info:
        pruefen({"leistender_jpoer": "nein", "Leistender_JPoeR": "nein"}, STICHTAG)
    assert list(info.value.fehler) == ["Leistender_JPoeR"]


# --- the guided form ------------------------------------------------------------------------------


def test_naechste_fragen_beginnt_mit_der_ersten_frage():
    assert [f.schluessel for f in naechste_fragen({})] == ["leistender_jpoer"]


def test_naechste_fragen_enthaelt_die_naechste_unbeantwortete():
    fragen = naechste_fragen({"leistender_jpoer": "ja", "leistungsaustausch": "ja"})
    assert [f.schluessel for f in fragen] == [
        "leistender_jpoer",
        "leistungsaustausch",
        "oeffentlich_rechtlich",
    ]


def test_naechste_fragen_ueberspringt_abs3_ohne_jpoer_empfaenger():
    antworten = mit(STANDESAMT, empfaenger_jpoer="nein", vorbehalten_abs3_nr1=None, option_27_22a=None)
    fragen = [f.schluessel for f in naechste_fragen(antworten)]
    assert fragen[-2:] == ["empfaenger_jpoer", "wettbewerb_markt"]
    assert "vorbehalten_abs3_nr1" not in fragen


def test_naechste_fragen_nach_entscheidung_folgt_die_option():
    antworten = mit(STANDESAMT, option_27_22a=None)
    fragen = [f.schluessel for f in naechste_fragen(antworten)]
    assert fragen[-2:] == ["vorbehalten_abs3_nr1", "option_27_22a"]


def test_naechste_fragen_vollstaendig_gleich_dem_geprueften_weg():
    assert [f.schluessel for f in naechste_fragen(STANDESAMT)] == schluessel(pruefen(STANDESAMT, STICHTAG))
    assert [f.schluessel for f in naechste_fragen(WINTERDIENST)] == schluessel(
        pruefen(WINTERDIENST, STICHTAG)
    )


def test_naechste_fragen_gmbh_ohne_option():
    assert [f.schluessel for f in naechste_fragen({"leistender_jpoer": "nein"})] == ["leistender_jpoer"]


def test_naechste_fragen_ist_nachsichtig():
    # invalid answer = not yet answered; unknown keys are ignored (pruefen reports them)
    fragen = naechste_fragen({"leistender_jpoer": "ja", "leistungsaustausch": "vielleicht", "foo": "ja"})
    assert [f.schluessel for f in fragen] == ["leistender_jpoer", "leistungsaustausch"]


def test_naechste_fragen_abs3_nr2_fragt_nach_unklar_weiter():
    antworten = mit(WINTERDIENST, abs3_nr2_langfristig="unklar", abs3_nr2_oeffentliches_interesse=None)
    fragen = [f.schluessel for f in naechste_fragen(antworten)]
    assert fragen[-2:] == ["abs3_nr2_langfristig", "abs3_nr2_oeffentliches_interesse"]


def test_naechste_fragen_nach_verneintem_buchstaben_folgt_wettbewerb():
    antworten = mit(
        WINTERDIENST,
        abs3_nr2_langfristig="nein",
        abs3_nr2_oeffentliches_interesse=None,
        abs3_nr2_kostenerstattung=None,
        abs3_nr2_an_jpoer=None,
    )
    fragen = [f.schluessel for f in naechste_fragen(antworten)]
    assert fragen[-2:] == ["abs3_nr2_langfristig", "wettbewerb_markt"]


# --- the public interface -------------------------------------------------------------------------


def test_fragen_in_wegreihenfolge_mit_den_vereinbarten_schluesseln():
    assert [f.schluessel for f in ust.FRAGEN] == [
        "leistender_jpoer",
        "leistungsaustausch",
        "oeffentlich_rechtlich",
        "katalog_abs4",
        "umsatz_gleichartig",
        "steuerfrei_vergleichbar",
        "empfaenger_jpoer",
        "vorbehalten_abs3_nr1",
        *NR2,
        "wettbewerb_markt",
        "option_27_22a",
    ]
    for frage in ust.FRAGEN:
        assert frage.schluessel.isascii() and frage.schluessel.islower()
        assert frage.text.endswith("?") and frage.hilfe
        assert frage.vorschrift.startswith("§ ") and frage.vorschrift.endswith("UStG")
        assert frage.art == ("betrag" if frage.schluessel == "umsatz_gleichartig" else "janein")
    assert ust.FRAGEN[0].bedingung == ""
    assert all(f.bedingung for f in ust.FRAGEN[1:])


def test_zitate_der_abs3_nr2_buchstaben():
    assert [ust._FRAGE[k].vorschrift for k in NR2] == [
        f"§ 2b Abs. 3 Nr. 2 Satz 2 Buchst. {b} UStG" for b in "abcd"
    ]


def test_ergebnisart_werte_und_labels():
    assert [(e.value, e.label) for e in Ergebnisart] == [
        ("nicht_steuerbar", "nicht steuerbar"),
        ("steuerbar", "steuerbar"),
        ("vertieft_pruefen", "vertieft prüfen"),
    ]
    assert Ergebnisart("vertieft_pruefen") is Ergebnisart.VERTIEFT_PRUEFEN


def test_ergebnis_ist_unveraenderlich():
    ergebnis = pruefen(STANDESAMT, STICHTAG)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ergebnis.ergebnis = Ergebnisart.STEUERBAR  # type: ignore[misc]


def test_hinweis_keine_steuerberatung_nennt_verbindliche_auskunft():
    assert ust.HINWEIS_KEINE_STEUERBERATUNG.startswith("Keine Steuerberatung")
    assert "§ 89 Abs. 2 AO" in ust.HINWEIS_KEINE_STEUERBERATUNG
    for antworten in ({"leistender_jpoer": "nein"}, STANDESAMT, mit(STANDESAMT, katalog_abs4="unklar")):
        assert pruefen(antworten, STICHTAG).hinweise[-1] == ust.HINWEIS_KEINE_STEUERBERATUNG


def test_modul_kommt_ohne_django_aus():
    code = "import sys, rathausnetz.ikz.services.ust; print('django' in sys.modules)"
    ausgabe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert ausgabe.stdout.strip() == "False"
