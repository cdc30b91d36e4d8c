"""Aktenplan exchange (0301 with 0302): export, compare, supplement or align, receipts, bad plans."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from lxml import etree

from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.akten.services import aktenplan as aktenplan_dienst
from rathausnetz.austausch.models import Nachricht
from rathausnetz.austausch.schema import UngueltigeNachricht
from rathausnetz.austausch.services import aktenplan, empfang
from rathausnetz.austausch.tests.helfer import offizielles_schema
from rathausnetz.kommunen.models import Kommune
from rathausnetz.kommunen.services import mandanten
from rathausnetz.zugang.kontext import systemzugriff, verwaltungszugriff
from rathausnetz.zugang.rechte import Rolle
from rathausnetz.zugang.services import mitglied_hinzufuegen

pytestmark = pytest.mark.django_db

NS = "urn:xoev-de:xdomea:schema:3.1.0"


def _plan(organisation_id: int) -> list[tuple]:
    """What an exchange must keep of a plan: every field and the nesting."""
    with verwaltungszugriff(organisation_id, "Test"):
        return [
            (
                e.kennzeichen,
                e.titel,
                e.beschreibung,
                e.aufbewahrungsfrist,
                e.archivwuerdigkeit,
                e.aktiv,
                e.gueltig_ab,
                e.uebergeordnet.kennzeichen if e.uebergeordnet_id else "",
            )
            for e, _ in aktenplan_dienst.baum()
        ]


def _xml(export) -> bytes:
    with zipfile.ZipFile(io.BytesIO(export.datei.read())) as zf:
        (name,) = zf.namelist()
        assert name.endswith("_Aktenplan.Aktenplan.0301.xml")
        return zf.read(name)


@pytest.fixture
def thum(alice, grunddaten):
    """A newly activated town without a file plan, administered by Alice."""
    with systemzugriff("Test"):
        organisation, _ = mandanten.aktivieren(Kommune.objects.get(name__startswith="Thum").ags)
    with verwaltungszugriff(organisation.pk, "Test"):
        Aktenplaneintrag.objects.all().delete()
        mitglied_hinzufuegen(alice, [Rolle.ADMINISTRATION])
    return organisation


@pytest.fixture
def gesendet(alice, gemeinde_a, als, tmp_path):
    """Geyer's plan, with one entry changed so that it differs from the shipped demo plan."""
    with als(alice, gemeinde_a):
        eintrag = Aktenplaneintrag.objects.get(kennzeichen="610")
        aktenplan_dienst.eintrag_aendern(eintrag, beschreibung="Bauleitplanung der Stadt Geyer")
        aktenplan_dienst.eintrag_anlegen("610.9", "Städtebauliche Verträge", aufbewahrungsfrist=30)
        export = aktenplan.aktenplan_exportieren("Stadtverwaltung Thum", hinweis="Zur Abstimmung im Verbund")
    daten = _xml(export)
    pfad = tmp_path / export.dateiname
    export.datei.seek(0)
    pfad.write_bytes(export.datei.read())
    return export, daten, pfad


def test_the_export_is_a_valid_0301_with_nested_units_and_complete_retention(gesendet, gemeinde_a):
    export, daten, _ = gesendet
    baum = etree.fromstring(daten)
    schema = offizielles_schema()
    assert schema.validate(baum), schema.error_log
    einheiten = baum.findall(f".//{{{NS}}}Einheit")
    assert len(einheiten) == len(_plan(gemeinde_a.pk))
    unter = baum.xpath(
        "//x:Einheit[x:Kennzeichen='610']/x:Einheit/x:Kennzeichen/text()", namespaces={"x": NS}
    )
    assert "610.9" in unter
    # every unit carries the retention that applies, even where Rathausnetz inherits it
    assert all(e.find(f"{{{NS}}}Aufbewahrungsdauer") is not None for e in einheiten)
    assert export.nachricht.typ == "0301" and export.nachricht.status == Nachricht.Status.ERSTELLT


def test_round_trip_into_an_empty_plan_keeps_every_entry_and_the_inheritance(
    gesendet, alice, gemeinde_a, thum, als, tmp_path
):
    _, _, pfad = gesendet
    with als(alice, thum):
        vorschau = empfang.vorschau(pfad)
        assert vorschau.abgleich.neu == len(_plan(gemeinde_a.pk)) and vorschau.abgleich.gleich == 0
        ergebnis = empfang.empfangen(pfad, pfad.name, modus="ergaenzen")
        assert ergebnis.nachricht.status == Nachricht.Status.IMPORTIERT
    assert _plan(thum.pk) == _plan(gemeinde_a.pk)
    with als(alice, thum):
        zurueck = aktenplan.aktenplan_exportieren("Stadtverwaltung Geyer")
    erneut = tmp_path / "erneut.zip"
    erneut.write_bytes(zurueck.datei.read())
    with als(alice, gemeinde_a):
        abgleich = empfang.vorschau(erneut).abgleich
    assert abgleich.neu == 0 and abgleich.abweichend == 0 and not abgleich.nur_hier


