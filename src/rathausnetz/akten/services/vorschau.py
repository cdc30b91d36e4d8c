"""Thumbnail of page 1 (PDF) or of the image, as PNG, stored as a derived file next to the original."""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from rathausnetz import speicher

logger = logging.getLogger(__name__)
BREITE = 480
BILDTYPEN = {"image/png", "image/jpeg", "image/tiff"}


def vorschau_pfad(sha256: str, mime: str) -> Path | None:
    """Path of the thumbnail, made on first request; ``None`` if the type has no preview."""
    if mime != "application/pdf" and mime not in BILDTYPEN:
        return None
    ziel = speicher.abgeleitet_pfad(sha256, "vorschau_png")
    if ziel.exists():
        return ziel
    try:
        bild = _rendern(speicher.original_pfad(sha256), mime)
    except Exception:
        logger.warning("Keine Vorschau für %s", sha256, exc_info=True)
        return None
    ziel.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=ziel.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as datei:
        bild.save(datei, format="PNG", compress_level=1)  # made once per document; speed over bytes
    os.replace(tmp, ziel)
    return ziel


def _rendern(pfad: Path, mime: str):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = 80_000_000  # refuses decompression bombs
    if mime == "application/pdf":
        import pypdfium2

        pdf = pypdfium2.PdfDocument(str(pfad))
        try:
            seite = pdf[0]
            breite = seite.get_width()
            bild = seite.render(scale=BREITE / breite if breite else 1).to_pil()
        finally:
            pdf.close()
    else:
        with Image.open(pfad) as quelle:
            quelle.seek(0)
            bild = quelle.convert("RGB")
    bild.thumbnail((BREITE, BREITE * 2))
    return bild
