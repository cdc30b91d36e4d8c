import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rathausnetz.akten.models import Dokumentversion, Vorgang
from rathausnetz.akten.services import dokumente
from rathausnetz.akten.tests.helfer import datei, pdf
from rathausnetz.geschaeftsgang.demo import BESCHEID
from rathausnetz.geschaeftsgang.models import (
    Ablaufvorlage,
    Schrittart,
    Verfuegung,
    Verfuegungsschritt,
    Zeichnungsvermerk,
)
from rathausnetz.geschaeftsgang.services import vertretung, vorlagen
from rathausnetz.geschaeftsgang.services.verfuegungen import (
    Schrittangabe,
    erledigen,
    meine_aufgaben,
    verfuegung_aus_vorlage,
    verfuegung_starten,
    weiterleiten,
    zurueckgeben,
)
from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.protokoll.models import Protokolleintrag

pytestmark = pytest.mark.django_db

M, Z, K = Schrittart.MITZEICHNUNG, Schrittart.ZEICHNUNG, Schrittart.KENNTNISNAHME
Offen = Verfuegungsschritt.Status


def _meine(verfuegung: Verfuegung) -> list[Verfuegungsschritt]:
    return list(meine_aufgaben().filter(verfuegung=verfuegung))


def _aktionen(vorgang: Vorgang) -> list[str]:
    return list(
        Protokolleintrag._base_manager.filter(objekt_typ="akten.vorgang", objekt_id=str(vorgang.pk))
        .order_by("nummer")
        .values_list("aktion", flat=True)
    )


@pytest.fixture
def mitzeichnung_zeichnung(vorgang, bob, alice, emil, gemeinde_a, als):
    """Bob routes the Vorgang: Alice co-signs (stage 1), then Emil signs (stage 2)."""
    with als(bob, gemeinde_a):
        return verfuegung_starten(
            vorgang,
            [Schrittangabe(M, 1, fuer_benutzer=alice), Schrittangabe(Z, 2, fuer_benutzer=emil)],
            notiz="Bitte bis zur Ratssitzung",
        )


def test_sequential_route_cosign_then_sign_leaves_an_immutable_record(
    mitzeichnung_zeichnung, vorgang, bob, alice, emil, gemeinde_a, als
):
    v = mitzeichnung_zeichnung
    with als(emil, gemeinde_a):
        assert _meine(v) == []  # stage 2 waits
    with als(alice, gemeinde_a):
        [aufgabe] = _meine(v)
        assert aufgabe.art == M
        erledigen(aufgabe, "fachlich einverstanden")
        assert _meine(v) == []
    with als(emil, gemeinde_a):
        [aufgabe] = _meine(v)
        erledigen(aufgabe)
    v.refresh_from_db()
    assert v.status == Verfuegung.Status.ABGESCHLOSSEN and v.beendet
    with als(bob, gemeinde_a):
        version = Dokumentversion.objects.get(dokument__vorgang=vorgang)
        vermerke = list(Zeichnungsvermerk.objects.filter(verfuegung=v).order_by("zeitpunkt"))
    assert [(m.art, m.benutzer_name, m.versionsnummer, m.sha256) for m in vermerke] == [
        (M, "Alice Albrecht", 1, version.datei_id),
        (Z, "Emil Engel", 1, version.datei_id),
    ]
    assert len(version.datei_id) == 64
    aktionen = _aktionen(vorgang)
    for aktion in ["verfuegung.gestartet", "verfuegung.mitgezeichnet", "verfuegung.gezeichnet"]:
        assert aktion in aktionen
    assert aktionen[-1] == "verfuegung.abgeschlossen"


