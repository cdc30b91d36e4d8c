"""The Reifegradcheck: validation, scores, comparison with the previous result and the anonymous
size-class average (only from three other municipalities on), recommendations, radar geometry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rathausnetz.kommunen.models import Kommune
from rathausnetz.kommunen.services.mandanten import kommune_aktivieren
from rathausnetz.netzwerk.models import Reifegradcheck
from rathausnetz.netzwerk.services import kurse, reifegrad
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL
from rathausnetz.netzwerk.tests.conftest import GEYER, antworten
from rathausnetz.zugang.kontext import systemzugriff

SCHWACH_BEI_KOMPETENZEN = {
    "strategie": 3,
    "organisation": 3,
    "eakte": 2,
    "onlinedienste": 3,
    "it_sicherheit": 4,
    "kompetenzen": 1,
    "zusammenarbeit": 2,
}


def test_fragebogen_hat_rund_dreissig_fragen_in_sieben_dimensionen():
    assert [d.name for d in AKTUELL.dimensionen] == [
        "Strategie",
        "Organisation und Prozesse",
        "E-Akte",
        "Online-Dienste",
        "IT und Sicherheit",
        "Kompetenzen",
        "Zusammenarbeit",
    ]
    assert 28 <= len(AKTUELL.fragen) <= 32
    assert len({f.code for f in AKTUELL.fragen}) == len(AKTUELL.fragen)
    assert all(len(f.stufen) == 5 and all(s.strip() for s in f.stufen) for f in AKTUELL.fragen)


def test_werte_je_dimension_und_gesamt(als, alice, gemeinde_a):
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(SCHWACH_BEI_KOMPETENZEN))
    assert check.kommune.ags == GEYER and check.fassung == AKTUELL.fassung
    assert check.ergebnisse == {
        "strategie": 75,
        "organisation": 75,
        "eakte": 50,
        "onlinedienste": 75,
        "it_sicherheit": 100,
        "kompetenzen": 25,
        "zusammenarbeit": 50,
    }
    assert check.gesamt == 64  # mean of the dimensions: 450 / 7
    assert check.erstellt_von_name == "Alice Albrecht"
    assert check.einwohner == Kommune.objects.get(ags=GEYER).einwohner


def test_fehlende_und_ungueltige_antworten_speichern_nichts(als, alice, gemeinde_a):
    werte: dict[str, object] = antworten(2)
    fragen = [f.code for f in AKTUELL.fragen]
    del werte[fragen[0]]
    werte[fragen[1]] = 5
    werte[fragen[2]] = -1
    werte[fragen[3]] = "drei"
    werte[fragen[4]] = True
    werte["erfundene_frage"] = 2
    vorher = Reifegradcheck._base_manager.count()
    with als(alice, gemeinde_a), pytest.raises(ValidationError) as fehler:
        reifegrad.check_speichern(werte)
    meldungen = fehler.value.message_dict
    assert meldungen[fragen[0]] == ["Bitte beantworten Sie diese Frage."]
    assert meldungen[fragen[1]] == ["Der Wert 5 liegt außerhalb der Skala von 0 bis 4."]
    assert meldungen[fragen[2]] == ["Der Wert -1 liegt außerhalb der Skala von 0 bis 4."]
    assert meldungen[fragen[3]] == ["Bitte wählen Sie eine Stufe von 0 bis 4."]
    assert meldungen[fragen[4]] == ["Bitte wählen Sie eine Stufe von 0 bis 4."]
    assert meldungen["__all__"] == [
        f"1 von {len(fragen)} Fragen sind noch nicht beantwortet.",
        "Unbekannte Fragen: erfundene_frage.",
    ]
    assert Reifegradcheck._base_manager.count() == vorher


def test_nur_die_verwaltung_einer_kommune_oder_das_netzwerk_fuellt_aus(
    als, lotte, verband, frieda, gemeinde_a, charlie, gemeinde_b
):
    with (
        als(lotte, verband),
        pytest.raises(ValidationError, match="Kommune, für die Sie den Check eintragen"),
    ):
        reifegrad.check_speichern(antworten(2))  # staff: only on behalf of a chosen municipality
    with als(frieda, gemeinde_a), pytest.raises(PermissionDenied):
        reifegrad.check_speichern(antworten(2))
    with als(charlie, gemeinde_b), pytest.raises(ValidationError, match="nur für ihre eigenen Kommunen"):
        reifegrad.check_speichern(antworten(2), Kommune.objects.get(ags="14521210"))
    assert not Reifegradcheck._base_manager.exists()


def test_verwaltungsgemeinschaft_waehlt_die_kommune(als, alice, gemeinde_a):
    from rathausnetz.kommunen.models import Organisation

    vg = Organisation.objects.get(gemeindeverband__ars="145215110")
    with als(alice, vg):
        with pytest.raises(ValidationError, match="für welche Kommune"):
            reifegrad.check_speichern(antworten(2))
        with pytest.raises(ValidationError, match="nur für ihre eigenen Kommunen"):
            reifegrad.check_speichern(antworten(2), Kommune.objects.get(ags="14521160"))
        check = reifegrad.check_speichern(antworten(2), Kommune.objects.get(ags="14521610"))  # Tannenberg
    assert check.kommune.name == "Tannenberg"
    with als(alice, gemeinde_a):  # Geyer's own administration does not see Tannenberg's result
        assert not Reifegradcheck.objects.filter(pk=check.pk).exists()
    with als(alice, vg):
        assert Reifegradcheck.objects.filter(pk=check.pk).exists()


def test_fortschritt_gegenueber_dem_vorherigen_check(als, alice, gemeinde_a):
    with als(alice, gemeinde_a):
        erster = reifegrad.check_speichern(antworten(1))
        Reifegradcheck._base_manager.filter(pk=erster.pk).update(
            erstellt_am=erster.erstellt_am - dt.timedelta(days=365)
        )
        erster.refresh_from_db()
        zweiter = reifegrad.check_speichern(antworten(SCHWACH_BEI_KOMPETENZEN))
        assert reifegrad.vorheriger(zweiter) == erster
        assert reifegrad.vorheriger(erster) is None
    assert (erster.gesamt, zweiter.gesamt) == (25, 64)


def _andere_kommunen(anzahl: int, einwohner_von: int, einwohner_bis: int) -> list[Kommune]:
    return list(
        Kommune.objects.filter(land__code="14", einwohner__gte=einwohner_von, einwohner__lt=einwohner_bis)
        .exclude(ags=GEYER)
        .order_by("ags")[:anzahl]
    )


def _check_fuer(kommune: Kommune, wert: int) -> Reifegradcheck:
    """Another municipality's result, as its own administration would store it."""
    with systemzugriff("Test"):
        organisation = kommune_aktivieren(kommune)[0]
    werte = {d.code: wert * 25 for d in AKTUELL.dimensionen}
    return Reifegradcheck._base_manager.create(
        organisation=organisation,
        kommune=kommune,
        fassung=AKTUELL.fassung,
        antworten=antworten(wert),
        ergebnisse=werte,
        gesamt=wert * 25,
        einwohner=kommune.einwohner,
        erstellt_von_name="Hauptamt",
    )


