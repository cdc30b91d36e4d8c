"""Reminder mails a few days before the event, once per registration."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services.anmeldungen import mail_vormerken


@transaction.atomic
def erinnerungen_senden(tage: int = 2, jetzt: dt.datetime | None = None) -> int:
    """Enqueue a reminder for everyone with a seat in events starting within ``tage`` days. Marked
    as reminded in the same transaction, so running it twice never sends twice."""
    jetzt = jetzt or timezone.now()
    faellig = Anmeldung._base_manager.filter(
        status=Anmeldung.Status.ANGEMELDET,
        erinnert_am__isnull=True,
        veranstaltung__status=Veranstaltung.Status.VEROEFFENTLICHT,
        veranstaltung__beginn__gt=jetzt,
        veranstaltung__beginn__lte=jetzt + dt.timedelta(days=tage),
    ).values_list("pk", flat=True)
    ids = list(faellig)
    Anmeldung._base_manager.filter(pk__in=ids).update(erinnert_am=jetzt)
    for pk in ids:
        mail_vormerken("erinnerung", pk)
    return len(ids)
