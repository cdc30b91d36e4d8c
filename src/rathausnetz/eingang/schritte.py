"""The ingest steps, in order. Each takes the ``Arbeit`` of one document and fills in its part.

Contract of every step: it reads only the original (never writes it) and files in the work
folder; it changes nothing in the database (the pipeline writes all results at once, so a killed
worker leaves no half record); it raises ``Abbruch`` with a German sentence for the clerk when
the document cannot be processed. The original is stored before the first step runs
(``services.annahme``), so no step can lose it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from rathausnetz import speicher

TEXTTYPEN = {"text/plain", "text/markdown"}
BILDTYPEN = {"image/png", "image/jpeg", "image/tiff"}
MAILTYPEN = {"message/rfc822": "eml", "application/vnd.ms-outlook": "msg"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
#: a page with fewer characters in its text layer counts as a scan
MIN_ZEICHEN_TEXTSEITE = 20
MAX_ZEICHEN = 2_000_000


class Abbruch(Exception):
    """The document cannot be processed; the message says why, in German, for the clerk."""


@dataclass
class Kind:
    """A file found inside the document (mail attachment), to become an Eingang of its own."""

    dateiname: str
    daten: bytes
    message_id: str = ""


@dataclass
class Arbeit:
    organisation_id: int
    sha256: str
    dateiname: str
    ordner: Path
    mime: str = ""
    seiten: int | None = None
    text_roh: str = ""
    text: str = ""
    ocr: bool = False
    #: the text layer came from our own OCR (a part split off an OCR'd scan): correct it too
    textebene_aus_ocr: bool = False
    pdfa: Path | None = None
    korrekturen: list[tuple[str, str]] = field(default_factory=list)
    metadaten: dict = field(default_factory=dict)
    vorschlaege: dict = field(default_factory=dict)
    kinder: list[Kind] = field(default_factory=list)
    #: the organisation's own words (place names, file plan, senders) for the OCR correction
    wortschatz: Callable[[], set[str]] = set

    @property
    def original(self) -> Path:
        return speicher.original_pfad(self.sha256)


def _max_seiten() -> int:
    return settings.EINGANG_MAX_SEITEN


def typ_erkennen(a: Arbeit) -> None:
    """The type from the content (libmagic), checked against the allow-list."""
    try:
        a.mime = speicher.erkennen(a.original, a.dateiname).mime
    except speicher.UnzulaessigeDatei as fehler:
        raise Abbruch(str(fehler)) from None


def pruefen(a: Arbeit) -> None:
    """Reject what would hurt the worker before it is parsed in earnest: page and pixel bombs,
    encrypted and broken PDFs."""
    if a.mime == "application/pdf":
        a.seiten = _pdf_pruefen(a.original)
    elif a.mime in BILDTYPEN:
        a.seiten = _bild_pruefen(a.original)


def _pdf_pruefen(pfad: Path) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        leser = PdfReader(pfad, strict=False)
        if leser.is_encrypted and not leser.decrypt(""):
            raise Abbruch(
                "Die PDF-Datei ist mit einem Passwort geschützt und kann nicht gelesen werden. Bitte "
                "reichen Sie sie ohne Passwortschutz ein."
            )
        anzahl = len(leser.pages)
    except Abbruch:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as fehler:
        raise Abbruch(
            "Die PDF-Datei ist beschädigt oder unvollständig und kann nicht gelesen werden."
        ) from fehler
    if anzahl == 0:
        raise Abbruch("Die PDF-Datei enthält keine Seiten.")
    if anzahl > _max_seiten():
        raise Abbruch(
            f"Die PDF-Datei hat {anzahl:,} Seiten; verarbeitet werden höchstens {_max_seiten():,} Seiten. "
            "Bitte teilen Sie das Dokument auf.".replace(",", ".")
        )
    return anzahl


_PIXELSPERRE = threading.Lock()


def _bild_pruefen(pfad: Path) -> int:
    from PIL import Image, UnidentifiedImageError

    grenze = settings.EINGANG_MAX_PIXEL
    try:
        with _PIXELSPERRE:  # Pillow's own bomb check would refuse before we can name the size
            alt, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
            try:
                bild = Image.open(pfad)  # reads only the header
            finally:
                Image.MAX_IMAGE_PIXELS = alt
        with bild:
            breite, hoehe = bild.size
            if breite * hoehe > grenze:
                raise Abbruch(
                    f"Das Bild ist mit {breite:,} × {hoehe:,} Pixeln zu groß; verarbeitet werden höchstens "
                    f"{grenze // 1_000_000} Millionen Pixel je Seite.".replace(",", ".")
                )
            return getattr(bild, "n_frames", 1)
    except Abbruch:
        raise
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as fehler:
        raise Abbruch("Das Bild ist beschädigt oder unvollständig und kann nicht gelesen werden.") from fehler


def text_gewinnen(a: Arbeit) -> None:
    """Raw text: text layer, OCR (PDF/A rendition), office text or the mail with its attachments."""
    if a.mime in TEXTTYPEN:
        roh = a.original.read_bytes()[: MAX_ZEICHEN * 4]
        try:
            a.text_roh = roh.decode("utf-8-sig")
        except UnicodeDecodeError:
            a.text_roh = roh.decode("cp1252", errors="replace")
    elif a.mime == "application/pdf":
        _pdf_text(a, a.original)
    elif a.mime in BILDTYPEN:
        from rathausnetz.eingang import ocr

        try:
            pdf = ocr.bild_zu_pdf(a.original, a.ordner / "bild.pdf")
        except ocr.OcrFehler as fehler:
            raise Abbruch(str(fehler)) from None
        _pdf_text(a, pdf, alles_ocr=True)
    elif a.mime in {DOCX, ODT}:
        from rathausnetz.eingang import office

        try:
            a.text_roh = office.docx_text(a.original) if a.mime == DOCX else office.odt_text(a.original)
        except office.UnlesbareDatei as fehler:
            raise Abbruch(str(fehler)) from None
    elif a.mime in MAILTYPEN:
        _mail(a)
    a.text_roh = a.text_roh.replace("\x00", "")[:MAX_ZEICHEN]


def _textebene(pdf: Path) -> list[str]:
    """Text layer per page with PDFium (C, several times faster than pypdf on the hot path)."""
    import pypdfium2

    dokument = pypdfium2.PdfDocument(str(pdf))
    try:
        seiten = []
        for seite in dokument:
            textseite = seite.get_textpage()
            seiten.append(textseite.get_text_bounded().replace("\r\n", "\n"))
            textseite.close()
            seite.close()
        return seiten
    finally:
        dokument.close()


def _pdf_text(a: Arbeit, pdf: Path, alles_ocr: bool = False) -> None:
    from rathausnetz.eingang import ocr

    seiten: list[str] = []
    if not alles_ocr:
        try:
            seiten = _textebene(pdf)
        except Exception as fehler:  # PDFium raises on broken streams
            raise Abbruch("Die PDF-Datei ist beschädigt und ihr Text kann nicht gelesen werden.") from fehler
        if all(len(s.strip()) >= MIN_ZEICHEN_TEXTSEITE for s in seiten):
            a.seiten = len(seiten)
            a.text_roh = "\f".join(seiten)
            return
    try:
        ergebnis = ocr.pdf_ocr(pdf, a.ordner / "pdfa.pdf", a.ordner / "text.txt")
    except ocr.OcrFehler as fehler:
        raise Abbruch(str(fehler)) from None
    if alles_ocr:
        seiten = [""] * len(ergebnis.seiten)
    texte = []
    for i, vorhanden in enumerate(seiten):
        erkannt = ergebnis.seiten[i] if i < len(ergebnis.seiten) else None
        texte.append(vorhanden if erkannt is None else erkannt)
    a.seiten = len(texte)
    a.text_roh = "\f".join(t.strip("\n") for t in texte)
    a.ocr = True
    a.pdfa = ergebnis.pdfa


def _mail(a: Arbeit) -> None:
    from rathausnetz.eingang import mail
    from rathausnetz.eingang.office import UnlesbareDatei

    try:
        nachricht = mail.mail_lesen(a.original.read_bytes(), MAILTYPEN[a.mime])
    except UnlesbareDatei as fehler:
        raise Abbruch(str(fehler)) from None
    kopf = [
        f"Von: {nachricht.absender} <{nachricht.absender_adresse}>".replace(" <>", ""),
        f"An: {', '.join(nachricht.an)}",
        f"Betreff: {nachricht.betreff}",
    ]
    if nachricht.datum:
        kopf.append(f"Datum: {nachricht.datum:%d.%m.%Y %H:%M}")
    a.text_roh = "\n".join(kopf) + "\n\n" + nachricht.text
    a.metadaten = {
        "betreff": nachricht.betreff,
        "absender_person": nachricht.absender,
        "emails": [nachricht.absender_adresse] if nachricht.absender_adresse else [],
        "datum": nachricht.datum.date().isoformat() if nachricht.datum else None,
        "message_id": nachricht.message_id,
    }
    a.kinder = [Kind(dateiname=x.dateiname, daten=x.daten) for x in nachricht.anhaenge]


def korrigieren(a: Arbeit) -> None:
    """OCR text gets the German post-correction, and so do plain text files (often OCR exports from
    a scanner or another system). Text layers of PDFs, office files and mails stay as they are: they
    were typed, and the correction would only cost time. The corrector never changes a valid word,
    so clean plain text comes through unchanged."""
    if not (a.ocr or a.textebene_aus_ocr or a.mime in TEXTTYPEN):
        a.text = a.text_roh
        return
    from rathausnetz.eingang.korrektur import korrigieren as korrektur

    ergebnis = korrektur(a.text_roh, a.wortschatz())
    a.text = ergebnis.text
    a.korrekturen = [list(paar) for paar in ergebnis.aenderungen]


def metadaten_erkennen(a: Arbeit) -> None:
    """Suggestions for date, sender, references; what the mail header says wins."""
    from rathausnetz.eingang.metadaten import extrahieren
    from rathausnetz.eingang.services.absender import bekannter_absender

    gefunden = extrahieren(a.text[:200_000], heute=dt.date.today()).als_dict()
    gefunden["absender_organisation"] = bekannter_absender(a.text, gefunden["absender_organisation"])
    for schluessel, wert in a.metadaten.items():
        if wert:
            gefunden[schluessel] = wert
    a.metadaten = gefunden


def vorschlagen(a: Arbeit) -> None:
    from rathausnetz.eingang.services.vorschlaege import vorschlaege_fuer

    a.vorschlaege = vorschlaege_fuer(
        a.organisation_id,
        text=a.text,
        absender=str(a.metadaten.get("absender_organisation") or a.metadaten.get("absender_person") or ""),
        betreff=str(a.metadaten.get("betreff") or ""),
        dateiname=a.dateiname,
    )


def vorschaubild(a: Arbeit) -> None:
    """The thumbnail is made now, so the Posteingangskorb opens without waiting for it."""
    from rathausnetz.akten.services.vorschau import vorschau_pfad

    vorschau_pfad(a.sha256, a.mime)


SCHRITTE: list[Callable[[Arbeit], None]] = [
    typ_erkennen,
    pruefen,
    text_gewinnen,
    korrigieren,
    metadaten_erkennen,
    vorschlagen,
    vorschaubild,
]
