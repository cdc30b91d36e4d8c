#!/usr/bin/env python3
"""How much the OCR post-correction (rathausnetz.eingang.korrektur) reduces Tesseract's errors.

Our own German texts (bench/ocr_texte/*.txt) are rendered to A4-wide page images with Pillow, degraded
at several strengths the way poor scans and faxes are (low resolution, blur, noise, skew, JPEG), read
back with the real Tesseract (`-l deu`) and compared with the ground truth: character error rate of
the raw OCR and of the corrected text, words the corrector broke, and the corrector's time against
Tesseract's. A run on the clean texts checks that correct German stays untouched.

OCR output is cached under the temp directory, keyed by a hash of text, font and degradation, so
reruns only pay for the corrector. `--schnell` takes three texts and two levels.

    .venv/bin/python bench/ocr_korrektur_bench.py [--schnell] [--zeigen]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER.parent / "src"))

from rathausnetz.eingang.korrektur import korrigieren, woerter  # noqa: E402

TESSERACT = "/usr/bin/tesseract"
SCHRIFTEN = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]
CACHE = Path(tempfile.gettempdir()) / "rathausnetz-ocr-korrektur-bench"

# A4 at 300 dpi: 2480 px wide, 10.5 pt type is about 44 px.
BREITE = 2480
RAND = 220
SCHRIFTGROESSE = 44
ZEILENABSTAND = 1.45


@dataclass(frozen=True)
class Stufe:
    name: str
    dpi: int  # resolution the page is scanned at (the 300-dpi rendering is scaled down to it)
    unschaerfe: float  # Gaussian blur radius in scan pixels
    rauschen: float  # standard deviation of Gaussian noise, grey levels
    drehung: float  # maximum skew in degrees
    jpeg: int | None  # JPEG quality, None for lossless
    schwelle: int | None  # binarise at this grey level (fax, faded print), None for greyscale
    fax: bool = False  # standard-mode fax: 204 x 98 dpi, each line doubled on receipt


# Tesseract reads clean greyscale scans almost perfectly even at 150 dpi; umlaut dots and thin
# strokes get lost when faint print is binarised (the photocopied press release, the letter printed
# on an empty toner cartridge) and in standard-mode faxes, which is where the corrector earns its keep.
STUFEN = [
    Stufe("leicht", 300, 0.4, 6, 0.3, 85, None),
    Stufe("mittel", 150, 0.8, 20, 1.0, 40, None),
    Stufe("fax", 204, 0.0, 10, 1.2, None, 128, fax=True),
    Stufe("blass", 200, 1.5, 8, 0.6, None, 150),
    Stufe("sehr blass", 200, 1.5, 8, 0.6, None, 140),
]

WORT = re.compile(r"[^\W\d_]+")


def umbrechen(text: str, schrift: ImageFont.FreeTypeFont, breite: int) -> list[str]:
    """Greedy line filling with hyphenation of long words, so that de-hyphenation gets exercised."""
    zeilen: list[str] = []
    for absatz in text.split("\n"):
        if not absatz.strip():
            zeilen.append("")
            continue
        zeile = ""
        for wort in absatz.split(" "):
            versuch = f"{zeile} {wort}" if zeile else wort
            if schrift.getlength(versuch) <= breite:
                zeile = versuch
                continue
            teil = _trennen(zeile, wort, schrift, breite)
            if teil:
                zeilen.append(f"{zeile} {teil[0]}" if zeile else teil[0])
                zeile = teil[1]
            else:
                zeilen.append(zeile)
                zeile = wort
        zeilen.append(zeile)
    return zeilen


def _trennen(zeile: str, wort: str, schrift: ImageFont.FreeTypeFont, breite: int) -> tuple[str, str] | None:
    """Split before a consonant that starts a syllable (rough German rule), or at a hyphen."""
    vokale = set("aeiouäöüyAEIOUÄÖÜ")
    beste = None
    for i in range(3, len(wort) - 3):
        if wort[i - 1] == "-":
            links, rechts = wort[:i], wort[i:]
        elif (
            wort[i].isalpha()
            and wort[i] not in vokale
            and wort[i + 1] in vokale
            and wort[i - 1].isalpha()
            and wort[i - 1].islower()
            and wort[i - 1 : i + 1].lower() not in ("ch", "ck", "sc", "ph", "th")
            and wort[i - 2 : i + 1].lower() not in ("sch",)
            and wort[:i].isalpha()
            and wort[i:].replace("-", "").isalpha()
        ):
            links, rechts = wort[:i] + "-", wort[i:]
        else:
            continue
        versuch = f"{zeile} {links}" if zeile else links
        if schrift.getlength(versuch) <= breite:
            beste = (links, rechts)
    return beste


def rendern(text: str, schriftdatei: str) -> Image.Image:
    schrift = ImageFont.truetype(schriftdatei, SCHRIFTGROESSE)
    zeilen = umbrechen(text, schrift, BREITE - 2 * RAND)
    hoehe = int(2 * RAND + len(zeilen) * SCHRIFTGROESSE * ZEILENABSTAND)
    bild = Image.new("L", (BREITE, hoehe), 255)
    zeichnen = ImageDraw.Draw(bild)
    for nr, zeile in enumerate(zeilen):
        zeichnen.text((RAND, RAND + nr * SCHRIFTGROESSE * ZEILENABSTAND), zeile, font=schrift, fill=0)
    return bild


def verschlechtern(bild: Image.Image, stufe: Stufe, saat: int) -> Image.Image:
    zufall = random.Random(saat)
    bild = bild.rotate(
        zufall.uniform(-stufe.drehung, stufe.drehung), resample=Image.BICUBIC, expand=True, fillcolor=255
    )
    if stufe.fax:
        bild = bild.resize((int(bild.width * 204 / 300), int(bild.height * 98 / 300)), Image.BOX)
    elif stufe.dpi != 300:
        faktor = stufe.dpi / 300
        bild = bild.resize((int(bild.width * faktor), int(bild.height * faktor)), Image.LANCZOS)
    if stufe.unschaerfe:
        bild = bild.filter(ImageFilter.GaussianBlur(stufe.unschaerfe))
    pixel = np.asarray(bild, dtype=np.float32)
    pixel = pixel + np.random.default_rng(saat).normal(0, stufe.rauschen, pixel.shape)
    if stufe.schwelle is not None:
        pixel = np.where(pixel < stufe.schwelle, 0, 255)
    bild = Image.fromarray(np.clip(pixel, 0, 255).astype(np.uint8))
    if stufe.jpeg:
        puffer = io.BytesIO()
        bild.save(puffer, "JPEG", quality=stufe.jpeg)
        bild = Image.open(io.BytesIO(puffer.getvalue())).convert("L")
    if stufe.fax:
        bild = bild.resize((bild.width, bild.height * 2), Image.NEAREST)
    return bild


def tesseract(text: str, schriftdatei: str, stufe: Stufe, saat: int) -> tuple[str, float]:
    """Raw OCR text and Tesseract's wall time in seconds (from the cache if this page was read before)."""
    schluessel = hashlib.sha256(
        repr((text, schriftdatei, stufe, saat, SCHRIFTGROESSE, 2)).encode()
    ).hexdigest()
    CACHE.mkdir(exist_ok=True)
    ablage = CACHE / f"{schluessel}.txt"
    zeit = CACHE / f"{schluessel}.zeit"
    if ablage.exists() and zeit.exists():
        return ablage.read_text(), float(zeit.read_text())
    bild = verschlechtern(rendern(text, schriftdatei), stufe, saat)
    with tempfile.TemporaryDirectory() as tmp:
        pfad = Path(tmp) / "seite.png"
        bild.save(pfad, dpi=(stufe.dpi, stufe.dpi))
        start = time.perf_counter()
        ergebnis = subprocess.run(
            [TESSERACT, str(pfad), "stdout", "-l", "deu", "--dpi", str(stufe.dpi)],
            capture_output=True,
            text=True,
            check=True,
        )
        dauer = time.perf_counter() - start
    ablage.write_text(ergebnis.stdout)
    zeit.write_text(str(dauer))
    return ergebnis.stdout, dauer


