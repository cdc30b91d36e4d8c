"""First set-up of the E-Akte for an organisation: document types, settings."""

from __future__ import annotations

from django.db import transaction

from rathausnetz.akten.models import Dokumenttyp
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

STANDARD_DOKUMENTTYPEN = [
    "Antrag",
    "Anzeige",
    "Bescheid",
    "E-Mail",
    "Einladung",
    "Gutachten",
    "Niederschrift",
    "Pressemitteilung",
    "Rechnung",
    "Schreiben",
    "Stellungnahme",
    "Vermerk",
    "Vertrag",
]


@transaction.atomic
def standard_dokumenttypen_anlegen() -> int:
    """Add the standard list of document types (missing ones only)."""
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    vorhanden = set(Dokumenttyp.objects.values_list("name", flat=True))
    neu = [
        Dokumenttyp(organisation_id=zugriff.organisation_id, name=name)
        for name in STANDARD_DOKUMENTTYPEN
        if name not in vorhanden
    ]
    Dokumenttyp.objects.bulk_create(neu)
    if neu:
        protokolliere(
            "dokumenttypen.angelegt",
            organisation_id=zugriff.organisation_id,
            daten={"namen": [d.name for d in neu]},
        )
    return len(neu)
