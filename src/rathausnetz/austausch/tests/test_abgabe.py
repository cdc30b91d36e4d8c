"""Abgabe 0401 with 0402/0403: export, validation against the official schemas, import, round trip."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from lxml import etree

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokument
from rathausnetz.austausch.models import Fremdobjekt, Nachricht
from rathausnetz.austausch.schema import UngueltigeNachricht
from rathausnetz.austausch.services import abgabe, empfang
from rathausnetz.austausch.tests.helfer import (
    akte_mit_inhalt,
    nachricht_aus_zip,
    offizielles_schema,
    zip_ersetzen,
)
from rathausnetz.protokoll.models import Protokolleintrag

pytestmark = pytest.mark.django_db


def _struktur(akte: Akte) -> list:
    """What must survive an exchange: metadata, order and the originals' SHA-256 per version."""
    ergebnis = []
    for vorgang in akte.vorgaenge.order_by("erstellt_am", "id"):
        dokus = []
        for d in Dokument._base_manager.filter(vorgang=vorgang).order_by("erstellt_am", "id"):
            dokus.append(
                (
                    d.betreff,
                    d.dokumentdatum,
                    d.eingangsdatum,
                    d.richtung,
                    d.absender,
                    d.empfaenger,
                    d.dokumenttyp.name if d.dokumenttyp_id else "",
                    d.vertraulichkeit,
                    [(v.nummer, v.dateiname, v.datei.sha256) for v in d.versionen.order_by("nummer")],
                )
            )
        ergebnis.append((vorgang.betreff, vorgang.status, vorgang.zda_am, vorgang.frist, dokus))
    return [
        akte.titel,
        akte.beschreibung,
        akte.vertraulichkeit,
        akte.eroeffnet_am,
        akte.geschlossen_am,
        akte.status,
        ergebnis,
    ]


@pytest.fixture
def abgegeben(bob, gemeinde_a, als, tmp_path):
    with als(bob, gemeinde_a):
        akte = akte_mit_inhalt(gemeinde_a.pk)
        export = abgabe.akte_exportieren(akte, empfaenger="Stadtverwaltung Ehrenfriedersdorf")
        inhalt = export.datei.read()
    pfad = tmp_path / export.dateiname
    pfad.write_bytes(inhalt)
    return akte, export, inhalt, pfad


def test_the_package_holds_a_valid_0401_and_every_version_file(abgegeben):
    akte, export, inhalt, _ = abgegeben
    name, xml = nachricht_aus_zip(inhalt)
    assert name == f"{export.nachricht.prozess_id}_Abgabe.Abgabe.0401.xml"
    assert export.dateiname.endswith("_Abgabe.Abgabe.0401.zip")
    baum = etree.fromstring(xml)
    schema = offizielles_schema()
    assert schema.validate(baum), schema.error_log
    ns = {"x": "urn:xoev-de:xdomea:schema:3.1.0"}
    assert baum.findtext(".//x:Akte/x:AllgemeineMetadaten/x:Kennzeichen", namespaces=ns) == akte.aktenzeichen
    assert (
        baum.findtext(
            ".//x:Akte/x:ArchivspezifischeMetadaten/x:Aufbewahrungsdauer/x:AnzahlJahre", namespaces=ns
        )
        == "30"
    )
    assert (
        baum.findtext(".//x:Kopf/x:Empfaenger/x:Institution/x:Name", namespaces=ns)
        == "Stadtverwaltung Ehrenfriedersdorf"
    )
    dateinamen = baum.xpath(".//x:Primaerdokument/x:Dateiname/text()", namespaces=ns)
    assert len(dateinamen) == 4  # PDF, letter in two versions, note
    with zipfile.ZipFile(io.BytesIO(inhalt)) as zf:
        assert set(dateinamen) <= set(zf.namelist())
    assert export.nachricht.status == Nachricht.Status.ERSTELLT
    assert Protokolleintrag._base_manager.filter(
        aktion="xdomea.abgabe_erstellt", objekt_id=str(akte.pk)
    ).exists()


