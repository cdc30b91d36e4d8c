import re

import pytest
from django.core import mail
from django.test import Client

from rathausnetz.conftest import PASSWORT

pytestmark = pytest.mark.django_db


def _anmelden(client: Client, name: str, passwort: str):
    return client.post("/anmelden/", {"username": name, "password": passwort})


def test_passwords_are_stored_with_argon2(alice):
    assert alice.password.startswith("argon2$argon2id$")


def test_login_and_logout(alice):
    client = Client()
    antwort = _anmelden(client, "alice", PASSWORT)
    assert antwort.status_code == 302
    assert "Guten Tag, Alice Albrecht" in client.get("/").content.decode()
    client.post("/abmelden/")
    assert client.get("/").status_code == 302


def test_wrong_password_is_explained_in_german(alice):
    antwort = _anmelden(Client(), "alice", "falsch")
    assert antwort.status_code == 200
    assert "Benutzername oder Passwort sind nicht richtig" in antwort.content.decode()


def test_brute_force_locks_the_account_for_that_address(alice, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _anmelden(client, "alice", "falsch")
    gesperrt = _anmelden(client, "alice", PASSWORT)
    assert gesperrt.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in gesperrt.content.decode()
    # Another user from the same address is not locked out.
    assert _anmelden(Client(), "bob", PASSWORT).status_code == 302


def test_organisation_switcher(alice, gemeinde_a, client_fuer):
    from rathausnetz.kommunen.models import Organisation

    vg = Organisation.objects.get(name="Verwaltungsgemeinschaft Geyer-Tannenberg")
    client = client_fuer(alice, gemeinde_a)
    seite = client.get("/organisation/").content.decode()
    assert "<h1>Stadtverwaltung Geyer</h1>" in seite
    assert 'id="org-wahl"' in seite
    antwort = client.post("/organisation/wechseln/", {"organisation": vg.pk, "weiter": "/organisation/"})
    assert antwort.status_code == 302 and antwort["Location"] == "/organisation/"
    assert (
        "<h1>Verwaltungsgemeinschaft Geyer-Tannenberg</h1>" in client.get("/organisation/").content.decode()
    )
    alice.refresh_from_db()
    assert alice.zuletzt_aktive_organisation_id == vg.pk


def test_switching_to_a_foreign_organisation_is_404_and_unsafe_targets_are_ignored(
    alice, gemeinde_a, gemeinde_b, client_fuer
):
    client = client_fuer(alice, gemeinde_a)
    assert client.post("/organisation/wechseln/", {"organisation": gemeinde_b.pk}).status_code == 404
    assert client.post("/organisation/wechseln/", {"organisation": "x"}).status_code == 404
    antwort = client.post(
        "/organisation/wechseln/",
        {"organisation": gemeinde_a.pk, "weiter": "https://boese.example/"},
    )
    assert antwort["Location"] == "/"


def test_password_reset_mail_is_sent_by_the_worker(
    alice, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    with django_capture_on_commit_callbacks(execute=True) as rueckrufe:
        antwort = Client().post("/passwort/vergessen/", {"email": alice.email})
    assert antwort.status_code == 302
    assert len(rueckrufe) == 1  # enqueued only once the request's transaction committed
    assert mail.outbox == []  # nothing sent inside the request
    aufgaben_abarbeiten()
    assert len(mail.outbox) == 1
    nachricht = mail.outbox[0]
    assert nachricht.to == [alice.email]
    assert nachricht.subject == "Rathausnetz: Passwort zurücksetzen"
    link = re.search(r"http://\S+/passwort/neu/\S+/", nachricht.body).group(0)
    pfad = link.split("/", 3)[3]
    client = Client()
    formular = client.get("/" + pfad, follow=True)
    assert "Neues Passwort setzen" in formular.content.decode()
    ziel = formular.redirect_chain[-1][0] if formular.redirect_chain else "/" + pfad
    neu = "Tannenberg-Bergbau-77"
    fertig = client.post(ziel, {"new_password1": neu, "new_password2": neu})
    assert fertig.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(neu)


def test_unknown_address_gets_the_same_answer_and_no_mail(
    grunddaten, django_capture_on_commit_callbacks, aufgaben_abarbeiten
):
    with django_capture_on_commit_callbacks(execute=True) as rueckrufe:
        antwort = Client().post("/passwort/vergessen/", {"email": "niemand@example.org"})
    assert antwort.status_code == 302
    assert rueckrufe == []
    aufgaben_abarbeiten()
    assert mail.outbox == []
