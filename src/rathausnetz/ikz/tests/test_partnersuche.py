"""Partner finder: ranking, reasons, joinable cooperations, visibility and input errors.

Real places of the registry: Geyer (Erzgebirgskreis) forms the Verwaltungsgemeinschaft
Geyer-Tannenberg with Tannenberg and borders Ehrenfriedersdorf, Elterlein, Zwönitz and Tannenberg;
Löbnitz (Nordsachsen) borders Muldestausee in Saxony-Anhalt.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rathausnetz.ikz.models import (
    Aufgabenbereich,
    Fachverfahren,
    Kooperation,
    Kooperationsmitglied,
    Rechtsform,
)
from rathausnetz.ikz.services.partnersuche import Partnersuche, partner_finden
from rathausnetz.kommunen.models import Kommune, Kreis
from rathausnetz.zugang.kontext import systemzugriff
from rathausnetz.zugang.mandant import MandantenpruefungFehlt

pytestmark = pytest.mark.django_db

GEYER = "14521210"
TANNENBERG = "14521610"
EHRENFRIEDERSDORF = "14521160"
ELTERLEIN = "14521180"
ZWOENITZ = "14521710"
THUM = "14521640"
ANNABERG = "14521020"
LOEBNITZ = "14730180"
MULDESTAUSEE = "15082241"
DRESDEN = "14612000"


@pytest.fixture
def standesamt(grunddaten) -> Aufgabenbereich:
    """A task area of our own (the shipped reference data may change its figures)."""
    bereich, _ = Aufgabenbereich.objects.update_or_create(
        code="test-standesamt",
        defaults={"name": "Standesamtswesen (Test)", "empfohlene_einwohner": 20_000},
    )
    return bereich


@pytest.fixture
def bauhof(grunddaten) -> Aufgabenbereich:
    return Aufgabenbereich.objects.update_or_create(code="test-bauhof", defaults={"name": "Bauhof (Test)"})[0]


def kooperation(
    titel: str,
    mitglieder: list[str],
    bereich: Aufgabenbereich,
    *,
    status: str = Kooperation.Status.AKTIV,
    sichtbarkeit: str = Kooperation.Sichtbarkeit.OEFFENTLICH,
    kreis: str | None = None,
) -> Kooperation:
    with systemzugriff("Test Partnersuche"):
        rechtsform, _ = Rechtsform.objects.get_or_create(
            code="zweckvereinbarung_mandatierend",
            defaults={
                "name": "Zweckvereinbarung (mandatierend)",
                "kurz": "Zweckvereinbarung",
                "rechtsgrundlage": "§ 71 Abs. 2 SächsKomZG",
                "rechtspersoenlichkeit": False,
                "genehmigungspflichtig": True,
                "bekanntmachungspflichtig": True,
            },
        )
        k = Kooperation.objects.create(
            titel=titel,
            rechtsform=rechtsform,
            status=status,
            sichtbarkeit=sichtbarkeit,
            geaendert_am=timezone.now(),
        )
        k.aufgabenbereiche.add(bereich)
        for ags in mitglieder:
            Kooperationsmitglied.objects.create(kooperation=k, kommune=Kommune.objects.get(ags=ags))
        if kreis:
            Kooperationsmitglied.objects.create(kooperation=k, kreis=Kreis.objects.get(ags=kreis))
    return k


def kandidat(ergebnis: Partnersuche, ags: str):
    return next((k for k in ergebnis.kandidaten if k.ags == ags), None)


def arten(ergebnis: Partnersuche, ags: str) -> set[str]:
    return {g.art for g in kandidat(ergebnis, ags).gruende}


# --- ranking and reasons ----------------------------------------------------------------------


def test_geyer_findet_tannenberg_mit_grenze_und_verwaltungsgemeinschaft(system):
    ergebnis = partner_finden(GEYER)
    assert ergebnis.kommune == (GEYER, "Geyer")
    assert ergebnis.kommune.name == "Geyer"
    assert ergebnis.aufgabenbereich is None
    assert ergebnis.kandidaten[0].ags == TANNENBERG
    tannenberg = ergebnis.kandidaten[0]
    assert tannenberg.grenzlaenge_km == pytest.approx(3.68)
    texte = [g.text for g in tannenberg.gruende]
    assert any(t.startswith("gemeinsame Grenze von 3,7 km") for t in texte)
    assert "gehört ebenfalls zur Verwaltungsgemeinschaft Geyer-Tannenberg" in texte
    assert "liegt ebenfalls im Erzgebirgskreis – dieselbe Rechtsaufsicht" in texte
    # The union is imported as a cooperation too; it must not count a second time.
    assert "kooperation" not in {g.art for g in tannenberg.gruende}


def test_ohne_verbandsbindung_bleibt_tannenberg_als_nachbar_vorn(system):
    ergebnis = partner_finden(GEYER, ohne_verbandsbindung=True)
    top5 = [k.ags for k in ergebnis.kandidaten[:5]]
    assert TANNENBERG in top5
    tannenberg = kandidat(ergebnis, TANNENBERG)
    assert {g.art for g in tannenberg.gruende} >= {"grenze", "entfernung", "kreis"}
    assert "verband" not in {g.art for g in tannenberg.gruende}
    assert not any("Verwaltungsgemeinschaft" in g.text for g in tannenberg.gruende)
    assert tannenberg.score < partner_finden(GEYER).kandidaten[0].score


def test_nachbarn_vor_fernen_orten_nie_die_gemeinde_selbst(system):
    for ags in (GEYER, LOEBNITZ, DRESDEN, "14713000", TANNENBERG):
        ergebnis = partner_finden(ags, anzahl=60)
        assert ags not in [k.ags for k in ergebnis.kandidaten]
        scores = [k.score for k in ergebnis.kandidaten]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 and round(s, 1) == s for s in scores)
        for k in ergebnis.kandidaten:
            assert k.gruende, k
            punkte = [g.punkte for g in k.gruende]
            assert punkte == sorted(punkte, reverse=True)
            assert k.score == pytest.approx(min(100, sum(punkte)), abs=0.05)
    ergebnis = partner_finden(GEYER, anzahl=200, ohne_verbandsbindung=True)
    nachbarn = [k for k in ergebnis.kandidaten if k.grenzlaenge_km is not None]
    assert {k.ags for k in nachbarn} == {TANNENBERG, EHRENFRIEDERSDORF, ELTERLEIN, ZWOENITZ}
    ferne = [k for k in ergebnis.kandidaten if k.entfernung_km > 15]
    assert ferne
    assert min(k.score for k in nachbarn) > max(k.score for k in ferne)
    assert max(k.entfernung_km for k in ergebnis.kandidaten) <= 35


def test_anzahl_begrenzt_die_liste(system):
    assert len(partner_finden(GEYER, anzahl=3).kandidaten) == 3
    with pytest.raises(ValidationError):
        partner_finden(GEYER, anzahl=0)


def test_kommune_und_aufgabenbereich_als_objekt(system, standesamt):
    geyer = Kommune.objects.get(ags=GEYER)
    ergebnis = partner_finden(geyer, standesamt)
    assert ergebnis.kommune.ags == GEYER
    assert ergebnis.aufgabenbereich == "test-standesamt"
    assert partner_finden(GEYER, "test-standesamt").kandidaten == ergebnis.kandidaten


def test_grenzueberschreitend_sachsen_anhalt(system):
    ergebnis = partner_finden(LOEBNITZ)
    muldestausee = kandidat(ergebnis, MULDESTAUSEE)
    assert muldestausee is not None
    assert muldestausee.kreis == "Anhalt-Bitterfeld"
    assert muldestausee.grenzlaenge_km == pytest.approx(14.56)
    assert any(g.text.startswith("gemeinsame Grenze von 14,6 km") for g in muldestausee.gruende)
    assert "kreis" not in {g.art for g in muldestausee.gruende}  # another Land, another Kreis
    # and the other way round
    assert kandidat(partner_finden(MULDESTAUSEE, anzahl=20), LOEBNITZ) is not None


# --- cooperations --------------------------------------------------------------------------------


def test_bestehende_kooperation_im_bereich_gibt_punkte(system, standesamt, bauhof):
    kooperation("Standesamt Zwönitz-Geyer", [ZWOENITZ, GEYER], standesamt)
    kooperation("Bauhof Elterlein-Geyer", [ELTERLEIN, GEYER], bauhof, status=Kooperation.Status.VERHANDLUNG)
    kooperation("Standesamt Thum-Geyer (Idee)", [THUM, GEYER], standesamt, status=Kooperation.Status.IDEE)
    ergebnis = partner_finden(GEYER, standesamt, anzahl=30, ohne_verbandsbindung=True)
    zwoenitz = next(g for g in kandidat(ergebnis, ZWOENITZ).gruende if g.art == "kooperation")
    assert zwoenitz.punkte == 15
    assert "„Standesamt Zwönitz-Geyer“" in zwoenitz.text
    assert "Standesamtswesen (Test)" in zwoenitz.text
    elterlein = next(g for g in kandidat(ergebnis, ELTERLEIN).gruende if g.art == "kooperation")
    assert elterlein.punkte == 8
    assert elterlein.text.startswith("bereitet bereits")
    assert "kooperation" not in arten(ergebnis, THUM)  # an idea ties nobody
    # The town's own cooperations are not offered to join.
    assert not ergebnis.beitretbare


def test_kooperation_mit_nachbar_ist_beitretbar(system, standesamt, bauhof):
    passend = kooperation("Standesamt Ehrenfriedersdorf-Thum", [EHRENFRIEDERSDORF, THUM], standesamt)
    kooperation("Bauhof Ehrenfriedersdorf-Thum", [EHRENFRIEDERSDORF, THUM], bauhof)
    kooperation(
        "Standesamt Zwönitz (Verhandlung)",
        [ZWOENITZ, ELTERLEIN],
        standesamt,
        status=Kooperation.Status.VERHANDLUNG,
    )
    kooperation("Standesamt Dresden-Radebeul", [DRESDEN, "14627210"], standesamt)
    ergebnis = partner_finden(GEYER, standesamt)
    assert [b.titel for b in ergebnis.beitretbare] == ["Standesamt Ehrenfriedersdorf-Thum"]
    beitretbar = ergebnis.beitretbare[0]
    assert beitretbar.kooperation_id == passend.pk
    assert beitretbar.gruende[0].startswith(
        "Nachbargemeinde Ehrenfriedersdorf ist Mitglied (gemeinsame Grenze"
    )
    assert any(g.startswith("Mitglied Thum liegt") for g in beitretbar.gruende)
    assert "arbeitet im Aufgabenbereich Standesamtswesen (Test)" in beitretbar.gruende
    # Without a task area every active cooperation nearby counts, whatever its area.
    ohne = partner_finden(GEYER)
    assert {"Standesamt Ehrenfriedersdorf-Thum", "Bauhof Ehrenfriedersdorf-Thum"} <= {
        b.titel for b in ohne.beitretbare
    }
    # Geyer already has its Verwaltungsgemeinschaft; nobody belongs to two.
    assert not any(b.titel.startswith("Verwaltungsgemeinschaft") for b in ohne.beitretbare)


def test_kooperation_des_landkreises_ist_beitretbar(system, standesamt):
    kooperation("Kreisstandesamt Erzgebirge", [], standesamt, kreis="14521")
    beitretbar = partner_finden(GEYER, standesamt).beitretbare
    assert [b.titel for b in beitretbar] == ["Kreisstandesamt Erzgebirge"]
    assert "der Erzgebirgskreis ist selbst Mitglied" in beitretbar[0].gruende


def test_verbandsfreie_gemeinde_kann_einer_verwaltungsgemeinschaft_beitreten(system):
    # Ehrenfriedersdorf belongs to no union; the imported VG Geyer-Tannenberg next door is joinable.
    beitretbar = partner_finden(EHRENFRIEDERSDORF).beitretbare
    titel = [b.titel for b in beitretbar]
    assert "Verwaltungsgemeinschaft Geyer-Tannenberg" in titel
    # ... but not when unions are to be ignored
    ohne = partner_finden(EHRENFRIEDERSDORF, ohne_verbandsbindung=True).beitretbare
    assert not any(b.titel.startswith("Verwaltungsgemeinschaft") for b in ohne)


def test_nur_sichtbare_kooperationen_zaehlen(
    grunddaten, als, bob, charlie, dora, gemeinde_a, gemeinde_b, standesamt
):
    """A cooperation visible only to its members must not leak into an outsider's scores or lists."""
    geheim = kooperation(
        "Standesamt Zwönitz-Elterlein (nur Mitglieder)",
        [ZWOENITZ, ELTERLEIN],
        standesamt,
        sichtbarkeit=Kooperation.Sichtbarkeit.MITGLIEDER,
    )
    mit_geyer = kooperation(
        "Standesamt Geyer-Zwönitz (nur Mitglieder)",
        [GEYER, ZWOENITZ],
        standesamt,
        sichtbarkeit=Kooperation.Sichtbarkeit.MITGLIEDER,
    )
    # Charlie (Ehrenfriedersdorf) is no member of either.
    with als(charlie, gemeinde_b):
        fremd = partner_finden(GEYER, standesamt, anzahl=30)
    assert geheim.pk not in {b.kooperation_id for b in fremd.beitretbare}
    assert not fremd.beitretbare
    assert "kooperation" not in arten(fremd, ZWOENITZ)
    assert not any("nur Mitglieder" in g.text for k in fremd.kandidaten for g in k.gruende)
    # Bob (Geyer) sees the one Geyer belongs to, not the other.
    with als(bob, gemeinde_a):
        eigen = partner_finden(GEYER, standesamt, anzahl=30)
    assert "kooperation" in arten(eigen, ZWOENITZ)
    assert mit_geyer.titel in next(
        g.text for g in kandidat(eigen, ZWOENITZ).gruende if g.art == "kooperation"
    )
    assert not eigen.beitretbare
    # The IKZ service office sees all: the members-only one becomes joinable for Geyer.
    with als(dora):
        servicestelle = partner_finden(GEYER, standesamt, anzahl=30)
    assert geheim.pk in {b.kooperation_id for b in servicestelle.beitretbare}


