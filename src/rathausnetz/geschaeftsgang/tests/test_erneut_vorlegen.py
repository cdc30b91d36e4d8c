"""Resubmitting a returned Verfügung: Bob corrects the document and routes it again from the
Rücklauf task, with the steps he planned the first time."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rathausnetz.akten.services import dokumente, vorgaenge
from rathausnetz.akten.tests.helfer import datei, pdf
from rathausnetz.geschaeftsgang.models import Schrittart, Verfuegung, Verfuegungsschritt, Zeichnungsvermerk
from rathausnetz.geschaeftsgang.services import vertretung
from rathausnetz.geschaeftsgang.services.verfuegungen import (
    Schrittangabe,
    erledigen,
    erneut_vorlegen,
    meine_aufgaben,
    verfuegung_starten,
    weiterleiten,
    zurueckgeben,
)
from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.models import Protokolleintrag
from rathausnetz.protokoll.services import pruefe_ketten
from rathausnetz.zugang import services as zugang
from rathausnetz.zugang.models import Mitgliedschaft

pytestmark = pytest.mark.django_db

M, Z, K = Schrittart.MITZEICHNUNG, Schrittart.ZEICHNUNG, Schrittart.KENNTNISNAHME
Status = Verfuegungsschritt.Status


def _meine(verfuegung: Verfuegung) -> list[Verfuegungsschritt]:
    return list(meine_aufgaben().filter(verfuegung=verfuegung))


def _planung(verfuegung: Verfuegung) -> list[tuple]:
    return list(
        Verfuegungsschritt._base_manager.filter(verfuegung=verfuegung, ruecklauf=False)
        .order_by("stufe", "id")
        .values_list("stufe", "art", "fuer_benutzer", "fuer_einheit", "notiz")
    )


@pytest.fixture
def zurueckgegeben(vorgang, bob, alice, emil, gemeinde_a, als):
    """Bob routes the document: Hauptamt co-signs (with a deadline), Emil signs; Alice returns it."""
    morgen = timezone.localdate() + dt.timedelta(days=1)
    with als(bob, gemeinde_a):
        dokument = vorgang.dokumente.get()
        hauptamt = Organisationseinheit.objects.get(kuerzel="HA")
        v = verfuegung_starten(
            vorgang,
            [
                Schrittangabe(M, 1, fuer_einheit=hauptamt, frist=morgen, notiz="rechtlich prüfen"),
                Schrittangabe(Z, 2, fuer_benutzer=emil),
            ],
            betreff="Satzungsbeschluss zeichnen",
            notiz="Bitte bis zur Ratssitzung",
            dokument=dokument,
        )
    with als(alice, gemeinde_a):
        zurueckgeben(_meine(v)[0], "Die Kostenschätzung fehlt.")
    with als(bob, gemeinde_a):
        [ruecklauf] = _meine(v)
    return v, ruecklauf


def test_resubmit_after_correction_routes_the_planned_steps_and_signs_the_new_version(
    zurueckgegeben, vorgang, bob, alice, emil, gemeinde_a, als
):
    alt, ruecklauf = zurueckgegeben
    with als(bob, gemeinde_a):
        dokument = vorgang.dokumente.get()
        dokumente.version_hinzufuegen(
            dokument, datei(pdf("Beschlussvorlage mit Kostenschätzung")), "Beschlussvorlage.pdf"
        )
        neu = erneut_vorlegen(ruecklauf, "  Kostenschätzung ergänzt  ")
    ruecklauf.refresh_from_db()
    alt.refresh_from_db()
    assert (ruecklauf.status, ruecklauf.erledigt_von, ruecklauf.kommentar) == (
        Status.ERLEDIGT,
        bob,
        "Kostenschätzung ergänzt",
    )
    # the returned Verfügung stays as the record of the return
    assert alt.beendet and alt.status == Verfuegung.Status.ZURUECKGEGEBEN
    assert alt.erneute_vorlage == neu and neu.vorgaenger == alt
    assert (neu.betreff, neu.notiz, neu.dokument, neu.vorgang, neu.erstellt_von) == (
        alt.betreff,
        alt.notiz,
        dokument,
        vorgang,
        bob,
    )
    assert neu.status == Verfuegung.Status.LAUFEND and not neu.beendet
    assert _planung(neu) == _planung(alt)
    erste = Verfuegungsschritt._base_manager.get(verfuegung=neu, stufe=1)
    assert erste.status == Status.OFFEN and erste.frist == timezone.localdate() + dt.timedelta(days=1)
    with als(alice, gemeinde_a):
        erledigen(_meine(neu)[0], "jetzt vollständig")
    with als(emil, gemeinde_a):
        erledigen(_meine(neu)[0])
    neu.refresh_from_db()
    assert neu.status == Verfuegung.Status.ABGESCHLOSSEN
    with als(bob, gemeinde_a):
        vermerke = list(Zeichnungsvermerk.objects.filter(verfuegung=neu).order_by("zeitpunkt", "id"))
        version = dokument.versionen.get(nummer=2)
    assert [(m.art, m.benutzer_name, m.versionsnummer, m.sha256) for m in vermerke] == [
        (M, "Alice Albrecht", 2, version.datei_id),
        (Z, "Emil Engel", 2, version.datei_id),
    ]
    eintraege = Protokolleintrag._base_manager.filter(
        objekt_typ="akten.vorgang", objekt_id=str(vorgang.pk)
    ).order_by("nummer")
    aktionen = list(eintraege.values_list("aktion", flat=True))
    assert aktionen.index("verfuegung.zurueckgegeben") < aktionen.index("verfuegung.erneut_vorgelegt")
    erneut = eintraege.get(aktion="verfuegung.erneut_vorgelegt")
    assert erneut.aenderungen["neue_verfuegung"] == neu.pk and erneut.aenderungen["verfuegung"] == alt.pk
    assert erneut.aenderungen["kommentar"] == "Kostenschätzung ergänzt"
    gestartet = [e.aenderungen for e in eintraege.filter(aktion="verfuegung.gestartet")]
    assert [g["verfuegung"] for g in gestartet if g.get("erneute_vorlage_von") == alt.pk] == [neu.pk]
    assert pruefe_ketten().in_ordnung


def test_passed_deadlines_are_dropped_and_forwarding_does_not_change_the_plan(
    vorgang, bob, alice, emil, frieda, gemeinde_a, als
):
    heute = timezone.localdate()
    with als(bob, gemeinde_a):
        v = verfuegung_starten(
            vorgang,
            [
                Schrittangabe(M, 1, fuer_benutzer=alice, frist=heute + dt.timedelta(days=1)),
                Schrittangabe(K, 1, fuer_benutzer=frieda, frist=heute),
                Schrittangabe(Z, 2, fuer_benutzer=emil, frist=heute + dt.timedelta(days=9)),
            ],
        )
    # two days later: Alice's deadline has passed, Emil's has not
    Verfuegungsschritt._base_manager.filter(verfuegung=v, fuer_benutzer=alice).update(
        frist=heute - dt.timedelta(days=1)
    )
    with als(alice, gemeinde_a):
        weitergeleitet = weiterleiten(_meine(v)[0], frieda, "Bitte Sie")
    with als(frieda, gemeinde_a):
        zurueckgeben(weitergeleitet, "Anlage fehlt")
    with als(bob, gemeinde_a):
        neu = erneut_vorlegen(_meine(v)[0])
    schritte = list(
        Verfuegungsschritt._base_manager.filter(verfuegung=neu)
        .order_by("stufe", "id")
        .values_list("stufe", "art", "fuer_benutzer", "frist", "status")
    )
    assert schritte == [
        (1, M, alice.pk, None, Status.OFFEN),  # the planned recipient, not the forwarded one
        (1, K, frieda.pk, heute, Status.OFFEN),  # a deadline of today still stands
        (2, Z, emil.pk, heute + dt.timedelta(days=9), Status.WARTEND),
    ]


def test_only_the_initiator_resubmits_and_only_an_open_ruecklauf(
    zurueckgegeben, mitzeichnung_zeichnung, bob, alice, emil, gemeinde_a, als
):
    alt, ruecklauf = zurueckgegeben
    with als(alice, gemeinde_a):
        with pytest.raises(PermissionDenied, match="nicht an Sie"):
            erneut_vorlegen(ruecklauf)
        with pytest.raises(ValidationError, match="nur ein Rücklauf"):
            erneut_vorlegen(_meine(mitzeichnung_zeichnung)[0])
    with als(bob, gemeinde_a):
        erneut_vorlegen(ruecklauf)
        with pytest.raises(ValidationError, match="bereits erledigt"):
            erneut_vorlegen(ruecklauf)
    assert Verfuegung._base_manager.filter(vorgaenger=alt).count() == 1


def test_a_ruecklauf_taken_note_of_cannot_be_resubmitted(zurueckgegeben, bob, gemeinde_a, als):
    alt, ruecklauf = zurueckgegeben
    with als(bob, gemeinde_a):
        erledigen(ruecklauf)
        with pytest.raises(ValidationError, match="bereits erledigt"):
            erneut_vorlegen(ruecklauf)
    assert not Verfuegung._base_manager.filter(vorgaenger=alt).exists()


def test_the_substitute_of_the_initiator_may_resubmit_iv(zurueckgegeben, bob, alice, gemeinde_a, als):
    alt, ruecklauf = zurueckgegeben
    heute = timezone.localdate()
    with als(bob, gemeinde_a):
        vertretung.vertretung_anlegen(alice, heute, heute)
    with als(alice, gemeinde_a):
        neu = erneut_vorlegen(ruecklauf, "für Bob")
    ruecklauf.refresh_from_db()
    assert (ruecklauf.erledigt_von, ruecklauf.in_vertretung_fuer) == (alice, bob)
    assert neu.erstellt_von == alice and neu.vorgaenger == alt


def test_a_route_that_can_no_longer_start_is_refused_and_nothing_changes(
    zurueckgegeben, vorgang, bob, alice, emil, gemeinde_a, als
):
    alt, ruecklauf = zurueckgegeben
    with als(alice, gemeinde_a):  # Emil no longer signs
        mitgliedschaft = Mitgliedschaft.objects.get(benutzer=emil)
        zugang.mitgliedschaft_aendern(
            mitgliedschaft, ["sachbearbeitung"], mitgliedschaft.organisationseinheit, "", True
        )
    with als(bob, gemeinde_a):
        with pytest.raises(ValidationError, match="nicht unverändert erneut vorlegen: Emil Engel hat keine"):
            erneut_vorlegen(ruecklauf)
        vorgaenge.vorgang_zda(vorgang)
        with pytest.raises(ValidationError, match="zdA"):
            erneut_vorlegen(ruecklauf, "trotzdem")
    ruecklauf.refresh_from_db()
    alt.refresh_from_db()
    assert ruecklauf.status == Status.OFFEN and not alt.beendet
    assert not Verfuegung._base_manager.filter(vorgaenger=alt).exists()


@pytest.fixture
def mitzeichnung_zeichnung(vorgang, bob, alice, emil, gemeinde_a, als):
    with als(bob, gemeinde_a):
        return verfuegung_starten(
            vorgang, [Schrittangabe(M, 1, fuer_benutzer=alice), Schrittangabe(Z, 2, fuer_benutzer=emil)]
        )
