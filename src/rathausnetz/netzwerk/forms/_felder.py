"""Widgets and choice lists the network forms share."""

from __future__ import annotations

from django import forms

from rathausnetz.netzwerk.models import Lotse
from rathausnetz.netzwerk.services.reifegrad.fragebogen import DIMENSIONEN


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DatumZeitInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def lotsen_auswahl(leer: str = "– keine Angabe –") -> list[tuple[str, str]]:
    return [("", leer)] + [(str(lotse.pk), lotse.name) for lotse in Lotse.objects.filter(aktiv=True)]


def dimensionen_auswahl() -> list[tuple[str, str]]:
    return list(DIMENSIONEN.items())


def als_id(wert: str | None) -> int | None:
    return int(wert) if wert and str(wert).isdigit() else None
