"""First set-up of the E-Akte for an organisation: document types, settings."""

from __future__ import annotations

from django.db import transaction

from rathausnetz.akten.models import Akteneinstellungen, Dokumenttyp
from rathausnetz.akten.services.aktenzeichen import muster_pruefen
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


@transaction.atomic
def aktenzeichen_muster_setzen(muster: str) -> Akteneinstellungen:
    """Applies to Akten created from now on; existing Aktenzeichen never change."""
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    muster = muster.strip()
    muster_pruefen(muster)
    einstellungen, _ = Akteneinstellungen.objects.get_or_create(organisation_id=zugriff.organisation_id)
    alt = einstellungen.aktenzeichen_muster
    if alt != muster:
        einstellungen.aktenzeichen_muster = muster
        einstellungen.save(update_fields=["aktenzeichen_muster"])
        protokolliere(
            "akteneinstellungen.geaendert",
            objekt=einstellungen,
            alt={"aktenzeichen_muster": alt},
            neu={"aktenzeichen_muster": muster},
        )
    return einstellungen


@transaction.atomic
def dokumenttyp_anlegen(name: str) -> Dokumenttyp:
    zugriff = pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    typ = Dokumenttyp(organisation_id=zugriff.organisation_id, name=name.strip())
    typ.full_clean()
    typ.save()
    protokolliere("dokumenttyp.angelegt", objekt=typ, neu={"name": typ.name})
    return typ


@transaction.atomic
def dokumenttyp_umschalten(typ: Dokumenttyp) -> Dokumenttyp:
    """Types in use are never deleted; deactivated ones are no longer offered."""
    pruefe_recht(Recht.ORGANISATION_VERWALTEN)
    typ.aktiv = not typ.aktiv
    typ.save(update_fields=["aktiv"])
    protokolliere("dokumenttyp.geaendert", objekt=typ, alt={"aktiv": not typ.aktiv}, neu={"aktiv": typ.aktiv})
    return typ
