"""The network pages: start page with map, courses and cohort tools, certificates, the
Reifegradcheck form and result, the library with uploads, people and projects."""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from django.utils.html import escape

from rathausnetz.akten.tests.helfer import pdf
from rathausnetz.netzwerk.models import (
    Anhang,
    Durchgang,
    Kurs,
    Kurstermin,
    Navigator,
    Praxisbeispiel,
    Reifegradcheck,
    Teilnahme,
    Zertifikat,
)
from rathausnetz.netzwerk.services import kurse, praxis, reifegrad
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL
from rathausnetz.netzwerk.tests.conftest import GEYER, antworten


@pytest.fixture
def lotte_client(client_fuer, lotte, verband) -> Client:
    return client_fuer(lotte, verband)


@pytest.fixture
def alice_client(client_fuer, alice, gemeinde_a) -> Client:
    return client_fuer(alice, gemeinde_a)


@pytest.mark.parametrize(
    "pfad",
    [
        "/netzwerk/",
        "/netzwerk/kurse/",
        "/netzwerk/praxisbeispiele/",
        "/netzwerk/reifegrad/fragebogen/",
        "/netzwerk/zertifikat/",
    ],
)
def test_oeffentliche_seiten_fuer_gaeste(grunddaten, pfad):
    antwort = Client().get(pfad)
    assert antwort.status_code == 200
    assert "Netzwerk Digitalisierung" in antwort.content.decode()


def test_startseite_zeigt_kennzahlen_und_karte(grunddaten, navigatorin):
    html = Client().get("/netzwerk/").content.decode()
    assert "Kommunen erreicht" in html
    assert (
        '<svg class="karte' in html
        and 'aria-labelledby="netzwerk-karte-titel netzwerk-karte-beschreibung"' in html
    )
    assert 'class="karte-nw-navigator"' in html  # Geyer: a Navigator in training
    assert "Alice" not in html  # the public page shows counts, never names


def test_fragebogen_zeigt_alle_fragen_mit_stufen(grunddaten):
    html = Client().get("/netzwerk/reifegrad/fragebogen/").content.decode()
    for frage in AKTUELL.fragen:
        assert escape(frage.text) in html
    assert html.count('<ol start="0" class="stufen">') == len(AKTUELL.fragen)


def test_lotsin_legt_kurs_modul_durchgang_und_termin_im_browserformular_an(lotte_client, lotse):
    antwort = lotte_client.post(
        "/netzwerk/kurse/neu/",
        {
            "titel": "Online-Dienste einführen",
            "kurzbeschreibung": "Von Amt24 bis zur E-Payment-Anbindung.",
            "status": "veroeffentlicht",
            "mindestanwesenheit": "80",
            "dimensionen": ["onlinedienste"],
            "verantwortlich": str(lotse.pk),
        },
    )
    kurs = Kurs._base_manager.get(titel="Online-Dienste einführen")
    assert antwort.status_code == 302 and antwort["Location"] == f"/netzwerk/kurse/{kurs.pk}/"
    lotte_client.post(f"/netzwerk/kurse/{kurs.pk}/module/neu/", {"titel": "Amt24 anbinden", "pflicht": "on"})
    antwort = lotte_client.post(
        f"/netzwerk/kurse/{kurs.pk}/durchgaenge/neu/", {"bezeichnung": "Herbst 2026", "plaetze": "15"}
    )
    durchgang = Durchgang._base_manager.get(kurs=kurs)
    assert antwort["Location"] == f"/netzwerk/durchgaenge/{durchgang.pk}/"
    fehler = lotte_client.post(
        f"/netzwerk/durchgaenge/{durchgang.pk}/termine/neu/",
        {"beginn": "2026-10-05T09:00", "ende": "2026-10-05T08:00", "form": "praesenz", "ort": ""},
    ).content.decode()
    assert "Das Ende muss nach dem Beginn liegen." in fehler
    assert "Bitte geben Sie für einen Präsenztermin den Ort an." in fehler
    lotte_client.post(
        f"/netzwerk/durchgaenge/{durchgang.pk}/termine/neu/",
        {
            "beginn": "2026-10-05T09:00",
            "ende": "2026-10-05T15:00",
            "form": "praesenz",
            "ort": "Rathaus Geyer",
        },
    )
    html = Client().get(f"/netzwerk/kurse/{kurs.pk}/").content.decode()
    assert "Amt24 anbinden" in html and "Herbst 2026" in html and "05.10.2026 09:00" in html


