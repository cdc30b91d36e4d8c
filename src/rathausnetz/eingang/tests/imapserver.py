"""Ein echter IMAP-Server (Debians Dovecot) auf 127.0.0.1 für die Tests von ``eingang.imap``.

Ein nachgebauter Server würde genau die Eigenheiten verschweigen, um die es geht: UID-Vergabe,
MOVE/EXPUNGE, Antworten bei falschem Passwort, STARTTLS. Dovecot startet in wenigen hundert
Millisekunden mit einer Konfiguration ganz im Temporärverzeichnis: freier Port, Passwortdatei mit einem
Benutzer, Maildir, Protokolldatei. Als root laufen die Dienste als die Debian-Benutzer ``dovecot`` und
``dovenull``; als gewöhnlicher Benutzer läuft alles unter dessen eigener Kennung.

Zusätzlich lauscht ein IMAPS-Port mit einem frisch erzeugten, selbstsignierten Zertifikat
(``openssl``), damit auch TLS-Verbindungen und Zertifikatsfehler echt geprüft werden.

``./test`` installiert Dovecot (Debian-Paket ``dovecot-imapd``). Fehlt es, schlagen die Tests mit einer
klaren Meldung fehl, statt still übersprungen zu werden.
"""

from __future__ import annotations

import contextlib
import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DOVECOT = Path("/usr/sbin/dovecot")
BENUTZER = "poststelle"
PASSWORT = "Geheim-Rathaus-2026"


@dataclass(frozen=True)
class ImapTestServer:
    port: int
    ssl_port: int
    zertifikat: Path  # selbstsigniert, für Tests, die TLS mit Vertrauen prüfen
    protokoll: Path

    def verbindung(self) -> imaplib.IMAP4:
        """Eine angemeldete Verbindung, um Nachrichten einzuliefern und nachzusehen."""
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        imap.login(BENUTZER, PASSWORT)
        return imap

    def einliefern(self, ordner: str, *nachrichten: bytes) -> None:
        with contextlib.closing(_Abmelder(self.verbindung())) as imap:
            status, _ = imap.verbindung.select(_name(ordner))
            if status != "OK":
                imap.verbindung.create(_name(ordner))
            for nachricht in nachrichten:
                status, antwort = imap.verbindung.append(_name(ordner), "", None, nachricht)
                assert status == "OK", antwort

    def inhalt(self, ordner: str) -> list[bytes]:
        """Alle Nachrichten eines Ordners in UID-Reihenfolge; leer, wenn es den Ordner nicht gibt."""
        with contextlib.closing(_Abmelder(self.verbindung())) as imap:
            status, _ = imap.verbindung.select(_name(ordner), readonly=True)
            if status != "OK":
                return []
            _, antwort = imap.verbindung.uid("SEARCH", "ALL")
            nachrichten = []
            for uid in sorted((antwort[0] or b"").split(), key=int):
                _, daten = imap.verbindung.uid("FETCH", uid, "(BODY.PEEK[])")
                nachrichten += [bytes(teil[1]) for teil in daten if isinstance(teil, tuple)]
            return nachrichten

    def leeren(self, *ordner: str) -> None:
        with contextlib.closing(_Abmelder(self.verbindung())) as imap:
            for name in ordner:
                status, anzahl = imap.verbindung.select(_name(name))
                if status == "OK" and anzahl[0] != b"0":
                    imap.verbindung.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                    imap.verbindung.expunge()
                    imap.verbindung.close()


def _name(ordner: str) -> str:
    """Test-Ordnernamen sind ASCII; Leerzeichen verlangen Anführungszeichen."""
    return '"' + ordner.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Abmelder:
    def __init__(self, verbindung: imaplib.IMAP4) -> None:
        self.verbindung = verbindung

    def close(self) -> None:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            self.verbindung.logout()


