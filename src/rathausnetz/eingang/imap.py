"""Mails aus dem IMAP-Postfach einer Organisation abholen — ohne je eine zu verlieren.

Ablauf je Nachricht: holen (``BODY.PEEK[]``, setzt kein „gelesen“), ``annehmen(rohbytes)`` aufrufen,
*erst danach* in den Zielordner verschieben. Stirbt der Prozess dazwischen, liegt die Nachricht beim
nächsten Lauf wieder im Eingangsordner und wird erneut angenommen; die Eingangs-Pipeline erkennt das
Duplikat an SHA-256 und Message-ID. Doppelt ist harmlos, verloren wäre es nicht.

Wir holen *alle* Nachrichten im Ordner (``UID SEARCH ALL``), nicht nur ungelesene: öffnet jemand das
Postfach in Thunderbird und liest eine Mail, wäre sie mit ``UNSEEN`` für immer übergangen. Was
verarbeitet ist, steht nicht mehr im Eingangsordner, weil es verschoben wurde; der Ordner selbst ist
also die Warteschlange.

Wirft ``annehmen``, bricht der Lauf ab und die Ausnahme geht an den Aufrufer: die Nachricht und alle
folgenden bleiben liegen und kommen beim nächsten Lauf wieder. ``annehmen`` soll deshalb nur bei
vorübergehenden Fehlern werfen (Datenbank weg, Platte voll) und eine inhaltlich unlesbare Mail selbst
als Roh-Datei zur Klärung ablegen — sonst blockiert eine einzige kaputte Mail das Postfach.

Verschlüsselung ``"keine"`` ist nur für Tests auf 127.0.0.1 gedacht; ein echtes Postfach spricht
``"ssl"`` (Port 993) oder ``"starttls"`` (Port 143) mit geprüftem Zertifikat.
"""

from __future__ import annotations

import imaplib
import logging
import socket
import ssl
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

__all__ = ["ImapZugang", "PostfachNichtErreichbar", "abholen"]

logger = logging.getLogger(__name__)

VERSCHLUESSELUNGEN = ("ssl", "starttls", "keine")


@dataclass(frozen=True)
class ImapZugang:
    """Zugangsdaten eines Postfachs. Das Passwort erscheint nie in ``repr`` und damit nie im Protokoll."""

    host: str
    port: int
    benutzer: str
    passwort: str = field(repr=False)
    ordner: str = "INBOX"
    verschluesselung: str = "ssl"
    ziel_ordner: str = "Rathausnetz-Verarbeitet"


class PostfachNichtErreichbar(Exception):
    """Verbindung, Verschlüsselung oder Anmeldung gescheitert; die Meldung ist für Menschen.

    Der Aufrufer versucht es später erneut (mit wachsendem Abstand) und protokolliert die Meldung.
    """


def _tls_kontext() -> ssl.SSLContext:
    """Eigene Funktion, damit Tests einem selbstsignierten Testzertifikat vertrauen können."""
    return ssl.create_default_context()


def _imap_name(name: str) -> str:
    """Ordnername für IMAP: modifiziertes UTF-7 (RFC 3501, 5.1.3) und in Anführungszeichen.

    imaplib kodiert und quotiert nichts; „Eingänge Bauamt“ würde sonst als zwei Argumente gesendet.
    """
    teile: list[str] = []
    puffer = ""

    def leeren() -> None:
        nonlocal puffer
        if puffer:
            import base64

            kodiert = base64.b64encode(puffer.encode("utf-16-be")).decode("ascii").rstrip("=")
            teile.append("&" + kodiert.replace("/", ",") + "-")
            puffer = ""

    for zeichen in name:
        if 0x20 <= ord(zeichen) <= 0x7E:
            leeren()
            teile.append("&-" if zeichen == "&" else zeichen)
        else:
            puffer += zeichen
    leeren()
    kodiert = "".join(teile)
    return '"' + kodiert.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _oeffnen(zugang: ImapZugang, timeout: float) -> imaplib.IMAP4:
    if zugang.verschluesselung == "ssl":
        return imaplib.IMAP4_SSL(zugang.host, zugang.port, ssl_context=_tls_kontext(), timeout=timeout)
    verbindung = imaplib.IMAP4(zugang.host, zugang.port, timeout=timeout)
    if zugang.verschluesselung == "starttls":
        try:
            verbindung.starttls(ssl_context=_tls_kontext())
        except BaseException:
            with suppress(OSError):  # die offene Klartext-Verbindung nicht liegen lassen
                verbindung.shutdown()
            raise
    return verbindung


