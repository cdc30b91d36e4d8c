"""Mails to registrants, sent by the worker. Each mail gets fresh links (see ``neuer_token``)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from rathausnetz.veranstaltungen.models import Anmeldung
from rathausnetz.veranstaltungen.services.anmeldungen import neuer_token
from rathausnetz.veranstaltungen.services.kalender import ics
from rathausnetz.zugang.kontext import systemzugriff

BETREFF = {
    "bestaetigen": "Bitte bestätigen Sie Ihre Anmeldung: {titel}",
    "zugesagt": "Anmeldung bestätigt: {titel}",
    "warteliste": "Warteliste: {titel}",
    "nachgerueckt": "Ein Platz ist frei geworden – Sie sind dabei: {titel}",
    "erinnerung": "Erinnerung: {titel} am {datum}",
}
MIT_KALENDER = {"zugesagt", "nachgerueckt", "erinnerung"}


def _link(name: str, anmeldung: Anmeldung, token: str) -> str:
    return settings.BASE_URL + reverse(f"veranstaltungen:{name}", args=[anmeldung.pk, token])


@task()
def anmeldungsmail_senden(art: str, anmeldung_id: int) -> bool:
    if art not in BETREFF:
        raise ValueError(f"unbekannte Mailart {art}")
    with systemzugriff(f"Anmeldungsmail {art}"):
        anmeldung = Anmeldung._base_manager.select_related("veranstaltung").filter(pk=anmeldung_id).first()
        if anmeldung is None or anmeldung.anonymisiert_am or anmeldung.status == Anmeldung.Status.STORNIERT:
            return False
        v = anmeldung.veranstaltung
        token = neuer_token(anmeldung)
        kontext = {
            "a": anmeldung,
            "v": v,
            "beginn": timezone.localtime(v.beginn),
            "ende": timezone.localtime(v.ende),
            "bestaetigen": _link("bestaetigen", anmeldung, token),
            "stornieren": _link("stornieren", anmeldung, token),
            "bescheinigung": _link("bescheinigung", anmeldung, token),
            "seite": settings.BASE_URL + v.get_absolute_url(),
        }
        mail = EmailMessage(
            subject=BETREFF[art].format(titel=v.titel, datum=f"{kontext['beginn']:%d.%m.%Y}"),
            body=render_to_string(f"veranstaltungen/mail/{art}.txt", kontext),
            to=[anmeldung.email],
        )
        if art in MIT_KALENDER:
            mail.attach("veranstaltung.ics", ics(v), "text/calendar; charset=utf-8; method=PUBLISH")
        mail.send()
    return True
