"""Small helpers the network services share: who acts, and checking plain input.

Services collect every problem in a ``fehler`` dict first and raise one ``ValidationError`` before
writing anything, so that a form or API caller sees all messages at once and nothing is half-saved.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email

from rathausnetz.netzwerk.services.reifegrad.fragebogen import DIMENSIONEN
from rathausnetz.zugang.kontext import Zugriff, aktueller_zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

Fehler = dict[str, list[str]]


def netzwerk_zugriff() -> Zugriff:
    """Staff who run the network (Servicestelle IKZ, Digital-Lotsen), acting for an organisation."""
    zugriff = pruefe_recht(Recht.NETZWERK_VERWALTEN)
    if zugriff.organisation_id is None and not zugriff.system:
        raise PermissionDenied("Bitte wählen Sie zuerst die Organisation, für die Sie handeln.")
    return zugriff


def handelnde_person() -> str:
    zugriff = aktueller_zugriff()
    return ((zugriff.benutzername if zugriff else "") or "System")[:150]


def melde(fehler: Fehler, feld: str, meldung: str) -> None:
    fehler.setdefault(feld, []).append(meldung)


def pruefe_text(fehler: Fehler, feld: str, wert: str | None, hoechstens: int, pflicht: str = "") -> str:
    """Trimmed text; ``pflicht`` is the message when it is required and empty."""
    wert = (wert or "").strip()
    if not wert and pflicht:
        melde(fehler, feld, pflicht)
    elif len(wert) > hoechstens:
        melde(fehler, feld, f"Zu lang: höchstens {hoechstens} Zeichen.")
    return wert


def pruefe_email(fehler: Fehler, feld: str, wert: str | None) -> str:
    wert = (wert or "").strip()
    if wert:
        try:
            validate_email(wert)
        except ValidationError:
            melde(fehler, feld, "Bitte geben Sie eine gültige E-Mail-Adresse an.")
    return wert


def pruefe_dimensionen(fehler: Fehler, codes: Iterable[str]) -> list[str]:
    codes = list(codes)
    unbekannt = [c for c in codes if c not in DIMENSIONEN]
    if unbekannt:
        melde(fehler, "dimensionen", f"Unbekannte Dimension: {', '.join(unbekannt)}.")
    return [c for c in DIMENSIONEN if c in codes]


def wirf(fehler: Fehler) -> None:
    if fehler:
        raise ValidationError(fehler)
