"""Text of a stored original for search: plain text files and PDF text layers.

Scans (OCR), office files and e-mails get their text from the ingest pipeline (app ``eingang``).
"""

from __future__ import annotations

import logging
from pathlib import Path

logger = logging.getLogger(__name__)

MAX_ZEICHEN = 2_000_000
MAX_SEITEN = 500


def text_extrahieren(pfad: Path, mime: str) -> str:
    try:
        if mime in {"text/plain", "text/markdown"}:
            roh = pfad.read_bytes()[: MAX_ZEICHEN * 4]
            try:
                return roh.decode("utf-8-sig")[:MAX_ZEICHEN]
            except UnicodeDecodeError:
                return roh.decode("cp1252", errors="replace")[:MAX_ZEICHEN]
        if mime == "application/pdf":
            from pypdf import PdfReader

            leser = PdfReader(pfad)
            if leser.is_encrypted:
                return ""
            teile = []
            for seite in leser.pages[:MAX_SEITEN]:
                teile.append(seite.extract_text() or "")
                if sum(map(len, teile)) > MAX_ZEICHEN:
                    break
            return "\n\f".join(teile)[:MAX_ZEICHEN]
    except Exception:  # a damaged file still gets stored; it just has no text yet
        logger.warning("Text aus %s (%s) nicht lesbar", pfad.name, mime, exc_info=True)
    return ""
