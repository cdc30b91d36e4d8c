"""Data minimisation: registrations are anonymised a configurable time after the event; what the
statistics need (function, municipality) stays, names and addresses go."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rathausnetz.protokoll.services import protokolliere
from rathausnetz.veranstaltungen.models import Anmeldung

#: registrations whose address was never confirmed are removed after this time
UNBESTAETIGT_LOESCHEN_NACH = dt.timedelta(days=14)


@transaction.atomic
def anonymisieren(jetzt: dt.datetime | None = None) -> tuple[int, int]:
    """``(anonymisiert, geloescht)``."""
    jetzt = jetzt or timezone.now()
    grenze = jetzt - dt.timedelta(days=settings.ANMELDUNGEN_AUFBEWAHREN_TAGE)
    geloescht, _ = (
        Anmeldung._base_manager.filter(status=Anmeldung.Status.UNBESTAETIGT)
        .filter(erstellt_am__lt=jetzt - UNBESTAETIGT_LOESCHEN_NACH)
        .delete()
    )
    anonymisiert = Anmeldung._base_manager.filter(
        veranstaltung__ende__lt=grenze, anonymisiert_am__isnull=True
    ).update(
        name="",
        email="",
        email_schluessel="",
        organisation_text="",
        token_hash="",
        anonymisiert_am=jetzt,
    )
    if anonymisiert or geloescht:
        protokolliere(
            "anmeldungen.anonymisiert",
            daten={
                "anonymisiert": anonymisiert,
                "geloescht": geloescht,
                "tage": settings.ANMELDUNGEN_AUFBEWAHREN_TAGE,
            },
        )
    return anonymisiert, geloescht
