"""Widgets and choice lists the network forms share."""

from __future__ import annotations

from rathausnetz.netzwerk.models import Lotse
from rathausnetz.netzwerk.services.reifegrad.fragebogen import DIMENSIONEN


def lotsen_auswahl(leer: str = "– keine Angabe –") -> list[tuple[str, str]]:
    return [("", leer)] + [(str(lotse.pk), lotse.name) for lotse in Lotse.objects.filter(aktiv=True)]


def dimensionen_auswahl() -> list[tuple[str, str]]:
    return list(DIMENSIONEN.items())


def als_id(wert: str | None) -> int | None:
    return int(wert) if wert and str(wert).isdigit() else None