def _verbinden(zugang: ImapZugang, timeout: float) -> imaplib.IMAP4:
    """Verbindung samt Verschlüsselung; jeder Fehler wird eine verständliche Meldung."""
    wo = f"{zugang.host}:{zugang.port}"
    if zugang.verschluesselung not in VERSCHLUESSELUNGEN:
        raise ValueError(
            f"Unbekannte Verschlüsselung {zugang.verschluesselung!r}; erlaubt: {VERSCHLUESSELUNGEN}"
        )
    if zugang.verschluesselung == "keine" and zugang.host not in ("127.0.0.1", "::1", "localhost"):
        logger.warning("Postfach %s wird ohne Verschlüsselung abgefragt; das Passwort geht im Klartext", wo)
    try:
        return _oeffnen(zugang, timeout)
    except ssl.SSLCertVerificationError as exc:
        raise PostfachNichtErreichbar(
            f"Das Zertifikat des Postfach-Servers {wo} ist ungültig oder nicht vertrauenswürdig."
        ) from exc
    except ssl.SSLError as exc:
        raise PostfachNichtErreichbar(
            f"Die verschlüsselte Verbindung zum Postfach {wo} ist fehlgeschlagen."
        ) from exc
    except ConnectionRefusedError as exc:
        raise PostfachNichtErreichbar(
            f"Das Postfach ist nicht erreichbar (Verbindung abgelehnt, {wo})."
        ) from exc
    except TimeoutError as exc:
        raise PostfachNichtErreichbar(
            f"Das Postfach ist nicht erreichbar (Zeitüberschreitung, {wo})."
        ) from exc
    except socket.gaierror as exc:
        raise PostfachNichtErreichbar(f"Der Postfach-Server „{zugang.host}“ ist unbekannt.") from exc
    except (OSError, imaplib.IMAP4.error) as exc:
        # z. B. STARTTLS vom Server nicht angeboten, Verbindung mitten im Gruß abgebrochen
        raise PostfachNichtErreichbar(f"Das Postfach ist nicht erreichbar ({wo}).") from exc


def _ordner_anlegen(verbindung: imaplib.IMAP4, ordner: str) -> None:
    status, antwort = verbindung.list('""', ordner)
    if status == "OK" and any(eintrag for eintrag in antwort if eintrag):
        return
    status, antwort = verbindung.create(ordner)
    if status != "OK":
        raise imaplib.IMAP4.error(f"CREATE fehlgeschlagen: {antwort!r}")
    verbindung.subscribe(ordner)  # damit Mailprogramme den Ordner anzeigen


def _faehigkeiten(verbindung: imaplib.IMAP4) -> frozenset[str]:
    """Fähigkeiten *nach* der Anmeldung.

    imaplib merkt sich nur die vor der Anmeldung angekündigten; Dovecot und andere nennen MOVE und
    UIDPLUS erst danach. Ohne erneutes CAPABILITY würden wir nie verschieben, sondern immer kopieren.
    """
    status, antwort = verbindung.capability()
    if status != "OK" or not antwort or not antwort[0]:
        return frozenset(verbindung.capabilities)
    return frozenset(bytes(antwort[0]).decode("ascii", "replace").upper().split())


def _verschieben(verbindung: imaplib.IMAP4, uid: bytes, ziel: str, faehigkeiten: frozenset[str]) -> None:
    """UID MOVE (RFC 6851), sonst COPY + \\Deleted + EXPUNGE (nur dieser UID, falls UIDPLUS)."""
    if "MOVE" in faehigkeiten:
        status, antwort = verbindung.uid("MOVE", uid, ziel)
        if status != "OK":
            raise imaplib.IMAP4.error(f"UID MOVE fehlgeschlagen: {antwort!r}")
        return
    status, antwort = verbindung.uid("COPY", uid, ziel)
    if status != "OK":
        raise imaplib.IMAP4.error(f"UID COPY fehlgeschlagen: {antwort!r}")
    status, antwort = verbindung.uid("STORE", uid, "+FLAGS.SILENT", r"(\Deleted)")
    if status != "OK":
        raise imaplib.IMAP4.error(f"UID STORE fehlgeschlagen: {antwort!r}")
    if "UIDPLUS" in faehigkeiten:
        verbindung.uid("EXPUNGE", uid)
    else:
        verbindung.expunge()


