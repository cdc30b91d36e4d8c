"""Test documents: scans rendered from German text we wrote, text PDFs, broken files."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SCHRIFT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

BRIEF = """Stadtverwaltung Thum
Markt 1, 09419 Thum

Thum, 12. November 2024

Betreff: Gemeinsames Standesamt

Sehr geehrte Damen und Herren,
die Mitglieder des Sächsischen Städte- und Gemeindetages
begrüßen die Zusammenarbeit. Der Geschäftsführer stellte
die Kooperationsmöglichkeiten für kleine Gemeinden vor.

Mit freundlichen Grüßen
Maria Schneider
Bürgermeisterin"""


def scan_bild(text: str = BRIEF, unscharf: float = 0.0, dpi: int = 200) -> Image.Image:
    """A page as a scanner would deliver it (grey, optionally blurred)."""
    breite, hoehe = int(8.27 * dpi), int(11.69 * dpi)
    bild = Image.new("L", (breite, hoehe), 255)
    zeichnen = ImageDraw.Draw(bild)
    schrift = ImageFont.truetype(SCHRIFT, int(dpi * 0.14))
    y = int(dpi * 0.8)
    for zeile in text.split("\n"):
        zeichnen.text((int(dpi * 0.8), y), zeile, font=schrift, fill=0)
        y += int(dpi * 0.22)
    if unscharf:
        bild = bild.filter(ImageFilter.GaussianBlur(unscharf))
    return bild


def scan_pdf(seiten: list[str] | None = None, dpi: int = 200) -> bytes:
    """An image-only PDF (no text layer), one page per text."""
    bilder = [scan_bild(t, dpi=dpi) for t in (seiten or [BRIEF])]
    puffer = io.BytesIO()
    bilder[0].save(puffer, format="PDF", resolution=dpi, save_all=True, append_images=bilder[1:])
    return puffer.getvalue()


def scan_png(text: str = BRIEF) -> bytes:
    puffer = io.BytesIO()
    scan_bild(text).save(puffer, format="PNG", dpi=(200, 200))
    return puffer.getvalue()


def text_pdf(text: str = BRIEF, seiten: int = 1) -> bytes:
    """A PDF with a real text layer (as office programs write them)."""
    from weasyprint import HTML

    absaetze = "".join(
        f'<div style="page-break-after: always">{"".join(f"<p>{z}</p>" for z in text.splitlines())}</div>'
        for _ in range(seiten)
    )
    return HTML(
        string=f'<html lang="de"><body style="font-family: sans-serif">{absaetze}</body></html>'
    ).write_pdf()
