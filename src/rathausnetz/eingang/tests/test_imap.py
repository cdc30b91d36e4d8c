"""Abholen aus einem echten IMAP-Postfach (Dovecot auf 127.0.0.1, siehe ``imapserver.py``)."""

from __future__ import annotations

import itertools
import socket
import ssl
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import SMTP

import pytest

from rathausnetz.eingang import imap
from rathausnetz.eingang.imap import ImapZugang, PostfachNichtErreichbar, abholen
from rathausnetz.eingang.tests.imapserver import (
    BENUTZER,
    PASSWORT,
    ImapTestServer,
    freier_port,
    imap_testserver,
)

_nummern = itertools.count()


@pytest.fixture(scope="module")
def server() -> Iterator[ImapTestServer]:
    with imap_testserver() as laufender_server:
        yield laufender_server


@pytest.fixture
def ordner(server: ImapTestServer) -> tuple[str, str]:
    """Eigene Ordner je Test, damit sich Tests am gemeinsamen Server nicht in die Quere kommen."""
    nummer = next(_nummern)
    return f"Eingang-{nummer}", f"Verarbeitet-{nummer}"


def _zugang(server: ImapTestServer, ordner: tuple[str, str], **abweichend: object) -> ImapZugang:
    werte: dict[str, object] = {
        "host": "127.0.0.1",
        "port": server.port,
        "benutzer": BENUTZER,
        "passwort": PASSWORT,
        "ordner": ordner[0],
        "ziel_ordner": ordner[1],
        "verschluesselung": "keine",
    }
    werte.update(abweichend)
    return ImapZugang(**werte)  # type: ignore[arg-type]


def _mail(nummer: int) -> bytes:
    nachricht = EmailMessage()
    nachricht["From"] = "Bürgerin Weiß <weiss@example.de>"
    nachricht["To"] = "poststelle@rathaus.example"
    nachricht["Subject"] = f"Antrag Nr. {nummer} – Sondernutzung"
    nachricht["Message-ID"] = f"<antrag-{nummer}@example.de>"
    nachricht.set_content(f"Sehr geehrte Damen und Herren,\nAntrag {nummer} anbei.\nGrüße")
    return nachricht.as_bytes(policy=SMTP)


def test_drei_mails_abholen_verschieben_und_kein_zweites_mal(
    server: ImapTestServer, ordner: tuple[str, str]
) -> None:
    mails = [_mail(n) for n in range(3)]
    server.einliefern(ordner[0], *mails)
    angenommen: list[bytes] = []

    assert abholen(_zugang(server, ordner), angenommen.append) == 3

    assert angenommen == mails
    assert server.inhalt(ordner[0]) == []
    assert server.inhalt(ordner[1]) == mails
    assert abholen(_zugang(server, ordner), angenommen.append) == 0
    assert len(angenommen) == 3


def test_standardordner_inbox_und_rathausnetz_verarbeitet(server: ImapTestServer) -> None:
    server.leeren("INBOX", "Rathausnetz-Verarbeitet")
    server.einliefern("INBOX", _mail(1))
    zugang = ImapZugang("127.0.0.1", server.port, BENUTZER, PASSWORT, verschluesselung="keine")
    assert (zugang.ordner, zugang.ziel_ordner) == ("INBOX", "Rathausnetz-Verarbeitet")

    assert abholen(zugang, lambda _: None) == 1
    assert server.inhalt("Rathausnetz-Verarbeitet") == [_mail(1)]


def test_fehler_in_annehmen_laesst_nachricht_und_folgende_liegen(
    server: ImapTestServer, ordner: tuple[str, str]
) -> None:
    mails = [_mail(n) for n in range(3)]
    server.einliefern(ordner[0], *mails)
    angenommen: list[bytes] = []

    def annehmen(daten: bytes) -> None:
        if daten == mails[1]:
            raise OSError("Platte voll")  # kein Postfachfehler: muss unverändert durchkommen
        angenommen.append(daten)

    with pytest.raises(OSError, match="Platte voll"):
        abholen(_zugang(server, ordner), annehmen)

    assert angenommen == [mails[0]]
    assert server.inhalt(ordner[1]) == [mails[0]]
    assert server.inhalt(ordner[0]) == mails[1:]

    nochmal: list[bytes] = []
    assert abholen(_zugang(server, ordner), nochmal.append) == 2
    assert nochmal == mails[1:]
    assert server.inhalt(ordner[1]) == mails


def test_hoechstens_begrenzt_einen_lauf(server: ImapTestServer, ordner: tuple[str, str]) -> None:
    mails = [_mail(n) for n in range(3)]
    server.einliefern(ordner[0], *mails)
    angenommen: list[bytes] = []
    assert abholen(_zugang(server, ordner), angenommen.append, hoechstens=2) == 2
    assert abholen(_zugang(server, ordner), angenommen.append, hoechstens=2) == 1
    assert angenommen == mails