def _nachricht_holen(verbindung: imaplib.IMAP4, uid: bytes) -> bytes | None:
    status, antwort = verbindung.uid("FETCH", uid, "(UID BODY.PEEK[])")
    if status != "OK":
        raise imaplib.IMAP4.error(f"UID FETCH fehlgeschlagen: {antwort!r}")
    for teil in antwort:
        if isinstance(teil, tuple) and len(teil) == 2:
            return bytes(teil[1])
    return None  # zwischen SEARCH und FETCH von jemand anderem gelöscht


@contextmanager
def _imap_fehler(zugang: ImapZugang) -> Iterator[None]:
    """Übersetzt Netz- und Protokollfehler in :class:`PostfachNichtErreichbar`.

    Bewusst nur um die IMAP-Befehle gelegt, nicht um ``annehmen``: ein ``OSError`` dort (Platte voll)
    ist kein Postfachproblem und soll als das beim Aufrufer ankommen, was er ist.
    """
    try:
        yield
    except (OSError, imaplib.IMAP4.error) as exc:
        raise PostfachNichtErreichbar(
            f"Die Verbindung zum Postfach {zugang.host}:{zugang.port} ist während des Abholens abgebrochen."
        ) from exc


def abholen(
    zugang: ImapZugang, annehmen: Callable[[bytes], None], hoechstens: int = 50, timeout: float = 30
) -> int:
    """Holt bis zu ``hoechstens`` Nachrichten (älteste zuerst) und gibt zurück, wie viele angenommen wurden.

    :raises PostfachNichtErreichbar: Verbindung, TLS, Anmeldung oder Ordner schlagen fehl.
    Eine Ausnahme aus ``annehmen`` wird unverändert weitergereicht (siehe Modulbeschreibung).
    """
    verbindung = _verbinden(zugang, timeout)
    angenommen = 0
    try:
        with _imap_fehler(zugang):
            try:
                verbindung.login(zugang.benutzer, zugang.passwort)
            except imaplib.IMAP4.error as exc:
                raise PostfachNichtErreichbar(
                    f"Anmeldung am Postfach fehlgeschlagen (Benutzer „{zugang.benutzer}“). "
                    "Bitte prüfen Sie Benutzername und Passwort."
                ) from exc
            faehigkeiten = _faehigkeiten(verbindung)
            status, _ = verbindung.select(_imap_name(zugang.ordner))
            if status != "OK":
                raise PostfachNichtErreichbar(f"Den Ordner „{zugang.ordner}“ gibt es im Postfach nicht.")
            status, antwort = verbindung.uid("SEARCH", "ALL")
            if status != "OK":
                raise imaplib.IMAP4.error(f"UID SEARCH fehlgeschlagen: {antwort!r}")
            uids = sorted((antwort[0] or b"").split(), key=int)[: max(hoechstens, 0)]
            ziel = _imap_name(zugang.ziel_ordner)
            if uids:
                _ordner_anlegen(verbindung, ziel)
        for uid in uids:
            with _imap_fehler(zugang):
                rohbytes = _nachricht_holen(verbindung, uid)
            if rohbytes is None:
                continue
            annehmen(rohbytes)
            with _imap_fehler(zugang):
                _verschieben(verbindung, uid, ziel, faehigkeiten)
            angenommen += 1
    finally:
        _abmelden(verbindung)
        if angenommen:
            logger.info(
                "%d Nachricht(en) aus %s@%s/%s abgeholt",
                angenommen,
                zugang.benutzer,
                zugang.host,
                zugang.ordner,
            )
    return angenommen


def _abmelden(verbindung: imaplib.IMAP4) -> None:
    """Abmelden ohne neue Ausnahme: ein Fehler hier darf den eigentlichen Fehler nicht verdecken."""
    try:
        verbindung.logout()
    except (OSError, imaplib.IMAP4.error):
        with suppress(OSError):
            verbindung.shutdown()