def freier_port() -> int:
    """Ein gerade freier Port auf 127.0.0.1; jeder xdist-Prozess fragt selbst und bekommt einen anderen."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _warten_auf(port: int, prozess: subprocess.Popen[bytes], protokoll: Path, frist: float = 15) -> None:
    ende = time.monotonic() + frist
    while time.monotonic() < ende:
        if prozess.poll() is not None:
            raise RuntimeError(f"Dovecot hat sich beendet:\n{_protokoll_lesen(protokoll)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            if sock.recv(100).startswith(b"* OK"):
                return
        time.sleep(0.05)
    raise RuntimeError(f"Dovecot antwortet nicht auf Port {port}:\n{_protokoll_lesen(protokoll)}")


def _protokoll_lesen(protokoll: Path) -> str:
    return protokoll.read_text(errors="replace")[-3000:] if protokoll.exists() else "(kein Protokoll)"


def _zertifikat(ordner: Path) -> tuple[Path, Path]:
    """Selbstsigniertes Zertifikat für 127.0.0.1; EC statt RSA, weil das Erzeugen nur Millisekunden dauert."""
    zertifikat, schluessel = ordner / "server.crt", ordner / "server.key"
    befehl = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
    befehl += ["-nodes", "-days", "2", "-subj", "/CN=localhost"]
    befehl += ["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
    befehl += ["-keyout", str(schluessel), "-out", str(zertifikat)]
    subprocess.run(befehl, check=True, capture_output=True)
    return zertifikat, schluessel


def _konfiguration(ordner: Path, port: int, ssl_port: int, zertifikat: Path, schluessel: Path) -> str:
    if os.geteuid() == 0:
        intern, anmeldung = "dovecot", "dovenull"
    else:
        intern = anmeldung = pwd.getpwuid(os.geteuid()).pw_name
    post = pwd.getpwnam(intern)
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {ordner}/run
state_dir = {ordner}/state
log_path = {ordner}/dovecot.log
info_log_path = {ordner}/dovecot.log
default_internal_user = {intern}
default_internal_group = {grp.getgrgid(post.pw_gid).gr_name}
default_login_user = {anmeldung}
first_valid_uid = {post.pw_uid}
last_valid_uid = {post.pw_uid}
first_valid_gid = 0
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
ssl = yes
ssl_cert = <{zertifikat}
ssl_key = <{schluessel}
ssl_min_protocol = TLSv1.2
mail_location = maildir:{ordner}/mail/%u
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {ordner}/passwd
}}
userdb {{
  driver = static
  args = uid={post.pw_uid} gid={post.pw_gid} home={ordner}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
# Nach einem falschen Passwort bremst Dovecot jede weitere Anmeldung derselben IP um bis zu 15 s
# („auth penalty“, gezählt vom Dienst anvil). Für Tests unerwünscht: ist der Socket nicht erreichbar,
# schaltet der auth-Dienst die Bremse ab. Ohne chroot laufen die Dienste auch ohne root-Rechte.
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
"""


@contextlib.contextmanager
def imap_testserver() -> Iterator[ImapTestServer]:
    """Startet Dovecot in einem eigenen Temporärverzeichnis und beendet ihn danach sauber."""
    if not DOVECOT.exists():
        raise RuntimeError(
            "Dovecot fehlt (/usr/sbin/dovecot). ./test installiert es als root "
            "(Debian-Paket dovecot-imapd); sonst bitte: apt-get install dovecot-imapd"
        )
    ordner = Path(tempfile.mkdtemp(prefix="rathausnetz-imap-"))
    ordner.chmod(0o755)  # die Dovecot-Dienste laufen als root unter eigenen Benutzern
    prozess: subprocess.Popen[bytes] | None = None
    konfiguration = ordner / "dovecot.conf"
    try:
        zertifikat, schluessel = _zertifikat(ordner)
        (ordner / "mail").mkdir()
        (ordner / "passwd").write_text(f"{BENUTZER}:{{PLAIN}}{PASSWORT}\n")
        if os.geteuid() == 0:
            post = pwd.getpwnam("dovecot")
            os.chown(ordner / "mail", post.pw_uid, post.pw_gid)
        for versuch in range(3):  # der freie Port kann zwischen Abfrage und Start vergeben werden
            port, ssl_port = freier_port(), freier_port()
            konfiguration.write_text(_konfiguration(ordner, port, ssl_port, zertifikat, schluessel))
            protokoll = ordner / "dovecot.log"
            prozess = subprocess.Popen(
                [str(DOVECOT), "-F", "-c", str(konfiguration)],
                stdout=subprocess.DEVNULL,
                stderr=(ordner / "dovecot.stderr").open("wb"),
            )
            try:
                _warten_auf(port, prozess, protokoll)
                break
            except RuntimeError:
                _beenden(prozess)
                prozess = None
                if versuch == 2:
                    raise
        yield ImapTestServer(port=port, ssl_port=ssl_port, zertifikat=zertifikat, protokoll=protokoll)
    finally:
        if prozess is not None:
            _beenden(prozess)
        shutil.rmtree(ordner, ignore_errors=True)


def _beenden(prozess: subprocess.Popen[bytes]) -> None:
    """SIGTERM an den Dovecot-Hauptprozess; er beendet seine Dienste selbst, bevor er endet."""
    prozess.terminate()
    try:
        prozess.wait(timeout=10)
    except subprocess.TimeoutExpired:
        prozess.kill()
        prozess.wait(timeout=10)