def test_klassendurchschnitt_erst_ab_drei_anderen_kommunen(als, alice, gemeinde_a):
    geyer = Kommune.objects.get(ags=GEYER)
    assert 2_000 <= geyer.einwohner < 5_000
    klasse = _andere_kommunen(3, 2_000, 5_000)
    groesser = _andere_kommunen(2, 20_000, 10_000_000)
    for kommune in groesser:  # other size class: never counted
        _check_fuer(kommune, 4)
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(2))
    _check_fuer(klasse[0], 1)
    _check_fuer(klasse[1], 3)
    zwei = reifegrad.klassendurchschnitt(check)
    assert zwei.klasse == "2.000 bis unter 5.000 Einwohner"
    assert (zwei.anzahl, zwei.durchschnitt, zwei.zu_wenige) == (2, None, True)
    _check_fuer(klasse[2], 2)
    _check_fuer(klasse[0], 4)  # a newer result of the first town replaces its old one
    drei = reifegrad.klassendurchschnitt(check)
    assert drei.anzahl == 3
    assert drei.durchschnitt == {d.code: 75 for d in AKTUELL.dimensionen}  # (100 + 75 + 50) / 3
    assert drei.gesamt == 75


def test_empfehlungen_fuer_schwache_dimensionen_mit_kursen_und_modellen(
    als, alice, gemeinde_a, als_lotte, kurs
):
    with als_lotte():
        kurse.kurs_aendern(
            kurs, kurse.Kursdaten(**{**vars(kurse.daten_von(kurs)), "dimensionen": ["kompetenzen"]})
        )
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(antworten(SCHWACH_BEI_KOMPETENZEN))
        empfehlungen = reifegrad.empfehlungen(check)
    assert [e.dimension.code for e in empfehlungen] == ["kompetenzen"]  # 25 < 50; 50 is not weak
    [e] = empfehlungen
    assert e.schwach and e.wert == 25
    assert kurs in e.kurse
    assert [m.code for m in e.modelle] == ["ausbildungsverbund"]


def test_ohne_schwache_dimension_der_naechste_schritt(als, alice, gemeinde_a):
    with als(alice, gemeinde_a):
        check = reifegrad.check_speichern(
            antworten({**SCHWACH_BEI_KOMPETENZEN, "kompetenzen": 3, "eakte": 3, "zusammenarbeit": 3})
        )
        [e] = reifegrad.empfehlungen(check)
    assert not e.schwach and e.dimension.code in {"strategie", "organisation", "eakte", "onlinedienste"}


def test_radar_geometrie():
    diagramm = reifegrad.radar(
        "Test",
        [("a", "Strategie"), ("b", "Organisation und Prozesse"), ("c", "E-Akte")],
        [("x", "k", {"a": 100, "b": 0, "c": 50})],
    )
    [reihe] = diagramm.reihen
    assert reihe.werte == (100, 0, 50)
    erster = reihe.marken[0]
    assert erster[:2] == (320.0, 75.0)  # 100 % straight up from the centre (320, 235), radius 160
    assert reihe.marken[1][:2] == (320.0, 235.0)  # 0 % sits in the centre
    assert diagramm.achsen[1].zeilen == ("Organisation und", "Prozesse")
    assert "Strategie 100, Organisation und Prozesse 0, E-Akte 50" in diagramm.beschreibung