def test_durchgang_anwesenheit_abschluss_und_zertifikat_pdf(
    lotte_client, alice_client, durchgang, navigatorin
):
    antwort = lotte_client.post(
        f"/netzwerk/durchgaenge/{durchgang.pk}/einschreiben/", {"navigator": navigatorin.pk}
    )
    assert antwort.status_code == 302
    doppelt = lotte_client.post(
        f"/netzwerk/durchgaenge/{durchgang.pk}/einschreiben/", {"navigator": navigatorin.pk}, follow=True
    )
    assert "Alice Albrecht ist in diesem Durchgang bereits eingeschrieben." in doppelt.content.decode()
    teilnahme = Teilnahme._base_manager.get(durchgang=durchgang)
    for termin in Kurstermin._base_manager.filter(durchgang=durchgang):
        lotte_client.post(f"/netzwerk/termine/{termin.pk}/anwesenheit/", {"anwesend": [str(teilnahme.pk)]})
    seite = lotte_client.get(f"/netzwerk/durchgaenge/{durchgang.pk}/").content.decode()
    assert "4/4 (100 %)" in seite and "Abschluss möglich" in seite
    lotte_client.post(f"/netzwerk/durchgaenge/{durchgang.pk}/abschluesse/")
    z = Zertifikat._base_manager.get(teilnahme=teilnahme)
    pdf_antwort = alice_client.get(f"/netzwerk/teilnahmen/{teilnahme.pk}/zertifikat.pdf")
    assert pdf_antwort.status_code == 200 and pdf_antwort["Content-Type"] == "application/pdf"
    assert pdf_antwort.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf_antwort.content)).pages[0].extract_text()
    assert "Alice Albrecht" in text and "Praxiskurs E-Akte im Hauptamt" in text and z.code_lesbar in text
    assert f"/netzwerk/zertifikat/{z.code}/" in text
    eigene = alice_client.get("/netzwerk/qualifizierung/").content.decode()
    assert "Alice Albrecht (Sie)" in eigene and z.code_lesbar in eigene


def test_kein_zertifikat_ohne_abschluss(alice_client, als_lotte, durchgang, navigatorin):
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
    antwort = alice_client.get(f"/netzwerk/teilnahmen/{t.pk}/zertifikat.pdf")
    assert antwort.status_code == 404
    assert (
        "Zertifikate erhalten nur Teilnehmende, deren Abschluss festgestellt wurde"
        in antwort.content.decode()
    )


def test_zertifikat_oeffentlich_pruefen(grunddaten, als_lotte, durchgang, navigatorin):
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in Kurstermin._base_manager.filter(durchgang=durchgang):
            kurse.anwesenheit_erfassen(termin, [t.pk])
        [z] = kurse.abschluesse_feststellen(durchgang).zertifikate
    gast = Client()
    antwort = gast.get(f"/netzwerk/zertifikat/?code={z.code_lesbar.lower()}")
    assert antwort.status_code == 302 and antwort["Location"] == f"/netzwerk/zertifikat/{z.code}/"
    html = gast.get(antwort["Location"]).content.decode()
    assert (
        "Zertifikat bestätigt" in html
        and "Alice Albrecht" in html
        and "Praxiskurs E-Akte im Hauptamt" in html
    )
    unbekannt = gast.get("/netzwerk/zertifikat/ZZZZZ-ZZZZZ/")
    assert unbekannt.status_code == 404
    text = unbekannt.content.decode()
    assert "Ein Zertifikat mit dem Prüfcode „ZZZZZ-ZZZZZ“ gibt es nicht." in text
    assert "Alice" not in text
    kaputt = gast.get("/netzwerk/zertifikat/%3Cscript%3Ealert(1)%3C%2Fscript%3E/")
    assert kaputt.status_code == 404 and "<script>alert(1)" not in kaputt.content.decode()


