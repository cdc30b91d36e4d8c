"""E-Mails (EML und Outlook-MSG) in Betreff, Absender, Text und Anhänge zerlegen.

Eingehende Post kommt von Bürgerinnen, Firmen und anderen Behörden, also aus Programmen jeder Art und
jeden Alters: kaputte Kopfzeilen, falsch deklarierte Zeichensätze (cp1252 als latin-1), Umlaute in
Dateinamen nach RFC 2047 *und* RFC 2231. Wir lesen deshalb nachsichtig und fallen bei jedem Feld auf
einen brauchbaren Wert zurück, statt die ganze Mail abzulehnen. Abgelehnt wird nur, was wir gar nicht
verstehen oder was die Verarbeitung überfordern würde — immer als :class:`UnlesbareDatei` mit einer
Meldung für Sachbearbeitende, nie mit einer anderen Ausnahme.

Anhänge werden nicht weiter ausgepackt: eine weitergeleitete Mail (``message/rfc822``) ist *ein*
Anhang mit den vollständigen Bytes der inneren Mail; die Eingangs-Pipeline zerlegt sie rekursiv und
erkennt den Dateityp ohnehin neu am Inhalt. Eine in eine MSG-Datei eingebettete Outlook-Nachricht wird
ebenso ein Anhang, und zwar als eigenständige ``.msg``-Datei (``extract_msg`` schreibt sie mit
``exportBytes``); so bleiben Outlook-Eigenschaften erhalten, die eine Umwandlung in EML verlöre.
"""

from __future__ import annotations

import email
import email.header
import email.utils
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from typing import Any

from .office import UnlesbareDatei

__all__ = ["MAX_ANHAENGE", "Anhang", "Mail", "html_zu_text", "mail_lesen"]

MAX_ANHAENGE = 100
# Tiefer verschachtelte MIME-Bäume kommen in echter Post nicht vor, wohl aber in Angriffen.
_MAX_TIEFE = 50
MSG_MIME = "application/vnd.ms-outlook"
_ROH = policy.compat32.clone(linesep="\r\n")


@dataclass(frozen=True)
class Anhang:
    """Ein Anhang, roh. ``mime`` ist der vom Absender *behauptete* Typ; die Pipeline prüft den Inhalt."""

    dateiname: str
    daten: bytes
    mime: str


@dataclass(frozen=True)
class Mail:
    """Eine gelesene Mail.

    ``an`` enthält die reinen Adressen aus „An“ (ohne Namen), ``message_id`` steht samt spitzer Klammern
    da, wie im Kopf, damit die Pipeline Duplikate daran erkennt. ``text`` ist ``""``, wenn die Mail
    keinen Textteil hat.
    """

    betreff: str
    absender: str
    absender_adresse: str
    an: tuple[str, ...]
    datum: datetime | None
    message_id: str
    text: str
    anhaenge: tuple[Anhang, ...]


def mail_lesen(daten: bytes, art: str) -> Mail:
    """Liest eine Mail aus ``daten``; ``art`` ist ``"eml"`` oder ``"msg"`` (nach Dateiendung/Inhalt)."""
    if art == "eml":
        leser = _eml_lesen
        meldung = "Die E-Mail-Datei ist beschädigt und kann nicht gelesen werden."
    elif art == "msg":
        leser = _msg_lesen
        meldung = "Die Outlook-Datei (.msg) ist beschädigt und kann nicht gelesen werden."
    else:
        raise ValueError(f"Unbekannte Mail-Art: {art!r}")
    try:
        return leser(daten)
    except UnlesbareDatei:
        raise
    except Exception as exc:  # jeder Parserfehler bedeutet für die Sachbearbeitung dasselbe
        raise UnlesbareDatei(meldung) from exc


def _zu_viele_anhaenge() -> UnlesbareDatei:
    return UnlesbareDatei(
        f"Die E-Mail hat mehr als {MAX_ANHAENGE} Anhänge und wird nicht automatisch verarbeitet. "
        "Bitte bitten Sie den Absender, die Unterlagen auf mehrere Nachrichten zu verteilen."
    )


def _ohne_nul(text: str) -> str:
    return text.replace("\x00", "")


# --- EML -------------------------------------------------------------------------------------------


