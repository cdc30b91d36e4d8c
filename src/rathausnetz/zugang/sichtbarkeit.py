"""The rule book: which rows of tenant data a ``Zugriff`` may see.

Each rule is one SQL filter (a ``Q``), so authorisation costs one indexed condition, not a loop.
The default: rows owned by the organisation the user acts for. Models with other rules are listed
in ``_REGELN`` here — and only here.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import Q

from rathausnetz.zugang.kontext import Zugriff

NICHTS = Q(pk__in=[])


def _eigene_organisation(model: type[models.Model], zugriff: Zugriff) -> Q:
    if zugriff.organisation_id is None:
        return NICHTS
    feld = getattr(model, "mandant_feld", "organisation")
    return Q(**{f"{feld}_id": zugriff.organisation_id})


def _mitgliedschaft(model: type[models.Model], zugriff: Zugriff) -> Q:
    # Acting for an organisation: its members. Before choosing one (building the switcher):
    # only the user's own memberships.
    if zugriff.organisation_id is None:
        return Q(benutzer_id=zugriff.benutzer_id) if zugriff.benutzer_id else NICHTS
    return _eigene_organisation(model, zugriff)


def _nur_eigene_des_benutzers(model: type[models.Model], zugriff: Zugriff) -> Q:
    if zugriff.benutzer_id is None or zugriff.organisation_id is None:
        return NICHTS
    return Q(benutzer_id=zugriff.benutzer_id, organisation_id=zugriff.organisation_id)


_REGELN: dict[str, Callable[[type[models.Model], Zugriff], Q]] = {
    "zugang.Mitgliedschaft": _mitgliedschaft,
    "zugang.ApiToken": _nur_eigene_des_benutzers,
}


def filter_fuer(model: type[models.Model], zugriff: Zugriff) -> Q:
    regel = _REGELN.get(model._meta.label, _eigene_organisation)
    return regel(model, zugriff)