def test_zu_viele_fehlversuche_werden_gebremst(grunddaten, settings):
    from django.core.cache import cache

    cache.clear()
    gast = Client(REMOTE_ADDR="203.0.113.7")
    for i in range(20):
        assert gast.get(f"/netzwerk/zertifikat/AAAAA-AAAA{'23456789AB'[i % 10]}/").status_code == 404
    gesperrt = gast.get("/netzwerk/zertifikat/AAAAA-AAAAA/")
    assert gesperrt.status_code == 429 and "Zu viele Versuche" in gesperrt.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.1").get("/netzwerk/zertifikat/AAAAA-AAAAA/").status_code == 404
    cache.clear()


def test_reifegradcheck_formular_meldet_fehlende_antworten_auf_deutsch(alice_client):
    daten = {f.code: "2" for f in AKTUELL.fragen[:-3]}
    daten[AKTUELL.fragen[0].code] = "7"
    antwort = alice_client.post("/netzwerk/reifegrad/neu/", daten)
    assert antwort.status_code == 200
    html = antwort.content.decode()
    assert "3 von 30 Fragen sind noch nicht beantwortet." in html
    assert html.count("Bitte beantworten Sie diese Frage.") == 3
    assert "Der Wert 7 liegt außerhalb der Skala von 0 bis 4." in html
    assert not Reifegradcheck._base_manager.filter(
        kommune__ags=GEYER, erstellt_von__username="alice"
    ).exists()


def test_reifegradcheck_ausfuellen_ergebnis_mit_radar_tabelle_und_empfehlungen(alice_client):
    daten = {
        code: str(wert)
        for code, wert in antworten({**{d.code: 3 for d in AKTUELL.dimensionen}, "kompetenzen": 1}).items()
    }
    antwort = alice_client.post("/netzwerk/reifegrad/neu/", daten)
    check = Reifegradcheck._base_manager.filter(kommune__ags=GEYER).latest("erstellt_am")
    assert antwort.status_code == 302 and antwort["Location"] == f"/netzwerk/reifegrad/{check.pk}/"
    html = alice_client.get(antwort["Location"]).content.decode()
    assert '<svg class="radar"' in html and 'role="img"' in html
    assert re.search(r"<title id=\"reifegrad-radar-t\">Reifegrad von Geyer je Dimension</title>", html)
    assert '<th scope="row">Kompetenzen</th><td class="zahl">25</td>' in html
    assert "Kompetenzen: 25 von 100" in html  # recommendation for the weak dimension
    assert "/ikz/modelle/ausbildungsverbund/" in html
    assert "Ein Vergleich mit dem Durchschnitt ist noch nicht möglich" in html


