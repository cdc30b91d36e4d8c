"""File types the E-Akte accepts, recognised from the content (libmagic), not from the name."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import magic


class UnzulaessigeDatei(ValueError):
    """A file of a type the E-Akte does not accept; the message is for the clerk."""


@dataclass(frozen=True)
class Dateityp:
    mime: str
    endung: str
    bezeichnung: str


ERLAUBT: dict[str, Dateityp] = {
    t.mime: t
    for t in [
        Dateityp("application/pdf", "pdf", "PDF"),
        Dateityp("image/png", "png", "PNG-Bild"),
        Dateityp("image/jpeg", "jpg", "JPEG-Bild"),
        Dateityp("image/tiff", "tif", "TIFF-Bild"),
        Dateityp(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word-Dokument"
        ),
        Dateityp("application/vnd.oasis.opendocument.text", "odt", "OpenDocument-Text"),
        Dateityp("text/plain", "txt", "Text"),
        Dateityp("text/markdown", "md", "Markdown"),
        Dateityp("message/rfc822", "eml", "E-Mail"),
        Dateityp("application/vnd.ms-outlook", "msg", "Outlook-E-Mail"),
    ]
}


def _zip_typ(pfad: Path) -> str | None:
    try:
        with zipfile.ZipFile(pfad) as archiv:
            namen = set(archiv.namelist())
            if "word/document.xml" in namen:
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            if (
                "mimetype" in namen
                and archiv.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text"
            ):
                return "application/vnd.oasis.opendocument.text"
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def erkennen(pfad: Path, dateiname: str = "") -> Dateityp:
    """The type of the stored file, or ``UnzulaessigeDatei`` with a German explanation."""
    if pfad.stat().st_size == 0:
        raise UnzulaessigeDatei("Die Datei ist leer (0 Byte).")
    mime = magic.from_file(str(pfad), mime=True)
    if mime in {"application/zip", "application/octet-stream"} or mime.startswith("application/vnd."):
        mime = _zip_typ(pfad) or mime
    if mime in {"application/CDFV2", "application/x-ole-storage"} and dateiname.lower().endswith(".msg"):
        mime = "application/vnd.ms-outlook"
    if mime == "text/plain" and dateiname.lower().endswith((".md", ".markdown")):
        mime = "text/markdown"  # Markdown has no magic; plain text named .md is Markdown
    typ = ERLAUBT.get(mime)
    if typ is None:
        raise UnzulaessigeDatei(
            f"Dieser Dateityp ist nicht erlaubt ({mime}). Erlaubt sind PDF, PNG, JPEG, TIFF, DOCX, ODT, "
            "Text, Markdown und E-Mails (EML, MSG)."
        )
    return typ
