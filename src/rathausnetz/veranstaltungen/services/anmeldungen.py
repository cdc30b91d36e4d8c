"""Registration without an account: double opt-in, seats, waiting list, cancellation, check-in.

A seat is given when the e-mail address is confirmed, inside one transaction that first locks the
event row (PostgreSQL ``SELECT … FOR UPDATE``; SQLite serialises writers with ``BEGIN IMMEDIATE``):
two people confirming for the last seat at once get exactly one seat between them. Mails leave
through background tasks queued in the same transaction, so a rolled-back change sends nothing and
a committed one always gets its mail. The first mail of a new registration is only marked on its
row, and the worker queues it within about a second (``bestaetigungen_einreihen``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import threading
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, close_old_connections, transaction
from django.db.models import Count
from django.http import Http404
from django.utils import timezone

from rathausnetz.kommunen.models import Kommune
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.zugang.kontext import systemzugriff

logger = logging.getLogger(__name__)

SCHON_ANGEMELDET = (
    "Mit dieser E-Mail-Adresse besteht schon eine Anmeldung. Den Link zum Bestätigen oder "
    "Stornieren finden Sie in der E-Mail, die Sie erhalten haben."
)
UNGUELTIGER_LINK = (
    "Dieser Link ist ungültig oder abgelaufen. Bitte nutzen Sie den Link aus Ihrer letzten E-Mail."
)


@dataclass(frozen=True)
class Anmeldedaten:
    name: str
    email: str
    rolle: str
    kommune_ags: str = ""
    organisation_text: str = ""
    einwilligung: bool = False


@dataclass(frozen=True)
class Belegung:
    kapazitaet: int
    angemeldet: int
    warteliste: int

    @property
    def frei(self) -> int:
        return max(self.kapazitaet - self.angemeldet, 0)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def neuer_token(anmeldung: Anmeldung) -> str:
    """A fresh secret for the links of the next mail; older links stop working (only the hash is
    stored, so a stolen database yields no working link)."""
    token = secrets.token_urlsafe(24)
    anmeldung.token_hash = _hash(token)
    Anmeldung._base_manager.filter(pk=anmeldung.pk).update(token_hash=anmeldung.token_hash)
    return token


def mail_vormerken(art: str, anmeldung_id: int) -> None:
    """Queue a mail in the caller's transaction: the task queue lives in the same database, so the
    mail job commits or rolls back together with the change it reports, and no crash between the
    two can lose it. (Enqueueing after the commit would also cost a second write transaction.)"""
    from rathausnetz.veranstaltungen.tasks import anmeldungsmail_senden

    anmeldungsmail_senden.enqueue(art, anmeldung_id)


#: opt-in mails queued in one transaction at most
EINREIHEN_STAPEL = 500


def bestaetigungen_einreihen() -> int:
    """Queue the opt-in mails that new registrations marked on their rows (the worker, every
    second); returns how many.

    Queueing the task in the request took a quarter of a registration's processing time (a task
    row with its indexes and checks), and when registration opens, fifty people at once wait on
    two cores. The mark commits with the registration, and it is cleared in the transaction that
    queues the mail: nothing is lost or queued twice, with several workers or a worker killed
    midway (PostgreSQL skips rows another worker holds; SQLite's IMMEDIATE transactions take
    turns).
    """
    wartend = Anmeldung._base_manager.filter(bestaetigung_offen=True)
    if not wartend.exists():  # only reads: no write lock while nothing waits
        return 0
    with transaction.atomic():
        ids = list(
            wartend.select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:EINREIHEN_STAPEL]
        )
        Anmeldung._base_manager.filter(pk__in=ids).update(bestaetigung_offen=False)
        for pk in ids:
            mail_vormerken("bestaetigen", pk)
    return len(ids)


def bestaetigungen_beobachten(stopp: threading.Event, abstand: float = 1.0) -> None:
    """The worker's thread that runs ``bestaetigungen_einreihen`` until ``stopp`` is set."""
    while not stopp.is_set():
        try:
            close_old_connections()
            with systemzugriff("Anmeldungsmails einreihen"):
                bestaetigungen_einreihen()
        except Exception:
            logger.exception("Bestätigungsmails konnten nicht eingereiht werden; nächster Versuch folgt")
        stopp.wait(abstand)


def belegung(veranstaltung: Veranstaltung) -> Belegung:
    zaehlung = {
        status: n
        for status, n in Anmeldung._base_manager.filter(veranstaltung=veranstaltung)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    }
    return Belegung(
        veranstaltung.kapazitaet,
        zaehlung.get(Anmeldung.Status.ANGEMELDET, 0),
        zaehlung.get(Anmeldung.Status.WARTELISTE, 0),
    )


