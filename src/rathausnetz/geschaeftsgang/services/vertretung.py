"""Vertretung: a person names a substitute of the same organisation for a date range.

During it, the absent person's open tasks (also ones that arrive later) appear in the
substitute's inbox; whoever acts for them is recorded „i. V.“. Nothing is copied or moved: the
inbox query asks who is substituted today, so a Vertretung that ends simply stops applying.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from rathausnetz.geschaeftsgang.models import Vertretung
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff, aktueller_zugriff
from rathausnetz.zugang.models import Mitgliedschaft


def vertretene_ids(zugriff: Zugriff, tag: dt.date | None = None) -> QuerySet:
    """Subquery: ids of the people the acting user substitutes today (in the acting organisation).

    Used inside ``zugang.sichtbarkeit``, so it reads with the base manager (no recursion)."""
    tag = tag or timezone.localdate()
    return Vertretung._base_manager.filter(
        organisation_id=zugriff.organisation_id,
        vertreter_id=zugriff.benutzer_id,
        von__lte=tag,
        bis__gte=tag,
    ).values("vertretener_id")


def vertreter_ids(benutzer_id: int, organisation_id: int, tag: dt.date | None = None) -> set[int]:
    """Who substitutes ``benutzer_id`` today (to notify them of new tasks)."""
    tag = tag or timezone.localdate()
    return set(
        Vertretung._base_manager.filter(
            organisation_id=organisation_id, vertretener_id=benutzer_id, von__lte=tag, bis__gte=tag
        ).values_list("vertreter_id", flat=True)
    )


def vertritt(zugriff: Zugriff, benutzer_id: int, tag: dt.date | None = None) -> bool:
    return vertretene_ids(zugriff, tag).filter(vertretener_id=benutzer_id).exists()


def ist_mitglied(benutzer_id: int, organisation_id: int) -> bool:
    return Mitgliedschaft._base_manager.filter(
        benutzer_id=benutzer_id, organisation_id=organisation_id, aktiv=True, benutzer__is_active=True
    ).exists()


def meine_vertretungen(zugriff: Zugriff | None = None) -> QuerySet[Vertretung]:
    """The Vertretungen I set up for myself, and the ones in which I substitute someone."""
    from django.db.models import Q

    zugriff = zugriff or aktueller_zugriff()
    return (
        Vertretung.objects.filter(Q(vertretener_id=zugriff.benutzer_id) | Q(vertreter_id=zugriff.benutzer_id))
        .select_related("vertretener", "vertreter")
        .order_by("von", "id")
    )


def _pruefen(zugriff: Zugriff, vertreter, von: dt.date, bis: dt.date) -> None:
    if zugriff.benutzer_id is None or zugriff.organisation_id is None:
        raise PermissionDenied("Vertretungen legt jede Person für sich selbst an.")
    fehler: dict[str, str] = {}
    if vertreter is None:
        fehler["vertreter"] = "Bitte geben Sie an, wer Sie vertritt."
    elif vertreter.pk == zugriff.benutzer_id:
        fehler["vertreter"] = "Sie können sich nicht selbst vertreten."
    elif not ist_mitglied(vertreter.pk, zugriff.organisation_id):
        fehler["vertreter"] = "Die Vertretung muss Mitglied Ihrer Organisation sein."
    if von and bis and bis < von:
        fehler["bis"] = "Das Ende liegt vor dem Beginn."
    elif bis and bis < timezone.localdate():
        fehler["bis"] = "Der Zeitraum liegt in der Vergangenheit."
    if fehler:
        raise ValidationError(fehler)


def _werte(v: Vertretung) -> dict[str, object]:
    return {
        "vertretener": v.vertretener,
        "vertreter": v.vertreter,
        "von": v.von,
        "bis": v.bis,
        "notiz": v.notiz,
    }


@transaction.atomic
def vertretung_anlegen(vertreter, von: dt.date, bis: dt.date, notiz: str = "") -> Vertretung:
    """The acting user is absent from ``von`` to ``bis``; ``vertreter`` takes over their tasks."""
    zugriff = aktueller_zugriff()
    _pruefen(zugriff, vertreter, von, bis)
    vertretung = Vertretung(
        organisation_id=zugriff.organisation_id,
        vertretener=get_user_model().objects.get(pk=zugriff.benutzer_id),
        vertreter=vertreter,
        von=von,
        bis=bis,
        notiz=notiz.strip(),
    )
    vertretung.full_clean()
    vertretung.save()
    protokolliere("vertretung.angelegt", objekt=vertretung, neu=_werte(vertretung))
    return vertretung


def _eigene(vertretung: Vertretung) -> Zugriff:
    zugriff = aktueller_zugriff()
    if vertretung.vertretener_id != zugriff.benutzer_id:
        raise PermissionDenied("Nur die vertretene Person kann ihre Vertretung ändern.")
    return zugriff


@transaction.atomic
def vertretung_aendern(vertretung: Vertretung, **felder: object) -> Vertretung:
    zugriff = _eigene(vertretung)
    erlaubt = {"vertreter", "von", "bis", "notiz"}
    if set(felder) - erlaubt:
        raise ValueError(f"nicht änderbar: {set(felder) - erlaubt}")
    alt = _werte(vertretung)
    for name, wert in felder.items():
        setattr(vertretung, name, wert.strip() if isinstance(wert, str) else wert)
    _pruefen(zugriff, vertretung.vertreter, vertretung.von, vertretung.bis)
    vertretung.full_clean()
    vertretung.save()
    protokolliere("vertretung.geaendert", objekt=vertretung, alt=alt, neu=_werte(vertretung))
    return vertretung


@transaction.atomic
def vertretung_beenden(vertretung: Vertretung) -> None:
    """Delete a Vertretung. What the substitute did meanwhile stays recorded on the steps."""
    _eigene(vertretung)
    protokolliere("vertretung.geloescht", objekt=vertretung, alt=_werte(vertretung))
    vertretung.delete()
