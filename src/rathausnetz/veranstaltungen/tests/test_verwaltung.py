"""Organisers' side: planning, drafts, participant lists and exports, check-in, certificates,
reminders, anonymisation, the API, and who may do what."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import time

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen, datenschutz, erinnerungen
from rathausnetz.veranstaltungen.services.veranstaltungen import Veranstaltungsdaten, veranstaltung_anlegen
from rathausnetz.veranstaltungen.tests.helfer import GEYER, THUM, daten, mit_platz, termin
from rathausnetz.zugang.tests.test_smtp import Sammler, _freier_port

VERBAND = "Sächsischer Städte- und Gemeindetag e. V."


def client_als(name: str | None) -> Client:
    client = Client()
    if name:
        client.force_login(get_user_model().objects.get(username=name))
    return client


def test_dora_legt_veranstaltung_per_formular_an_bob_darf_nicht(grunddaten):
    daten_formular = {
        "titel": "Netzwerktreffen Digital-Lotsen Erzgebirge",
        "art": "netzwerktreffen",
        "beginn": (timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT09:00"),
        "ende": (timezone.localtime() + dt.timedelta(days=30)).strftime("%Y-%m-%dT12:00"),
        "ort": "Marienberg, Rathaus",
        "kapazitaet": "40",
        "anmeldung_bis": (timezone.localtime() + dt.timedelta(days=25)).strftime("%Y-%m-%dT18:00"),
        "status": "entwurf",
        "programm": "09:00–09:15 | Begrüßung | Digital-Lotsin Lotte Lange\n09:15 | Austausch",
    }
    assert client_als("bob").get("/veranstaltungen/neu/").status_code == 403
    assert client_als(None).get("/veranstaltungen/neu/").status_code == 302
    falsch = client_als("dora").post("/veranstaltungen/neu/", daten_formular | {"programm": "morgens Kaffee"})
    assert "bitte als „09:30–10:00 | Titel | Referent/in“ schreiben" in falsch.content.decode()
    antwort = client_als("dora").post("/veranstaltungen/neu/", daten_formular)
    assert antwort.status_code == 302
    v = Veranstaltung._base_manager.get(titel="Netzwerktreffen Digital-Lotsen Erzgebirge")
    assert [p.titel for p in v.programm.all()] == ["Begrüßung", "Austausch"]
    assert v.organisation.name == VERBAND
    # a draft: invisible to guests and other organisations, visible to the team
    assert client_als(None).get(f"/veranstaltungen/{v.pk}/").status_code == 404
    assert client_als("charlie").get(f"/veranstaltungen/{v.pk}/").status_code == 404
    assert client_als("lotte").get(f"/veranstaltungen/{v.pk}/").status_code == 200


def test_teilnehmendenliste_export_checkin_und_bescheinigung(veranstaltung):
    a = mit_platz(veranstaltung, '=HYPERLINK("http://boese.example")', "chef@thum.example", ags=THUM)
    b = mit_platz(veranstaltung, "Bob Berger", "bob@geyer.example", "fachkraft")
    pfad = f"/veranstaltungen/{veranstaltung.pk}"
    for name, status in [(None, 302), ("bob", 403), ("charlie", 403)]:
        assert client_als(name).get(f"{pfad}/teilnehmende/").status_code == status
        assert client_als(name).get(f"{pfad}/teilnehmende.csv").status_code == status
    dora = client_als("dora")
    csv_text = dora.get(f"{pfad}/teilnehmende.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text  # a formula would run in a spreadsheet
    assert "Bob Berger;bob@geyer.example;Geyer;14521210;Fachkraft;angemeldet" in csv_text
    mappe = load_workbook(io.BytesIO(dora.get(f"{pfad}/teilnehmende.xlsx").content))
    zeilen = list(mappe.active.iter_rows(values_only=True))
    assert zeilen[0][1] == "Name" and len(zeilen) == 3
    assert dora.get(f"{pfad}/teilnehmende.pdf").status_code == 404

    # no certificate before check-in
    assert dora.get(f"{pfad}/bescheinigung/{b.pk}/").status_code == 404
    zeile = dora.post(f"{pfad}/checkin/{b.pk}/", {"erschienen": "1"}, headers={"HX-Request": "true"})
    assert "✓ da" in zeile.content.decode()
    assert Anmeldung._base_manager.get(pk=b.pk).erschienen_am is not None
    ohne_js = dora.post(f"{pfad}/checkin/{a.pk}/", {"erschienen": "1"})
    assert ohne_js.status_code == 302
    pdf = dora.get(f"{pfad}/bescheinigung/{b.pk}/")
    assert pdf.content.startswith(b"%PDF")
    assert "Teilnahmebescheinigung-Workshop-Gemeinsamer-Bauhof-Bob-Berger.pdf" in pdf["Content-Disposition"]


def test_erinnerung_einmal_mit_kalender(
    veranstaltung, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    a = mit_platz(veranstaltung, "Bob Berger", "bob@geyer.example")
    aufgaben_abarbeiten()
    mail.outbox.clear()
    jetzt = veranstaltung.beginn - dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert erinnerungen.erinnerungen_senden(2, jetzt=jetzt) == 1
        assert erinnerungen.erinnerungen_senden(2, jetzt=jetzt) == 0  # never twice
    aufgaben_abarbeiten()
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Erinnerung"]
    assert mail.outbox[0].attachments[0][0] == "veranstaltung.ics"
    assert Anmeldung._base_manager.get(pk=a.pk).erinnert_am is not None


def test_anonymisieren_nach_frist(veranstaltung, settings):
    settings.ANMELDUNGEN_AUFBEWAHREN_TAGE = 30
    a = mit_platz(veranstaltung, "Bob Berger", "bob@geyer.example", "amtsleitung")
    offen = anmeldungen.anmelden(veranstaltung, daten("Nie Bestätigt", "nie@thum.example", ags=THUM))
    kurz_danach = veranstaltung.ende + dt.timedelta(days=29)
    assert datenschutz.anonymisieren(kurz_danach) == (0, 1)  # the unconfirmed one is gone
    assert not Anmeldung._base_manager.filter(pk=offen.pk).exists()
    assert datenschutz.anonymisieren(veranstaltung.ende + dt.timedelta(days=31)) == (1, 0)
    a.refresh_from_db()
    assert (a.name, a.email, a.rolle, a.kommune.ags) == ("", "", "amtsleitung", GEYER)
    with pytest.raises(Exception, match="ungültig"):
        anmeldungen.anmeldung_per_link(a.pk, "t")


def test_api_anmeldung_und_liste(veranstaltung, dora, verband, api_token):
    gast = Client(enforce_csrf_checks=True)  # a guest has no CSRF token and needs none
    pfad = f"/api/veranstaltungen/{veranstaltung.pk}"
    assert gast.get(pfad).json()["frei"] == 2
    antwort = gast.post(
        f"{pfad}/anmeldungen",
        {
            "name": "Gisela Graupner",
            "email": "gg@thum.example",
            "rolle": "buergermeister",
            "kommune": THUM,
            "einwilligung": True,
        },
        content_type="application/json",
    )
    assert antwort.status_code == 201 and antwort.json()["status"] == "unbestaetigt"
    doppelt = gast.post(
        f"{pfad}/anmeldungen",
        {
            "name": "Gisela",
            "email": "GG@thum.example",
            "rolle": "buergermeister",
            "kommune": THUM,
            "einwilligung": True,
        },
        content_type="application/json",
    )
    assert doppelt.status_code == 422
    assert "besteht schon eine Anmeldung" in doppelt.json()["detail"][0]["meldung"]
    assert gast.get(f"{pfad}/anmeldungen").status_code == 401
    team = Client(headers={"Authorization": f"Bearer {api_token(dora, verband)}"})
    liste = team.get(f"{pfad}/anmeldungen").json()
    assert [a["email"] for a in liste] == ["gg@thum.example"]
    statistik = gast.get(f"{pfad}/statistik").json()
    assert set(statistik) >= {"teilnehmende", "buergermeister", "kommunen_erreicht", "nach_rolle"}
    assert "gg@thum.example" not in str(statistik)


def test_bestaetigung_geht_ueber_echten_smtp_server(
    veranstaltung, settings, aufgaben_abarbeiten, django_capture_on_commit_callbacks
):
    sammler = Sammler()
    server = Controller(sammler, hostname="127.0.0.1", port=_freier_port())
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
        with django_capture_on_commit_callbacks(execute=True):
            anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "bob@geyer.example"))
        aufgaben_abarbeiten()
        for _ in range(50):
            if sammler.nachrichten:
                break
            time.sleep(0.05)
    finally:
        server.stop()
    assert sammler.nachrichten[0].rcpt_tos == ["bob@geyer.example"]
    assert b"/bestaetigen/" in sammler.nachrichten[0].content


def test_veranstaltende_einheit_nur_aus_eigener_organisation(als, dora, verband, gemeinde_b):
    eigene = Organisationseinheit._base_manager.get(organisation=verband, kuerzel="DL")
    fremde = Organisationseinheit._base_manager.get(organisation=gemeinde_b, kuerzel="HA")
    d = Veranstaltungsdaten(
        titel="Digitales Frühstück",
        art="online",
        beginn=termin(5, 8),
        ende=termin(5, 9),
        online_link="https://konferenz.example/fruehstueck",
        kapazitaet=30,
        anmeldung_bis=termin(4),
        organisationseinheit_id=fremde.pk,
    )
    with als(dora, verband):
        with pytest.raises(ValidationError, match="gehört nicht zur veranstaltenden Organisation"):
            veranstaltung_anlegen(d)
        v = veranstaltung_anlegen(dataclasses.replace(d, organisationseinheit_id=eigene.pk))
    assert client_als("dora").get(f"/veranstaltungen/{v.pk}/").content.decode().count("Digital-Lotsen") >= 1


def test_lotsin_einer_anderen_organisation_sieht_keine_namen(veranstaltung, charlie, gemeinde_b):
    """A network role in another organisation is not the organiser: no names, no addresses."""
    from rathausnetz.zugang.models import Mitgliedschaft

    Mitgliedschaft._base_manager.filter(benutzer=charlie, organisation=gemeinde_b).update(
        rollen=["digital_lotse"]
    )
    mit_platz(veranstaltung, "Bob Berger", "bob@geyer.example")
    client = client_als("charlie")
    csv_text = client.get(f"/veranstaltungen/{veranstaltung.pk}/teilnehmende.csv").content.decode("utf-8-sig")
    assert "bob@geyer.example" not in csv_text
    assert (
        "Bob Berger" not in client.get(f"/veranstaltungen/{veranstaltung.pk}/teilnehmende/").content.decode()
    )