def test_praxisbeispiel_im_formular_mit_skript_wird_bereinigt_und_anhang_hochgeladen(lotte_client):
    antwort = lotte_client.post(
        "/netzwerk/praxisbeispiele/neu/",
        {
            "titel": "Digitale Sitzungsvorbereitung <b>für den Gemeinderat</b>",
            "text": (
                'Ratsmitglieder erhalten Unterlagen digital.<script>alert("x")</script>'
                "<img src=x onerror=alert(1)>"
            ),
            "status": "veroeffentlicht",
            "themen": "Ratsinformationssystem, Gremien",
            "kommunen": "Geyer (14521210), Thum",
            "kontakt_email": "hauptamt@geyer.example",
        },
    )
    b = Praxisbeispiel._base_manager.get(titel__startswith="Digitale Sitzungsvorbereitung")
    assert antwort.status_code == 302
    assert sorted(k.name for k in b.kommunen.all()) == ["Geyer", "Thum"]
    html = Client().get(f"/netzwerk/praxisbeispiele/{b.pk}/").content.decode()
    assert "<script>alert" not in html and "onerror" not in html
    assert "&lt;b&gt;für den Gemeinderat&lt;/b&gt;" in html  # the title is plain text, escaped
    upload = lotte_client.post(
        f"/netzwerk/praxisbeispiele/{b.pk}/anhaenge/",
        {"datei": io.BytesIO(pdf("Sitzungsdienst")), "beschreibung": "Ablauf"},
        follow=True,
    )
    assert "hinzugefügt" in upload.content.decode()
    anhang = Anhang._base_manager.get(praxisbeispiel=b)
    datei = Client().get(f"/netzwerk/anhaenge/{anhang.pk}/")
    assert datei.status_code == 200 and datei["Content-Type"] == "application/pdf"
    assert datei["X-Content-Type-Options"] == "nosniff"
    boese = io.BytesIO(b"<html><script>alert(1)</script></html>")
    boese.name = "seite.html"
    abgelehnt = lotte_client.post(
        f"/netzwerk/praxisbeispiele/{b.pk}/anhaenge/", {"datei": boese}, follow=True
    )
    assert "„seite.html“ wurde nicht angenommen" in abgelehnt.content.decode()
    assert Anhang._base_manager.filter(praxisbeispiel=b).count() == 1


def test_suche_in_der_bibliothek(grunddaten, als_lotte):
    with als_lotte():
        praxis.praxisbeispiel_anlegen(
            praxis.Praxisdaten(
                titel="Hundesteuer online anmelden", status="veroeffentlicht", text="Über Amt24."
            )
        )
    html = Client().get("/netzwerk/praxisbeispiele/?q=Hundesteuern").content.decode()
    assert "Hundesteuer online anmelden" in html and "1 Praxisbeispiel gefunden" in html


def test_navigatoren_seiten_fuer_lotsin(lotte_client, navigatorin, lotse):
    liste = lotte_client.get("/netzwerk/navigatoren/?q=Geyer").content.decode()
    assert "Alice Albrecht" in liste and "Lotte Lange" in liste
    antwort = lotte_client.post(
        "/netzwerk/navigatoren/neu/",
        {
            "vorname": "Peter",
            "nachname": "Hahn",
            "kommune": "14521160",
            "lotse": str(lotse.pk),
            "aktiv": "on",
            "aktiv_seit": "2026-01-15",
        },
    )
    n = Navigator._base_manager.get(nachname="Hahn")
    assert antwort["Location"] == f"/netzwerk/navigatoren/{n.pk}/"
    assert n.kommune.name == "Ehrenfriedersdorf" and n.aktiv_seit.isoformat() == "2026-01-15"
    assert "Lotte Lange" in lotte_client.get("/netzwerk/lotsen/").content.decode()


def test_projekt_seiten(alice_client, navigatorin):
    antwort = alice_client.post(
        "/netzwerk/projekte/neu/",
        {
            "titel": "Online-Terminvergabe",
            "kommune": GEYER,
            "ziel": "Wartezeiten im Bürgerbüro halbieren.",
            "status": "planung",
            "navigator": str(navigatorin.pk),
        },
    )
    assert antwort.status_code == 302
    html = alice_client.get(antwort["Location"]).content.decode()
    assert "Wartezeiten im Bürgerbüro halbieren." in html and "Alice Albrecht" in html


def test_reifegrad_uebersicht_zeigt_eigene_ergebnisse(alice_client, als, alice, gemeinde_a):
    with als(alice, gemeinde_a):
        reifegrad.check_speichern(antworten(2))
    html = alice_client.get("/netzwerk/reifegrad/").content.decode()
    assert "Reifegradcheck ausfüllen" in html and "Geyer" in html and "50" in html


