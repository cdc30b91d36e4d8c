import datetime as dt
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from rathausnetz.geschaeftsgang.models import Schrittart, Verfuegung, Verfuegungsschritt
from rathausnetz.geschaeftsgang.services.benachrichtigung import aufgaben_digest_senden, haeufigkeit_setzen
from rathausnetz.geschaeftsgang.services.verfuegungen import Schrittangabe, verfuegung_starten

pytestmark = pytest.mark.django_db


@pytest.fixture
def route(vorgang, bob, alice, emil, gemeinde_a, als):
    with als(bob, gemeinde_a):
        return verfuegung_starten(
            vorgang,
            [
                Schrittangabe(
                    Schrittart.MITZEICHNUNG,
                    1,
                    fuer_benutzer=alice,
                    frist=timezone.localdate() + dt.timedelta(days=1),
                ),
                Schrittangabe(Schrittart.ZEICHNUNG, 2, fuer_benutzer=emil),
            ],
        )


def test_inbox_badge_task_page_and_accept_in_the_ui(route, alice, bob, gemeinde_a, client_fuer):
    web = client_fuer(alice, gemeinde_a)
    start = web.get("/").content.decode()
    assert "Meine Aufgaben" in start and 'class="zaehler"' in start
    liste = web.get("/aufgaben/").content.decode()
    aufgabe = Verfuegungsschritt._base_manager.get(verfuegung=route, stufe=1)
    assert f"/aufgaben/{aufgabe.pk}/" in liste and route.betreff in liste
    seite = web.get(f"/aufgaben/{aufgabe.pk}/").content.decode()
    assert "Mitzeichnen" in seite and "Vorschau" in seite and "csrfmiddlewaretoken" in seite
    # Bob sees the task (he sees the Vorgang) but gets no buttons, and cannot act by POST
    bobs_seite = client_fuer(bob, gemeinde_a).get(f"/aufgaben/{aufgabe.pk}/").content.decode()
    assert "nicht an Sie gerichtet" in bobs_seite
    client_fuer(bob, gemeinde_a).post(f"/aufgaben/{aufgabe.pk}/erledigen/", {"kommentar": "ich"})
    aufgabe.refresh_from_db()
    assert aufgabe.status == "offen"
    antwort = web.post(f"/aufgaben/{aufgabe.pk}/erledigen/", {"kommentar": "passt"})
    assert antwort.status_code == 302
    aufgabe.refresh_from_db()
    assert (aufgabe.status, aufgabe.kommentar) == ("erledigt", "passt")
    vorgang_seite = client_fuer(bob, gemeinde_a).get(route.vorgang.get_absolute_url()).content.decode()
    assert (
        "Geschäftsgang" in vorgang_seite and "Alice Albrecht" in vorgang_seite and "SHA-256" in vorgang_seite
    )


