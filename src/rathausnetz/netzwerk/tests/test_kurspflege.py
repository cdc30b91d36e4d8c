"""Looking after courses: Lotte (Digital-Lotsin) changes, reorders and deletes modules and sessions,
deletes a course nobody attended and archives one with certificates instead. Clerks and Navigatoren
without the right to run the network get 403; every change is in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rathausnetz.netzwerk.models import Anwesenheit, Durchgang, Kurs, Kursmodul, Kurstermin, Teilnahme
from rathausnetz.netzwerk.services import kurse, kurspflege
from rathausnetz.netzwerk.services.kurse import Termindaten
from rathausnetz.protokoll.models import Protokolleintrag


def _module(kurs) -> list[str]:
    return list(
        Kursmodul._base_manager.filter(kurs=kurs).order_by("reihenfolge").values_list("titel", flat=True)
    )


def _protokoll(aktion: str, objekt_id: int) -> Protokolleintrag:
    return Protokolleintrag._base_manager.get(aktion=aktion, objekt_id=str(objekt_id))


def _termine(durchgang) -> list[Kurstermin]:
    return list(Kurstermin._base_manager.filter(durchgang=durchgang).order_by("beginn"))


def _abgeschlossen(als_lotte, durchgang, navigatorin) -> Teilnahme:
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in _termine(durchgang):
            kurse.anwesenheit_erfassen(termin, [t.pk])
        kurse.abschluesse_feststellen(durchgang)
    return t


# --- modules ----------------------------------------------------------------------------------


def test_modul_aendern_wird_protokolliert(als_lotte, kurs):
    modul = Kursmodul._base_manager.get(kurs=kurs, titel="Erfahrungsaustausch")
    with als_lotte():
        kurspflege.modul_aendern(
            modul, "Erfahrungsaustausch mit Nachbarkommunen", "Wahlmodul, 2 Stunden", True
        )
    modul.refresh_from_db()
    assert (modul.titel, modul.pflicht) == ("Erfahrungsaustausch mit Nachbarkommunen", True)
    eintrag = _protokoll("kursmodul.geaendert", modul.pk)
    assert eintrag.aenderungen["titel"] == {
        "alt": "Erfahrungsaustausch",
        "neu": "Erfahrungsaustausch mit Nachbarkommunen",
    }
    assert eintrag.aenderungen["pflicht"] == {"alt": False, "neu": True}
    assert eintrag.benutzername == "lotte"


def test_modultitel_bleibt_je_kurs_eindeutig(als_lotte, kurs):
    modul = Kursmodul._base_manager.get(kurs=kurs, titel="Erfahrungsaustausch")
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        kurspflege.modul_aendern(modul, "AKTENPLAN einführen")
    assert fehler.value.message_dict["titel"] == [
        "Das Modul „AKTENPLAN einführen“ gibt es in diesem Kurs schon."
    ]
    modul.refresh_from_db()
    assert modul.titel == "Erfahrungsaustausch"


def test_module_verschieben(als_lotte, kurs):
    wahl = Kursmodul._base_manager.get(kurs=kurs, titel="Erfahrungsaustausch")
    with als_lotte():
        assert kurspflege.modul_verschieben(wahl, kurspflege.HOCH)
        assert _module(kurs) == ["Aktenplan einführen", "Erfahrungsaustausch", "Scannen und Posteingang"]
        assert kurspflege.modul_verschieben(wahl, kurspflege.HOCH)
        assert not kurspflege.modul_verschieben(wahl, kurspflege.HOCH)  # already first
        with pytest.raises(ValidationError):
            kurspflege.modul_verschieben(wahl, "seitwaerts")
    assert _module(kurs) == ["Erfahrungsaustausch", "Aktenplan einführen", "Scannen und Posteingang"]
    eintraege = Protokolleintrag._base_manager.filter(aktion="kursmodul.verschoben", objekt_id=str(wahl.pk))
    assert eintraege.count() == 2
    assert eintraege.order_by("nummer").last().aenderungen["reihenfolge"]["neu"] == _module(kurs)


def test_modul_mit_terminen_laesst_sich_nicht_loeschen(als_lotte, kurs, durchgang):
    scannen = Kursmodul._base_manager.get(kurs=kurs, titel="Scannen und Posteingang")
    with als_lotte(), pytest.raises(ValidationError, match="sind 2 Termine zugeordnet"):
        kurspflege.modul_loeschen(scannen)
    assert Kursmodul._base_manager.filter(pk=scannen.pk).exists()


def test_modul_ohne_termine_wird_geloescht_und_die_reihenfolge_schliesst_sich(als_lotte, kurs):
    scannen = Kursmodul._base_manager.get(kurs=kurs, titel="Scannen und Posteingang")
    scannen_id = scannen.pk
    with als_lotte():
        kurspflege.modul_loeschen(scannen)
    assert list(
        Kursmodul._base_manager.filter(kurs=kurs).order_by("reihenfolge").values_list("reihenfolge", "titel")
    ) == [
        (1, "Aktenplan einführen"),
        (2, "Erfahrungsaustausch"),
    ]
    eintrag = _protokoll("kursmodul.geloescht", scannen_id)
    assert eintrag.aenderungen["titel"] == {"alt": "Scannen und Posteingang", "neu": None}


# --- sessions ---------------------------------------------------------------------------------


def test_termin_verlegen(als_lotte, durchgang):
    termin = _termine(durchgang)[0]
    neu_beginn = termin.beginn + dt.timedelta(days=1)
    with als_lotte():
        kurspflege.termin_aendern(
            termin,
            Termindaten(
                neu_beginn,
                neu_beginn + dt.timedelta(hours=3),
                "praesenz",
                "Rathaus Geyer, Ratssaal",
                "",
                termin.modul_id,
            ),
        )
    termin.refresh_from_db()
    assert (termin.beginn, termin.ort) == (neu_beginn, "Rathaus Geyer, Ratssaal")
    eintrag = _protokoll("kurstermin.geaendert", termin.pk)
    assert eintrag.aenderungen["ort"] == {
        "alt": "Landratsamt Erzgebirgskreis, Annaberg-Buchholz",
        "neu": "Rathaus Geyer, Ratssaal",
    }


def test_termin_aendern_prueft_wie_beim_anlegen(als_lotte, durchgang):
    termin = _termine(durchgang)[1]
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        kurspflege.termin_aendern(
            termin,
            Termindaten(
                termin.beginn, termin.beginn - dt.timedelta(hours=1), "online", "", "http://konferenz.example"
            ),
        )
    assert fehler.value.message_dict == {
        "ende": ["Das Ende muss nach dem Beginn liegen."],
        "online_link": ["Der Link zur Videokonferenz beginnt mit https://."],
    }
    termin.refresh_from_db()
    assert termin.online_link == "https://konferenz.example/e-akte"


def test_termin_mit_anwesenheit_bleibt(als_lotte, durchgang, navigatorin):
    erster, zweiter = _termine(durchgang)[:2]
    zweiter_id = zweiter.pk
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        kurse.anwesenheit_erfassen(erster, [t.pk])
        with pytest.raises(ValidationError, match="Anwesenheit bereits erfasst"):
            kurspflege.termin_loeschen(erster)
        kurspflege.termin_loeschen(zweiter)
    assert Kurstermin._base_manager.filter(pk=erster.pk).exists()
    assert not Kurstermin._base_manager.filter(pk=zweiter_id).exists()
    assert _protokoll("kurstermin.geloescht", zweiter_id).aenderungen["form"] == {
        "alt": "online",
        "neu": None,
    }


# --- courses ----------------------------------------------------------------------------------


def test_kurs_mit_zertifikaten_wird_nicht_geloescht_sondern_archiviert(
    als_lotte, kurs, durchgang, navigatorin
):
    _abgeschlossen(als_lotte, durchgang, navigatorin)
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        kurspflege.kurs_loeschen(kurs)
    [meldung] = fehler.value.messages
    assert meldung.startswith(
        "Der Kurs kann nicht gelöscht werden: Es gibt 1 ausgestellte Zertifikat und 1 abgeschlossene "
        "Teilnahme und erfasste Anwesenheiten."
    )
    assert "archivieren" in meldung
    assert Kurs._base_manager.filter(pk=kurs.pk).exists()
    assert not Protokolleintrag._base_manager.filter(aktion="kurs.geloescht", objekt_id=str(kurs.pk)).exists()
    with als_lotte():
        kurspflege.kurs_archivieren(kurs)
        with pytest.raises(ValidationError, match="bereits archiviert"):
            kurspflege.kurs_archivieren(kurs)
    kurs.refresh_from_db()
    assert kurs.status == "archiviert"
    assert _protokoll("kurs.archiviert", kurs.pk).aenderungen["status"] == {
        "alt": "veroeffentlicht",
        "neu": "archiviert",
    }


def test_kurs_nur_mit_anwesenheit_wird_nicht_geloescht(als_lotte, kurs, durchgang, navigatorin):
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        kurse.anwesenheit_erfassen(_termine(durchgang)[0], [])  # recorded as absent: still a record
        with pytest.raises(ValidationError, match="erfasste Anwesenheiten"):
            kurspflege.kurs_loeschen(kurs)
    assert Anwesenheit._base_manager.filter(teilnahme=t).count() == 1


def test_kurs_ohne_nachweise_wird_mit_allem_geloescht(als_lotte, kurs, durchgang, navigatorin, gemeinde_a):
    kurs_id = kurs.pk
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        t_id = t.pk
        kurspflege.kurs_loeschen(kurs)
    assert not Kurs._base_manager.filter(pk=kurs_id).exists()
    assert not Durchgang._base_manager.filter(kurs_id=kurs_id).exists()
    assert not Kursmodul._base_manager.filter(kurs_id=kurs_id).exists()
    assert not Teilnahme._base_manager.filter(pk=t_id).exists()
    eintrag = _protokoll("kurs.geloescht", kurs_id)
    assert eintrag.aenderungen["titel"] == {"alt": "Praxiskurs E-Akte im Hauptamt", "neu": None}
    assert (
        eintrag.aenderungen["module"],
        eintrag.aenderungen["termine"],
        eintrag.aenderungen["teilnahmen"],
    ) == (
        3,
        4,
        1,
    )
    # Geyer learns from its own audit chain that Alice's enrolment went with the course
    assert _protokoll("teilnahme.geloescht", t_id).organisation_id == gemeinde_a.pk


def test_ohne_netzwerkrecht_keine_kurspflege(als, bob, alice, gemeinde_a, kurs, durchgang):
    modul = Kursmodul._base_manager.filter(kurs=kurs).first()
    termin = _termine(durchgang)[0]
    for person in (bob, alice):  # clerk, and the Navigatorin herself
        with als(person, gemeinde_a):
            for aufruf in (
                lambda: kurspflege.modul_aendern(modul, "Neu"),
                lambda: kurspflege.modul_verschieben(modul, kurspflege.RUNTER),
                lambda: kurspflege.modul_loeschen(modul),
                lambda: kurspflege.termin_loeschen(termin),
                lambda: kurspflege.kurs_loeschen(kurs),
                lambda: kurspflege.kurs_archivieren(kurs),
            ):
                with pytest.raises(PermissionDenied):
                    aufruf()
    assert Kurs._base_manager.get(pk=kurs.pk).status == "veroeffentlicht"


# --- pages ------------------------------------------------------------------------------------


def test_seiten_der_kurspflege_nur_fuer_netzwerk_personal(
    client_fuer, bob, alice, gemeinde_a, kurs, durchgang
):
    modul = Kursmodul._base_manager.filter(kurs=kurs).first()
    termin = _termine(durchgang)[0]
    pfade = {
        "get": [
            f"/netzwerk/module/{modul.pk}/bearbeiten/",
            f"/netzwerk/module/{modul.pk}/loeschen/",
            f"/netzwerk/termine/{termin.pk}/bearbeiten/",
            f"/netzwerk/termine/{termin.pk}/loeschen/",
            f"/netzwerk/kurse/{kurs.pk}/loeschen/",
        ],
        "post": [
            f"/netzwerk/module/{modul.pk}/verschieben/",
            f"/netzwerk/module/{modul.pk}/loeschen/",
            f"/netzwerk/termine/{termin.pk}/loeschen/",
            f"/netzwerk/kurse/{kurs.pk}/loeschen/",
            f"/netzwerk/kurse/{kurs.pk}/archivieren/",
        ],
    }
    for person in (bob, alice):
        client = client_fuer(person, gemeinde_a)
        for methode, liste in pfade.items():
            for pfad in liste:
                assert getattr(client, methode)(pfad).status_code == 403, (person, methode, pfad)
    assert Kurs._base_manager.get(pk=kurs.pk).status == "veroeffentlicht"
    assert Kurstermin._base_manager.filter(pk=termin.pk).exists()


def test_kurs_loeschen_fragt_erst_und_loescht_nur_per_post(client_fuer, lotte, verband, kurs):
    client = client_fuer(lotte, verband)
    seite = client.get(f"/netzwerk/kurse/{kurs.pk}/loeschen/")
    html = seite.content.decode()
    assert seite.status_code == 200
    assert "Möchten Sie den Kurs „Praxiskurs E-Akte im Hauptamt“ wirklich löschen?" in html
    assert "csrfmiddlewaretoken" in html and "3 Module" in html
    assert Kurs._base_manager.filter(pk=kurs.pk).exists()  # GET changes nothing
    antwort = client.post(f"/netzwerk/kurse/{kurs.pk}/loeschen/")
    assert antwort.status_code == 302 and antwort["Location"] == "/netzwerk/kurse/"
    assert not Kurs._base_manager.filter(pk=kurs.pk).exists()


def test_kurs_mit_zertifikat_bietet_archivieren_an(
    client_fuer, lotte, verband, als_lotte, kurs, durchgang, navigatorin
):
    _abgeschlossen(als_lotte, durchgang, navigatorin)
    client = client_fuer(lotte, verband)
    html = client.get(f"/netzwerk/kurse/{kurs.pk}/loeschen/").content.decode()
    assert "Der Kurs kann nicht gelöscht werden" in html
    assert "Endgültig löschen" not in html
    assert f'action="/netzwerk/kurse/{kurs.pk}/archivieren/"' in html
    abgelehnt = client.post(f"/netzwerk/kurse/{kurs.pk}/loeschen/", follow=True)
    assert "Der Kurs kann nicht gelöscht werden" in abgelehnt.content.decode()
    assert Kurs._base_manager.filter(pk=kurs.pk).exists()
    client.post(f"/netzwerk/kurse/{kurs.pk}/archivieren/")
    assert Kurs._base_manager.get(pk=kurs.pk).status == "archiviert"


def test_module_auf_der_kursseite_verschieben_und_bearbeiten(client_fuer, lotte, verband, kurs):
    client = client_fuer(lotte, verband)
    scannen = Kursmodul._base_manager.get(kurs=kurs, titel="Scannen und Posteingang")
    html = client.get(kurs.get_absolute_url()).content.decode()
    assert f'action="/netzwerk/module/{scannen.pk}/verschieben/"' in html
    client.post(f"/netzwerk/module/{scannen.pk}/verschieben/", {"richtung": "runter"})
    assert _module(kurs) == ["Aktenplan einführen", "Erfahrungsaustausch", "Scannen und Posteingang"]
    assert client.get(f"/netzwerk/module/{scannen.pk}/verschieben/").status_code == 405
    antwort = client.post(
        f"/netzwerk/module/{scannen.pk}/bearbeiten/",
        {"titel": "Scannen nach TR-RESISCAN", "beschreibung": "Ersetzendes Scannen", "pflicht": "on"},
    )
    assert antwort.status_code == 302
    assert Kursmodul._base_manager.get(pk=scannen.pk).titel == "Scannen nach TR-RESISCAN"


def test_termin_bearbeiten_seite(client_fuer, lotte, verband, durchgang):
    termin = _termine(durchgang)[1]
    client = client_fuer(lotte, verband)
    html = client.get(f"/netzwerk/termine/{termin.pk}/bearbeiten/").content.decode()
    assert 'value="https://konferenz.example/e-akte"' in html
    antwort = client.post(
        f"/netzwerk/termine/{termin.pk}/bearbeiten/",
        {
            "modul": str(termin.modul_id),
            "beginn": timezone.localtime(termin.beginn).strftime("%Y-%m-%dT%H:%M"),
            "ende": timezone.localtime(termin.ende).strftime("%Y-%m-%dT%H:%M"),
            "form": "online",
            "ort": "",
            "online_link": "https://konferenz.example/e-akte-neu",
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    assert Kurstermin._base_manager.get(pk=termin.pk).online_link == "https://konferenz.example/e-akte-neu"