def test_gemeinde_meldet_ihre_navigatorin_auf_der_kursseite_an(alice_client, durchgang, navigatorin, kurs):
    seite = alice_client.get(f"/netzwerk/kurse/{kurs.pk}/").content.decode()
    assert "Aus Ihrer Verwaltung anmelden" in seite and "Alice Albrecht" in seite
    assert f'/netzwerk/durchgaenge/{durchgang.pk}/"' not in seite  # the cohort tools are for staff
    antwort = alice_client.post(
        f"/netzwerk/durchgaenge/{durchgang.pk}/einschreiben/", {"navigator": navigatorin.pk}, follow=True
    )
    assert (
        "Alice Albrecht ist in „Frühjahr 2026, Annaberg-Buchholz“ eingeschrieben." in antwort.content.decode()
    )
    assert Teilnahme._base_manager.filter(durchgang=durchgang, navigator=navigatorin).exists()
    danach = alice_client.get(f"/netzwerk/kurse/{kurs.pk}/").content.decode()
    assert "Aus Ihrer Verwaltung anmelden" not in danach  # nobody left to enrol


def test_widerrufenes_zertifikat_zeigt_die_pruefseite_als_ungueltig(
    lotte_client, als_lotte, durchgang, navigatorin
):
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in Kurstermin._base_manager.filter(durchgang=durchgang):
            kurse.anwesenheit_erfassen(termin, [t.pk])
        [z] = kurse.abschluesse_feststellen(durchgang).zertifikate
    ohne_grund = lotte_client.post(
        f"/netzwerk/teilnahmen/{t.pk}/zertifikat/widerrufen/", {"grund": " "}, follow=True
    )
    assert "Bitte nennen Sie den Grund des Widerrufs." in ohne_grund.content.decode()
    lotte_client.post(
        f"/netzwerk/teilnahmen/{t.pk}/zertifikat/widerrufen/", {"grund": "irrtümlich ausgestellt"}
    )
    html = Client().get(f"/netzwerk/zertifikat/{z.code}/").content.decode()
    assert "Zertifikat widerrufen" in html and "nicht mehr gültig" in html
    assert Client().get(f"/api/zertifikate/{z.code}").json()["gueltig"] is False
    assert lotte_client.get(f"/netzwerk/teilnahmen/{t.pk}/zertifikat.pdf").status_code == 410


def test_alle_formulare_und_listen_fuer_die_lotsin(
    lotte_client, als_lotte, durchgang, navigatorin, lotse, kurs
):
    with als_lotte():
        b = praxis.praxisbeispiel_anlegen(praxis.Praxisdaten(titel="Bürgerkonto", kommunen=[GEYER]))
    termin = Kurstermin._base_manager.filter(durchgang=durchgang).first()
    seiten = {
        f"/netzwerk/kurse/{kurs.pk}/bearbeiten/": "Praxiskurs E-Akte im Hauptamt bearbeiten",
        f"/netzwerk/kurse/{kurs.pk}/durchgaenge/neu/": "Durchgang anlegen: Praxiskurs E-Akte im Hauptamt",
        f"/netzwerk/durchgaenge/{durchgang.pk}/termine/neu/": "Termin anlegen",
        f"/netzwerk/termine/{termin.pk}/anwesenheit/": "Anwesenheit am",
        "/netzwerk/lotsen/neu/": "Lotsin / Lotse erfassen",
        f"/netzwerk/lotsen/{lotse.pk}/bearbeiten/": "Lotte Lange bearbeiten",
        f"/netzwerk/navigatoren/{navigatorin.pk}/bearbeiten/": "Alice Albrecht bearbeiten",
        f"/netzwerk/navigatoren/{navigatorin.pk}/": "Grundqualifizierung noch nicht abgeschlossen",
        "/netzwerk/praxisbeispiele/neu/": "Praxisbeispiel erfassen",
        f"/netzwerk/praxisbeispiele/{b.pk}/bearbeiten/": "Geyer (14521210)",
        "/netzwerk/projekte/neu/": "Projekt erfassen",
        "/netzwerk/projekte/": "Digitalisierungsprojekte",
        "/netzwerk/qualifizierung/": "noch keine Digital-Navigatorin",
        "/netzwerk/reifegrad/": "Neuestes Ergebnis je Kommune",
    }
    for pfad, text in seiten.items():
        antwort = lotte_client.get(pfad)
        assert antwort.status_code == 200, pfad
        assert text in antwort.content.decode(), pfad
