"""Registration without an account: double opt-in by mail, seats, waiting list and promotion,
cancellation links, bad input — with the real worker code sending the mails."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen
from rathausnetz.veranstaltungen.tests.helfer import THUM, daten, termin


def link(nachricht, art: str) -> str:
    return re.search(rf"http://\S+?(/veranstaltungen/anmeldung/\d+/\S+/{art}/)", nachricht.body).group(1)


def anmelden_und_bestaetigen(v, d, rueckrufe, abarbeiten) -> Anmeldung:
    with rueckrufe(execute=True):
        a = anmeldungen.anmelden(v, d)
    abarbeiten()
    bestaetigung = next(m for m in reversed(mail.outbox) if m.to == [d.email])
    with rueckrufe(execute=True):
        antwort = Client().post(link(bestaetigung, "bestaetigen"))
    assert antwort.status_code == 200
    abarbeiten()
    return Anmeldung._base_manager.get(pk=a.pk)


def test_double_opt_in_warteliste_und_nachruecken(
    veranstaltung, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    rueckrufe, abarbeiten = django_capture_on_commit_callbacks, aufgaben_abarbeiten
    with rueckrufe(execute=True):
        a = anmeldungen.anmelden(
            veranstaltung, daten("Gisela Graupner", "buergermeisterin@thum.example", ags=THUM)
        )
    assert a.status == "unbestaetigt"
    abarbeiten()
    bestaetigung = mail.outbox[-1]
    assert bestaetigung.subject.startswith("Bitte bestätigen Sie Ihre Anmeldung")
    # a mail scanner that only opens the link confirms nothing
    assert Client().get(link(bestaetigung, "bestaetigen")).status_code == 200
    assert Anmeldung._base_manager.get(pk=a.pk).status == "unbestaetigt"

    with rueckrufe(execute=True):
        Client().post(link(bestaetigung, "bestaetigen"))
    abarbeiten()
    erste = Anmeldung._base_manager.get(pk=a.pk)
    assert erste.status == "angemeldet"
    zusage = mail.outbox[-1]
    assert zusage.subject.startswith("Anmeldung bestätigt")
    assert zusage.attachments[0][0] == "veranstaltung.ics"
    inhalt = zusage.attachments[0][1]
    assert "BEGIN:VEVENT" in (inhalt.decode() if isinstance(inhalt, bytes) else inhalt)
    assert "SUMMARY:Workshop Gemeinsamer Bauhof" in (inhalt.decode() if isinstance(inhalt, bytes) else inhalt)

    zweite = anmelden_und_bestaetigen(
        veranstaltung, daten("Bob Berger", "bob@geyer.example", "fachkraft"), rueckrufe, abarbeiten
    )
    dritte = anmelden_und_bestaetigen(
        veranstaltung, daten("Emil Engel", "emil@geyer.example", "amtsleitung"), rueckrufe, abarbeiten
    )
    assert (zweite.status, dritte.status) == ("angemeldet", "warteliste")
    assert mail.outbox[-1].subject.startswith("Warteliste")
    assert anmeldungen.belegung(veranstaltung).frei == 0

    # the first cancels through the link of her latest mail; the waiting list moves up
    with rueckrufe(execute=True):
        antwort = Client().post(link(zusage, "stornieren"))
    assert "storniert" in antwort.content.decode()
    abarbeiten()
    assert Anmeldung._base_manager.get(pk=dritte.pk).status == "angemeldet"
    nachgerueckt = mail.outbox[-1]
    assert nachgerueckt.to == ["emil@geyer.example"]
    assert nachgerueckt.subject.startswith("Ein Platz ist frei geworden")


def _mailauftraege(anmeldung: Anmeldung) -> list[DBTaskResult]:
    return [t for t in DBTaskResult.objects.all() if t.args_kwargs["args"] == ["bestaetigen", anmeldung.pk]]


@pytest.mark.django_db(transaction=True)
def test_bestaetigungsmail_geht_mit_der_anmeldung_nie_verloren_und_nie_doppelt(veranstaltung, system):
    """The registration marks its opt-in mail on its own row, so the mark commits or rolls back with
    it; the worker's hand-over clears it in the transaction that queues the task."""
    with pytest.raises(RuntimeError), transaction.atomic():
        anmeldungen.anmelden(veranstaltung, daten("Gisela Graupner", "graupner@thum.example", ags=THUM))
        raise RuntimeError("Abbruch")
    assert not Anmeldung._base_manager.exists()
    assert anmeldungen.bestaetigungen_einreihen() == 0

    a = anmeldungen.anmelden(veranstaltung, daten("Gisela Graupner", "graupner@thum.example", ags=THUM))
    b = anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "bob@geyer.example"))
    assert Anmeldung._base_manager.get(pk=a.pk).bestaetigung_offen
    assert _mailauftraege(a) == []  # the request itself queued nothing

    # A hand-over that fails midway (a killed worker) leaves the marks, and queues nothing.
    with pytest.raises(RuntimeError), transaction.atomic():
        assert anmeldungen.bestaetigungen_einreihen() == 2
        raise RuntimeError("Worker beendet")
    assert _mailauftraege(a) == [] and Anmeldung._base_manager.get(pk=b.pk).bestaetigung_offen

    assert anmeldungen.bestaetigungen_einreihen() == 2
    assert anmeldungen.bestaetigungen_einreihen() == 0
    ((auftrag_a,), (auftrag_b,)) = _mailauftraege(a), _mailauftraege(b)
    assert auftrag_a.status == auftrag_b.status == "READY"
    assert not Anmeldung._base_manager.filter(bestaetigung_offen=True).exists()