def _pruefen(veranstaltung: Veranstaltung, daten: Anmeldedaten) -> tuple[Kommune | None, str]:
    fehler: dict[str, list[str]] = {}
    if not veranstaltung.anmeldung_offen:
        if veranstaltung.status != Veranstaltung.Status.VEROEFFENTLICHT:
            grund = "Für diese Veranstaltung ist keine Anmeldung möglich."
        elif veranstaltung.anmeldung_ab and timezone.now() < veranstaltung.anmeldung_ab:
            ab = timezone.localtime(veranstaltung.anmeldung_ab)
            grund = f"Die Anmeldung beginnt am {ab:%d.%m.%Y} um {ab:%H:%M} Uhr."
        else:
            grund = "Die Anmeldefrist ist abgelaufen."
        raise ValidationError(grund)
    name = daten.name.strip()
    if not name:
        fehler["name"] = ["Bitte geben Sie Ihren Namen an."]
    elif len(name) > 150:
        fehler["name"] = ["Der Name ist zu lang (höchstens 150 Zeichen)."]
    email = daten.email.strip()
    try:
        validate_email(email)
    except ValidationError:
        fehler["email"] = ["Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@gemeinde.de."]
    if daten.rolle not in Anmeldung.Rolle.values:
        fehler["rolle"] = ["Bitte wählen Sie Ihre Funktion."]
    kommune = None
    if daten.kommune_ags:
        kommune = Kommune.objects.filter(ags=daten.kommune_ags.strip(), aktiv=True).first()
        if kommune is None:
            fehler["kommune"] = ["Diese Gemeinde ist nicht im Verzeichnis; bitte wählen Sie aus der Liste."]
    elif not daten.organisation_text.strip():
        fehler["organisation_text"] = ["Bitte wählen Sie Ihre Gemeinde oder nennen Sie Ihre Organisation."]
    if len(daten.organisation_text.strip()) > 200:
        fehler["organisation_text"] = ["Höchstens 200 Zeichen."]
    if not daten.einwilligung:
        fehler["einwilligung"] = [
            "Bitte stimmen Sie der Verarbeitung Ihrer Angaben für diese Veranstaltung zu."
        ]
    if fehler:
        raise ValidationError(fehler)
    return kommune, email


def anmelden(veranstaltung: Veranstaltung, daten: Anmeldedaten) -> Anmeldung:
    """Record a registration awaiting e-mail confirmation; the mail carries the link.

    The checks only read and run before the write transaction, so that registrations arriving
    together hold SQLite's single write lock only for the insert. An address registered before
    is found by the unique constraint alone, not by a query first: in a rush of registrations
    every query counts, and only the constraint also catches the same address twice at once.
    The opt-in mail is marked on the row (``bestaetigungen_einreihen`` queues it)."""
    kommune, email = _pruefen(veranstaltung, daten)
    try:
        with transaction.atomic():  # a savepoint inside a caller's transaction
            anmeldung = Anmeldung._base_manager.create(
                veranstaltung=veranstaltung,
                name=daten.name.strip(),
                email=email,
                email_schluessel=email.casefold(),
                kommune=kommune,
                organisation_text=daten.organisation_text.strip(),
                rolle=daten.rolle,
                token_hash=_hash(secrets.token_urlsafe(24)),  # replaced when the mail is written
                bestaetigung_offen=True,
            )
    except IntegrityError:  # eine_anmeldung_je_email
        raise ValidationError({"email": [SCHON_ANGEMELDET]}) from None
    return anmeldung


def anmeldung_per_link(anmeldung_id: int, token: str) -> Anmeldung:
    """The registration a mailed link points to; a forged or stale link is a 404 with a message."""
    anmeldung = Anmeldung._base_manager.select_related("veranstaltung").filter(pk=anmeldung_id).first()
    if (
        anmeldung is None
        or anmeldung.anonymisiert_am
        or not hmac.compare_digest(anmeldung.token_hash, _hash(token))
    ):
        raise Http404(UNGUELTIGER_LINK)
    return anmeldung


def _platz_vergeben(anmeldung: Anmeldung, veranstaltung: Veranstaltung) -> None:
    """Seat or waiting list, with the event row locked (callers are inside a transaction)."""
    angemeldet = Anmeldung._base_manager.filter(
        veranstaltung=veranstaltung, status=Anmeldung.Status.ANGEMELDET
    ).count()
    anmeldung.status = (
        Anmeldung.Status.ANGEMELDET if angemeldet < veranstaltung.kapazitaet else Anmeldung.Status.WARTELISTE
    )
    anmeldung.platz_seit = timezone.now()


