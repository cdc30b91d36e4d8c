"""The fuzzy stage: near spellings of query terms from the index's own vocabulary.

Candidates come from a trigram index (SQLite FTS5 ``trigram`` table, PostgreSQL ``pg_trgm``) and
are kept when their edit distance is small for their length: OCR damage and typos change one or
two letters of a long word, and a short word with two changes is another word.
"""

from __future__ import annotations

from django.db import connection
from rapidfuzz.distance import Levenshtein

KANDIDATEN = 200
JE_TERM = 4


def max_abstand(term: str) -> int:
    if len(term) < 5:
        return 0
    return 1 if len(term) < 8 else 2


def _kandidaten(term: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT wort FROM suche_suchwort WHERE wort %% %s "
                "ORDER BY similarity(wort, %s) DESC LIMIT %s",
                [term, term, KANDIDATEN],
            )
        else:
            trigramme = sorted({term[i : i + 3] for i in range(len(term) - 2)})
            ausdruck = " OR ".join(f'"{t}"' for t in trigramme)
            cursor.execute(
                "SELECT wort FROM suche_wort_tri WHERE suche_wort_tri MATCH %s ORDER BY rank LIMIT %s",
                [ausdruck, KANDIDATEN],
            )
        return [zeile[0] for zeile in cursor.fetchall()]


def nahe_terme(terme: set[str]) -> dict[str, tuple[str, ...]]:
    """For each term, up to ``JE_TERM`` other index terms within its edit distance, nearest first."""
    ergebnis: dict[str, tuple[str, ...]] = {}
    for term in sorted(terme):
        grenze = max_abstand(term)
        if not grenze or not term.isalnum():
            continue
        bewertet = []
        for kandidat in _kandidaten(term):
            if kandidat == term:
                continue
            abstand = Levenshtein.distance(term, kandidat, score_cutoff=grenze)
            if abstand <= grenze:
                bewertet.append((abstand, abs(len(kandidat) - len(term)), kandidat))
        if bewertet:
            ergebnis[term] = tuple(k for *_, k in sorted(bewertet)[:JE_TERM])
    return ergebnis