def test_ohne_move_kopieren_und_loeschen(
    server: ImapTestServer, ordner: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ältere Server (Exchange 2010, manche Appliances) kennen kein MOVE."""
    echte = imap._faehigkeiten
    monkeypatch.setattr(imap, "_faehigkeiten", lambda v: echte(v) - {"MOVE"})
    mails = [_mail(n) for n in range(2)]
    server.einliefern(ordner[0], *mails)

    assert abholen(_zugang(server, ordner), lambda _: None) == 2
    assert server.inhalt(ordner[0]) == []
    assert server.inhalt(ordner[1]) == mails


def test_ordnernamen_mit_umlauten_und_leerzeichen(server: ImapTestServer) -> None:
    assert imap._imap_name("Eingang Bürgerbüro") == '"Eingang B&APw-rgerb&APw-ro"'
    assert imap._imap_name('A&B "x"') == '"A&-B \\"x\\""'
    server.einliefern("Eingang B&APw-rgerb&APw-ro", _mail(7))
    zugang = _zugang(server, ("Eingang Bürgerbüro", "Erledigt Ämter"))

    assert abholen(zugang, lambda _: None) == 1
    assert server.inhalt("Erledigt &AMQ-mter") == [_mail(7)]


def test_fehlender_ordner(server: ImapTestServer) -> None:
    with pytest.raises(PostfachNichtErreichbar, match="Den Ordner „Gibt-es-nicht“ gibt es im Postfach nicht"):
        abholen(_zugang(server, ("Gibt-es-nicht", "x")), lambda _: None)


def test_falsches_passwort(server: ImapTestServer, ordner: tuple[str, str]) -> None:
    zugang = _zugang(server, ordner, passwort="falsch-und-geheim")
    with pytest.raises(PostfachNichtErreichbar, match="Anmeldung am Postfach fehlgeschlagen") as fehler:
        abholen(zugang, lambda _: None)
    assert "falsch-und-geheim" not in str(fehler.value)
    assert "falsch-und-geheim" not in repr(zugang)


def test_server_aus_verbindung_abgelehnt() -> None:
    zugang = ImapZugang("127.0.0.1", freier_port(), BENUTZER, PASSWORT, verschluesselung="keine")
    beginn = time.monotonic()
    with pytest.raises(PostfachNichtErreichbar, match="nicht erreichbar \\(Verbindung abgelehnt"):
        abholen(zugang, lambda _: None, timeout=30)
    assert time.monotonic() - beginn < 10  # sofort, nicht erst nach dem Timeout von 30 s


def test_server_antwortet_nicht_zeitueberschreitung() -> None:
    """Ein Dienst, der die Verbindung annimmt, aber nie grüßt (hängender Server, Firewall-Proxy)."""
    with socket.socket() as stummer:
        stummer.bind(("127.0.0.1", 0))
        stummer.listen(1)
        zugang = ImapZugang(
            "127.0.0.1", stummer.getsockname()[1], BENUTZER, PASSWORT, verschluesselung="keine"
        )
        beginn = time.monotonic()
        with pytest.raises(PostfachNichtErreichbar, match="Zeitüberschreitung"):
            abholen(zugang, lambda _: None, timeout=0.5)
        assert time.monotonic() - beginn < 10


def test_ssl_mit_selbstsigniertem_zertifikat_wird_abgelehnt(
    server: ImapTestServer, ordner: tuple[str, str]
) -> None:
    server.einliefern(ordner[0], _mail(1))
    for verschluesselung, port in (("ssl", server.ssl_port), ("starttls", server.port)):
        zugang = _zugang(server, ordner, verschluesselung=verschluesselung, port=port)
        with pytest.raises(PostfachNichtErreichbar, match="Zertifikat des Postfach-Servers"):
            abholen(zugang, lambda _: None)
    assert server.inhalt(ordner[0]) == [_mail(1)]


def test_ssl_und_starttls_mit_vertrauenswuerdigem_zertifikat(
    server: ImapTestServer, ordner: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        imap, "_tls_kontext", lambda: ssl.create_default_context(cafile=str(server.zertifikat))
    )
    server.einliefern(ordner[0], _mail(1), _mail(2))
    assert (
        abholen(_zugang(server, ordner, verschluesselung="ssl", port=server.ssl_port), lambda _: None, 1) == 1
    )
    assert abholen(_zugang(server, ordner, verschluesselung="starttls"), lambda _: None) == 1
    assert server.inhalt(ordner[1]) == [_mail(1), _mail(2)]


def test_ssl_gegen_klartext_port(server: ImapTestServer, ordner: tuple[str, str]) -> None:
    """Falsch eingetragener Port 143 statt 993: verständliche Meldung statt SSL-Fachchinesisch."""
    with pytest.raises(PostfachNichtErreichbar, match="verschlüsselte Verbindung"):
        abholen(_zugang(server, ordner, verschluesselung="ssl"), lambda _: None, timeout=5)


def test_unbekannte_verschluesselung(server: ImapTestServer, ordner: tuple[str, str]) -> None:
    with pytest.raises(ValueError, match="Unbekannte Verschlüsselung"):
        abholen(_zugang(server, ordner, verschluesselung="tls"), lambda _: None)