def test_einreihen_in_staffeln(veranstaltung, system, monkeypatch):
    monkeypatch.setattr(anmeldungen, "EINREIHEN_STAPEL", 2)
    for i in range(5):
        anmeldungen.anmelden(veranstaltung, daten(f"Person {i}", f"person{i}@thum.example", ags=THUM))
    assert [anmeldungen.bestaetigungen_einreihen() for _ in range(4)] == [2, 2, 1, 0]
    assert DBTaskResult.objects.filter(task_path__endswith="anmeldungsmail_senden").count() == 5


def test_gefaelschte_und_veraltete_links(
    veranstaltung, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    with django_capture_on_commit_callbacks(execute=True):
        a = anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "bob@geyer.example"))
    aufgaben_abarbeiten()
    echt = link(mail.outbox[-1], "bestaetigen")
    gefaelscht = re.sub(r"/(\d+)/([^/]+)/bestaetigen/", r"/\1/falsch\2/bestaetigen/", echt)
    antwort = Client().post(gefaelscht)
    assert antwort.status_code == 404
    assert "Dieser Link ist ungültig" in antwort.content.decode()
    fremde_id = echt.replace(f"/{a.pk}/", f"/{a.pk + 1000}/")
    assert Client().post(fremde_id).status_code == 404
    assert Anmeldung._base_manager.get(pk=a.pk).status == "unbestaetigt"
    with pytest.raises(Http404):
        anmeldungen.anmeldung_per_link(a.pk, "")


@pytest.mark.parametrize(
    ("aenderung", "feld", "meldung"),
    [
        ({"email": "kein-at-zeichen"}, "email", "gültige E-Mail-Adresse"),
        ({"name": "  "}, "name", "Bitte geben Sie Ihren Namen an"),
        ({"rolle": "kaiser"}, "rolle", "Bitte wählen Sie Ihre Funktion"),
        ({"kommune_ags": "99999999"}, "kommune", "nicht im Verzeichnis"),
        ({"kommune_ags": "", "organisation_text": ""}, "organisation_text", "Gemeinde oder nennen Sie"),
        ({"einwilligung": False}, "einwilligung", "Bitte stimmen Sie"),
    ],
)
def test_ungueltige_anmeldung(veranstaltung, aenderung, feld, meldung):
    with pytest.raises(ValidationError) as e:
        anmeldungen.anmelden(
            veranstaltung, dataclasses.replace(daten("Bob Berger", "bob@geyer.example"), **aenderung)
        )
    assert meldung in " ".join(e.value.message_dict[feld])
    assert not Anmeldung._base_manager.filter(veranstaltung=veranstaltung).exists()


