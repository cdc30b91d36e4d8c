#!/usr/bin/env python3
"""Posteingang throughput: text-layer PDFs per second, OCR time per page against Tesseract alone on
the same page (side by side, same machine, same moment), and peak memory on a 100-page scan.

    .venv/bin/python bench/eingang_bench.py            # full run (the 100-page scan takes minutes)
    .venv/bin/python bench/eingang_bench.py --schnell  # 30 PDFs, 2 scan pages, 10-page scan

Runs in a temporary installation (SQLite, own data directory); see bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WURZEL = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(WURZEL / "src"))


def _einrichten(ordner: Path) -> int:
    os.environ["RATHAUSNETZ_DATA_DIR"] = str(ordner)
    os.environ["RATHAUSNETZ_DATABASE_URL"] = ""
    os.environ["DJANGO_SETTINGS_MODULE"] = "rathausnetz.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Bench"):
        return Organisation.objects.create(name="Bench-Gemeinde", typ="gemeindeverwaltung").pk


def _text_pdfs(anzahl: int) -> list[bytes]:
    from fpdf import FPDF

    pdfs = []
    for i in range(anzahl):
        pdf = FPDF()
        pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
        pdf.set_font("DejaVu", size=11)
        pdf.add_page()
        pdf.multi_cell(
            0,
            6,
            f"Stadtverwaltung Thum\nThum, {1 + i % 28}. November 2024\nBetreff: Antrag Nr. {i}\n\n"
            + "Sehr geehrte Damen und Herren, die Mitglieder des Sächsischen Städte- und Gemeindetages "
            "begrüßen die Zusammenarbeit der Gemeinden im Erzgebirge. " * 12,
        )
        pdfs.append(bytes(pdf.output()))
    return pdfs


def _verarbeiten(organisation_id: int, daten: bytes, name: str) -> tuple[float, object]:
    from rathausnetz.eingang.models import Eingang
    from rathausnetz.eingang.services import annahme, verarbeitung
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Bench"):
        eingang = annahme.annehmen_bytes(organisation_id, daten, name, Eingang.Quelle.KOMMANDOZEILE)
        beginn = time.perf_counter()
        verarbeitung.verarbeiten(eingang.pk)
        dauer = time.perf_counter() - beginn
        eingang.refresh_from_db()
    return dauer, eingang


def text_pdf_durchsatz(organisation_id: int, anzahl: int) -> None:
    pdfs = _text_pdfs(anzahl + 3)
    for i in range(3):  # warm-up (imports, caches)
        _verarbeiten(organisation_id, pdfs[i], f"warm{i}.pdf")
    beginn = time.perf_counter()
    dauern = []
    for i, daten in enumerate(pdfs[3:]):
        dauer, eingang = _verarbeiten(organisation_id, daten, f"brief{i}.pdf")
        assert eingang.status == "fertig" and not eingang.ocr, eingang.fehler
        dauern.append(dauer)
    gesamt = time.perf_counter() - beginn
    print(f"Text-PDFs: {anzahl} Dokumente, {anzahl / gesamt:.1f} Dokumente/s mit Annahme, "
          f"{anzahl / sum(dauern):.1f} Dokumente/s Verarbeitung (Ziel ≥ 20), "
          f"p50 {statistics.median(dauern) * 1000:.0f} ms")  # fmt: skip


def ocr_je_seite(organisation_id: int, seiten: int, ordner: Path) -> None:
    from rathausnetz.eingang.tests.helfer import BRIEF, scan_bild

    tesseract, pipeline = [], []
    # warm-up: a worker is long-lived; loading the German lexicon (about 1 s) happens once per process
    warm = ordner / "warm.pdf"
    scan_bild(BRIEF, dpi=300).save(warm, resolution=300)
    _verarbeiten(organisation_id, warm.read_bytes(), warm.name)
    for i in range(seiten):
        bild = scan_bild(BRIEF.replace("Thum", f"Thum {i}"), unscharf=0.6, dpi=300)
        png = ordner / f"seite{i}.png"
        pdf = ordner / f"seite{i}.pdf"
        bild.save(png, dpi=(300, 300))
        bild.save(pdf, resolution=300)
        beginn = time.perf_counter()
        subprocess.run(["tesseract", str(png), "-", "-l", "deu"], capture_output=True, check=True)
        tesseract.append(time.perf_counter() - beginn)
        dauer, eingang = _verarbeiten(organisation_id, pdf.read_bytes(), pdf.name)
        assert eingang.status == "fertig" and eingang.ocr, eingang.fehler
        pipeline.append(dauer)
    t, p = statistics.median(tesseract), statistics.median(pipeline)
    print(f"Scan-Seiten: {seiten}, Tesseract allein p50 {t:.2f} s, ganze Verarbeitung p50 {p:.2f} s, "
          f"Verhältnis {p / t:.2f} (Ziel ≤ 1,15)")  # fmt: skip


def _stapel(seiten: int, ziel: Path) -> Path:
    """A scan of ``seiten`` pages, written page by page (the test data must not inflate the
    worker's memory: it is made here, in the parent)."""
    from pypdf import PdfReader, PdfWriter

    from rathausnetz.eingang.tests.helfer import BRIEF, scan_pdf

    schreiber = PdfWriter()
    for i in range(seiten):
        schreiber.add_page(
            PdfReader(io.BytesIO(scan_pdf([BRIEF.replace("Thum", f"Thum {i}")], dpi=300))).pages[0]
        )
    with ziel.open("wb") as datei:
        schreiber.write(datei)
    return ziel


def speicher_100_seiten(seiten: int, ordner: Path) -> None:
    """In a child process, so that its peak (with Tesseract's children) is measured alone."""
    stapel = _stapel(seiten, ordner / "stapel.pdf")
    code = f"""
import os, resource, sys, time
sys.path.insert(0, {str(WURZEL / "bench")!r})
import eingang_bench as b
org = b._einrichten(__import__("pathlib").Path({str(ordner / "speicher")!r}))
daten = open({str(stapel)!r}, "rb").read()
dauer, e = b._verarbeiten(org, daten, "stapel.pdf")
selbst = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kinder = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"{{e.status}} {{e.seiten}} {{dauer:.1f}} {{selbst:.0f}} {{kinder:.0f}}")
"""
    ausgabe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    status, anzahl, dauer, selbst, kinder = ausgabe.stdout.split()[-5:]
    print(f"{anzahl}-Seiten-Scan: {status} in {float(dauer):.0f} s, Spitzenspeicher Worker {selbst} MiB, "
          f"größter Kindprozess (Tesseract) {kinder} MiB (Ziel ≤ 1024 MiB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schnell", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eingang-bench-") as tmp:
        ordner = Path(tmp)
        org = _einrichten(ordner / "installation")
        text_pdf_durchsatz(org, 30 if args.schnell else 200)
        ocr_je_seite(org, 2 if args.schnell else 6, ordner)
        speicher_100_seiten(10 if args.schnell else 100, ordner)
    print(f"(Bench-Prozess: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
