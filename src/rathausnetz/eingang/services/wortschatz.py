"""The organisation's own words for the OCR correction: place names, file plan, people it writes with.

A general German lexicon does not know „Ehrenfriedersdorf“ or the Bürgermeisterin's surname; the
registry and the organisation's own records do. Built once per worker process and organisation,
refreshed every ten minutes.
"""

from __future__ import annotations

import time

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokument
from rathausnetz.kommunen.models import Kommune, Kreis

GUELTIG_SEKUNDEN = 600
_cache: dict[int, tuple[float, frozenset[str]]] = {}
_orte: frozenset[str] | None = None


def _ortsnamen() -> frozenset[str]:
    global _orte
    if _orte is None:
        from rathausnetz.eingang.korrektur import woerter

        namen: set[str] = set()
        for name in [
            *Kommune.objects.values_list("name", flat=True),
            *Kreis.objects.values_list("name", flat=True),
        ]:
            namen |= woerter(name)
        _orte = frozenset(namen)
    return _orte


def wortschatz(organisation_id: int) -> frozenset[str]:
    from rathausnetz.eingang.korrektur import woerter

    jetzt = time.monotonic()
    eintrag = _cache.get(organisation_id)
    if eintrag and jetzt - eintrag[0] < GUELTIG_SEKUNDEN:
        return eintrag[1]
    texte = [
        *Aktenplaneintrag._base_manager.filter(organisation_id=organisation_id).values_list(
            "titel", flat=True
        ),
        *Akte._base_manager.filter(organisation_id=organisation_id)
        .order_by("-pk")
        .values_list("titel", flat=True)[:5000],
        *Dokument._base_manager.filter(organisation_id=organisation_id)
        .exclude(absender="")
        .order_by("-pk")
        .values_list("absender", flat=True)[:5000],
    ]
    eigene: set[str] = set(_ortsnamen())
    for text in texte:
        eigene |= woerter(text)
    ergebnis = frozenset(eigene)
    _cache[organisation_id] = (jetzt, ergebnis)
    return ergebnis
