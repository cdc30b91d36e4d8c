"""Facade in front of the OCR engine: ocrmypdf with Tesseract (German), PDF/A without Ghostscript.

ocrmypdf adds a text layer to the pages that have none and writes a PDF/A rendition next to the
untouched original. It runs with its own PDF/A conversion validated by pikepdf
(``pdfa_backend="internal"``) and the pypdfium2 rasteriser, so Ghostscript (AGPL) is neither
needed nor called. Pages that already carry text are left as they are (``skip_text``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = ["OcrErgebnis", "OcrFehler", "bild_zu_pdf", "pdf_ocr"]

#: images without a resolution in their header are assumed to be scans at this resolution
STANDARD_DPI = 300


class OcrFehler(Exception):
    """OCR failed; the message is for the clerk."""


@dataclass(frozen=True)
class OcrErgebnis:
    pdfa: Path
    #: text per page, from the text layer Tesseract produced (``None`` for pages not OCR'd)
    seiten: list[str | None]


def bild_zu_pdf(bild: Path, ziel: Path) -> Path:
    """Images (also multi-page TIFF) into one PDF, losslessly (img2pdf), for OCR."""
    import img2pdf

    def layout(bildbreite, bildhoehe, ndpi):
        dpi = ndpi if ndpi and ndpi[0] and ndpi[0] > 30 else (STANDARD_DPI, STANDARD_DPI)
        return img2pdf.default_layout_fun(bildbreite, bildhoehe, dpi)

    try:
        daten = img2pdf.convert(str(bild), layout_fun=layout, rotation=img2pdf.Rotation.ifvalid)
    except Exception as fehler:
        raise OcrFehler("Das Bild kann nicht gelesen werden (beschädigt oder unvollständig).") from fehler
    ziel.write_bytes(daten)
    return ziel


def pdf_ocr(quelle: Path, ziel: Path, sidecar: Path) -> OcrErgebnis:
    """OCR the pages without text into a PDF/A at ``ziel``; ``sidecar`` receives the page texts."""
    import ocrmypdf
    from ocrmypdf import exceptions as ocr_ex

    try:
        ocrmypdf.ocr(
            quelle,
            ziel,
            language=["deu"],
            output_type="pdfa",
            pdfa_backend="internal",
            rasterizer="pypdfium",
            skip_text=True,
            rotate_pages=False,
            optimize=0,
            progress_bar=False,
            sidecar=sidecar,
        )
    except ocr_ex.EncryptedPdfError as fehler:
        raise OcrFehler("Die PDF-Datei ist mit einem Passwort geschützt.") from fehler
    except ocr_ex.InputFileError as fehler:
        raise OcrFehler("Die PDF-Datei ist beschädigt und kann nicht gelesen werden.") from fehler
    except ocr_ex.MissingDependencyError as fehler:
        raise OcrFehler(
            "Die Texterkennung ist auf dem Server nicht eingerichtet (Tesseract mit Sprachpaket deu fehlt)."
        ) from fehler
    except ocr_ex.ExitCodeException as fehler:
        raise OcrFehler(f"Die Texterkennung ist fehlgeschlagen ({type(fehler).__name__}).") from fehler
    seiten: list[str | None] = []
    for teil in sidecar.read_text(encoding="utf-8").split("\f"):
        seiten.append(None if teil.strip().startswith("[OCR skipped on page") else teil)
    return OcrErgebnis(pdfa=ziel, seiten=seiten)
