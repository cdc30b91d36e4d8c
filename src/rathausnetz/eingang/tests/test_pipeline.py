"""The pipeline end to end on real files: text layer, OCR with Tesseract, mails, duplicates."""

from __future__ import annotations

import datetime as dt

import pytest

from rathausnetz import speicher
from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.tests.helfer import BRIEF, scan_pdf, scan_png, text_pdf


def test_text_pdf_is_read_from_its_text_layer_without_ocr(einlegen):
    eingang = einlegen(text_pdf(), "brief.pdf")
    assert eingang.status == Eingang.Status.FERTIG, eingang.fehler
    assert eingang.mime_typ == "application/pdf"
    assert not eingang.ocr and not eingang.pdfa
    assert "Gemeinsames Standesamt" in eingang.text
    assert eingang.text == eingang.text_roh
    assert eingang.metadaten["datum"] == "2024-11-12"
    assert "Thum" in eingang.metadaten["absender_organisation"]


@pytest.mark.slow
def test_scan_gets_ocr_a_pdfa_rendition_and_the_original_stays_untouched(einlegen):
    daten = scan_pdf()
    eingang = einlegen(daten, "scan.pdf")
    assert eingang.status == Eingang.Status.FERTIG, eingang.fehler
    assert eingang.ocr and eingang.pdfa and eingang.seiten == 1
    assert "Sächsischen Städte- und Gemeindetages" in eingang.text
    assert eingang.metadaten["datum"] == "2024-11-12"
    assert speicher.original_pfad(eingang.datei_id).read_bytes() == daten
    pdfa = speicher.abgeleitet_pfad(eingang.datei_id, "pdfa_pdf").read_bytes()
    assert pdfa.startswith(b"%PDF") and b"pdfaid" in pdfa


@pytest.mark.slow
def test_image_scan_is_ocred(einlegen):
    eingang = einlegen(scan_png(), "foto.png")
    assert eingang.status == Eingang.Status.FERTIG, eingang.fehler
    assert eingang.ocr and "Geschäftsführer" in eingang.text


def test_the_same_file_twice_is_stored_once_and_linked(einlegen):
    erster = einlegen(text_pdf(), "brief.pdf")
    zweiter = einlegen(text_pdf(), "nochmal.pdf")
    assert zweiter.datei_id == erster.datei_id
    assert zweiter.duplikat_von_id == erster.pk
    assert zweiter.status == Eingang.Status.FERTIG
    assert "bereits im Posteingang" in zweiter.fehler
    assert zweiter.text == erster.text


def test_same_file_in_another_organisation_is_not_a_duplicate_there(einlegen, gemeinde_b):
    erster = einlegen(text_pdf(), "brief.pdf")
    anderer = einlegen(text_pdf(), "brief.pdf", organisation=gemeinde_b)
    assert anderer.duplikat_von_id is None and anderer.status == Eingang.Status.FERTIG
    assert anderer.datei_id == erster.datei_id


def test_plain_text_and_markdown(einlegen):
    eingang = einlegen(BRIEF.encode("utf-8"), "notiz.txt")
    assert eingang.status == Eingang.Status.FERTIG
    assert eingang.text.startswith("Stadtverwaltung Thum")
    assert eingang.metadaten["betreff"] == "Gemeinsames Standesamt"


def test_date_is_not_in_the_future(einlegen):
    eingang = einlegen(b"Geyer, 12.11.2024\nBetreff: Test\nFrist bis 31.12.2099", "frist.txt")
    assert dt.date.fromisoformat(eingang.metadaten["datum"]) <= dt.date.today()


def test_known_sender_gets_its_registered_name(system, verband):
    from rathausnetz.eingang.services.absender import bekannter_absender

    text = "Die Mitglieder des Sächsischen\nStädte- und Gemeindetages (SSG) trafen sich in Dresden."
    assert bekannter_absender(text, "Städte- und Gemeindetages (SSG)") == verband.name
    assert bekannter_absender(text, "") == verband.name
    assert bekannter_absender(text, "Landratsamt Zwickau") == "Landratsamt Zwickau"
    assert bekannter_absender("Ein Brief ohne bekannte Namen.", "Bauhof Thum") == "Bauhof Thum"
    satz = "Bürgermeister der Verwaltungsgemeinschaft beraten über gemeinsame"
    assert bekannter_absender(text, satz) == verband.name


def test_known_sender_by_its_abbreviation(system, verband):
    from rathausnetz.eingang.services.absender import bekannter_absender, kuerzel

    assert kuerzel(verband.name) == "SSG"
    assert bekannter_absender("Die Fachtagung beim SSG in Dresden war gut besucht.", "") == verband.name
    assert bekannter_absender("Die SSGX-Schnittstelle und das BSSG", "") == ""