@transaction.atomic
def bestaetigen(anmeldung_id: int, token: str) -> Anmeldung:
    """Double opt-in: the address is confirmed; a free seat is given, else the waiting list."""
    anmeldung = anmeldung_per_link(anmeldung_id, token)
    veranstaltung = Veranstaltung._base_manager.select_for_update().get(pk=anmeldung.veranstaltung_id)
    anmeldung = Anmeldung._base_manager.select_for_update().get(pk=anmeldung.pk)
    if anmeldung.status != Anmeldung.Status.UNBESTAETIGT:
        return anmeldung  # clicking twice changes nothing
    if veranstaltung.status != Veranstaltung.Status.VEROEFFENTLICHT or timezone.now() > veranstaltung.ende:
        raise ValidationError("Diese Veranstaltung nimmt keine Anmeldungen mehr an.")
    anmeldung.bestaetigt_am = timezone.now()
    _platz_vergeben(anmeldung, veranstaltung)
    anmeldung.save(update_fields=["status", "bestaetigt_am", "platz_seit"])
    mail_vormerken(
        "zugesagt" if anmeldung.status == Anmeldung.Status.ANGEMELDET else "warteliste", anmeldung.pk
    )
    return anmeldung


def _nachruecken(veranstaltung: Veranstaltung) -> list[Anmeldung]:
    """Fill free seats from the waiting list, first come first served (event row locked)."""
    frei = (
        veranstaltung.kapazitaet
        - Anmeldung._base_manager.filter(
            veranstaltung=veranstaltung, status=Anmeldung.Status.ANGEMELDET
        ).count()
    )
    if frei <= 0:
        return []
    nachruecker = list(
        Anmeldung._base_manager.select_for_update()
        .filter(veranstaltung=veranstaltung, status=Anmeldung.Status.WARTELISTE)
        .order_by("platz_seit", "pk")[:frei]
    )
    for a in nachruecker:
        a.status = Anmeldung.Status.ANGEMELDET
        a.platz_seit = timezone.now()
        a.save(update_fields=["status", "platz_seit"])
        mail_vormerken("nachgerueckt", a.pk)
    return nachruecker


@transaction.atomic
def stornieren(anmeldung_id: int, token: str) -> tuple[Anmeldung, list[Anmeldung]]:
    """Cancel through the mailed link; the first on the waiting list moves up automatically."""
    anmeldung = anmeldung_per_link(anmeldung_id, token)
    veranstaltung = Veranstaltung._base_manager.select_for_update().get(pk=anmeldung.veranstaltung_id)
    anmeldung = Anmeldung._base_manager.select_for_update().get(pk=anmeldung.pk)
    if anmeldung.status == Anmeldung.Status.STORNIERT:
        return anmeldung, []
    if timezone.now() > veranstaltung.ende:
        raise ValidationError("Die Veranstaltung ist vorbei; eine Stornierung ist nicht mehr möglich.")
    hatte_platz = anmeldung.status == Anmeldung.Status.ANGEMELDET
    anmeldung.status = Anmeldung.Status.STORNIERT
    anmeldung.storniert_am = timezone.now()
    anmeldung.save(update_fields=["status", "storniert_am"])
    nachgerueckt = _nachruecken(veranstaltung) if hatte_platz else []
    return anmeldung, nachgerueckt


@transaction.atomic
def kapazitaet_aendern(veranstaltung: Veranstaltung, kapazitaet: int) -> list[Anmeldung]:
    """More seats promote from the waiting list; fewer never take a seat away."""
    veranstaltung = Veranstaltung._base_manager.select_for_update().get(pk=veranstaltung.pk)
    belegt = belegung(veranstaltung).angemeldet
    if kapazitaet < belegt:
        raise ValidationError(
            {"kapazitaet": [f"Es sind schon {belegt} Plätze vergeben; weniger Plätze sind nicht möglich."]}
        )
    veranstaltung.kapazitaet = kapazitaet
    veranstaltung.save(update_fields=["kapazitaet"])
    return _nachruecken(veranstaltung)


def einchecken(anmeldung: Anmeldung, erschienen: bool) -> Anmeldung:
    """Check-in at the door (organisers only: the caller got ``anmeldung`` through the rule book)."""
    if anmeldung.status != Anmeldung.Status.ANGEMELDET:
        raise ValidationError("Nur angemeldete Personen können eingecheckt werden.")
    anmeldung.erschienen_am = timezone.now() if erschienen else None
    anmeldung.save(update_fields=["erschienen_am"])
    protokolliere(
        "anmeldung.eingecheckt" if erschienen else "anmeldung.checkin_zurueckgenommen",
        objekt=anmeldung.veranstaltung,
        organisation_id=anmeldung.veranstaltung.organisation_id,
        daten={"anmeldung": anmeldung.pk},
    )
    return anmeldung