def test_round_trip_from_geyer_to_ehrenfriedersdorf_and_back_keeps_documents_and_metadata(
    abgegeben, charlie, gemeinde_b, bob, gemeinde_a, als, tmp_path
):
    akte, _, _, pfad = abgegeben
    with als(bob, gemeinde_a):
        vorher = _struktur(akte)
    with als(charlie, gemeinde_b):
        ergebnis = empfang.empfangen(pfad, pfad.name)
        (neu,) = ergebnis.akten
        neu.refresh_from_db()
        assert neu.organisation_id == gemeinde_b.pk
        assert neu.aktenzeichen.startswith("610-") and neu.aktenzeichen != ""
        assert neu.fremdes_aktenzeichen == akte.aktenzeichen
        assert neu.aktenplaneintrag.kennzeichen == "610"
        assert _struktur(neu) == vorher
        assert neu.aussonderungsdatum is not None
        # B hands it on again: the same documents, metadata and structure come out
        zweite = abgabe.akte_exportieren(neu, empfaenger="Stadtverwaltung Geyer")
        zurueck = tmp_path / zweite.dateiname
        zurueck.write_bytes(zweite.datei.read())
        typen = sorted(q.typ for q in ergebnis.quittungen)
        assert typen == ["0402", "0403"]
        assert Fremdobjekt.objects.filter(nachricht=ergebnis.nachricht, art="dokument").count() == 3
    _, xml_b = nachricht_aus_zip(zurueck.read_bytes())
    assert offizielles_schema().validate(etree.fromstring(xml_b))
    with als(bob, gemeinde_a):
        wieder = empfang.empfangen(zurueck, zurueck.name).akten[0]
        assert _struktur(wieder) == vorher
        assert wieder.fremdes_aktenzeichen == neu.aktenzeichen


def test_receipts_validate_and_confirm_the_abgabe_at_the_sender(
    abgegeben, charlie, gemeinde_b, bob, gemeinde_a, als, tmp_path
):
    _, export, _, pfad = abgegeben
    with als(charlie, gemeinde_b):
        quittungen = empfang.empfangen(pfad, pfad.name).quittungen
    schema = offizielles_schema()
    from rathausnetz import speicher

    for quittung in quittungen:
        with speicher.oeffnen(quittung.datei.sha256) as f:
            xml = f.read()
        assert schema.validate(etree.fromstring(xml)), schema.error_log
        (tmp_path / quittung.dateiname).write_bytes(xml)
    q0402 = next(q for q in quittungen if q.typ == "0402")
    with als(bob, gemeinde_a):
        ergebnis = empfang.empfangen(tmp_path / q0402.dateiname, q0402.dateiname)
        assert "bestätigt" in ergebnis.meldung
        export.nachricht.refresh_from_db()
        assert export.nachricht.status == Nachricht.Status.BESTAETIGT
    # a receipt for someone else's Abgabe is refused
    with als(charlie, gemeinde_b), pytest.raises(UngueltigeNachricht, match="keiner Abgabe"):
        empfang.empfangen(tmp_path / q0402.dateiname, q0402.dateiname)


def _nichts_importiert(gemeinde_b, charlie, als, vorher: int) -> None:
    with als(charlie, gemeinde_b):
        assert Akte.objects.filter(organisation=gemeinde_b).count() == vorher
        assert not Nachricht.objects.filter(richtung="eingang").exists()