def test_ohne_zugriffskontext_keine_abfrage(grunddaten):
    with pytest.raises(MandantenpruefungFehlt):
        partner_finden(GEYER)


# --- size and software --------------------------------------------------------------------------


def test_einwohnerzahl_wird_mit_empfehlung_begruendet(system, standesamt):
    ergebnis = partner_finden(GEYER, standesamt, anzahl=30)
    annaberg = next(g for g in kandidat(ergebnis, ANNABERG).gruende if g.art == "einwohner")
    assert annaberg.text == (
        "zusammen 22.070 Einwohner – erreicht die empfohlene Größe von 20.000 für Standesamtswesen (Test)"
    )
    zwoenitz = next(g for g in kandidat(ergebnis, ZWOENITZ).gruende if g.art == "einwohner")
    assert "20.000" in zwoenitz.text and "73 %" in zwoenitz.text
    assert zwoenitz.punkte < annaberg.punkte
    # A task area without a recommendation: the default of 10,000 for small towns.
    bauhof = Aufgabenbereich.objects.create(code="test-bauhof-ohne", name="Bauhof")
    standard = partner_finden(GEYER, bauhof, anzahl=30)
    assert any("10.000" in g.text for g in kandidat(standard, ZWOENITZ).gruende if g.art == "einwohner")
    # The general question has no size to reach.
    assert not any(
        g.art == "einwohner" for k in partner_finden(GEYER, anzahl=30).kandidaten for g in k.gruende
    )


