"""Daily e-mail digest of due Wiedervorlagen, one mail per person and organisation."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from rathausnetz.akten.models import Wiedervorlage
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.models import Mitgliedschaft


def _empfaenger(wv: Wiedervorlage, mitglieder_je_einheit: dict[int, set[int]]) -> set[int]:
    if wv.fuer_benutzer_id:
        return {wv.fuer_benutzer_id}
    if wv.fuer_einheit_id:
        return mitglieder_je_einheit.get(wv.fuer_einheit_id, set())
    return set()


def wiedervorlagen_digest_senden(probelauf: bool = False) -> list[str]:
    """Needs system access (CLI): it reads every organisation's due Wiedervorlagen."""
    heute = timezone.localdate()
    faellig = list(
        Wiedervorlage.objects.filter(erledigt_am__isnull=True, faellig_am__lte=heute)
        .select_related("vorgang__akte")
        .order_by("faellig_am")
    )
    mitglieder_je_einheit: dict[int, set[int]] = defaultdict(set)
    for m in Mitgliedschaft.objects.filter(aktiv=True, organisationseinheit__isnull=False):
        mitglieder_je_einheit[m.organisationseinheit_id].add(m.benutzer_id)
    je_person: dict[tuple[int, int], list[Wiedervorlage]] = defaultdict(list)
    for wv in faellig:
        for benutzer_id in _empfaenger(wv, mitglieder_je_einheit):
            je_person[(benutzer_id, wv.organisation_id)].append(wv)
    benutzer = get_user_model().objects.in_bulk({b for b, _ in je_person})
    organisationen = Organisation.objects.in_bulk({o for _, o in je_person})
    protokoll = []
    for (benutzer_id, org_id), liste in sorted(je_person.items()):
        person = benutzer.get(benutzer_id)
        if person is None or not person.is_active or not person.email:
            continue
        org = organisationen[org_id]
        kontext = {
            "person": person,
            "organisation": org,
            "liste": liste,
            "heute": heute,
            "basis": settings.BASE_URL,
        }
        if not probelauf:
            send_mail(
                subject=f"Rathausnetz: {len(liste)} fällige Wiedervorlage(n) – {org.name}",
                message=render_to_string("akten/wiedervorlagen_mail.txt", kontext),
                from_email=None,
                recipient_list=[person.email],
            )
        protokoll.append(f"{person.username} ({org.name}): {len(liste)} Wiedervorlage(n)")
    return protokoll