def test_ruecklauf_page_offers_resubmission_and_the_new_task_says_why(
    route, vorgang, alice, bob, gemeinde_a, als, client_fuer
):
    from rathausnetz.geschaeftsgang.services.verfuegungen import zurueckgeben

    with als(alice, gemeinde_a):
        zurueckgeben(Verfuegungsschritt._base_manager.get(verfuegung=route, stufe=1), "Datum fehlt")
    ruecklauf = Verfuegungsschritt._base_manager.get(verfuegung=route, ruecklauf=True)
    web = client_fuer(bob, gemeinde_a)
    seite = web.get(f"/aufgaben/{ruecklauf.pk}/").content.decode()
    assert "Erneut vorlegen" in seite and "Zur Kenntnis genommen" in seite
    assert "jeweils aktuelle Version" in seite and "Version 1" in seite
    assert "1. Mitzeichnung – Alice Albrecht; 2. Zeichnung (Schlusszeichnung) – Emil Engel" in seite
    # Alice sees the Rücklauf (she sees the Vorgang) but cannot resubmit Bob's route
    assert (
        "Erneut vorlegen"
        not in client_fuer(alice, gemeinde_a).get(f"/aufgaben/{ruecklauf.pk}/").content.decode()
    )
    client_fuer(alice, gemeinde_a).post(f"/aufgaben/{ruecklauf.pk}/erneut-vorlegen/")
    assert not Verfuegung._base_manager.filter(vorgaenger=route).exists()
    antwort = web.post(f"/aufgaben/{ruecklauf.pk}/erneut-vorlegen/", {"kommentar": "Datum ergänzt"})
    neu = Verfuegungsschritt._base_manager.get(verfuegung__vorgaenger=route, stufe=1)
    assert antwort.status_code == 302 and antwort["Location"] == neu.verfuegung.get_absolute_url()
    aufgabe = client_fuer(alice, gemeinde_a).get(f"/aufgaben/{neu.pk}/").content.decode()
    assert "Erneute Vorlage" in aufgabe and "Datum fehlt" in aufgabe and "Datum ergänzt" in aufgabe
    vorgang_seite = web.get(vorgang.get_absolute_url()).content.decode()
    assert "erneut vorgelegt" in vorgang_seite and "erneute Vorlage von" in vorgang_seite
    nochmal = web.post(f"/aufgaben/{ruecklauf.pk}/erneut-vorlegen/", follow=True).content.decode()
    assert "bereits erledigt" in nochmal


def test_start_from_the_vorgang_page_with_rows_and_errors(vorgang, bob, alice, emil, gemeinde_a, client_fuer):
    web = client_fuer(bob, gemeinde_a)
    seite = web.get(vorgang.get_absolute_url()).content.decode()
    assert "Verfügung starten" in seite and "Bescheid: Mitzeichnung Hauptamt" in seite
    falsch = web.post(
        f"/aufgaben/vorgang/{vorgang.pk}/verfuegung/",
        {"s0-stufe": "1", "s0-art": "zeichnung", "s0-empfaenger": f"p:{bob.pk}"},
    )
    assert falsch.status_code == 200 and "keine Zeichnungsbefugnis" in falsch.content.decode()
    gut = web.post(
        f"/aufgaben/vorgang/{vorgang.pk}/verfuegung/",
        {
            "s0-stufe": "1",
            "s0-art": "mitzeichnung",
            "s0-empfaenger": f"p:{alice.pk}",
            "s1-stufe": "2",
            "s1-art": "zeichnung",
            "s1-empfaenger": f"p:{emil.pk}",
            "s2-stufe": "3",
        },
    )
    assert gut.status_code == 302
    assert Verfuegungsschritt._base_manager.filter(verfuegung__vorgang=vorgang).count() == 2


def test_other_tenant_gets_404_on_pages(route, charlie, gemeinde_b, client_fuer):
    web = client_fuer(charlie, gemeinde_b)
    aufgabe = Verfuegungsschritt._base_manager.filter(verfuegung=route).first()
    assert web.get(f"/aufgaben/{aufgabe.pk}/").status_code == 404
    assert web.get(f"/aufgaben/verfuegung/{route.pk}/").status_code == 404
    assert web.post(f"/aufgaben/{aufgabe.pk}/erledigen/").status_code == 404


def test_settings_page_sets_vertretung_and_mail_preference(emil, alice, gemeinde_a, client_fuer):
    web = client_fuer(emil, gemeinde_a)
    heute = timezone.localdate()
    assert (
        web.post(
            "/aufgaben/einstellungen/",
            {"vertreter": alice.pk, "von": heute.isoformat(), "bis": heute.isoformat()},
        ).status_code
        == 302
    )
    assert "Alice Albrecht vertritt Sie" in web.get("/aufgaben/einstellungen/").content.decode()
    assert web.post("/aufgaben/einstellungen/", {"haeufigkeit": "nie"}).status_code == 302
    assert emil.aufgaben_benachrichtigung.haeufigkeit == "nie"