def test_supplement_keeps_own_entries_align_takes_the_senders_values(gesendet, gemeinde_a, gemeinde_b):
    _, _, pfad = gesendet
    # Ehrenfriedersdorf has the demo plan with its own title for 610 and an entry Geyer lacks
    with verwaltungszugriff(gemeinde_b.pk, "Test"):
        eigen = Aktenplaneintrag.objects.get(kennzeichen="610")
        eigen.titel = "Bauleitplanung (Ehrenfriedersdorf)"
        eigen.save()
        Aktenplaneintrag.objects.create(
            organisation=gemeinde_b, kennzeichen="999", titel="Örtliche Besonderheiten"
        )
        abgleich = empfang.vorschau(pfad).abgleich
        zeile = next(z for z in abgleich.zeilen if z.einheit.kennzeichen == "610")
        assert zeile.status == "abweichend"
        assert {a.feld for a in zeile.abweichungen} == {"Titel", "Beschreibung"}
        assert [e.kennzeichen for e in abgleich.nur_hier] == ["999"]
        assert next(z for z in abgleich.zeilen if z.einheit.kennzeichen == "610.9").status == "neu"

        empfang.empfangen(pfad, pfad.name, modus="ergaenzen")
        eigen.refresh_from_db()
        assert eigen.titel == "Bauleitplanung (Ehrenfriedersdorf)"
        neu = Aktenplaneintrag.objects.get(kennzeichen="610.9")
        assert neu.uebergeordnet == eigen and neu.aufbewahrungsfrist == 30

        empfang.empfangen(pfad, pfad.name, modus="angleichen")
        eigen.refresh_from_db()
        geyer = next(e for e in _plan(gemeinde_a.pk) if e[0] == "610")
        assert (eigen.titel, eigen.beschreibung) == (geyer[1], "Bauleitplanung der Stadt Geyer")
        assert Aktenplaneintrag.objects.filter(kennzeichen="999").exists()  # never deleted


def test_the_receipt_0302_is_valid_and_confirms_the_plan_at_the_sender(
    gesendet, alice, gemeinde_a, charlie, gemeinde_b, als, tmp_path
):
    export, _, pfad = gesendet
    with als(charlie, gemeinde_b):
        ergebnis = empfang.empfangen(pfad, pfad.name)  # take note only: a clerk may do that
        (quittung,) = ergebnis.quittungen
        assert "verglichen" in ergebnis.nachricht.bemerkung
        wieder = empfang.empfangen(pfad, pfad.name)
        assert not wieder.quittungen and "schon einmal" in wieder.meldung
    from rathausnetz import speicher

    with speicher.oeffnen(quittung.datei.sha256) as f:
        xml = f.read()
    schema = offizielles_schema()
    assert schema.validate(etree.fromstring(xml)), schema.error_log
    (tmp_path / quittung.dateiname).write_bytes(xml)
    with als(alice, gemeinde_a):
        empfang.empfangen(tmp_path / quittung.dateiname, quittung.dateiname)
        export.nachricht.refresh_from_db()
        assert export.nachricht.status == Nachricht.Status.BESTAETIGT
    with als(charlie, gemeinde_b), pytest.raises(UngueltigeNachricht, match="keinem gesendeten Aktenplan"):
        empfang.empfangen(tmp_path / quittung.dateiname, quittung.dateiname)


def test_changing_the_plan_needs_the_right_to_administer(gesendet, charlie, gemeinde_b, als):
    _, _, pfad = gesendet
    with als(charlie, gemeinde_b):
        vorher = Aktenplaneintrag.objects.count()
        with pytest.raises(PermissionDenied):
            empfang.empfangen(pfad, pfad.name, modus="angleichen")
        with pytest.raises(ValidationError, match="Unbekannte Übernahme"):
            empfang.empfangen(pfad, pfad.name, modus="alles")
        assert Aktenplaneintrag.objects.count() == vorher
        assert not Nachricht.objects.filter(typ="0301", richtung="eingang").exists()


