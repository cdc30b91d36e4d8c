"""Which software a municipality uses per task. Recorded by its own administration; read by the
partner finder (the same software eases a joint service)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from rathausnetz.ikz.models import Aufgabenbereich, Fachverfahren
from rathausnetz.kommunen.models import Kommune
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


def eigene_kommunen(organisation_id: int | None) -> list[Kommune]:
    if organisation_id is None:
        return []
    return list(Kommune.objects.filter(organisationen=organisation_id, aktiv=True).order_by("name"))


@transaction.atomic
def fachverfahren_speichern(kommune: Kommune, eintraege: Mapping[str, tuple[str, str]]) -> int:
    """Replace the municipality's entries: ``{bereich_code: (software, hersteller)}``; an empty
    software removes the entry. Returns how many entries exist afterwards."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if not zugriff.system and kommune.pk not in {k.pk for k in eigene_kommunen(zugriff.organisation_id)}:
        raise PermissionDenied("Fachverfahren erfasst die Verwaltung der Gemeinde selbst.")
    bereiche = {b.code: b for b in Aufgabenbereich.objects.filter(code__in=list(eintraege))}
    fehler: dict[str, list[str]] = {}
    for code, (software, hersteller) in eintraege.items():
        if code not in bereiche:
            fehler.setdefault("__all__", []).append(f"Unbekannter Aufgabenbereich: {code}.")
        if len(software.strip()) > 150 or len(hersteller.strip()) > 150:
            fehler.setdefault(f"software_{code}", []).append("Höchstens 150 Zeichen.")
    if fehler:
        raise ValidationError(fehler)
    alt = dict(Fachverfahren.objects.filter(kommune=kommune).values_list("aufgabenbereich__code", "software"))
    for code, (software, hersteller) in eintraege.items():
        if software.strip():
            Fachverfahren.objects.update_or_create(
                kommune=kommune,
                aufgabenbereich=bereiche[code],
                defaults={"software": software.strip(), "hersteller": hersteller.strip()},
            )
        else:
            Fachverfahren.objects.filter(kommune=kommune, aufgabenbereich=bereiche[code]).delete()
    neu = dict(Fachverfahren.objects.filter(kommune=kommune).values_list("aufgabenbereich__code", "software"))
    if neu != alt:
        protokolliere(
            "fachverfahren.geaendert",
            objekt=kommune,
            organisation_id=zugriff.organisation_id,
            alt=alt,
            neu=neu,
        )
    return len(neu)