def test_template_management_is_for_the_administration(alice, bob, emil, gemeinde_a, client_fuer):
    assert client_fuer(bob, gemeinde_a).get("/aufgaben/vorlagen/neu/").status_code == 403
    web = client_fuer(alice, gemeinde_a)
    antwort = web.post(
        "/aufgaben/vorlagen/neu/",
        {
            "name": "Haushaltssperre",
            "aktiv": "on",
            "s0-stufe": "1",
            "s0-art": "kenntnisnahme",
            "s0-empfaenger": f"p:{bob.pk}",
            "s0-frist_tage": "2",
            "s1-stufe": "2",
            "s1-art": "zeichnung",
            "s1-empfaenger": f"p:{emil.pk}",
        },
    )
    assert antwort.status_code == 302, antwort.content.decode()
    assert "Haushaltssperre" in web.get("/aufgaben/vorlagen/").content.decode()


def test_daily_digest_lists_open_tasks_overdue_first_and_respects_preferences(
    route, alice, emil, gemeinde_a, als, system
):
    Verfuegungsschritt._base_manager.filter(verfuegung=route, stufe=1).update(frist=dt.date(2020, 1, 1))
    zeilen = aufgaben_digest_senden()
    an_alice = next(m for m in mail.outbox if m.to == [alice.email])
    assert "ÜBERFÄLLIG seit 01.01.2020" in an_alice.body and "/aufgaben/" in an_alice.body
    assert route.betreff in an_alice.body and "überfällig" in an_alice.subject
    assert any(z.startswith("alice") for z in zeilen)
    assert not any(m.to == [emil.email] and route.betreff in m.body for m in mail.outbox)  # stage 2 waits
    mail.outbox.clear()
    haeufigkeit_setzen(alice, "nie")
    aufgaben_digest_senden()
    assert not any(m.to == [alice.email] for m in mail.outbox)
    call_command("aufgaben_mail", "--probelauf")  # the CLI runs (system access of its own)


def test_sofort_mail_after_commit_reaches_the_substitute_too(
    vorgang, bob, alice, emil, gemeinde_a, als, aufgaben_abarbeiten, django_capture_on_commit_callbacks
):
    from rathausnetz.geschaeftsgang.services.vertretung import vertretung_anlegen

    heute = timezone.localdate()
    with als(emil, gemeinde_a):
        haeufigkeit_setzen(emil, "sofort")
        vertretung_anlegen(alice, heute, heute)
    with als(alice, gemeinde_a):
        haeufigkeit_setzen(alice, "sofort")
    with django_capture_on_commit_callbacks(execute=True), als(bob, gemeinde_a):
        verfuegung_starten(vorgang, [Schrittangabe(Schrittart.ZEICHNUNG, 1, fuer_benutzer=emil)])
    assert aufgaben_abarbeiten() == 2
    empfaenger = sorted(m.to[0] for m in mail.outbox)
    assert empfaenger == sorted([emil.email, alice.email])
    an_alice = next(m for m in mail.outbox if m.to == [alice.email])
    assert "Emil Engel (Sie vertreten)" in an_alice.body


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Sammler:
    def __init__(self):
        self.nachrichten = []

    async def handle_DATA(self, server, session, envelope):
        self.nachrichten.append(envelope)
        return "250 OK"


def test_digest_leaves_through_a_real_smtp_server(route, alice, settings, system):
    sammler = _Sammler()
    controller = Controller(sammler, hostname="127.0.0.1", port=_freier_port())
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        aufgaben_digest_senden()
        for _ in range(50):
            if any(alice.email in n.rcpt_tos for n in sammler.nachrichten):
                break
            time.sleep(0.05)
    finally:
        controller.stop()
    an_alice = next(n for n in sammler.nachrichten if n.rcpt_tos == [alice.email])
    assert b"Aufgabe(n) auf Sie" in an_alice.content and route.betreff.encode() in an_alice.content
