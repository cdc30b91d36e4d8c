"""XDOMEA through the API, the pages and the command line — with tenant isolation and bad input."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from rathausnetz.akten.models import Akte
from rathausnetz.austausch.models import Nachricht
from rathausnetz.austausch.tests.helfer import akte_mit_inhalt, offizielles_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def akte(bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        return akte_mit_inhalt(gemeinde_a.pk)


def test_api_export_and_import_between_two_municipalities(
    akte, bob, charlie, gemeinde_a, gemeinde_b, api_token, client
):
    token_a = api_token(bob, gemeinde_a)
    antwort = client.get(
        f"/api/akten/{akte.pk}/xdomea?empfaenger=Stadtverwaltung+Ehrenfriedersdorf",
        headers={"Authorization": f"Bearer {token_a}"},
    )
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/zip"
    assert "_Abgabe.Abgabe.0401.zip" in antwort["Content-Disposition"]
    paket = b"".join(antwort.streaming_content)
    with zipfile.ZipFile(io.BytesIO(paket)) as zf:
        xml = next(zf.read(n) for n in zf.namelist() if n.endswith("0401.xml"))
    assert offizielles_schema().validate(etree.fromstring(xml))

    token_b = api_token(charlie, gemeinde_b)
    # Ehrenfriedersdorf may not even learn that Geyer's Akte exists
    fremd = client.get(f"/api/akten/{akte.pk}/xdomea", headers={"Authorization": f"Bearer {token_b}"})
    assert fremd.status_code == 404
    datei = io.BytesIO(paket)
    datei.name = "abgabe.zip"
    antwort = client.post(
        "/api/xdomea/import", {"datei": datei}, headers={"Authorization": f"Bearer {token_b}"}
    )
    assert antwort.status_code == 201, antwort.content
    daten = antwort.json()
    assert daten["typ"] == "0401"
    (neu,) = daten["akten"]
    assert neu["fremdes_aktenzeichen"] == akte.aktenzeichen
    assert neu["aktenzeichen"] != akte.aktenzeichen
    assert sorted(q["typ"] for q in daten["quittungen"]) == ["0402", "0403"]
    # the same Abgabe a second time: refused, nothing filed twice
    datei.seek(0)
    doppelt = client.post(
        "/api/xdomea/import", {"datei": datei}, headers={"Authorization": f"Bearer {token_b}"}
    )
    assert doppelt.status_code == 422
    assert "bereits übernommen" in doppelt.json()["befunde"][0]["problem"]
    assert neu["aktenzeichen"] in doppelt.json()["befunde"][0]["problem"]
    quittung = client.get(daten["quittungen"][0]["datei_url"], headers={"Authorization": f"Bearer {token_b}"})
    assert quittung.status_code == 200
    assert offizielles_schema().validate(etree.fromstring(b"".join(quittung.streaming_content)))
    # the receipt belongs to Ehrenfriedersdorf: Geyer gets 404 for it
    assert (
        client.get(
            daten["quittungen"][0]["datei_url"], headers={"Authorization": f"Bearer {token_a}"}
        ).status_code
        == 404
    )
    liste = client.get("/api/xdomea/nachrichten", headers={"Authorization": f"Bearer {token_b}"}).json()
    assert liste["count"] == 3 and {n["typ"] for n in liste["items"]} == {"0401", "0402", "0403"}


def test_api_refuses_an_invalid_message_with_findings(bob, gemeinde_a, api_token, client, grunddaten):
    token = api_token(bob, gemeinde_a)
    datei = io.BytesIO(
        b'<?xml version="1.0"?>\n'
        b'<x:Abgabe.EmpfangBestaetigen.0403 xmlns:x="urn:xoev-de:xdomea:schema:3.1.0">\n'
        b"  <x:Kopf/>\n</x:Abgabe.EmpfangBestaetigen.0403>\n"
    )
    datei.name = "quittung.xml"
    vorher = Nachricht._base_manager.count()
    antwort = client.post(
        "/api/xdomea/import", {"datei": datei}, headers={"Authorization": f"Bearer {token}"}
    )
    assert antwort.status_code == 422
    befund = antwort.json()["befunde"][0]
    assert befund["zeile"] == 3 and befund["element"] == "Kopf"
    assert "Pflichtelement" in befund["problem"] and "ProzessID" in befund["problem"]
    assert Nachricht._base_manager.count() == vorher


def test_pages_hand_over_and_receive_with_a_choice_of_file_plan_entry(
    akte, bob, charlie, gemeinde_a, gemeinde_b, client_fuer, als
):
    geyer = client_fuer(bob, gemeinde_a)
    seite = geyer.get(f"/austausch/akten/{akte.pk}/abgabe/")
    assert seite.status_code == 200 and "XDOMEA" in seite.content.decode()
    antwort = geyer.post(
        f"/austausch/akten/{akte.pk}/abgabe/", {"empfaenger": "Stadtverwaltung Ehrenfriedersdorf"}
    )
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/zip"
    paket = b"".join(antwort.streaming_content)

    ehrenfriedersdorf = client_fuer(charlie, gemeinde_b)
    assert ehrenfriedersdorf.get(f"/austausch/akten/{akte.pk}/abgabe/").status_code == 404
    datei = io.BytesIO(paket)
    datei.name = "abgabe.zip"
    vorschau = ehrenfriedersdorf.post("/austausch/import/", {"datei": datei})
    text = vorschau.content.decode()
    assert vorschau.status_code == 200 and akte.aktenzeichen in text and "Ihr Aktenplaneintrag" in text
    referenz = vorschau.context["referenz"]
    zuordnung = vorschau.context["vorschau"].zuordnungen[0]
    assert zuordnung.eintrag.kennzeichen == "610"
    # the reference is bound to the user: Geyer cannot use it to import into its own files
    fremd = geyer.post("/austausch/import/", {"referenz": referenz})
    assert fremd.status_code == 422 and "anderen Sitzung" in fremd.content.decode()
    with als(charlie, gemeinde_b):
        ziel = akte.aktenplaneintrag.__class__.objects.get(kennzeichen="600")
    fertig = ehrenfriedersdorf.post(
        "/austausch/import/", {"referenz": referenz, f"eintrag_{zuordnung.fremd.xdomea_id}": ziel.pk}
    )
    assert fertig.status_code == 200, fertig.content.decode()
    (neu,) = fertig.context["ergebnis"].akten
    assert neu.aktenplaneintrag_id == ziel.pk
    assert ehrenfriedersdorf.get(neu.get_absolute_url()).content.decode().count(akte.aktenzeichen) >= 1
    uebersicht = ehrenfriedersdorf.get("/austausch/").content.decode()
    assert "Abgabe.ImportBestaetigen" in uebersicht


def test_the_import_page_lists_findings_for_a_broken_package(bob, gemeinde_a, client_fuer, grunddaten):
    client = client_fuer(bob, gemeinde_a)
    datei = io.BytesIO(b"PK\x03\x04 kaputt")
    datei.name = "kaputt.zip"
    antwort = client.post("/austausch/import/", {"datei": datei})
    assert antwort.status_code == 422
    assert "nicht übernommen" in antwort.content.decode() and "beschädigt" in antwort.content.decode()


def test_command_line_export_and_import(akte, gemeinde_a, gemeinde_b, tmp_path, capsys):
    call_command(
        "xdomea_export",
        akte.aktenzeichen,
        str(tmp_path),
        organisation=gemeinde_a.name,
        empfaenger="Ehrenfriedersdorf",
    )
    (paket,) = tmp_path.glob("*_Abgabe.Abgabe.0401.zip")
    quittungen = tmp_path / "quittungen"
    quittungen.mkdir()
    call_command("xdomea_import", str(paket), organisation=gemeinde_b.name, pruefen=True)
    assert "→ 610" in capsys.readouterr().out
    call_command("xdomea_import", str(paket), organisation=gemeinde_b.name, quittungen=str(quittungen))
    assert f"bisher {akte.aktenzeichen}" in capsys.readouterr().out
    assert sorted(p.name.rsplit(".", 2)[-2] for p in quittungen.iterdir()) == ["0402", "0403"]
    with pytest.raises(CommandError, match="Nichts übernommen"):
        call_command("xdomea_import", str(paket), organisation=gemeinde_b.name)
    assert "bereits übernommen" in capsys.readouterr().err
    assert (
        Akte._base_manager.filter(organisation=gemeinde_b, fremdes_aktenzeichen=akte.aktenzeichen).count()
        == 1
    )
    with pytest.raises(CommandError, match="gibt es bei"):
        call_command("xdomea_export", "999-9999/2099", str(tmp_path), organisation=gemeinde_a.name)
    kaputt = tmp_path / "kaputt.zip"
    kaputt.write_bytes(b"kein Paket")
    with pytest.raises(CommandError, match="Nichts übernommen"):
        call_command("xdomea_import", str(kaputt), organisation=gemeinde_b.name)


def test_without_schemas_the_exchange_stops_with_a_clear_message(
    akte, bob, gemeinde_a, api_token, client, settings
):
    settings.XDOMEA_SCHEMA_DIR = ""
    antwort = client.get(
        f"/api/akten/{akte.pk}/xdomea", headers={"Authorization": f"Bearer {api_token(bob, gemeinde_a)}"}
    )
    assert antwort.status_code == 503
    assert "RATHAUSNETZ_XDOMEA_SCHEMA_DIR" in antwort.json()["detail"]


def test_a_package_larger_than_one_upload_but_within_the_package_limit_is_received(
    bob, charlie, gemeinde_a, gemeinde_b, als, settings, client_fuer
):
    """An Abgabe holds many documents: the single-file limit must not refuse the package."""
    import base64
    import os

    from rathausnetz.akten.models import Aktenplaneintrag
    from rathausnetz.akten.services import akten, dokumente, vorgaenge
    from rathausnetz.akten.tests.helfer import datei
    from rathausnetz.austausch.services import abgabe

    settings.UPLOAD_MAX_MB = 1
    with als(bob, gemeinde_a):
        akte = akten.akte_anlegen(Aktenplaneintrag.objects.get(kennzeichen="610"), "Bauakte Thumer Straße 4")
        vorgang = vorgaenge.vorgang_anlegen(akte, "Messprotokolle")
        for nummer in (1, 2):
            inhalt = base64.b64encode(os.urandom(650_000))  # ~870 kB, compresses only to ~660 kB
            dokumente.dokument_hochladen(vorgang, datei(inhalt), f"Messprotokoll {nummer}.txt")
        paket = abgabe.akte_exportieren(akte, "Stadtverwaltung Ehrenfriedersdorf").datei.read()
    assert len(paket) > 1024 * 1024
    hochgeladen = io.BytesIO(paket)
    hochgeladen.name = "abgabe.zip"
    vorschau = client_fuer(charlie, gemeinde_b).post("/austausch/import/", {"datei": hochgeladen})
    assert vorschau.status_code == 200, vorschau.content.decode()
    assert "Bauakte Thumer Straße 4" in vorschau.content.decode()
