"""Shared pieces of the event tests: dates, registration data, a confirmed seat."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services import anmeldungen
from rathausnetz.veranstaltungen.services.anmeldungen import Anmeldedaten

GEYER, THUM = "14521210", "14521640"


def termin(tage: int, stunde: int = 10) -> dt.datetime:
    return timezone.now().replace(hour=stunde, minute=0, second=0, microsecond=0) + dt.timedelta(days=tage)


def daten(name: str, email: str, rolle: str = "buergermeister", ags: str = GEYER) -> Anmeldedaten:
    return Anmeldedaten(name=name, email=email, rolle=rolle, kommune_ags=ags, einwilligung=True)


def mit_platz(
    v: Veranstaltung, name: str, email: str, rolle: str = "buergermeister", ags: str = GEYER
) -> Anmeldung:
    """Registered and confirmed without going through mails (the mail path is tested elsewhere)."""
    a = anmeldungen.anmelden(v, daten(name, email, rolle, ags))
    Anmeldung._base_manager.filter(pk=a.pk).update(token_hash=anmeldungen._hash("t"))
    return anmeldungen.bestaetigen(a.pk, "t")