def _eml_lesen(daten: bytes) -> Mail:
    nachricht = email.message_from_bytes(daten, policy=policy.default)
    if not nachricht.keys() and not nachricht.get_payload():
        raise UnlesbareDatei("Die Datei enthält keine E-Mail.")
    assert isinstance(nachricht, EmailMessage)
    koerper = _koerper(nachricht)
    anhaenge: list[Anhang] = []
    _anhaenge_sammeln(nachricht, koerper, anhaenge, 0)
    text = ""
    if koerper is not None:
        text = _teil_text(koerper)
        if koerper.get_content_type() == "text/html":
            text = html_zu_text(text)
    name, adresse = _absender(nachricht)
    return Mail(
        betreff=_ohne_nul(_kopf(nachricht, "Subject")),
        absender=name,
        absender_adresse=adresse,
        an=_adressen(nachricht, "To"),
        datum=_datum(_kopf(nachricht, "Date")),
        message_id=_kopf(nachricht, "Message-ID").strip(),
        text=_ohne_nul(text).strip(),
        anhaenge=tuple(anhaenge),
    )


def _kopf(nachricht: Message, name: str) -> str:
    """Kopfzeile als Text.

    Die strenge Policy scheitert an manchen kaputten Kopfzeilen und macht aus undeklarierten 8-Bit-Bytes
    Ersatzzeichen; in beiden Fällen lesen wir die Rohform selbst (UTF-8, sonst cp1252).
    """
    try:
        wert = nachricht.get(name)
        text = "" if wert is None else str(wert)
    except Exception:
        text = "\ufffd"
    if "\ufffd" in text:
        for schluessel, roh in nachricht.raw_items():
            if schluessel.lower() == name.lower():
                text = _woerter_dekodieren(str(roh))
                break
    return " ".join(text.split())


def _woerter_dekodieren(roh: str) -> str:
    """RFC-2047-Wörter dekodieren, unbekannte Zeichensätze als cp1252 lesen, nie scheitern."""
    roh = _bytes_dekodieren(roh.encode("utf-8", "surrogateescape"), None)
    try:
        teile = email.header.decode_header(roh)
    except Exception:
        return roh
    ergebnis = []
    for stueck, zeichensatz in teile:
        if isinstance(stueck, str):
            ergebnis.append(stueck)
        elif zeichensatz is None:  # unkodierter Teil, von decode_header so verpackt
            ergebnis.append(stueck.decode("raw-unicode-escape", "replace"))
        else:
            ergebnis.append(_bytes_dekodieren(stueck, zeichensatz))
    return "".join(ergebnis)