def test_gleiches_fachverfahren_gibt_bonus(system, standesamt, bauhof):
    geyer, elterlein, zwoenitz = (Kommune.objects.get(ags=a) for a in (GEYER, ELTERLEIN, ZWOENITZ))
    Fachverfahren.objects.create(kommune=geyer, aufgabenbereich=standesamt, software="AUTISTA")
    Fachverfahren.objects.create(kommune=elterlein, aufgabenbereich=standesamt, software="  autista ")
    Fachverfahren.objects.create(kommune=zwoenitz, aufgabenbereich=standesamt, software="VOIS|STANDESAMT")
    Fachverfahren.objects.create(kommune=zwoenitz, aufgabenbereich=bauhof, software="AUTISTA")
    ergebnis = partner_finden(GEYER, standesamt, anzahl=30)
    grund = next(g for g in kandidat(ergebnis, ELTERLEIN).gruende if g.art == "fachverfahren")
    assert grund.text.startswith("nutzt ebenfalls das Fachverfahren „AUTISTA“ für Standesamtswesen (Test)")
    assert grund.punkte > 0
    assert "fachverfahren" not in arten(ergebnis, ZWOENITZ)
    assert not any(g.art == "fachverfahren" for k in partner_finden(GEYER).kandidaten for g in k.gruende)


# --- input and cost ----------------------------------------------------------------------------


@pytest.mark.parametrize("eingabe", ["123", "1452121", "14521210x", "", "Geyer"])
def test_falscher_gemeindeschluessel(system, eingabe):
    with pytest.raises(ValidationError) as fehler:
        partner_finden(eingabe)
    assert fehler.value.messages[0].startswith("Kein Gemeindeschlüssel")


def test_unbekannte_gemeinde_und_unbekannter_aufgabenbereich(system):
    with pytest.raises(ValidationError) as fehler:
        partner_finden("14999999")
    assert fehler.value.messages[0].startswith("Kein Gemeindeschlüssel")
    assert "14999999" in fehler.value.messages[0]
    with pytest.raises(ValidationError) as fehler:
        partner_finden(GEYER, "raumfahrt")
    assert fehler.value.messages[0] == "Unbekannter Aufgabenbereich: „raumfahrt“."


def test_wenige_abfragen_je_aufruf(system, standesamt, django_assert_max_num_queries):
    partner_finden(GEYER)  # registry in memory
    with django_assert_max_num_queries(1):
        partner_finden(DRESDEN)
    with django_assert_max_num_queries(3):  # task area, cooperations, Fachverfahren
        partner_finden(GEYER, "test-standesamt")
