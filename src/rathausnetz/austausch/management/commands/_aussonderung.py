"""Shared parts of the ``aussonderung-*`` commands: finding the Verfahren, acting for the organisation."""

from __future__ import annotations

import uuid

from django.core.management.base import CommandError

from rathausnetz.austausch.models import Aussonderungsverfahren


def verfahren_finden(angabe: str) -> Aussonderungsverfahren:
    """By number or ProzessID, among the current organisation's Verfahren."""
    abfrage = Aussonderungsverfahren.objects.all()
    try:
        gefunden = abfrage.filter(pk=int(angabe)).first()
    except ValueError:
        try:
            gefunden = abfrage.filter(prozess_id=uuid.UUID(angabe)).first()
        except ValueError:
            gefunden = None
    if gefunden is None:
        raise CommandError(f"Ein Aussonderungsverfahren „{angabe}“ gibt es in dieser Organisation nicht.")
    return gefunden