def _bytes_dekodieren(roh: bytes, zeichensatz: str | None) -> str:
    """Dekodiert nachsichtig. latin-1 wird als cp1252 gelesen (wie in Browsern): Windows-Programme
    deklarieren latin-1 und senden „“–€."""
    kandidaten = []
    if zeichensatz:
        zs = zeichensatz.strip().strip('"').lower()
        kandidaten.append("cp1252" if zs in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii") else zs)
    kandidaten += ["utf-8", "cp1252"]
    for kandidat in kandidaten:
        try:
            return roh.decode(kandidat)
        except (LookupError, UnicodeDecodeError):
            continue
    return roh.decode("cp1252", "replace")


def _absender(nachricht: Message) -> tuple[str, str]:
    try:
        kopf = nachricht.get("From")
        adressen = getattr(kopf, "addresses", ())
        if adressen:
            return _ohne_nul(adressen[0].display_name), _adresse(adressen[0].addr_spec)
    except Exception:  # noqa: S110 - Rückfall auf parseaddr
        pass
    name, adresse = email.utils.parseaddr(_kopf(nachricht, "From"))
    return _ohne_nul(name), _adresse(adresse)


def _adresse(text: str) -> str:
    """Nur was wie eine Adresse aussieht; aus „<<<kaputt>>>“ macht der Parser sonst „<>“."""
    text = _ohne_nul(text).strip()
    return text if "@" in text else ""


def _adressen(nachricht: Message, name: str) -> tuple[str, ...]:
    try:
        ergebnis = []
        for kopf in nachricht.get_all(name) or ():
            ergebnis += [a.addr_spec for a in getattr(kopf, "addresses", ())]
    except Exception:
        ergebnis = [a for _, a in email.utils.getaddresses([_kopf(nachricht, name)])]
    return tuple(a for a in map(_adresse, ergebnis) if a)


def _datum(roh: str) -> datetime | None:
    if not roh:
        return None
    try:
        return email.utils.parsedate_to_datetime(roh)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _ist_anhang(teil: Message) -> bool:
    try:
        if teil.get_content_disposition() == "attachment":
            return True
        return bool(teil.get_filename())
    except Exception:
        return True  # im Zweifel nicht als Text verschlucken, sondern als Datei behalten


def _koerper(nachricht: EmailMessage) -> Message | None:
    """Der Textteil: text/plain bevorzugt, sonst text/html. Teile mit Dateinamen sind Anhänge."""
    for art in ("plain", "html"):
        try:
            teil = nachricht.get_body(preferencelist=(art,))
        except Exception:
            teil = None
        if teil is not None and not _ist_anhang(teil):
            return teil
    return None


def _teil_text(teil: Message) -> str:
    try:
        roh = teil.get_payload(decode=True)
    except Exception:
        roh = None
    if not isinstance(roh, bytes):
        return ""
    try:
        zeichensatz = teil.get_content_charset()
    except Exception:
        zeichensatz = None
    return _bytes_dekodieren(roh, zeichensatz)


def _dateiname(teil: Message) -> str:
    """Dateiname nach RFC 2231, RFC 2047 oder — bei alten Programmen — als rohe 8-Bit-Bytes."""
    try:
        name = teil.get_filename() or ""
    except Exception:
        name = "\ufffd"
    if "\ufffd" in name:
        name = ""
        for schluessel, roh in teil.raw_items():
            if schluessel.lower() in ("content-disposition", "content-type"):
                treffer = re.search(r'(?i)\b(?:file)?name="?([^";\r\n]+)', str(roh))
                if treffer:
                    name = _woerter_dekodieren(treffer.group(1))
                    break
    if "=?" in name:  # RFC-2047-Wörter in Parametern sind verboten, Outlook schreibt sie trotzdem
        name = _woerter_dekodieren(name)
    return _ohne_nul(name).strip()


def _anhaenge_sammeln(teil: Message, koerper: Message | None, ziel: list[Anhang], tiefe: int) -> None:
    if tiefe > _MAX_TIEFE:
        raise UnlesbareDatei("Die E-Mail ist ungewöhnlich tief verschachtelt und wird nicht gelesen.")
    if teil is koerper:
        return
    art = teil.get_content_type()
    if art == "message/rfc822" or (art.startswith("message/") and teil.is_multipart()):
        innere = teil.get_payload()
        innere_mail = innere[0] if isinstance(innere, list) and innere else None
        if innere_mail is None:
            return
        betreff = _kopf(innere_mail, "Subject") or "Weitergeleitete Nachricht"
        # compat32 schreibt die Kopfzeilen so zurück, wie sie kamen (auch rohe 8-Bit-Bytes); die strenge
        # Policy würde sie neu falten und kodieren. Zeilenenden nach RFC 5322: CRLF.
        daten = innere_mail.as_bytes(policy=_ROH)
        _hinzufuegen(ziel, Anhang(_ohne_nul(f"{betreff}.eml"), daten, "message/rfc822"))
        return
    if teil.is_multipart():
        for unterteil in teil.get_payload():
            _anhaenge_sammeln(unterteil, koerper, ziel, tiefe + 1)
        return
    name = _dateiname(teil)
    if not name and not _ist_anhang(teil):
        return  # Alternativtext (HTML neben Text) oder unbenanntes Inline-Bild einer Signatur
    try:
        daten = teil.get_payload(decode=True)
    except Exception:
        daten = None
    if not isinstance(daten, bytes):
        daten = b""
    _hinzufuegen(ziel, Anhang(name, daten, art))


def _hinzufuegen(ziel: list[Anhang], anhang: Anhang) -> None:
    if len(ziel) >= MAX_ANHAENGE:
        raise _zu_viele_anhaenge()
    ziel.append(anhang)


# --- HTML → Text ---------------------------------------------------------------------------------

_BLOCK = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption"}
    | {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav"}
    | {"ol", "p", "pre", "section", "table", "tr", "ul"}
)
_UNSICHTBAR = frozenset({"script", "style", "head", "title", "template", "noscript", "svg", "object"})


class _TextSammler(HTMLParser):
    """Sammelt sichtbaren Text. Nur ein Parser: nichts wird geladen oder ausgeführt."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.teile: list[str] = []
        self.versteckt = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _UNSICHTBAR:
            self.versteckt += 1
        elif tag in _BLOCK:
            self.teile.append("\n")
        elif tag in ("td", "th"):
            self.teile.append("\t")

    def handle_startendtag(self, tag: str, attrs: Any) -> None:
        if tag in _BLOCK:
            self.teile.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _UNSICHTBAR:
            self.versteckt = max(0, self.versteckt - 1)
        elif tag in _BLOCK:
            self.teile.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.versteckt:
            self.teile.append(data)


def html_zu_text(html: str) -> str:
    """Sichtbarer Text eines HTML-Mailkörpers, ohne Inhalt von ``script``/``style``."""
    sammler = _TextSammler()
    sammler.feed(html)
    sammler.close()
    zeilen = (" ".join(zeile.split()) for zeile in "".join(sammler.teile).split("\n"))
    text = "\n".join(zeilen)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- MSG -------------------------------------------------------------------------------------------


def _msg_lesen(daten: bytes) -> Mail:
    import extract_msg
    from extract_msg.enums import AttachmentType

    if not daten.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnlesbareDatei("Die Datei ist keine Outlook-Nachricht (.msg).")
    nachricht = extract_msg.openMsg(daten, strict=False, delayAttachments=False)
    try:
        anhaenge_roh = list(getattr(nachricht, "attachments", ()) or ())
        if len(anhaenge_roh) > MAX_ANHAENGE:
            raise _zu_viele_anhaenge()
        anhaenge = []
        for anhang in anhaenge_roh:
            name = _ohne_nul(anhang.longFilename or anhang.shortFilename or anhang.displayName or "").strip()
            if anhang.type == AttachmentType.MSG:
                innere = anhang.data
                if not name:
                    name = _ohne_nul(getattr(innere, "subject", None) or "Weitergeleitete Nachricht")
                if not name.lower().endswith(".msg"):
                    name += ".msg"
                anhaenge.append(Anhang(name, innere.exportBytes(), MSG_MIME))
                continue
            inhalt = anhang.data
            if isinstance(inhalt, bytes):
                anhaenge.append(Anhang(name, inhalt, anhang.mimetype or "application/octet-stream"))

        text = _msg_text(nachricht)
        name, adresse = _msg_adresse(getattr(nachricht, "sender", None) or "")
        an = [_msg_adresse(teil) for teil in (getattr(nachricht, "to", None) or "").split(";")]
        datum = getattr(nachricht, "date", None)
        return Mail(
            betreff=_ohne_nul(getattr(nachricht, "subject", None) or ""),
            absender=name,
            absender_adresse=adresse,
            an=tuple(_ohne_nul(a) for _, a in an if a),
            datum=datum if isinstance(datum, datetime) else None,
            message_id=_ohne_nul(getattr(nachricht, "messageId", None) or "").strip(),
            text=_ohne_nul(text).strip(),
            anhaenge=tuple(anhaenge),
        )
    finally:
        nachricht.close()


_NAME_UND_ADRESSE = re.compile(r"^\s*(.*?)\s*<([^<>]*)>\s*$", re.DOTALL)


def _msg_adresse(text: str) -> tuple[str, str]:
    """„Name <adresse>“ aus extract_msg zerlegen. ``parseaddr`` versagt an Outlooks „Nachname, Vorname“."""
    text = _ohne_nul(text)
    treffer = _NAME_UND_ADRESSE.match(text)
    if treffer:
        return treffer.group(1).strip('"').strip(), treffer.group(2).strip()
    text = text.strip()
    return ("", text) if "@" in text else (text, "")


def _msg_text(nachricht: Any) -> str:
    text = getattr(nachricht, "body", None)
    if text:
        return str(text)
    html = getattr(nachricht, "htmlBody", None)
    if html:
        return html_zu_text(_bytes_dekodieren(html, "utf-8") if isinstance(html, bytes) else str(html))
    return ""
