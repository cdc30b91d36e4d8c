"""Sample post for the demo: a scan, a raw OCR text and a mail land in Geyer's consume folder, so
that the worker started by ``./run`` fills the Posteingangskorb within seconds. All texts were
written by the team."""

from __future__ import annotations

import io
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings

from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.eingang.models import Ablageregel, Eingang
from rathausnetz.kommunen.models import Organisation

SCAN = """Standesamt Thum
Markt 1, 09419 Thum

Thum, 4. November 2025

Betreff: Gemeinsames Standesamt – Urkundenstelle

Sehr geehrte Damen und Herren,
ab dem 1. Januar 2026 werden die Urkunden für Geyer,
Thum und Ehrenfriedersdorf gemeinsam ausgestellt.
Bitte leiten Sie Anträge an die Urkundenstelle weiter.

Mit freundlichen Grüßen
Katrin Lorenz
Standesbeamtin"""

OCR_TEXT = """Pressemitteilung Nr. 41/25

Burgermeister der Verwaltungsgemeinschaft beraten uber gemeinsame
Digitalisierung. Der Geschéftsfuhrer des Sachsischen Stadte- und
Gemeindetages begrif3t die Zusammenarbeit der Gemeinden und die
Kooperationsmég-
lichkeiten fur die elektronische Akte.

Dresden, 30. Oktober 2025
"""


def _scan_pdf(text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    bild = Image.new("L", (1654, 2339), 255)
    zeichnen = ImageDraw.Draw(bild)
    schrift = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 28)
    for i, zeile in enumerate(text.split("\n")):
        zeichnen.text((160, 160 + i * 44), zeile, font=schrift, fill=0)
    puffer = io.BytesIO()
    bild.save(puffer, format="PDF", resolution=200)
    return puffer.getvalue()


def _mail() -> bytes:
    mail = EmailMessage()
    mail["From"] = "Landratsamt Erzgebirgskreis <poststelle@kreis-erz.example>"
    mail["To"] = "post@geyer.example"
    mail["Subject"] = "Hinweise zur Haushaltssatzung 2026"
    mail["Message-ID"] = "<haushalt-2026@kreis-erz.example>"
    mail.set_content(
        "Sehr geehrte Damen und Herren,\n\nanbei unsere Hinweise zur Haushaltssatzung 2026.\n\n"
        "Mit freundlichen Grüßen\nRechtsaufsichtsbehörde\nTelefon 03733 831-0\n"
    )
    mail.add_attachment(
        b"Hinweise der Rechtsaufsicht zur Haushaltssatzung 2026 der Stadt Geyer\n\nAnnaberg-Buchholz, "
        b"3. November 2025\n",
        maintype="text",
        subtype="plain",
        filename="hinweise-haushalt-2026.txt",
    )
    return mail.as_bytes()


def beispielpost_einlegen(geyer: Organisation) -> int:
    """Only into an empty Posteingang and consume folder: running the demo again adds nothing."""
    ordner = Path(settings.EINGANG_ORDNER) / str(geyer.pk)
    if Eingang._base_manager.filter(organisation=geyer).exists() or (
        ordner.exists() and any(ordner.iterdir())
    ):
        return 0
    eintrag = Aktenplaneintrag._base_manager.filter(organisation=geyer, kennzeichen="120").first()
    if eintrag and not Ablageregel._base_manager.filter(organisation=geyer).exists():
        Ablageregel._base_manager.create(
            organisation=geyer,
            feld=Ablageregel.Feld.ABSENDER,
            enthaelt="Standesamt",
            aktenplaneintrag=eintrag,
        )
    ordner.mkdir(parents=True, exist_ok=True)
    dateien = {
        "scan-standesamt-thum.pdf": _scan_pdf(SCAN),
        "pm-41-25-ocr.txt": OCR_TEXT.encode(),
        "hinweise-haushalt.eml": _mail(),
    }
    for name, daten in dateien.items():
        tmp = ordner / f".{name}.tmp"
        tmp.write_bytes(daten)
        tmp.rename(ordner / name)
    return len(dateien)
