"""Known senders: the heuristics read "Städte- und Gemeindetages (SSG)" out of a sentence; the
registry knows the body is called "Sächsischer Städte- und Gemeindetag e. V.".

Names are compared by their search forms (stemmed, folded, via ``suche.normaliser``), so the
genitive in running text ("des Sächsischen Städte- und Gemeindetages") and OCR-folded spellings
meet the name in the register.
"""

from __future__ import annotations

import re
import time

from rathausnetz.kommunen.models import Kreis, Organisation
from rathausnetz.suche.normaliser import suchform, woerter

GUELTIG_SEKUNDEN = 600
#: senders appear in the letterhead, the first paragraph or the contact block; not on page 20
ZEICHEN = 20_000
_cache: tuple[float, list[tuple[str, tuple[str, ...]]]] | None = None
_KLEIN = {"und", "der", "die", "das", "des", "für", "e.", "V.", "im", "in"}


def kuerzel(name: str) -> str:
    """``Sächsischer Städte- und Gemeindetag e. V.`` → ``SSG``: press releases often name only that."""
    return "".join(w[0] for w in name.split() if w not in _KLEIN and w[0].isupper())


def _formen(text: str) -> tuple[str, ...]:
    return tuple(f for f in (suchform(w.group()) for w in woerter(text)) if f)


def _bekannte() -> list[tuple[str, tuple[str, ...]]]:
    global _cache
    if _cache is None or time.monotonic() - _cache[0] > GUELTIG_SEKUNDEN:
        namen = list(Organisation.objects.values_list("name", flat=True))
        namen += [f"Landratsamt {k}" for k in Kreis.objects.values_list("name", flat=True)]
        eintraege = [(n, _formen(n.removesuffix(" e. V."))) for n in namen]
        _cache = (
            time.monotonic(),
            sorted((e for e in eintraege if len(e[1]) >= 2), key=lambda e: -len(e[1])),
        )
    return _cache[1]


def _satzartig(name: str) -> bool:
    """Names of bodies have lower-case words only as particles ("und", "der"); a heuristic answer
    with others ("beraten über gemeinsame") is a piece of a sentence, not a sender."""
    return any(w[0].islower() and w not in _KLEIN for w in name.split())


def bekannter_absender(text: str, gefunden: str = "") -> str:
    """The registered name of a body named early in ``text``; ``gefunden`` (the heuristic's
    answer) is kept unless it is empty, a fragment of that name or a piece of a sentence."""
    formen = _formen(text[:ZEICHEN])
    bester: tuple[int, str, tuple[str, ...]] | None = None
    for name, name_formen in _bekannte():
        n = len(name_formen)
        for i in range(len(formen) - n + 1):
            if formen[i : i + n] == name_formen:
                if bester is None or i < bester[0]:
                    bester = (i, name, name_formen)
                break
    if bester is None:
        for name, name_formen in _bekannte():  # no full name: a distinctive abbreviation ("beim SSG")
            zeichen = kuerzel(name)
            if len(zeichen) >= 3 and re.search(rf"\b{zeichen}\b", text[:ZEICHEN]):
                bester = (0, name, name_formen)
                break
    if bester is None:
        return gefunden
    eigene = set(_formen(gefunden))
    if not eigene or _satzartig(gefunden) or len(eigene & set(bester[2])) * 2 >= len(eigene):
        return bester[1]
    return gefunden
