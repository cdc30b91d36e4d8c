"""Deleting in the library and among the projects: an attachment is only unlinked (the original
stays in the content-addressed store), an example used by a municipality's project is archived
instead of deleted, and a project is deleted by the network staff only — always audited."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rathausnetz import speicher
from rathausnetz.akten.tests.helfer import pdf
from rathausnetz.netzwerk.models import Anhang, Digitalisierungsprojekt, Praxisbeispiel
from rathausnetz.netzwerk.services import praxis, projekte
from rathausnetz.netzwerk.tests.conftest import GEYER
from rathausnetz.protokoll.models import Protokolleintrag


@pytest.fixture
def beispiel(als_lotte, lotse) -> Praxisbeispiel:
    with als_lotte():
        return praxis.praxisbeispiel_anlegen(
            praxis.Praxisdaten(
                titel="Digitale Sitzungsvorbereitung im Stadtrat Geyer",
                kurzfassung="Ratsmitglieder erhalten Vorlagen nur noch über das Ratsinformationssystem.",
                status="veroeffentlicht",
                themen=["Ratsinformationssystem"],
                kommunen=[GEYER],
            )
        )


@pytest.fixture
def anhang(als_lotte, beispiel) -> Anhang:
    inhalt = pdf("Geschäftsordnung Stadtrat Geyer", "§ 4 Einladungen erfolgen elektronisch.")
    with als_lotte():
        return praxis.anhang_hochladen(beispiel, io.BytesIO(inhalt), "Geschaeftsordnung.pdf", "Auszug § 4")


@pytest.fixture
def projekt(als, alice, gemeinde_a) -> Digitalisierungsprojekt:
    with als(alice, gemeinde_a):
        return projekte.projekt_anlegen(
            projekte.Projektdaten(
                titel="Papierlose Ratsarbeit",
                ziel="Ab 2027 keine gedruckten Sitzungsunterlagen mehr.",
                kommune=GEYER,
                status="umsetzung",
            )
        )


def test_anhang_entfernen_laesst_das_original_im_speicher(als_lotte, anhang, beispiel):
    original = speicher.original_pfad(anhang.sha256)
    vorher = original.read_bytes()
    anhang_id = anhang.pk
    with als_lotte():
        praxis.anhang_entfernen(anhang)
    assert not Anhang._base_manager.filter(pk=anhang_id).exists()
    assert Praxisbeispiel._base_manager.filter(pk=beispiel.pk).exists()
    assert original.exists() and original.read_bytes() == vorher
    eintrag = Protokolleintrag._base_manager.get(aktion="anhang.entfernt", objekt_id=str(anhang_id))
    assert eintrag.aenderungen["sha256"] == {"alt": anhang.sha256, "neu": None}
    assert eintrag.aenderungen["datei"] == {"alt": "Geschaeftsordnung.pdf", "neu": None}


def test_anhang_entfernen_ueber_die_seite(client_fuer, lotte, verband, bob, gemeinde_a, anhang, beispiel):
    pfad = f"/netzwerk/anhaenge/{anhang.pk}/entfernen/"
    anhang_id = anhang.pk
    assert client_fuer(bob, gemeinde_a).post(pfad).status_code == 403
    assert Anhang._base_manager.filter(pk=anhang.pk).exists()
    client = client_fuer(lotte, verband)
    html = client.get(pfad).content.decode()
    assert "Entfernt wird nur die Verknüpfung" in html and "Anhang entfernen" in html
    assert f'href="{pfad}"' in client.get(beispiel.get_absolute_url()).content.decode()
    antwort = client.post(pfad)
    assert antwort.status_code == 302 and antwort["Location"] == beispiel.get_absolute_url()
    assert not Anhang._base_manager.filter(pk=anhang_id).exists()
    assert speicher.original_pfad(anhang.sha256).exists()


def test_praxisbeispiel_loeschen_mit_anhaengen(als_lotte, beispiel, anhang):
    beispiel_id, anhang_id = beispiel.pk, anhang.pk
    with als_lotte():
        praxis.praxisbeispiel_loeschen(beispiel)
    assert not Praxisbeispiel._base_manager.filter(pk=beispiel_id).exists()
    assert not Anhang._base_manager.filter(pk=anhang_id).exists()
    assert speicher.original_pfad(anhang.sha256).exists()
    eintrag = Protokolleintrag._base_manager.get(
        aktion="praxisbeispiel.geloescht", objekt_id=str(beispiel_id)
    )
    assert eintrag.aenderungen["anhaenge"] == [{"datei": "Geschaeftsordnung.pdf", "sha256": anhang.sha256}]
    assert eintrag.aenderungen["titel"]["alt"] == "Digitale Sitzungsvorbereitung im Stadtrat Geyer"


def test_praxisbeispiel_eines_projekts_wird_archiviert_statt_geloescht(
    als_lotte, als, alice, gemeinde_a, beispiel, projekt
):
    with als(alice, gemeinde_a):
        daten = projekte.daten_von(projekt)
        daten.praxisbeispiele = [beispiel.pk]
        projekte.projekt_aendern(projekt, daten)
    with als_lotte():
        with pytest.raises(ValidationError, match="mit 1 Digitalisierungsprojekt von Kommunen verknüpft"):
            praxis.praxisbeispiel_loeschen(beispiel)
        praxis.praxisbeispiel_archivieren(beispiel)
    beispiel.refresh_from_db()
    assert beispiel.status == "archiviert"
    verknuepft = Digitalisierungsprojekt.praxisbeispiele.through.objects.filter(
        digitalisierungsprojekt=projekt
    )
    assert list(verknuepft.values_list("praxisbeispiel_id", flat=True)) == [beispiel.pk]  # link kept
    assert Protokolleintrag._base_manager.filter(
        aktion="praxisbeispiel.archiviert", objekt_id=str(beispiel.pk)
    ).exists()


def test_praxisbeispiel_loeschen_nur_fuer_netzwerk_personal(
    als, bob, alice, gemeinde_a, client_fuer, beispiel
):
    with als(bob, gemeinde_a), pytest.raises(PermissionDenied):
        praxis.praxisbeispiel_loeschen(beispiel)
    for person in (bob, alice):
        client = client_fuer(person, gemeinde_a)
        assert client.post(f"/netzwerk/praxisbeispiele/{beispiel.pk}/loeschen/").status_code == 403
        assert client.post(f"/netzwerk/praxisbeispiele/{beispiel.pk}/archivieren/").status_code == 403
    beispiel.refresh_from_db()
    assert beispiel.status == "veroeffentlicht"


def test_projekt_loeschen_durch_die_lotsin_landet_im_protokoll_der_kommune(
    client_fuer, lotte, verband, alice, gemeinde_a, projekt
):
    # Geyer's own administration may edit its project, but deleting is for the network staff
    assert (
        client_fuer(alice, gemeinde_a).post(f"/netzwerk/projekte/{projekt.pk}/loeschen/").status_code == 403
    )
    client = client_fuer(lotte, verband)
    assert "Löschen …" in client.get(projekt.get_absolute_url()).content.decode()
    assert (
        "Möchten Sie das Digitalisierungsprojekt"
        in client.get(f"/netzwerk/projekte/{projekt.pk}/loeschen/").content.decode()
    )
    antwort = client.post(f"/netzwerk/projekte/{projekt.pk}/loeschen/")
    assert antwort.status_code == 302 and antwort["Location"] == "/netzwerk/projekte/"
    assert not Digitalisierungsprojekt._base_manager.filter(pk=projekt.pk).exists()
    eintrag = Protokolleintrag._base_manager.get(
        aktion="digitalisierungsprojekt.geloescht", objekt_id=str(projekt.pk)
    )
    assert eintrag.organisation_id == gemeinde_a.pk and eintrag.benutzername == "lotte"
    assert eintrag.aenderungen["ziel"] == {
        "alt": "Ab 2027 keine gedruckten Sitzungsunterlagen mehr.",
        "neu": None,
    }


def test_projektseite_zeigt_loeschen_nur_dem_netzwerk(client_fuer, alice, gemeinde_a, projekt):
    html = client_fuer(alice, gemeinde_a).get(projekt.get_absolute_url()).content.decode()
    assert "Bearbeiten" in html and f"/netzwerk/projekte/{projekt.pk}/loeschen/" not in html
