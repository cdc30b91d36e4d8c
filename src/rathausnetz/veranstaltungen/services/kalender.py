"""The event as an iCalendar file (RFC 5545), attached to confirmations and offered for download."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from rathausnetz.veranstaltungen.models import Veranstaltung


def ics(veranstaltung: Veranstaltung) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Rathausnetz//Veranstaltungen//DE")
    kalender.add("version", "2.0")
    kalender.add("method", "PUBLISH")
    termin = Event()
    termin.add("uid", f"veranstaltung-{veranstaltung.pk}@rathausnetz")
    termin.add("dtstamp", timezone.now())
    termin.add("dtstart", veranstaltung.beginn)
    termin.add("dtend", veranstaltung.ende)
    termin.add("summary", veranstaltung.titel)
    ort = veranstaltung.ort or veranstaltung.online_link
    if ort:
        termin.add("location", ort)
    termin.add(
        "description",
        f"{veranstaltung.beschreibung}\n\n{settings.BASE_URL}{veranstaltung.get_absolute_url()}".strip(),
    )
    termin.add("url", f"{settings.BASE_URL}{veranstaltung.get_absolute_url()}")
    if veranstaltung.status == Veranstaltung.Status.ABGESAGT:
        termin.add("status", "CANCELLED")
    kalender.add_component(termin)
    return kalender.to_ical()
