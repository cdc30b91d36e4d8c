"""The Posteingangskorb pages: upload several files, file one with the suggestions, settings."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from rathausnetz.akten.models import Akte, Dokument
from rathausnetz.eingang.models import Ablageregel, Eingang, Postfach
from rathausnetz.eingang.tests.helfer import BRIEF, text_pdf


def test_upload_several_files_in_one_go(client_fuer, bob, gemeinde_a, django_capture_on_commit_callbacks):
    client = client_fuer(bob, gemeinde_a)
    with django_capture_on_commit_callbacks(execute=False) as rueckrufe:
        antwort = client.post(
            "/posteingang/",
            {
                "dateien": [
                    SimpleUploadedFile("a.pdf", text_pdf()),
                    SimpleUploadedFile("b.txt", BRIEF.encode()),
                ]
            },
        )
    assert antwort.status_code == 302
    assert len(rueckrufe) == 2  # processing queued after commit, once per file
    seite = client.get("/posteingang/").content.decode()
    assert "a.pdf" in seite and "b.txt" in seite and "wartend" in seite
    assert 'hx-trigger="every 3s"' in seite


def test_file_from_the_detail_page_with_the_suggested_values(einlegen, client_fuer, bob, gemeinde_a, system):
    akte = Akte.objects.filter(organisation=gemeinde_a, status=Akte.Status.OFFEN).order_by("pk").first()
    eingang = einlegen(text_pdf(), "brief.pdf")
    client = client_fuer(bob, gemeinde_a)
    seite = client.get(f"/posteingang/{eingang.pk}/").content.decode()
    assert 'value="2024-11-12"' in seite  # date suggested
    assert "Gemeinsames Standesamt" in seite
    antwort = client.post(
        f"/posteingang/{eingang.pk}/",
        {"akte": akte.aktenzeichen, "vorgang": "", "neuer_vorgang": "Standesamt Thum", "betreff": "Schreiben",
         "dokumentdatum": "2024-11-12", "absender": "Stadtverwaltung Thum", "vertraulichkeit": "offen"},
    )  # fmt: skip
    assert antwort.status_code == 302
    eingang.refresh_from_db()
    dokument = Dokument.objects.get(pk=eingang.dokument_id)
    assert dokument.vorgang.akte == akte and str(dokument.dokumentdatum) == "2024-11-12"
    assert eingang.erledigung == Eingang.Erledigung.ABGELEGT


def test_filing_form_names_an_unknown_aktenzeichen(einlegen, client_fuer, bob, gemeinde_a):
    eingang = einlegen(text_pdf(), "brief.pdf")
    antwort = client_fuer(bob, gemeinde_a).post(
        f"/posteingang/{eingang.pk}/",
        {"akte": "999.99/1900/1", "neuer_vorgang": "x", "vertraulichkeit": "offen"},
    )
    assert antwort.status_code == 200
    assert "Eine Akte mit dem Aktenzeichen „999.99/1900/1“ gibt es nicht." in antwort.content.decode()


def test_settings_are_for_the_administration(client_fuer, alice, bob, gemeinde_a, system):
    assert client_fuer(bob, gemeinde_a).get("/posteingang/einstellungen/").status_code == 403
    client = client_fuer(alice, gemeinde_a)
    assert client.get("/posteingang/einstellungen/").status_code == 200
    antwort = client.post(
        "/posteingang/einstellungen/",
        {"postfach-bezeichnung": "Poststelle", "postfach-host": "imap.geyer.example", "postfach-port": "993",
         "postfach-verschluesselung": "ssl", "postfach-benutzer": "post@geyer.example",
         "postfach-passwort": "geheim-123", "postfach-ordner": "INBOX", "postfach-ziel_ordner": "Rathausnetz",
         "postfach-aktiv": "on"},
    )  # fmt: skip
    assert antwort.status_code == 302, antwort.content.decode()[:2000]
    postfach = Postfach.objects.get(organisation=gemeinde_a)
    assert postfach.passwort == "geheim-123"
    seite = client.get("/posteingang/einstellungen/").content.decode()
    assert "geheim-123" not in seite
    typ = (
        gemeinde_a
        and __import__("rathausnetz.akten.models", fromlist=["Dokumenttyp"]).Dokumenttyp.objects.first()
    )
    antwort = client.post(
        "/posteingang/einstellungen/",
        {"regel-feld": "absender", "regel-enthaelt": "Standesamt", "regel-dokumenttyp": typ.pk},
    )
    assert antwort.status_code == 302
    assert Ablageregel.objects.get(organisation=gemeinde_a).enthaelt == "Standesamt"
    leer = client.post("/posteingang/einstellungen/", {"regel-feld": "absender", "regel-enthaelt": "Bauamt"})
    assert "mindestens ein Ziel" in leer.content.decode()
