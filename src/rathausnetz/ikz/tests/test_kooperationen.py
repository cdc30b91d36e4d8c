"""The cooperation registry: validation with German messages, nothing half-saved, the imported
unions, who sees and who may change what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rathausnetz.ikz.models import Kooperation, Kooperationsmitglied, Rechtsform
from rathausnetz.ikz.services.kooperationen import (
    Kooperationsdaten,
    Mitgliedsangabe,
    genehmigungsbehoerde_vorschlag,
    kooperation_aendern,
    kooperation_anlegen,
)
from rathausnetz.ikz.services.referenzdaten import referenzdaten_laden
from rathausnetz.kommunen.models import Gemeindeverband
from rathausnetz.protokoll.models import Protokolleintrag

GEYER, THUM, EHRENFRIEDERSDORF, TANNENBERG = "14521210", "14521640", "14521160", "14521610"
ERZGEBIRGSKREIS = "14521"


def standesamt(**felder) -> Kooperationsdaten:
    werte = {
        "titel": "Gemeinsames Standesamt Greifensteinregion",
        "rechtsform": "zweckvereinbarung_mandatierend",
        "aufgabenbereiche": ["standesamt"],
        "status": Kooperation.Status.VERHANDLUNG,
        "mitglieder": [
            Mitgliedsangabe(GEYER, Kooperationsmitglied.Rolle.FEDERFUEHREND),
            Mitgliedsangabe(THUM, Kooperationsmitglied.Rolle.BEAUFTRAGEND),
            Mitgliedsangabe(EHRENFRIEDERSDORF, Kooperationsmitglied.Rolle.BEAUFTRAGEND),
        ],
    }
    return Kooperationsdaten(**(werte | felder))


def fehler(ausnahme: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(m for ms in ausnahme.value.message_dict.values() for m in ms)


def test_bob_erfasst_zweckvereinbarung_mit_vorschlag_der_genehmigungsbehoerde(als, bob, gemeinde_a):
    with als(bob, gemeinde_a):
        k = kooperation_anlegen(standesamt())
        assert k.organisation_id == gemeinde_a.pk
        assert sorted(m.kommune.ags for m in k.mitglieder.all()) == sorted([GEYER, THUM, EHRENFRIEDERSDORF])
        assert k.mitglieder.get(rolle="federfuehrend").kommune.name == "Geyer"
        # all three towns lie in the Erzgebirgskreis: its Landratsamt approves
        assert k.genehmigungsbehoerde == "Landratsamt Erzgebirgskreis"
        assert Protokolleintrag.objects.filter(aktion="kooperation.angelegt", objekt_id=str(k.pk)).exists()


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"mitglieder": [Mitgliedsangabe(GEYER, "federfuehrend")]}, "mindestens 2 Mitglieder"),
        (
            {"mitglieder": [Mitgliedsangabe(GEYER, "federfuehrend"), Mitgliedsangabe(GEYER, "beauftragend")]},
            "Geyer ist mehrfach als Mitglied aufgeführt",
        ),
        (
            {"mitglieder": [Mitgliedsangabe(GEYER, "federfuehrend"), Mitgliedsangabe("99999999")]},
            "„99999999“ ist weder eine Gemeinde",
        ),
        (
            {"mitglieder": [Mitgliedsangabe(GEYER), Mitgliedsangabe(THUM)]},
            "genau ein Mitglied als „erfüllend / federführend“",
        ),
        ({"titel": "   "}, "Bitte geben Sie einen Titel an"),
        ({"rechtsform": "kommanditgesellschaft"}, "Rechtsform aus dem Verzeichnis"),
        ({"aufgabenbereiche": ["standesamt", "raumfahrt"]}, "Unbekannte Aufgabenbereiche: raumfahrt"),
        ({"beginn": dt.date(2025, 1, 1), "ende": dt.date(2024, 12, 31)}, "Das Ende liegt vor dem Beginn"),
        (
            {"rechtsform": "verwaltungsverband", "beginn": dt.date(2024, 1, 1)},
            "seit dem 17.11.2012 können keine neuen gebildet werden",
        ),
    ],
)
def test_ungueltige_eingaben_werden_deutsch_abgelehnt_und_nichts_gespeichert(
    als, bob, gemeinde_a, felder, meldung
):
    with als(bob, gemeinde_a):
        vorher = (Kooperation.objects.count(), Kooperationsmitglied._base_manager.count())
        with pytest.raises(ValidationError) as e:
            kooperation_anlegen(standesamt(**felder))
        assert meldung in fehler(e)
        assert (Kooperation.objects.count(), Kooperationsmitglied._base_manager.count()) == vorher


def test_alle_fehler_auf_einmal(als, bob, gemeinde_a):
    with als(bob, gemeinde_a), pytest.raises(ValidationError) as e:
        kooperation_anlegen(standesamt(titel="", rechtsform="", mitglieder=[Mitgliedsangabe(GEYER)]))
    assert set(e.value.message_dict) >= {"titel", "rechtsform", "mitglieder"}


@pytest.mark.parametrize(
    ("beginn", "erlaubt"), [(dt.date(2012, 11, 16), True), (dt.date(2012, 11, 17), False)]
)
def test_stichtag_fuer_neue_verwaltungsverbaende(als, dora, verband, beginn, erlaubt):
    with als(dora, verband):
        daten = standesamt(
            rechtsform="verwaltungsverband",
            beginn=beginn,
            mitglieder=[Mitgliedsangabe(GEYER), Mitgliedsangabe(THUM)],
        )
        if erlaubt:
            assert kooperation_anlegen(daten).beginn == beginn
        else:
            with pytest.raises(ValidationError):
                kooperation_anlegen(daten)


def test_bestehender_verwaltungsverband_von_vor_2012_darf_erfasst_werden(als, dora, verband):
    with als(dora, verband):
        k = kooperation_anlegen(
            standesamt(
                titel="Verwaltungsverband (Altbestand)",
                rechtsform="verwaltungsverband",
                beginn=dt.date(1994, 1, 1),
                mitglieder=[Mitgliedsangabe(GEYER), Mitgliedsangabe(THUM)],
            )
        )
    assert k.rechtsform.code == "verwaltungsverband"


def test_landkreis_als_mitglied_macht_die_landesdirektion_zustaendig(system, grunddaten):
    k = kooperation_anlegen(
        standesamt(
            rechtsform="zweckverband",
            mitglieder=[Mitgliedsangabe(GEYER), Mitgliedsangabe(THUM), Mitgliedsangabe(ERZGEBIRGSKREIS)],
        )
    )
    assert k.genehmigungsbehoerde == "Landesdirektion Sachsen"
    mitglieder = list(k.mitglieder.select_related("kommune__kreis", "kommune__land", "kreis__land"))
    assert genehmigungsbehoerde_vorschlag(Rechtsform.objects.get(code="zweckverband"), mitglieder[:2]) == (
        "Landratsamt Erzgebirgskreis"
    )
    nicht_genehmigungspflichtig = Rechtsform.objects.filter(genehmigungspflichtig=False).first()
    assert genehmigungsbehoerde_vorschlag(nicht_genehmigungspflichtig, mitglieder) == ""


def test_register_verbaende_sind_aktive_oeffentliche_kooperationen(system, grunddaten):
    verbaende = Gemeindeverband.objects.exclude(typ=Gemeindeverband.Typ.VERBANDSFREI)
    sachsen = verbaende.filter(kreis__land__code="14")
    assert sachsen.count() == 70  # 64 Verwaltungsgemeinschaften and 6 Verwaltungsverbände
    importiert = Kooperation.objects.filter(gemeindeverband__isnull=False)
    assert importiert.count() == verbaende.count()
    assert not importiert.exclude(status="aktiv").exists()
    assert not importiert.exclude(sichtbarkeit="oeffentlich").exists()
    vg = importiert.get(gemeindeverband__ars="145215110")
    assert vg.titel == "Verwaltungsgemeinschaft Geyer-Tannenberg"
    assert {m.kommune.ags: m.rolle for m in vg.mitglieder.all()} == {
        GEYER: "federfuehrend",
        TANNENBERG: "mitglied",
    }
    # loading again changes nothing
    bericht = referenzdaten_laden()
    assert (bericht.kooperationen_neu, bericht.kooperationen_geaendert, bericht.modellfassungen_neu) == (
        0,
        0,
        0,
    )


def test_sichtbarkeit_je_persona(als, alice, bob, charlie, dora, gemeinde_a, gemeinde_b, verband):
    with als(bob, gemeinde_a):
        nur_mitglieder = kooperation_anlegen(
            standesamt(titel="Nur für Mitglieder", sichtbarkeit="mitglieder", mitglieder=[
                Mitgliedsangabe(GEYER, "federfuehrend"), Mitgliedsangabe(THUM, "beauftragend")
            ])
        )  # fmt: skip
        idee = kooperation_anlegen(
            standesamt(titel="Idee für die Servicestelle", sichtbarkeit="servicestelle")
        )
        oeffentlich = kooperation_anlegen(standesamt(titel="Öffentlich", sichtbarkeit="oeffentlich"))
    ids = {nur_mitglieder.pk, idee.pk, oeffentlich.pk}

    def sichtbar() -> set[int]:
        return set(Kooperation.objects.filter(pk__in=ids).values_list("pk", flat=True))

    with als(bob, gemeinde_a):  # recorded them
        assert sichtbar() == ids
    with als(charlie, gemeinde_b):  # Ehrenfriedersdorf: member of two, recorder of none
        assert sichtbar() == {oeffentlich.pk}
    with als(dora, verband):  # Servicestelle sees all
        assert sichtbar() == ids
    from rathausnetz.zugang.kontext import ANONYM, zugriff_als

    with zugriff_als(ANONYM):
        assert sichtbar() == {oeffentlich.pk}
        assert Kooperationsmitglied.objects.filter(kooperation=nur_mitglieder).count() == 0


def test_nur_mitglieder_und_servicestelle_duerfen_aendern(
    als, bob, charlie, dora, gemeinde_a, gemeinde_b, verband
):
    with als(bob, gemeinde_a):
        k = kooperation_anlegen(
            standesamt(sichtbarkeit="oeffentlich", mitglieder=[
                Mitgliedsangabe(GEYER, "federfuehrend"), Mitgliedsangabe(THUM, "beauftragend")
            ])
        )  # fmt: skip
    with als(charlie, gemeinde_b), pytest.raises(PermissionDenied):
        kooperation_aendern(Kooperation.objects.get(pk=k.pk), standesamt(titel="Übernommen"))
    with als(dora, verband):
        k2 = kooperation_aendern(
            Kooperation.objects.get(pk=k.pk), standesamt(titel="Standesamt am Greifenstein")
        )
        assert k2.titel == "Standesamt am Greifenstein"
        assert k2.mitglieder.count() == 3


def test_aenderung_ohne_gueltige_mitglieder_laesst_alles_wie_es_war(als, bob, gemeinde_a):
    with als(bob, gemeinde_a):
        k = kooperation_anlegen(standesamt())
        with pytest.raises(ValidationError):
            kooperation_aendern(
                k, standesamt(titel="Neu", mitglieder=[Mitgliedsangabe(GEYER, "federfuehrend")])
            )
        k.refresh_from_db()
        assert k.titel == "Gemeinsames Standesamt Greifensteinregion"
        assert k.mitglieder.count() == 3


def test_gemeinsame_akte_wird_mit_den_mitgliedern_geteilt(als, bob, charlie, gemeinde_a, gemeinde_b):
    from rathausnetz.akten.models import Akte
    from rathausnetz.ikz.services.akte import akte_anlegen, vorgeschlagener_eintrag

    with als(bob, gemeinde_a):
        k = kooperation_anlegen(standesamt())
        eintrag = vorgeschlagener_eintrag()
        assert eintrag is not None and "Zusammenarbeit" in eintrag.titel
        akte = akte_anlegen(k, eintrag)
        assert akte.titel == "Kooperation: Gemeinsames Standesamt Greifensteinregion"
        with pytest.raises(ValidationError, match="bereits eine Akte"):
            akte_anlegen(Kooperation.objects.get(pk=k.pk), eintrag)
    with als(charlie, gemeinde_b):  # Ehrenfriedersdorf is a member and uses Rathausnetz
        assert Akte.objects.filter(pk=akte.pk).exists()
