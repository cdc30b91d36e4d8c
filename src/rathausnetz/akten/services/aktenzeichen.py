"""Aktenzeichen: ``{kennzeichen}-{laufnummer:04d}/{jahr}`` by default, race-free and gap-free.

The running number is taken from ``Aktenzeichenfolge`` with a row lock (``SELECT … FOR UPDATE`` on
PostgreSQL, the database write lock on SQLite) inside the transaction that creates the Akte: if the
Akte is not created, the number is not used either, so there are no gaps; two clerks at the same
moment get consecutive numbers, never the same one.
"""

from __future__ import annotations

import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rathausnetz.akten.models import Akteneinstellungen, Aktenplaneintrag, Aktenzeichenfolge

STANDARDMUSTER = "{kennzeichen}-{laufnummer:04d}/{jahr}"
PLATZHALTER = {"kennzeichen", "laufnummer", "jahr", "oe"}


def muster_pruefen(muster: str) -> None:
    """Only known placeholders, and the running number must be part of it (else duplicates)."""
    try:
        felder = [feld for _, feld, _, _ in string.Formatter().parse(muster) if feld is not None]
    except ValueError as fehler:
        raise ValidationError(f"Das Muster ist fehlerhaft: {fehler}") from None
    unbekannt = set(felder) - PLATZHALTER
    if unbekannt:
        raise ValidationError(f"Unbekannte Platzhalter: {', '.join(sorted(unbekannt))}.")
    if "laufnummer" not in felder:
        raise ValidationError("Das Muster braucht den Platzhalter {laufnummer}.")
    try:
        muster.format(kennzeichen="022.31", laufnummer=1, jahr=2026, oe="HA")
    except (ValueError, IndexError, KeyError) as fehler:
        raise ValidationError(f"Das Muster ist fehlerhaft: {fehler}") from None


def muster_fuer(organisation_id: int) -> str:
    einstellungen = Akteneinstellungen._base_manager.filter(organisation_id=organisation_id).first()
    return einstellungen.aktenzeichen_muster if einstellungen else STANDARDMUSTER


def naechste_laufnummer(eintrag: Aktenplaneintrag, jahr: int) -> int:
    """Must run inside the transaction that stores the Akte."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Aktenzeichen nur innerhalb der Transaktion vergeben, die die Akte anlegt")
    folgen = Aktenzeichenfolge.objects.select_for_update()
    schluessel = {"organisation_id": eintrag.organisation_id, "aktenplaneintrag_id": eintrag.pk, "jahr": jahr}
    folge = folgen.filter(**schluessel).first()
    if folge is None:
        try:
            with transaction.atomic():
                Aktenzeichenfolge.objects.create(**schluessel)
        except IntegrityError:
            pass  # another transaction created it first; lock theirs
        folge = folgen.get(**schluessel)
    folge.letzte_nummer += 1
    folge.save(update_fields=["letzte_nummer"])
    return folge.letzte_nummer


def bilden(eintrag: Aktenplaneintrag, laufnummer: int, jahr: int, oe: str = "") -> str:
    return muster_fuer(eintrag.organisation_id).format(
        kennzeichen=eintrag.kennzeichen, laufnummer=laufnummer, jahr=jahr, oe=oe
    )
