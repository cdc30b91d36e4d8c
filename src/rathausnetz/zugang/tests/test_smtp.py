"""Mail really leaves through SMTP when RATHAUSNETZ_SMTP_HOST is set: a real SMTP server on loopback."""

import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.mail import get_connection, send_mail


class Sammler:
    def __init__(self):
        self.nachrichten = []

    async def handle_DATA(self, server, session, envelope):
        self.nachrichten.append(envelope)
        return "250 OK"


def _freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    sammler = Sammler()
    controller = Controller(sammler, hostname="127.0.0.1", port=_freier_port())
    controller.start()
    yield controller, sammler
    controller.stop()


def test_mail_goes_out_through_smtp(smtp_server, settings):
    controller, sammler = smtp_server
    verbindung = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=controller.port,
        use_tls=False,
        timeout=5,
    )
    send_mail(
        "Wiedervorlage",
        "Bitte prüfen.",
        "rathausnetz@geyer.example",
        ["bob@geyer.example"],
        connection=verbindung,
    )
    for _ in range(50):
        if sammler.nachrichten:
            break
        time.sleep(0.05)
    assert sammler.nachrichten[0].rcpt_tos == ["bob@geyer.example"]
    assert b"Subject: Wiedervorlage" in sammler.nachrichten[0].content


def test_smtp_settings_come_from_the_environment(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RATHAUSNETZ_")} | {
        "RATHAUSNETZ_DATA_DIR": str(tmp_path),
        "RATHAUSNETZ_SMTP_HOST": "mail.geyer.example",
        "RATHAUSNETZ_SMTP_PORT": "2525",
        "RATHAUSNETZ_SMTP_STARTTLS": "false",
    }
    ausgabe = subprocess.run(
        [
            sys.executable,
            "-m",
            "rathausnetz",
            "shell",
            "-c",
            "from django.conf import settings as s; "
            "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "smtp.EmailBackend mail.geyer.example 2525 False" in ausgabe
