"""Retention: when may a closed Akte be disposed of (offered to the archive, then destroyed)?

Aussonderungsdatum = 31 December of (year of closing + Aufbewahrungsfrist of the file plan entry,
inherited from the parents if the entry has none). A period of 0 years means "keep forever": no
date. The date is stored on the Akte (indexed) and recomputed whenever a period changes.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from rathausnetz.akten.models import Akte, Aktenplaneintrag


def aussonderungsdatum(eintrag: Aktenplaneintrag, geschlossen_am: dt.date | None) -> dt.date | None:
    if geschlossen_am is None:
        return None
    frist = eintrag.wirksame_frist
    if not frist:  # None: nothing configured; 0: keep forever
        return None
    return dt.date(geschlossen_am.year + frist, 12, 31)


def _teilbaum(eintrag: Aktenplaneintrag) -> list[Aktenplaneintrag]:
    alle = list(Aktenplaneintrag._base_manager.filter(organisation_id=eintrag.organisation_id))
    kinder: dict[int | None, list[Aktenplaneintrag]] = {}
    for e in alle:
        kinder.setdefault(e.uebergeordnet_id, []).append(e)
    ergebnis, offen = [], [eintrag]
    while offen:
        e = offen.pop()
        ergebnis.append(e)
        offen.extend(kinder.get(e.pk, []))
    return ergebnis


def aussonderungsdaten_neu_berechnen(eintrag: Aktenplaneintrag) -> int:
    """After a period changed: recompute closed Akten under the entry and its sub-entries."""
    geaendert = []
    for e in _teilbaum(eintrag):
        for akte in Akte._base_manager.filter(aktenplaneintrag=e, status=Akte.Status.ABGESCHLOSSEN):
            akte.aktenplaneintrag = e
            neu = aussonderungsdatum(e, akte.geschlossen_am)
            if neu != akte.aussonderungsdatum:
                akte.aussonderungsdatum = neu
                geaendert.append(akte)
    Akte._base_manager.bulk_update(geaendert, ["aussonderungsdatum"])
    return len(geaendert)


def abgelaufene_akten(stichtag: dt.date | None = None) -> QuerySet[Akte]:
    """Closed Akten whose retention has expired (visible ones only: goes through zugang)."""
    return Akte.objects.filter(
        status=Akte.Status.ABGESCHLOSSEN, aussonderungsdatum__lt=stichtag or dt.date.today()
    ).order_by("aussonderungsdatum", "aktenzeichen")