def normal(text: str) -> str:
    """Whitespace and line breaks do not count: layout is not what the corrector is judged on."""
    return " ".join(text.split())


def kaputt_gemacht(roh: str, korrigiert: str, wahrheit: str, aenderungen: tuple[tuple[str, str], ...]) -> int:
    """Changes whose raw word was a correct word of the ground truth and whose result is not."""
    richtig = {w for w in WORT.findall(wahrheit)}
    anzahl = 0
    for alt, neu in aenderungen:
        alt_teile = WORT.findall(alt)
        neu_teile = WORT.findall(neu)
        if alt_teile and all(t in richtig for t in alt_teile) and not all(t in richtig for t in neu_teile):
            anzahl += 1
    return anzahl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--schnell", action="store_true", help="three texts, two degradation levels (fax, sehr blass)"
    )
    parser.add_argument("--zeigen", action="store_true", help="print every change the corrector made")
    args = parser.parse_args()

    dateien = sorted((HIER / "ocr_texte").glob("*.txt"))
    stufen = STUFEN
    if args.schnell:
        dateien, stufen = dateien[:3], [STUFEN[2], STUFEN[4]]
    texte = [(d.stem, d.read_text()) for d in dateien]

    start = time.perf_counter()
    korrigieren("Warmlaufen: Burgermeister uber")
    print(f"Wortliste geladen (erster Aufruf): {(time.perf_counter() - start) * 1000:.0f} ms")
    # The organisation's own vocabulary, as the pipeline builds it: names of places and people from
    # the registry and the records, not the whole text.
    eigene = set()
    for name in (
        "Lößnitz Ehrenfriedersdorf Grünhain-Beierfeld Großolbersdorf Börnichen Großrückerswalde Thum "
        "Chemnitz Dresden Leipzig Erzgebirgskreis Jürgen Köhler Schröder Weißflog Bärbel Fößel Silke Jäger "
        "Thomas Großmann Karin Müller-Lüttich Schäfer"
    ).split():
        eigene |= woerter(name)

    print()
    print("Saubere Texte (Grundwahrheit) durch den Korrektor:")
    sauber_geaendert = 0
    for name, text in texte:
        ergebnis = korrigieren(text, eigene)
        sauber_geaendert += len(ergebnis.aenderungen)
        for alt, neu in ergebnis.aenderungen:
            print(f"  {name}: {alt!r} -> {neu!r}")
    print(f"  geänderte Wörter in sauberem Text: {sauber_geaendert} (Ziel: 0)")

    print()
    kopf = f"{'Stufe':<10} {'Seiten':>6} {'CER roh':>8} {'CER korr.':>9} {'Minderung':>9} {'Änd.':>5} {'kaputt':>6} {'korr. ms/Seite':>14} {'Tess. ms/Seite':>14} {'Anteil':>7}"
    print(kopf)
    print("-" * len(kopf))
    gesamt = {
        "fehler_roh": 0,
        "fehler_korr": 0,
        "zeichen": 0,
        "aend": 0,
        "kaputt": 0,
        "t_korr": [],
        "t_tess": [],
    }
    for stufe in stufen:
        werte = {
            "fehler_roh": 0,
            "fehler_korr": 0,
            "zeichen": 0,
            "aend": 0,
            "kaputt": 0,
            "t_korr": [],
            "t_tess": [],
        }
        for nr, (name, text) in enumerate(texte):
            schrift = SCHRIFTEN[nr % len(SCHRIFTEN)]
            roh, t_tess = tesseract(text, schrift, stufe, saat=nr)
            start = time.perf_counter()
            ergebnis = korrigieren(roh, eigene)
            t_korr = time.perf_counter() - start
            wahr = normal(text)
            werte["fehler_roh"] += Levenshtein.distance(normal(roh), wahr)
            werte["fehler_korr"] += Levenshtein.distance(normal(ergebnis.text), wahr)
            werte["zeichen"] += len(wahr)
            werte["aend"] += len(ergebnis.aenderungen)
            werte["kaputt"] += kaputt_gemacht(roh, ergebnis.text, text, ergebnis.aenderungen)
            werte["t_korr"].append(t_korr)
            werte["t_tess"].append(t_tess)
            if args.zeigen:
                richtig = set(WORT.findall(text))
                for alt, neu in ergebnis.aenderungen:
                    gut = all(t in richtig for t in WORT.findall(neu))
                    print(f"  [{stufe.name}] {name}: {alt!r} -> {neu!r} {'' if gut else '  <-- falsch'}")
        _zeile(stufe.name, len(texte), werte)
        for k in gesamt:
            gesamt[k] += werte[k]
    print("-" * len(kopf))
    _zeile("gesamt", len(texte) * len(stufen), gesamt)
    minderung = 1 - gesamt["fehler_korr"] / max(gesamt["fehler_roh"], 1)
    print()
    print(
        f"Ziel: >= 30 % weniger Zeichenfehler ({minderung:.1%} erreicht), 0 Änderungen in sauberem Text "
        f"({sauber_geaendert}), Korrektur <= 15 % der Tesseract-Zeit "
        f"({sum(gesamt['t_korr']) / sum(gesamt['t_tess']):.2%})."
    )


def _zeile(name: str, seiten: int, w: dict) -> None:
    cer_roh = w["fehler_roh"] / w["zeichen"]
    cer_korr = w["fehler_korr"] / w["zeichen"]
    minderung = 1 - w["fehler_korr"] / max(w["fehler_roh"], 1)
    t_korr = statistics.mean(w["t_korr"]) * 1000
    t_tess = statistics.mean(w["t_tess"]) * 1000
    print(
        f"{name:<10} {seiten:>6} {cer_roh:>8.2%} {cer_korr:>9.2%} {minderung:>9.1%} {w['aend']:>5} "
        f"{w['kaputt']:>6} {t_korr:>14.1f} {t_tess:>14.0f} {t_korr / t_tess:>7.2%}"
    )


if __name__ == "__main__":
    main()
