"""Notifications about tasks: „sofort“ (a mail per new task, sent by the worker after commit) and
the digest of ``rathausnetz aufgaben-mail`` for everyone who chose „täglich“ (the default).

Recipients of a task: the addressed person and whoever substitutes them today, or — for a task
addressed to a unit — the unit's active members.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from rathausnetz.geschaeftsgang.models import Benachrichtigung, Verfuegungsschritt
from rathausnetz.geschaeftsgang.services.vertretung import vertreter_ids
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kontext import aktueller_zugriff
from rathausnetz.zugang.models import Mitgliedschaft

Haeufigkeit = Benachrichtigung.Haeufigkeit


def haeufigkeit(benutzer) -> str:
    eintrag = Benachrichtigung.objects.filter(benutzer=benutzer).first()
    return eintrag.haeufigkeit if eintrag else Haeufigkeit.TAEGLICH


def haeufigkeit_setzen(benutzer, wert: str) -> Benachrichtigung:
    from django.core.exceptions import ValidationError

    from rathausnetz.protokoll.services import protokolliere

    if wert not in Haeufigkeit.values:
        raise ValidationError({"haeufigkeit": "Bitte sofort, täglich oder nie wählen."})
    eintrag, _ = Benachrichtigung.objects.get_or_create(benutzer=benutzer)
    if eintrag.haeufigkeit != wert:
        alt = eintrag.haeufigkeit
        eintrag.haeufigkeit = wert
        eintrag.save(update_fields=["haeufigkeit"])
        zugriff = aktueller_zugriff()
        protokolliere(
            "aufgabenbenachrichtigung.geaendert",
            objekt=benutzer,
            organisation_id=zugriff.organisation_id if zugriff else None,
            alt={"haeufigkeit": alt},
            neu={"haeufigkeit": wert},
        )
    return eintrag


def empfaenger(schritt: Verfuegungsschritt) -> set[int]:
    """Ids of the people who see this task in their inbox today."""
    if schritt.fuer_benutzer_id:
        return {schritt.fuer_benutzer_id} | vertreter_ids(schritt.fuer_benutzer_id, schritt.organisation_id)
    return set(
        Mitgliedschaft._base_manager.filter(
            organisation_id=schritt.organisation_id,
            organisationseinheit_id=schritt.fuer_einheit_id,
            aktiv=True,
        ).values_list("benutzer_id", flat=True)
    )


def _will_sofort(benutzer_ids: set[int]) -> set[int]:
    return set(
        Benachrichtigung.objects.filter(
            benutzer_id__in=benutzer_ids, haeufigkeit=Haeufigkeit.SOFORT
        ).values_list("benutzer_id", flat=True)
    )


def nach_commit_melden(schritt_ids: list[int]) -> None:
    """Queue one mail per new task and person who wants to hear at once — only after commit, so a
    rolled-back step sends nothing, and only if someone wants it (nothing queued otherwise)."""
    from rathausnetz.geschaeftsgang.tasks import aufgabe_melden

    for schritt in Verfuegungsschritt._base_manager.filter(pk__in=schritt_ids):
        for benutzer_id in sorted(_will_sofort(empfaenger(schritt))):
            transaction.on_commit(lambda s=schritt.pk, b=benutzer_id: aufgabe_melden.enqueue(s, b))


def aufgabe_mailen(schritt_id: int, benutzer_id: int) -> bool:
    """The „sofort“ mail; needs system access (the worker). Sends nothing for a task that is no
    longer open or a person who no longer receives it."""
    schritt = (
        Verfuegungsschritt._base_manager.select_related(
            "verfuegung__vorgang__akte", "fuer_benutzer", "fuer_einheit"
        )
        .filter(pk=schritt_id, status=Verfuegungsschritt.Status.OFFEN)
        .first()
    )
    person = get_user_model().objects.filter(pk=benutzer_id, is_active=True).first()
    if schritt is None or person is None or not person.email or benutzer_id not in empfaenger(schritt):
        return False
    kontext = {
        "person": person,
        "s": schritt,
        "vertretung": schritt.fuer_benutzer_id not in (None, benutzer_id),
        "organisation": Organisation.objects.get(pk=schritt.organisation_id),
        "basis": settings.BASE_URL,
    }
    send_mail(
        subject=f"Rathausnetz: neue Aufgabe – {schritt.get_art_display()}: {schritt.verfuegung.betreff}"[
            :200
        ],
        message=render_to_string("geschaeftsgang/mail/aufgabe.txt", kontext),
        from_email=None,
        recipient_list=[person.email],
    )
    return True


def aufgaben_digest_senden(probelauf: bool = False) -> list[str]:
    """One mail per person and organisation with all their open tasks, overdue first.

    Needs system access (CLI). People who chose „sofort“ or „nie“ get no digest."""
    heute = timezone.localdate()
    offen = list(
        Verfuegungsschritt._base_manager.filter(status=Verfuegungsschritt.Status.OFFEN)
        .select_related("verfuegung__vorgang__akte", "fuer_benutzer", "fuer_einheit")
        .order_by("frist", "id")
    )
    je_person: dict[tuple[int, int], list[Verfuegungsschritt]] = defaultdict(list)
    for schritt in offen:
        for benutzer_id in empfaenger(schritt):
            je_person[(benutzer_id, schritt.organisation_id)].append(schritt)
    abbesteller = set(
        Benachrichtigung.objects.exclude(haeufigkeit=Haeufigkeit.TAEGLICH).values_list(
            "benutzer_id", flat=True
        )
    )
    benutzer = get_user_model().objects.in_bulk({b for b, _ in je_person})
    organisationen = Organisation.objects.in_bulk({o for _, o in je_person})
    protokoll = []
    for (benutzer_id, org_id), liste in sorted(je_person.items()):
        person = benutzer.get(benutzer_id)
        if benutzer_id in abbesteller or person is None or not person.is_active or not person.email:
            continue
        liste.sort(key=lambda s: (not (s.frist and s.frist < heute), s.frist is None, s.frist or heute, s.pk))
        org = organisationen[org_id]
        kontext = {
            "person": person,
            "organisation": org,
            "liste": liste,
            "heute": heute,
            "basis": settings.BASE_URL,
        }
        ueberfaellig = sum(1 for s in liste if s.frist and s.frist < heute)
        if not probelauf:
            send_mail(
                subject=f"Rathausnetz: {len(liste)} offene Aufgabe(n)"
                + (f", {ueberfaellig} überfällig" if ueberfaellig else "")
                + f" – {org.name}",
                message=render_to_string("geschaeftsgang/mail/aufgaben_digest.txt", kontext),
                from_email=None,
                recipient_list=[person.email],
            )
        protokoll.append(f"{person.username} ({org.name}): {len(liste)} Aufgabe(n)")
    return protokoll
