"""Editing the model catalogue: only the IKZ service office, and every edit is a new version."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from rathausnetz.ikz.models import Modell, Modellfassung, Rechtsform
from rathausnetz.ikz.services.referenzdaten import fassung_anlegen
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


@transaction.atomic
def modell_bearbeiten(
    modell: Modell, werte: dict[str, Any], rechtsformen: list[str], notiz: str
) -> Modellfassung:
    zugriff = pruefe_recht(Recht.IKZ_VERWALTEN)
    fehler: dict[str, list[str]] = {}
    if not (notiz or "").strip():
        fehler["aenderungsnotiz"] = ["Bitte beschreiben Sie kurz, was Sie geändert haben."]
    if not rechtsformen:
        fehler["rechtsformen"] = ["Bitte mindestens eine geeignete Rechtsform wählen."]
    elif Rechtsform.objects.filter(code__in=rechtsformen).count() != len(set(rechtsformen)):
        fehler["rechtsformen"] = ["Unbekannte Rechtsform."]
    if not werte.get("titel"):
        fehler["titel"] = ["Bitte geben Sie einen Titel an."]
    if fehler:
        raise ValidationError(fehler)
    alt = modell.aktuelle_fassung
    fassung = fassung_anlegen(modell, werte, rechtsformen, notiz.strip(), zugriff.benutzername or "System")
    protokolliere(
        "modell.fassung_angelegt",
        objekt=modell,
        alt={"fassung": alt.nummer if alt else None},
        neu={"fassung": fassung.nummer, "notiz": fassung.aenderungsnotiz},
    )
    return fassung