FREMD = """<?xml version="1.0" encoding="UTF-8"?>
<xdomea:Aktenplan.Aktenplan.0301 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.1.0">
  <xdomea:Kopf>
    <xdomea:ProzessID>6f1c2a4e-8b1d-4c3a-9e55-0a1b2c3d4e5f</xdomea:ProzessID>
    <xdomea:Nachrichtentyp listURI="urn:xoev-de:xdomea:codeliste:nachrichtentyp" listVersionID="2.0">
      <code>0301</code></xdomea:Nachrichtentyp>
    <xdomea:Erstellungszeitpunkt>2026-11-02T09:30:00Z</xdomea:Erstellungszeitpunkt>
    <xdomea:Absender><xdomea:Institution><xdomea:Name>Verbandsgemeinde Elbe-Heide</xdomea:Name>
      </xdomea:Institution></xdomea:Absender>
    <xdomea:Empfaenger><xdomea:Institution><xdomea:Name>Stadtverwaltung Geyer</xdomea:Name>
      </xdomea:Institution></xdomea:Empfaenger>
    <xdomea:Empfangsbestaetigung>0</xdomea:Empfangsbestaetigung>
  </xdomea:Kopf>
  <xdomea:Aktenplan>
    <xdomea:Bezeichnung>Aktenplan Sachsen-Anhalt (Auszug)</xdomea:Bezeichnung>
    <xdomea:Version>2024</xdomea:Version>
    <xdomea:Einheit>
      <xdomea:Kennzeichen>{kz}</xdomea:Kennzeichen>
      <xdomea:BetreffKurz>Allgemeine Verwaltung</xdomea:BetreffKurz>
      <xdomea:Aussonderungsart><xdomea:AussonderungsartKonfigurierbar>b</xdomea:AussonderungsartKonfigurierbar>
      </xdomea:Aussonderungsart>
      <xdomea:Stillgelegt>0</xdomea:Stillgelegt>
      <xdomea:Aufbewahrungsdauer><xdomea:AnzahlJahre>10</xdomea:AnzahlJahre></xdomea:Aufbewahrungsdauer>
      <xdomea:Einheit>
        <xdomea:Kennzeichen>{kz2}</xdomea:Kennzeichen>
        <xdomea:Inhaltsangabe>Satzungen der Verbandsgemeinde</xdomea:Inhaltsangabe>
        <xdomea:Aussonderungsart><xdomea:Aussonderungsart><code>A</code></xdomea:Aussonderungsart>
        </xdomea:Aussonderungsart>
        <xdomea:Stillgelegt>1</xdomea:Stillgelegt>
        <xdomea:Aufbewahrungsdauer><xdomea:Unbefristet>1</xdomea:Unbefristet></xdomea:Aufbewahrungsdauer>
      </xdomea:Einheit>
    </xdomea:Einheit>
  </xdomea:Aktenplan>
</xdomea:Aktenplan.Aktenplan.0301>
"""


def test_a_plan_from_another_product_arrives_with_explicit_values(alice, thum, als, tmp_path):
    pfad = tmp_path / "6f1c2a4e-8b1d-4c3a-9e55-0a1b2c3d4e5f_Aktenplan.Aktenplan.0301.xml"
    pfad.write_text(FREMD.format(kz="1", kz2="1.01"), encoding="utf-8")
    with als(alice, thum):
        ergebnis = empfang.empfangen(pfad, pfad.name, modus="ergaenzen")
        assert not ergebnis.quittungen  # the sender asked for none
    assert _plan(thum.pk) == [
        ("1", "Allgemeine Verwaltung", "", 10, "B", True, _plan(thum.pk)[0][6], ""),
        ("1.01", "Satzungen der Verbandsgemeinde", "", 0, "A", False, _plan(thum.pk)[1][6], "1"),
    ]


@pytest.mark.parametrize(
    "kz, kz2, erwartet",
    [
        ("A-12", "1.01", "hat nicht die Form"),
        ("1", "1", "kommt doppelt vor"),
    ],
)
def test_a_plan_rathausnetz_cannot_file_is_refused_with_lines_and_changes_nothing(
    alice, thum, als, tmp_path, kz, kz2, erwartet
):
    pfad = tmp_path / "plan.xml"
    pfad.write_text(FREMD.format(kz=kz, kz2=kz2), encoding="utf-8")
    with als(alice, thum):
        with pytest.raises(UngueltigeNachricht) as fehler:
            empfang.empfangen(pfad, pfad.name, modus="angleichen")
        assert not Aktenplaneintrag.objects.exists()
        assert not Nachricht.objects.exists()
    befund = fehler.value.befunde[0]
    assert erwartet in befund.problem and befund.zeile > 10


def test_a_unit_without_retention_fails_the_schema(alice, thum, als, tmp_path):
    pfad = tmp_path / "plan.xml"
    xml = FREMD.format(kz="1", kz2="1.01")
    xml = xml.replace(
        "<xdomea:Aufbewahrungsdauer><xdomea:AnzahlJahre>10</xdomea:AnzahlJahre></xdomea:Aufbewahrungsdauer>",
        "",
    )
    pfad.write_text(xml, encoding="utf-8")
    with als(alice, thum), pytest.raises(UngueltigeNachricht) as fehler:
        empfang.empfangen(pfad, pfad.name, modus="ergaenzen")
    assert any(
        "Aufbewahrungsdauer" in b.problem or "Aufbewahrungsdauer" in b.element for b in fehler.value.befunde
    )