@pytest.mark.parametrize(
    "aendern, erwartet",
    [
        (
            lambda xml: xml.replace(b"<xdomea:ProzessID>", b"<xdomea:Prozess>").replace(
                b"</xdomea:ProzessID>", b"</xdomea:Prozess>"
            ),
            "nicht erlaubt",
        ),
        (
            lambda xml: xml.replace(
                b"<xdomea:Erstellungszeitpunkt>", b"<xdomea:Erstellungszeitpunkt>gestern"
            ),
            "kein gültiger Wert",
        ),
        (lambda xml: xml.replace(b"<code>0401</code>", b"<code>9999</code>"), "nicht zulässig"),
        (lambda xml: xml[: len(xml) // 2], "Kein wohlgeformtes XML"),
    ],
)
def test_an_invalid_message_gets_a_german_error_list_and_imports_nothing(
    abgegeben, charlie, gemeinde_b, als, tmp_path, aendern, erwartet
):
    _, _, inhalt, _ = abgegeben
    name, xml = nachricht_aus_zip(inhalt)
    kaputt = tmp_path / "kaputt.zip"
    kaputt.write_bytes(zip_ersetzen(inhalt, {name: aendern(xml)}))
    with als(charlie, gemeinde_b):
        vorher = Akte.objects.filter(organisation=gemeinde_b).count()
        with pytest.raises(UngueltigeNachricht) as fehler:
            empfang.empfangen(kaputt, kaputt.name)
    befund = fehler.value.befunde[0]
    assert erwartet in befund.problem
    assert befund.zeile > 0
    assert "Zeile" in str(befund)
    _nichts_importiert(gemeinde_b, charlie, als, vorher)


def test_a_missing_or_refused_document_file_imports_nothing(abgegeben, charlie, gemeinde_b, als, tmp_path):
    _, _, inhalt, _ = abgegeben
    with zipfile.ZipFile(io.BytesIO(inhalt)) as zf:
        pdf_name = next(n for n in zf.namelist() if n.endswith(".pdf"))
        txt_name = next(n for n in zf.namelist() if n.endswith(".txt"))
    fehlt = tmp_path / "fehlt.zip"
    fehlt.write_bytes(zip_ersetzen(inhalt, {pdf_name: None}))
    programm = tmp_path / "programm.zip"
    programm.write_bytes(zip_ersetzen(inhalt, {txt_name: b"MZ\x90\x00\x03" + bytes(range(256)) * 8}))
    with als(charlie, gemeinde_b):
        vorher = Akte.objects.filter(organisation=gemeinde_b).count()
        with pytest.raises(UngueltigeNachricht, match="fehlt im Paket"):
            empfang.empfangen(fehlt, fehlt.name)
        with pytest.raises(UngueltigeNachricht, match="nichts übernommen"):
            empfang.empfangen(programm, programm.name)
    _nichts_importiert(gemeinde_b, charlie, als, vorher)


def test_hostile_packages_are_refused(charlie, gemeinde_b, als, tmp_path, abgegeben):
    _, _, inhalt, _ = abgegeben
    name, xml = nachricht_aus_zip(inhalt)
    faelle = {
        "ausbruch.zip": zip_ersetzen(inhalt, {"../../etc/passwd": b"x"}),
        "kein_zip.zip": b"Dies ist kein Paket.",
        "zwei.zip": zip_ersetzen(inhalt, {name.replace("-", "0", 1): xml}),
        "entitaet.xml": (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            b'<x:Abgabe.EmpfangBestaetigen.0403 xmlns:x="urn:xoev-de:xdomea:schema:3.1.0">&e;'
            b"</x:Abgabe.EmpfangBestaetigen.0403>"
        ),
    }
    with als(charlie, gemeinde_b):
        vorher = Akte.objects.filter(organisation=gemeinde_b).count()
        for dateiname, daten in faelle.items():
            pfad = tmp_path / dateiname
            pfad.write_bytes(daten)
            with pytest.raises(UngueltigeNachricht) as fehler:
                empfang.empfangen(pfad, dateiname)
            assert fehler.value.befunde, dateiname
            assert "root:" not in str(fehler.value.messages)
    _nichts_importiert(gemeinde_b, charlie, als, vorher)


def test_the_official_3_0_0_example_is_refused_as_not_3_1_0(charlie, gemeinde_b, als, tmp_path):
    import os
    from pathlib import Path

    ordner = Path(os.environ["RATHAUSNETZ_XDOMEA_SCHEMA_DIR"]).resolve()
    wurzel = ordner if (ordner / "3.1.0").is_dir() else ordner.parent
    beispiel = next(wurzel.glob("examples-3.0.0/*.xml"))
    with als(charlie, gemeinde_b), pytest.raises(UngueltigeNachricht) as fehler:
        empfang.empfangen(beispiel, beispiel.name)
    assert "keine XDOMEA-3.1.0-Nachricht" in fehler.value.befunde[0].problem


def test_without_a_matching_file_plan_entry_the_clerk_must_choose(abgegeben, charlie, gemeinde_b, als):
    _, _, _, pfad = abgegeben
    with als(charlie, gemeinde_b):
        Aktenplaneintrag.objects.filter(organisation=gemeinde_b, kennzeichen="610").update(aktiv=False)
        with pytest.raises(ValidationError, match="kein Aktenplaneintrag gewählt"):
            empfang.empfangen(pfad, pfad.name)
        vorschau = empfang.vorschau(pfad)
        assert vorschau.zuordnungen[0].eintrag is None
        assert vorschau.zuordnungen[0].fremd.anzahl_dokumente == 3
        ziel = Aktenplaneintrag.objects.get(organisation=gemeinde_b, kennzeichen="600")
        (akte,) = empfang.empfangen(pfad, pfad.name, standard=ziel).akten
        assert akte.aktenplaneintrag == ziel


def test_only_who_may_edit_the_whole_akte_can_hand_it_over(abgegeben, charlie, gemeinde_b, gemeinde_a, als):
    akte, *_ = abgegeben
    from django.contrib.auth import get_user_model

    frieda = get_user_model().objects.get(username="frieda")  # reads only
    with als(charlie, gemeinde_b), pytest.raises(Akte.DoesNotExist):
        Akte.objects.get(pk=akte.pk)
    with als(frieda, gemeinde_a), pytest.raises(PermissionDenied):
        abgabe.akte_exportieren(Akte.objects.get(pk=akte.pk))
