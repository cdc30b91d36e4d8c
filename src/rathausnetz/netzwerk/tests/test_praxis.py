"""The best-practice library: sanitised rich text, German-aware search, tags, attachments through
the content-addressed store (type and size checked, nothing left behind when rejected)."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rathausnetz import speicher
from rathausnetz.akten.tests.helfer import pdf
from rathausnetz.netzwerk.models import Anhang, Praxisbeispiel, Thema
from rathausnetz.netzwerk.services import praxis, richtext
from rathausnetz.netzwerk.tests.conftest import EHRENFRIEDERSDORF, GEYER

BOESE = (
    '<p onclick="alert(1)">Start</p><script>alert("xss")</script>'
    '<img src=x onerror=alert(1)><a href="javascript:alert(1)">Link</a>'
    '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>'
    '<a href="https://www.geyer.de/buergerservice" onmouseover="x()">Bürgerservice</a>'
)


def _beispiel(**werte) -> praxis.Praxisdaten:
    daten = {
        "titel": "Online-Terminvergabe im Bürgerbüro",
        "kurzfassung": "Bürgerinnen und Bürger buchen Termine für Pass und Ausweis selbst.",
        "text": (
            "Die Stadt Geyer hat 2025 die Terminvergabe umgestellt.\n\n"
            "- weniger Wartezeit\n- Geschäftsführung zufrieden"
        ),
        "status": "veroeffentlicht",
        "aufgabenbereiche": ["einwohnermeldewesen"],
        "themen": ["Terminvergabe", "Bürgerservice"],
        "dimensionen": ["onlinedienste"],
        "kommunen": [GEYER],
        "kontakt_name": "Bob Berger, Bürgerbüro",
        "kontakt_email": "bob.berger@geyer.example",
    }
    return praxis.Praxisdaten(**(daten | werte))


def test_richtext_laesst_keine_skripte_durch():
    sauber = richtext.bereinigen(BOESE)
    for verboten in (
        "<script",
        "onerror",
        "onclick",
        "onmouseover",
        "javascript:",
        "<iframe",
        "<style",
        "<img",
    ):
        assert verboten not in sauber.lower()
    assert (
        '<a href="https://www.geyer.de/buergerservice" rel="noopener noreferrer nofollow">Bürgerservice</a>'
        in sauber
    )
    assert sauber.startswith("<p>Start</p>")


def test_einfacher_text_wird_zu_absaetzen_und_listen():
    assert richtext.bereinigen("Erster Absatz\nzweite Zeile\n\n- eins\n- zwei & drei") == (
        "<p>Erster Absatz<br>zweite Zeile</p><ul><li>eins</li><li>zwei &amp; drei</li></ul>"
    )
    assert richtext.bereinigen("Kosten < 5000 €") == "<p>Kosten &lt; 5000 €</p>"


def test_anlegen_bereinigt_und_verschlagwortet(als_lotte):
    with als_lotte():
        b = praxis.praxisbeispiel_anlegen(_beispiel(text=BOESE, themen=["E-Akte", "e akte", "Chatbot"]))
    b.refresh_from_db()
    assert "<script" not in b.text and "onerror" not in b.text
    assert sorted(t.name for t in b.themen.all()) == ["Chatbot", "E-Akte"]  # one topic, first spelling
    assert Thema.objects.filter(schluessel="e akte").count() == 1
    assert b.veroeffentlicht_am is not None
    assert [k.ags for k in b.kommunen.all()] == [GEYER]


def test_suche_findet_deutsch_und_ohne_umlaute(als_lotte):
    with als_lotte():
        termin = praxis.praxisbeispiel_anlegen(_beispiel())
        chatbot = praxis.praxisbeispiel_anlegen(
            _beispiel(
                titel="Chatbot für Bürgeranfragen",
                kurzfassung="Ein Chatbot beantwortet Fragen zu Müllabfuhr und Hundesteuer.",
                text="Die Geschäftsstelle pflegt die Antworten.",
                aufgabenbereiche=["it_digitalisierung"],
                themen=["Chatbot"],
                kommunen=[EHRENFRIEDERSDORF],
            )
        )
        assert praxis.suchen("Terminvergabe") == [termin]
        assert praxis.suchen("buergerservice") == [termin]  # topic, umlaut folded
        assert praxis.suchen("Geschaeftsfuehrung") == [termin]  # ae/ue spelling, text
        assert praxis.suchen("Hundesteuern") == [chatbot]  # inflected
        assert praxis.suchen("Ehrenfriedersdorf") == [chatbot]  # municipality involved
        assert set(praxis.suchen("Geschäft")) == {termin, chatbot}  # compounds that start with it
        assert praxis.suchen("Chatbot Terminvergabe") == []  # every term must match
        assert praxis.suchen("", bereich="it_digitalisierung") == [chatbot]
        assert praxis.suchen("", thema="chatbot") == [chatbot]
        assert praxis.suchen("<script>alert(1)</script>") == []


def test_entwuerfe_nur_fuer_das_netzwerk(als_lotte, als, bob, gemeinde_a):
    with als_lotte():
        entwurf = praxis.praxisbeispiel_anlegen(
            _beispiel(titel="Entwurf: Digitale Ratsarbeit", status="entwurf")
        )
        assert entwurf in praxis.suchen("Ratsarbeit")
    with als(bob, gemeinde_a):
        assert praxis.suchen("Ratsarbeit") == []
        assert not Praxisbeispiel.objects.filter(pk=entwurf.pk).exists()
        with pytest.raises(PermissionDenied):
            praxis.praxisbeispiel_aendern(entwurf, _beispiel(status="veroeffentlicht"))


def test_ungueltige_eingaben_speichern_nichts(als_lotte):
    vorher = Praxisbeispiel._base_manager.count()
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        praxis.praxisbeispiel_anlegen(
            _beispiel(
                titel=" ",
                kontakt_email="kein-mail",
                aufgabenbereiche=["zauberei"],
                kommunen=["99999999"],
                dimensionen=["mut"],
                status="geheim",
            )
        )
    assert fehler.value.message_dict == {
        "titel": ["Bitte geben Sie einen Titel an."],
        "kontakt_email": ["Bitte geben Sie eine gültige E-Mail-Adresse an."],
        "dimensionen": ["Unbekannte Dimension: mut."],
        "status": ["Bitte wählen Sie Entwurf, veröffentlicht oder archiviert."],
        "aufgabenbereiche": ["Unbekannte Aufgabenbereiche: zauberei."],
        "kommunen": ["Nicht im Kommunenregister: 99999999."],
    }
    assert Praxisbeispiel._base_manager.count() == vorher


@pytest.fixture
def beispiel(als_lotte) -> Praxisbeispiel:
    with als_lotte():
        return praxis.praxisbeispiel_anlegen(_beispiel())


def test_anhang_wird_einmal_abgelegt_und_nie_veraendert(als_lotte, beispiel):
    inhalt = pdf("Ablaufbeschreibung Terminvergabe", "Schritt 1: Termin online buchen.")
    with als_lotte():
        a = praxis.anhang_hochladen(beispiel, io.BytesIO(inhalt), "../../Ablauf Terminvergabe.pdf", "Ablauf")
        b = praxis.anhang_hochladen(beispiel, io.BytesIO(inhalt), "Kopie.pdf")
    assert a.dateiname == "Ablauf Terminvergabe.pdf" and a.mime_typ == "application/pdf"
    assert a.sha256 == b.sha256  # content-addressed: the same file once
    assert speicher.original_pfad(a.sha256).read_bytes() == inhalt


#: bytes only this test uses: other apps keep their own rejected files in quarantine (Posteingang)
PROGRAMM = b"MZ\x90\x00" + b"\x00" * 60 + b"praxisbeispiel-anhang-test" + b"\x00" * 100


def test_anhang_falscher_typ_wird_abgelehnt_und_nicht_behalten(als_lotte, beispiel):
    vorher = Anhang._base_manager.count()
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        praxis.anhang_hochladen(beispiel, io.BytesIO(PROGRAMM), "setup.exe")
    assert "„setup.exe“ wurde nicht angenommen" in fehler.value.message_dict["datei"][0]
    assert "Erlaubt sind PDF, PNG, JPEG" in fehler.value.message_dict["datei"][0]
    with als_lotte(), pytest.raises(ValidationError):
        praxis.anhang_hochladen(beispiel, io.BytesIO(b"From: a@b.de\nSubject: x\n\nHallo"), "mail.eml")
    assert Anhang._base_manager.count() == vorher
    import hashlib

    assert not speicher.original_pfad(hashlib.sha256(PROGRAMM).hexdigest()).exists()


def test_anhang_zu_gross(als_lotte, beispiel, monkeypatch):
    monkeypatch.setattr(praxis, "ANHANG_MAX_MB", 1)
    with als_lotte(), pytest.raises(ValidationError) as fehler:
        praxis.anhang_hochladen(beispiel, io.BytesIO(b"a" * (1024 * 1024 + 1)), "Protokoll.txt")
    assert fehler.value.message_dict["datei"] == [
        "„Protokoll.txt“ ist größer als 1 MB und wurde nicht angenommen."
    ]