def test_api_sends_the_plan_and_receives_it_with_a_chosen_mode(
    alice, gemeinde_a, thum, charlie, gemeinde_b, api_token, client
):
    geyer = {"Authorization": f"Bearer {api_token(alice, gemeinde_a)}"}
    antwort = client.get("/api/xdomea/aktenplan?empfaenger=Stadtverwaltung+Thum", headers=geyer)
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/zip"
    assert "_Aktenplan.Aktenplan.0301.zip" in antwort["Content-Disposition"]
    paket = b"".join(antwort.streaming_content)

    def senden(kopf: dict, modus: str):
        datei = io.BytesIO(paket)
        datei.name = "aktenplan.zip"
        return client.post("/api/xdomea/import", {"datei": datei, "modus": modus}, headers=kopf)

    ehrenfriedersdorf = {"Authorization": f"Bearer {api_token(charlie, gemeinde_b)}"}
    assert senden(ehrenfriedersdorf, "ergaenzen").status_code == 403  # a clerk may not change the plan
    falsch = senden(ehrenfriedersdorf, "ueberschreiben")
    assert falsch.status_code == 422 and "Unbekannte Übernahme" in falsch.json()["detail"][0]["meldung"]

    antwort = senden({"Authorization": f"Bearer {api_token(alice, thum)}"}, "ergaenzen")
    assert antwort.status_code == 201, antwort.content
    daten = antwort.json()
    assert daten["typ"] == "0301" and daten["nachricht"]["status"] == "importiert"
    assert len(daten["aktenplan"]["neu"]) == len(_plan(gemeinde_a.pk)) and daten["aktenplan"]["gleich"] == 0
    assert [q["typ"] for q in daten["quittungen"]] == ["0302"]
    assert len(_plan(thum.pk)) == len(_plan(gemeinde_a.pk))


def test_pages_compare_a_received_plan_and_supplement_the_own(alice, gemeinde_a, thum, client_fuer, als):
    geyer = client_fuer(alice, gemeinde_a)
    assert "An Partnerbehörde senden" in geyer.get("/akten/aktenplan/").content.decode()
    antwort = geyer.post("/austausch/aktenplan/", {"empfaenger": "Stadtverwaltung Thum"})
    assert antwort.status_code == 200 and antwort["Content-Type"] == "application/zip"
    datei = io.BytesIO(b"".join(antwort.streaming_content))
    datei.name = "aktenplan.zip"

    thum_client = client_fuer(alice, thum)
    vorschau = thum_client.post("/austausch/import/", {"datei": datei})
    text = vorschau.content.decode()
    assert vorschau.status_code == 200 and "Aktenplan vergleichen" in text and "fehlt bei Ihnen" in text
    with als(alice, thum):
        assert not Aktenplaneintrag.objects.exists()  # the comparison changes nothing
    fertig = thum_client.post(
        "/austausch/import/", {"referenz": vorschau.context["referenz"], "modus": "ergaenzen"}
    )
    assert fertig.status_code == 200, fertig.content.decode()
    assert "Empfangsbestätigen" in fertig.content.decode() or "0302" in fertig.content.decode()
    assert len(_plan(thum.pk)) == len(_plan(gemeinde_a.pk))
    # the sender sees the message it sent
    assert "Aktenplan.Aktenplan" in geyer.get("/austausch/aktenplan/").content.decode()


def test_command_line_sends_compares_and_supplements(gemeinde_a, thum, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    call_command("xdomea_aktenplan_export", str(tmp_path), organisation=gemeinde_a.name, empfaenger="Thum")
    (paket,) = tmp_path.glob("*_Aktenplan.Aktenplan.0301.zip")
    call_command("xdomea_import", str(paket), organisation=thum.name, pruefen=True)
    ausgabe = capsys.readouterr().out
    assert f"{len(_plan(gemeinde_a.pk))} fehlen hier" in ausgabe and "fehlt hier" in ausgabe
    assert not _plan(thum.pk)
    call_command("xdomea_import", str(paket), organisation=thum.name, aktenplan_modus="ergaenzen")
    assert "ergänzen" in capsys.readouterr().out
    assert len(_plan(thum.pk)) == len(_plan(gemeinde_a.pk))
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command(
            "xdomea_aktenplan_export", str(tmp_path / "fehlt" / "x.zip"), organisation=gemeinde_a.name
        )