def test_a_new_version_after_cosigning_is_what_the_signature_covers(
    mitzeichnung_zeichnung, vorgang, alice, emil, bob, gemeinde_a, als
):
    v = mitzeichnung_zeichnung
    with als(alice, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(bob, gemeinde_a):
        dokument = vorgang.dokumente.get()
        dokumente.version_hinzufuegen(
            dokument, datei(pdf("Beschlussvorlage, korrigiert")), "Beschlussvorlage.pdf"
        )
    with als(emil, gemeinde_a):
        erledigen(_meine(v)[0])
        vermerke = {m.art: m for m in Zeichnungsvermerk.objects.filter(verfuegung=v)}
    assert vermerke[M].versionsnummer == 1 and vermerke[Z].versionsnummer == 2
    assert vermerke[M].sha256 != vermerke[Z].sha256


def test_parallel_stage_opens_the_next_only_when_all_are_done(
    vorgang, bob, alice, emil, frieda, gemeinde_a, als
):
    with als(bob, gemeinde_a):
        v = verfuegung_starten(
            vorgang,
            [
                Schrittangabe(K, 1, fuer_benutzer=alice),
                Schrittangabe(M, 1, fuer_benutzer=frieda),
                Schrittangabe(Z, 3, fuer_benutzer=emil),  # stages are renumbered: 3 becomes 2
            ],
        )
    assert sorted(Verfuegungsschritt._base_manager.filter(verfuegung=v).values_list("stufe", "status")) == [
        (1, "offen"),
        (1, "offen"),
        (2, "wartend"),
    ]
    with als(alice, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(emil, gemeinde_a):
        assert _meine(v) == []
    with als(frieda, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(emil, gemeinde_a):
        assert [s.art for s in _meine(v)] == [Z]
    v.refresh_from_db()
    assert v.aktuelle_stufe == 2 and v.status == Verfuegung.Status.LAUFEND


def test_a_task_for_a_unit_is_in_every_members_inbox_and_done_once(
    vorgang, bob, alice, emil, gemeinde_a, als
):
    with als(bob, gemeinde_a):
        hauptamt = Organisationseinheit.objects.get(kuerzel="HA")
        v = verfuegung_starten(vorgang, [Schrittangabe(K, 1, fuer_einheit=hauptamt)])
    with als(emil, gemeinde_a):
        assert len(_meine(v)) == 1
    with als(alice, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(emil, gemeinde_a):
        assert _meine(v) == []
    assert Verfuegungsschritt._base_manager.get(verfuegung=v).erledigt_von == alice


def test_return_stops_the_route_and_gives_it_back_to_the_initiator(
    mitzeichnung_zeichnung, vorgang, bob, alice, emil, gemeinde_a, als
):
    v = mitzeichnung_zeichnung
    with als(alice, gemeinde_a):
        aufgabe = _meine(v)[0]
        with pytest.raises(ValidationError, match="begründen"):
            zurueckgeben(aufgabe, "  ")
        zurueckgeben(aufgabe, "Die Kostenschätzung fehlt.")
    v.refresh_from_db()
    assert v.status == Verfuegung.Status.ZURUECKGEGEBEN and not v.beendet
    assert Verfuegungsschritt._base_manager.get(verfuegung=v, fuer_benutzer=emil).status == Offen.ENTFALLEN
    with als(emil, gemeinde_a):
        assert _meine(v) == []
    with als(bob, gemeinde_a):
        [ruecklauf] = _meine(v)
        assert ruecklauf.ruecklauf and "Kostenschätzung" in ruecklauf.notiz
        with pytest.raises(ValidationError, match="Rücklauf"):
            zurueckgeben(ruecklauf, "nein")
        erledigen(ruecklauf)
    v.refresh_from_db()
    assert v.beendet and v.status == Verfuegung.Status.ZURUECKGEGEBEN
    assert "verfuegung.zurueckgegeben" in _aktionen(vorgang)


def test_forward_hands_the_task_to_a_colleague_and_the_record_shows_both(
    mitzeichnung_zeichnung, alice, frieda, bob, emil, gemeinde_a, als
):
    v = mitzeichnung_zeichnung
    with als(alice, gemeinde_a):
        neu = weiterleiten(_meine(v)[0], frieda, "Bitte die Zahlen prüfen")
        assert _meine(v) == []
    with als(frieda, gemeinde_a):
        assert _meine(v) == [neu]
        erledigen(neu)
    alt = neu.weitergeleitet_von
    assert (alt.status, alt.erledigt_von, alt.kommentar) == (
        Offen.WEITERGELEITET,
        alice,
        "Bitte die Zahlen prüfen",
    )
    with als(emil, gemeinde_a):
        zeichnung = _meine(v)[0]
        with pytest.raises(ValidationError, match="keine Zeichnungsbefugnis"):
            weiterleiten(zeichnung, bob)


def test_zeichnung_needs_the_signing_right(vorgang, bob, alice, emil, gemeinde_a, als):
    with als(bob, gemeinde_a):
        with pytest.raises(ValidationError, match="keine Zeichnungsbefugnis") as fehler:
            verfuegung_starten(vorgang, [Schrittangabe(Z, 1, fuer_benutzer=alice)])
        assert "schritte.0.fuer_benutzer" in fehler.value.message_dict
        hauptamt = Organisationseinheit.objects.get(kuerzel="HA")  # Alice and Emil
        v = verfuegung_starten(vorgang, [Schrittangabe(Z, 1, fuer_einheit=hauptamt)])
    with als(alice, gemeinde_a), pytest.raises(PermissionDenied, match="Zeichnungsbefugnis"):
        erledigen(_meine(v)[0])
    with als(emil, gemeinde_a):
        erledigen(_meine(v)[0])
    v.refresh_from_db()
    assert v.beendet and Verfuegungsschritt._base_manager.get(verfuegung=v).erledigt_von == emil


def test_only_the_recipient_acts_and_other_tenants_do_not_even_see_the_task(
    mitzeichnung_zeichnung, bob, charlie, gemeinde_a, gemeinde_b, als
):
    v = mitzeichnung_zeichnung
    schritt = Verfuegungsschritt._base_manager.get(verfuegung=v, stufe=1)
    with als(bob, gemeinde_a):
        sichtbar = Verfuegungsschritt.objects.get(pk=schritt.pk)  # Bob sees the Vorgang …
        with pytest.raises(PermissionDenied, match="nicht an Sie"):
            erledigen(sichtbar)  # … but the task is Alice's
    with als(charlie, gemeinde_b):
        assert not Verfuegungsschritt.objects.filter(pk=schritt.pk).exists()
        assert not Verfuegung.objects.filter(pk=v.pk).exists()
        with pytest.raises(PermissionDenied):
            erledigen(schritt)


def test_vertretung_shows_tasks_to_the_substitute_who_acts_iv(
    mitzeichnung_zeichnung, alice, emil, bob, gemeinde_a, als
):
    v = mitzeichnung_zeichnung
    heute = timezone.localdate()
    with als(alice, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(emil, gemeinde_a):
        with pytest.raises(ValidationError, match="Mitglied"):
            from rathausnetz.zugang.models import Benutzer

            vertretung.vertretung_anlegen(Benutzer.objects.get(username="charlie"), heute, heute)
        vertretung.vertretung_anlegen(alice, heute, heute + dt.timedelta(days=7), "Urlaub")
    with als(alice, gemeinde_a):
        [zeichnung] = _meine(v)  # Emil's task, in Alice's inbox
        with pytest.raises(PermissionDenied, match="keine Zeichnungsbefugnis"):
            erledigen(zeichnung)  # Alice may not sign for Emil
    # a substitute with the signing right signs "i. V."
    gustav = _leitung_anlegen(alice, gemeinde_a, als)
    with als(emil, gemeinde_a):
        vertretung.vertretung_anlegen(gustav, heute, heute + dt.timedelta(days=7))
    with als(gustav, gemeinde_a):
        [zeichnung] = _meine(v)
        erledigen(zeichnung)
    zeichnung.refresh_from_db()
    assert (zeichnung.erledigt_von, zeichnung.in_vertretung_fuer) == (gustav, emil)
    assert zeichnung.handelnd_text == "i. V. Gustav Graf (für Emil Engel)"
    with als(bob, gemeinde_a):
        vermerk = Zeichnungsvermerk.objects.get(verfuegung=v, art=Z)
    assert vermerk.handelnd_text == "i. V. Gustav Graf (für Emil Engel)"
    assert "vertretung.angelegt" in Protokolleintrag._base_manager.values_list("aktion", flat=True)


def _leitung_anlegen(alice, gemeinde_a, als):
    from rathausnetz.zugang import services

    with als(alice, gemeinde_a):
        gustav = services.benutzer_anlegen("gustav", "gustav.graf@geyer.example", "Gustav", "Graf")
        services.mitglied_hinzufuegen(
            gustav, ["leitung"], Organisationseinheit.objects.get(kuerzel="HA"), "Stellv. Bürgermeister"
        )
    return gustav


def test_a_finished_route_cannot_be_changed(
    mitzeichnung_zeichnung, alice, emil, frieda, bob, gemeinde_a, als
):
    v = mitzeichnung_zeichnung
    with als(alice, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(emil, gemeinde_a):
        erledigen(_meine(v)[0])
    schritte = list(Verfuegungsschritt._base_manager.filter(verfuegung=v))
    with als(emil, gemeinde_a):
        for aktion in (
            lambda s: erledigen(s),
            lambda s: zurueckgeben(s, "doch nicht"),
            lambda s: weiterleiten(s, frieda),
        ):
            with pytest.raises(ValidationError, match="beendet"):
                aktion(schritte[1])
    with pytest.raises(ValidationError, match="beendet"):
        schritte[0].kommentar = "nachträglich"
        schritte[0].save()
    with pytest.raises(ValidationError, match="beendet"):
        v.notiz = "nachträglich"
        v.save()
    with pytest.raises(ValidationError):
        v.delete()
    vermerk = Zeichnungsvermerk._base_manager.filter(verfuegung=v).first()
    with pytest.raises(ValidationError, match="unveränderlich"):
        vermerk.sha256 = "0" * 64
        vermerk.save()
    with pytest.raises(ValidationError, match="unveränderlich"):
        vermerk.delete()
    assert Zeichnungsvermerk._base_manager.filter(verfuegung=v).count() == 2


def test_zda_step_closes_the_vorgang_through_the_akten_service(vorgang, bob, alice, gemeinde_a, als):
    with als(bob, gemeinde_a):
        with pytest.raises(ValidationError, match="letzten Stufe"):
            verfuegung_starten(
                vorgang,
                [
                    Schrittangabe(Schrittart.ZDA, 1, fuer_benutzer=bob),
                    Schrittangabe(K, 2, fuer_benutzer=alice),
                ],
            )
        v = verfuegung_starten(
            vorgang,
            [Schrittangabe(K, 1, fuer_benutzer=alice), Schrittangabe(Schrittart.ZDA, 2, fuer_benutzer=bob)],
        )
    with als(alice, gemeinde_a):
        erledigen(_meine(v)[0])
    with als(bob, gemeinde_a):
        erledigen(_meine(v)[0])
        with pytest.raises(ValidationError, match="zdA"):
            verfuegung_starten(vorgang, [Schrittangabe(K, 1, fuer_benutzer=alice)])
    vorgang.refresh_from_db()
    assert vorgang.status == Vorgang.Status.ZDA and vorgang.zda_am == timezone.localdate()
    assert {"vorgang.zda", "verfuegung.zda", "verfuegung.abgeschlossen"} <= set(_aktionen(vorgang))


def test_route_from_a_demo_template_in_one_call(vorgang, bob, alice, emil, gemeinde_a, als):
    with als(bob, gemeinde_a):
        vorlage = Ablaufvorlage.objects.get(name=BESCHEID)
        v = verfuegung_aus_vorlage(vorgang, vorlage)
        schritte = list(v.schritte.order_by("stufe"))
    assert [(s.art, s.fuer_benutzer, s.status) for s in schritte] == [
        (M, alice, "offen"),
        (Z, emil, "wartend"),
    ]
    assert schritte[0].frist == timezone.localdate() + dt.timedelta(days=3)
    assert v.vorlage == vorlage and v.betreff.startswith("Bescheid")


def test_templates_are_kept_by_the_administration_only(bob, alice, emil, gemeinde_a, als):
    schritte = [Schrittangabe(M, 1, fuer_benutzer=alice), Schrittangabe(Z, 2, fuer_benutzer=emil)]
    with als(bob, gemeinde_a), pytest.raises(PermissionDenied):
        vorlagen.vorlage_anlegen("Gutachten", schritte)
    with als(alice, gemeinde_a):
        with pytest.raises(ValidationError, match="Zeichnungsbefugnis"):
            vorlagen.vorlage_anlegen("Gutachten", [Schrittangabe(Z, 1, fuer_benutzer=bob)])
        vorlage = vorlagen.vorlage_anlegen("Gutachten", schritte, [2, None])
        assert list(vorlage.schritte.values_list("frist_tage", flat=True)) == [2, None]
        # a taken name is refused; the object keeps its own, as the form shows it again
        with pytest.raises(ValidationError, match="gibt es schon"):
            vorlagen.vorlage_aendern(vorlage, BESCHEID, schritte)
        assert vorlage.name == "Gutachten" and vorlage.schritte.count() == 2
        vorlagen.vorlage_deaktivieren(vorlage)
    assert "ablaufvorlage.angelegt" in Protokolleintrag._base_manager.values_list("aktion", flat=True)


def test_a_signed_document_cannot_be_removed_and_the_record_stays(
    mitzeichnung_zeichnung, vorgang, alice, bob, gemeinde_a, als
):
    with als(alice, gemeinde_a):
        erledigen(_meine(mitzeichnung_zeichnung)[0])
    with als(bob, gemeinde_a):
        dokument = vorgang.dokumente.get()
        with pytest.raises(ValidationError, match="Geschäftsgangs"):
            dokumente.dokument_loeschen(dokument, "versehentlich abgelegt")
        assert vorgang.dokumente.filter(pk=dokument.pk).exists()
        assert Zeichnungsvermerk.objects.filter(verfuegung=mitzeichnung_zeichnung).count() == 1
