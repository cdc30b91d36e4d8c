"""Destroyed records take their originals with them: the files, their derived files, the rows.

The Aussonderung deletes Akten in one transaction and marks the content of their versions
(``vormerken``); a background task removes the files afterwards, so a rolled-back deletion
removes nothing and a committed one always gets its files removed. Content that another record
still holds (the same PDF filed twice, an attachment of a Praxisbeispiel, an exchange message)
stays, and its mark is cleared. A file stored within ``KARENZ`` stays marked for a later run
(``rathausnetz originale-vernichten``, daily): an upload of the same content may be about to use
it (``speicher.vernichtung`` explains the race).

Documents removed one by one (``dokument_loeschen``) and attachments unlinked from an example keep
their originals on purpose: outside the Aussonderung nothing accepted is destroyed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import timedelta

from django.apps import apps
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from rathausnetz import speicher
from rathausnetz.akten.models import Datei
from rathausnetz.protokoll.services import protokolliere

KARENZ = timedelta(hours=24)

#: content held by hash rather than by a key to ``Datei`` (foreign keys are found by themselves)
WEITERE_VERWENDUNGEN = (("netzwerk.Anhang", "sha256"),)


def vormerken(sha256_werte: Iterable[str]) -> int:
    """Mark content for removal and queue the task, inside the caller's transaction."""
    from rathausnetz.akten.tasks import originale_vernichten

    werte = sorted(set(sha256_werte))
    if not werte:
        return 0
    anzahl = Datei.objects.filter(sha256__in=werte, vernichten_seit__isnull=True).update(
        vernichten_seit=timezone.now()
    )
    originale_vernichten.enqueue()
    return anzahl


def verwendet(sha256: str) -> bool:
    for beziehung in Datei._meta.related_objects:
        modell = beziehung.related_model
        if modell._base_manager.filter(**{beziehung.field.name: sha256}).exists():
            return True
    return any(
        apps.get_model(modell)._base_manager.filter(**{feld: sha256}).exists()
        for modell, feld in WEITERE_VERWENDUNGEN
    )


def _zeile_loeschen(sha256: str) -> bool:
    """The decision, committed: once the row is gone, so is the content (also after a crash)."""
    try:
        with transaction.atomic():
            if verwendet(sha256):
                return False
            Datei.objects.filter(sha256=sha256, vernichten_seit__isnull=False).delete()
    except (ProtectedError, IntegrityError):  # a record took it up this very moment
        return False
    return True


def vernichten(karenz: timedelta = KARENZ) -> Counter[str]:
    """Remove every marked original that nothing holds any more; returns counts per outcome."""
    ergebnisse: Counter[str] = Counter()
    entfernt: list[str] = []
    with speicher.alleinlauf():
        speicher.unterbrochene_abschliessen(lambda sha256: Datei.objects.filter(sha256=sha256).exists())
        vorgemerkt = Datei.objects.filter(vernichten_seit__isnull=False).values_list("sha256", flat=True)
        for sha256 in list(vorgemerkt):
            ergebnis = speicher.original_entfernen(sha256, verwendet, karenz, entfernen=_zeile_loeschen)
            if ergebnis is speicher.Ergebnis.VERWENDET:
                Datei.objects.filter(sha256=sha256).update(vernichten_seit=None)
            elif ergebnis in (speicher.Ergebnis.ENTFERNT, speicher.Ergebnis.FEHLTE):
                entfernt.append(sha256)
            ergebnisse[ergebnis.value] += 1
    if entfernt:
        protokolliere("originale.vernichtet", daten={"sha256": entfernt})
    return ergebnisse
