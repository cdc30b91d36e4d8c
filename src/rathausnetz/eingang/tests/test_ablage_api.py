"""Filing, discarding, splitting; the API; and that no other organisation ever sees an Eingang."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rathausnetz.akten.models import Akte, Dokument, Dokumentversion
from rathausnetz.eingang.models import Ablageregel, Eingang
from rathausnetz.eingang.services import ablage
from rathausnetz.eingang.services.vorschlaege import vorschlaege_fuer
from rathausnetz.eingang.tests.helfer import BRIEF, text_pdf
from rathausnetz.suche.services import suchen


@pytest.fixture
def akte_a(gemeinde_a, system):
    return Akte.objects.filter(organisation=gemeinde_a, status=Akte.Status.OFFEN).order_by("pk").first()


def test_filing_makes_a_searchable_dokument_on_the_same_original(einlegen, bob, gemeinde_a, als, akte_a):
    eingang = einlegen(text_pdf(), "standesamt.pdf")
    with als(bob, gemeinde_a):
        dokument = ablage.ablegen(
            eingang, akte=akte_a, neuer_vorgang="Gemeinsames Standesamt", betreff="Schreiben der Stadt Thum"
        )
        assert Dokumentversion.objects.get(dokument=dokument).datei_id == eingang.datei_id
        assert dokument.eingangsdatum is not None
        eingang.refresh_from_db()
        assert eingang.erledigung == Eingang.Erledigung.ABGELEGT and eingang.dokument_id == dokument.pk
        treffer = suchen("Kooperationsmöglichkeiten")
        assert dokument.pk in [t.id for t in treffer.treffer if t.art == "dokument"]
        with pytest.raises(ValidationError, match="bereits erledigt"):
            ablage.ablegen(eingang, akte=akte_a, neuer_vorgang="nochmal")
    assert Dokument.objects.filter(pk=dokument.pk).count() == 1


def test_a_reader_cannot_file(einlegen, gemeinde_a, als, akte_a, grunddaten):
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    lesend = get_user_model().objects.get(username="frieda")  # Auszubildende, nur lesend
    eingang = einlegen(text_pdf(), "brief.pdf")
    with als(lesend, gemeinde_a), pytest.raises(PermissionDenied):
        ablage.ablegen(eingang, akte=akte_a, neuer_vorgang="x")


def test_discard_keeps_the_file_and_needs_a_reason(einlegen, bob, gemeinde_a, als):
    eingang = einlegen(BRIEF.encode(), "werbung.txt")
    with als(bob, gemeinde_a):
        with pytest.raises(ValidationError):
            ablage.verwerfen(eingang, " ")
        ablage.verwerfen(eingang, "Werbung")
    eingang.refresh_from_db()
    assert eingang.erledigung == Eingang.Erledigung.VERWORFEN and eingang.erledigt_grund == "Werbung"


def test_split_a_multi_document_scan_by_page_ranges(
    einlegen, bob, gemeinde_a, als, django_capture_on_commit_callbacks
):
    eingang = einlegen(text_pdf(seiten=5), "sammelscan.pdf")
    assert eingang.seiten == 5
    with als(bob, gemeinde_a):
        for falsch, meldung in [
            ("1-2, 2-3", "überschneiden"),
            ("1-9", "5 Seiten"),
            ("abc", "kein Seitenbereich"),
            ("1-5", "mindestens zwei"),
        ]:
            with pytest.raises(ValidationError, match=meldung):
                ablage.aufteilen(eingang, falsch)
        with django_capture_on_commit_callbacks(execute=True):
            teile = ablage.aufteilen(eingang, "1-2, 3, 4–5")
    assert [t.dateiname for t in teile] == [
        "sammelscan (S. 1–2).pdf",
        "sammelscan (S. 3).pdf",
        "sammelscan (S. 4–5).pdf",
    ]
    eingang.refresh_from_db()
    assert eingang.erledigung == Eingang.Erledigung.AUFGETEILT


def test_rules_suggest_where_to_file(gemeinde_a, system, akte_a):
    Ablageregel.objects.create(organisation=gemeinde_a, feld="absender", enthaelt="Standesamt", akte=akte_a)
    v = vorschlaege_fuer(gemeinde_a.pk, text="", absender="Standesamt Thum", betreff="", dateiname="x.pdf")
    assert v["akte"][0]["id"] == akte_a.pk and v["akte"][0]["konfidenz"] == 1.0
    assert (
        vorschlaege_fuer(gemeinde_a.pk, text="", absender="Bauamt", betreff="", dateiname="x")["akte"] == []
    )


def test_api_upload_answers_at_once_and_shows_the_result(
    api_fuer, bob, gemeinde_a, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    client = api_fuer(bob, gemeinde_a)
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client.post("/api/posteingang", {"datei": _datei(text_pdf(), "brief.pdf")})
    assert antwort.status_code == 202, antwort.content
    daten = antwort.json()
    assert daten["status"] == "wartend"
    with django_capture_on_commit_callbacks(execute=True):
        aufgaben_abarbeiten()
    daten = client.get(f"/api/posteingang/{daten['id']}").json()
    assert daten["status"] == "fertig" and daten["fehler"] == ""
    assert "Gemeinsames Standesamt" in daten["text"] and daten["text_roh"] == daten["text"]
    assert daten["metadaten"]["datum"] == "2024-11-12"
    assert set(daten["vorschlaege"]) == {"aktenplaneintrag", "akte", "dokumenttyp"}


def test_api_rejects_a_forbidden_type_in_the_documents_state(
    api_fuer, bob, gemeinde_a, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    client = api_fuer(bob, gemeinde_a)
    with django_capture_on_commit_callbacks(execute=True):
        pk = client.post(
            "/api/posteingang", {"datei": _datei(b"MZ\x90\x00" + b"\x00" * 200, "rechnung.pdf")}
        ).json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        aufgaben_abarbeiten()
    daten = client.get(f"/api/posteingang/{pk}").json()
    assert daten["status"] == "fehlgeschlagen" and "nicht erlaubt" in daten["fehler"]


def test_other_organisations_never_see_an_eingang(
    einlegen, api_fuer, client_fuer, charlie, gemeinde_b, bob, gemeinde_a
):
    eingang = einlegen(text_pdf(), "vertraulich.pdf")
    api_b = api_fuer(charlie, gemeinde_b)
    assert api_b.get(f"/api/posteingang/{eingang.pk}").status_code == 404
    assert eingang.pk not in [e["id"] for e in api_b.get("/api/posteingang").json()["items"]]
    assert (
        api_b.post(
            f"/api/posteingang/{eingang.pk}/verwerfen", {"grund": "fremd"}, content_type="application/json"
        ).status_code
        == 404
    )
    web_b = client_fuer(charlie, gemeinde_b)
    for pfad in ["", "datei/", "vorschau/", "zeile/"]:
        assert web_b.get(f"/posteingang/{eingang.pk}/{pfad}").status_code == 404
    assert "vertraulich.pdf" not in web_b.get("/posteingang/").content.decode()
    assert "vertraulich.pdf" in client_fuer(bob, gemeinde_a).get("/posteingang/").content.decode()


def _datei(daten: bytes, name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, daten)
