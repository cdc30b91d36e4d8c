#!/usr/bin/env python3
"""Filing suggestions: accuracy and speed of the Ablagemodell on generated example post, next to two
baselines, on clean text and on text damaged like a poor scan.

    .venv/bin/python bench/ablage_bench.py                 # 2,000 letters, 80/20 split
    .venv/bin/python bench/ablage_bench.py --schnell       # 400 letters, for a quick look

Training uses the labels a clerk entered (Betreff, Absender); suggestions get only what the ingest
pipeline has: the text and the Betreff/Absender that ``metadaten.extrahieren`` reads from it.
Baselines: the most frequent class, and a keyword rule that scores each Aktenplan entry by the words
of its title and description found in the text (Akten by the words and year of their title,
Dokumenttypen by their name). Prints a table; no assertions.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

WURZEL = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(WURZEL / "src"))

from sklearn.model_selection import train_test_split  # noqa: E402

from rathausnetz.eingang.beispielpost import Beispielbrief, beispielbriefe, ocr_beschaedigen  # noqa: E402
from rathausnetz.eingang.klassifikator import Ablagemodell, Beispiel, normalisieren  # noqa: E402
from rathausnetz.eingang.metadaten import extrahieren  # noqa: E402

ZIELE = ("aktenplaneintrag", "akte", "dokumenttyp")
AKTENPLAN = WURZEL / "src/rathausnetz/akten/daten/demo_aktenplan.csv"
STOPPWOERTER = set("und der die das des für von mit sonstige allgemein allgemeine oder zum zur".split())


class Ids:
    def __init__(self) -> None:
        self.werte: dict[str, dict[object, int]] = {z: {} for z in ZIELE}

    def id(self, ziel: str, wert: object) -> int:
        return self.werte[ziel].setdefault(wert, len(self.werte[ziel]) + 1)

    def soll(self, brief: Beispielbrief) -> dict[str, int]:
        return {
            "aktenplaneintrag": self.id("aktenplaneintrag", brief.kennzeichen),
            "akte": self.id("akte", (brief.kennzeichen, brief.akte_titel)),
            "dokumenttyp": self.id("dokumenttyp", brief.dokumenttyp),
        }


def stamm(wort: str) -> str:
    return wort[:6]


def woerter(text: str) -> set[str]:
    return {stamm(w) for w in re.findall(r"\w{4,}", normalisieren(text)) if w not in STOPPWOERTER}


class Stichwortregel:
    """Baseline: which entry's / Akte's / type's words occur most in the text."""

    def __init__(self, ids: Ids) -> None:
        plan = {z["kennzeichen"]: z for z in csv.DictReader(AKTENPLAN.open(encoding="utf-8"), delimiter=";")}
        self.kandidaten: dict[str, dict[int, set[str]]] = {z: {} for z in ZIELE}
        for kennzeichen, eid in ids.werte["aktenplaneintrag"].items():
            self.kandidaten["aktenplaneintrag"][eid] = woerter(
                f"{plan[kennzeichen]['titel']} {plan[kennzeichen]['beschreibung']}"
            )
        for (kennzeichen, titel), aid in ids.werte["akte"].items():
            self.kandidaten["akte"][aid] = woerter(f"{titel} {plan[kennzeichen]['titel']}") | set(
                re.findall(r"\d{4}", titel)
            )
        for typ, tid in ids.werte["dokumenttyp"].items():
            self.kandidaten["dokumenttyp"][tid] = {stamm(normalisieren(typ))}

    def rangliste(self, ziel: str, text: str) -> list[int]:
        vorhanden = woerter(text) | set(re.findall(r"\d{4}", text))
        punkte = {k: len(w & vorhanden) for k, w in self.kandidaten[ziel].items()}
        return sorted(punkte, key=lambda k: (-punkte[k], k))


def genauigkeit(ranglisten: list[list[int]], soll: list[int]) -> tuple[float, float]:
    top1 = sum(r[:1] == [s] for r, s in zip(ranglisten, soll, strict=True)) / len(soll)
    top3 = sum(s in r[:3] for r, s in zip(ranglisten, soll, strict=True)) / len(soll)
    return top1, top3


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--anzahl", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fehlerrate", type=float, default=0.03, help="OCR: share of letters confused")
    parser.add_argument("--schnell", action="store_true", help="400 letters")
    args = parser.parse_args()
    anzahl = 400 if args.schnell else args.anzahl

    briefe = beispielbriefe(anzahl, seed=args.seed)
    ids = Ids()
    soll = [ids.soll(b) for b in briefe]
    training, test = train_test_split(
        list(range(anzahl)), test_size=0.2, random_state=args.seed, stratify=[b.kennzeichen for b in briefe]
    )
    beispiele = [
        Beispiel(
            briefe[i].text,
            briefe[i].absender,
            briefe[i].betreff,
            soll[i]["aktenplaneintrag"],
            soll[i]["akte"],
            soll[i]["dokumenttyp"],
        )
        for i in training
    ]

    start = time.perf_counter()
    modell = Ablagemodell.trainieren(beispiele)
    trainingszeit = time.perf_counter() - start
    assert modell is not None
    haeufigkeit = {z: [k for k, _ in Counter(soll[i][z] for i in training).most_common()] for z in ZIELE}
    regel = Stichwortregel(ids)

    print(
        f"{anzahl} Briefe, {len(ids.werte['aktenplaneintrag'])} Aktenplaneinträge, "
        f"{len(ids.werte['akte'])} Akten, {len(ids.werte['dokumenttyp'])} Dokumenttypen; "
        f"Training {len(training)}, Test {len(test)} (stratifiziert nach Eintrag)"
    )
    print(f"Training: {trainingszeit:.2f} s, Modell {len(modell.als_bytes()) / 1e6:.1f} MB (komprimiert)\n")

    zeilen = []
    for variante in ("sauber", "OCR"):
        texte = [
            briefe[i].text if variante == "sauber" else ocr_beschaedigen(briefe[i].text, i, args.fehlerrate)
            for i in test
        ]
        zeiten, modell_ranglisten = [], {z: [] for z in ZIELE}
        for text in texte:
            start = time.perf_counter()
            meta = extrahieren(text)
            werte = modell.wahrscheinlichkeiten(
                text, meta.absender_organisation or meta.absender_person, meta.betreff
            )
            zeiten.append(time.perf_counter() - start)
            for ziel in ZIELE:
                modell_ranglisten[ziel].append(sorted(werte[ziel], key=lambda k, w=werte[ziel]: -w[k]))
        for ziel in ZIELE:
            erwartet = [soll[i][ziel] for i in test]
            m1, m3 = genauigkeit(modell_ranglisten[ziel], erwartet)
            h1, h3 = genauigkeit([haeufigkeit[ziel]] * len(test), erwartet)
            r1, r3 = genauigkeit([regel.rangliste(ziel, t) for t in texte], erwartet)
            zeilen.append((variante, ziel, m1, m3, h1, h3, r1, r3))
        zeiten.sort()
        print(
            f"Vorschlag ({variante}, inkl. Metadaten): Median {statistics.median(zeiten) * 1000:.1f} ms, "
            f"p95 {zeiten[int(len(zeiten) * 0.95)] * 1000:.1f} ms je Dokument"
        )

    print()
    print(
        "| Text | Ziel | Modell top-1 | Modell top-3 | Häufigste top-1 | Häufigste top-3 | Stichwort top-1 | Stichwort top-3 |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for variante, ziel, *werte in zeilen:
        print(f"| {variante} | {ziel} | " + " | ".join(f"{w:.3f}" for w in werte) + " |")


if __name__ == "__main__":
    main()