def test_zweimal_dieselbe_adresse_auch_in_anderer_schreibung(veranstaltung):
    anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "Bob@Geyer.example"))
    with pytest.raises(ValidationError, match="besteht schon eine Anmeldung"):
        anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "bob@geyer.EXAMPLE"))


def test_nach_der_frist_und_vor_dem_start(veranstaltung):
    Veranstaltung._base_manager.filter(pk=veranstaltung.pk).update(
        anmeldung_bis=timezone.now() - dt.timedelta(hours=1)
    )
    veranstaltung.refresh_from_db()
    with pytest.raises(ValidationError, match="Anmeldefrist ist abgelaufen"):
        anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "bob@geyer.example"))
    Veranstaltung._base_manager.filter(pk=veranstaltung.pk).update(
        anmeldung_ab=timezone.now() + dt.timedelta(days=1), anmeldung_bis=termin(18)
    )
    veranstaltung.refresh_from_db()
    with pytest.raises(ValidationError, match="Die Anmeldung beginnt am"):
        anmeldungen.anmelden(veranstaltung, daten("Bob Berger", "bob@geyer.example"))


def test_formular_escaped_html_und_honeypot(veranstaltung):
    client = Client()
    antwort = client.post(
        f"/veranstaltungen/{veranstaltung.pk}/anmelden/",
        {
            "name": '<script>alert("x")</script>Bob',
            "email": "bob@geyer.example",
            "organisation_text": "<img src=x onerror=alert(1)>",
            "rolle": "fachkraft",
            "einwilligung": "on",
        },
    )
    assert antwort.status_code == 200
    a = Anmeldung._base_manager.get(veranstaltung=veranstaltung)
    assert a.name.startswith("<script>")  # stored as typed …
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="dora"))
    liste = staff.get(f"/veranstaltungen/{veranstaltung.pk}/teilnehmende/").content.decode()
    assert "<script>alert" not in liste and "&lt;script&gt;" in liste  # … and never run
    assert "<img src=x" not in liste
    bot = client.post(
        f"/veranstaltungen/{veranstaltung.pk}/anmelden/",
        {
            "name": "Bot",
            "email": "bot@spam.example",
            "rolle": "sonstige",
            "organisation_text": "X",
            "einwilligung": "on",
            "website": "http://spam.example",
        },
    )
    assert bot.status_code == 200
    assert not Anmeldung._base_manager.filter(email="bot@spam.example").exists()


def test_mehr_plaetze_ruecken_nach_weniger_als_vergeben_nicht(veranstaltung, als, dora, verband):
    for i in range(3):
        a = anmeldungen.anmelden(veranstaltung, daten(f"Person {i}", f"p{i}@thum.example", ags=THUM))
        Anmeldung._base_manager.filter(pk=a.pk).update(token_hash=anmeldungen._hash("t"))
        anmeldungen.bestaetigen(a.pk, "t")
    assert anmeldungen.belegung(veranstaltung) == anmeldungen.Belegung(2, 2, 1)
    with als(dora, verband):
        with pytest.raises(ValidationError, match="schon 2 Plätze vergeben"):
            anmeldungen.kapazitaet_aendern(veranstaltung, 1)
        nachgerueckt = anmeldungen.kapazitaet_aendern(veranstaltung, 3)
    assert [a.name for a in nachgerueckt] == ["Person 2"]
