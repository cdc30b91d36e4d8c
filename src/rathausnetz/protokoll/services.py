"""Writing and verifying the audit log.

``protokolliere`` is called by every service that changes state, inside the same transaction as the
change: either both land or neither. Who acted and the request id come from the current
``Zugriff``; callers name the action with a dotted name (``organisationseinheit.angelegt``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from rathausnetz.protokoll.models import SYSTEMKETTE, Protokolleintrag, Protokollkette
from rathausnetz.zugang.kontext import aktueller_zugriff

GENESIS = "0" * 64


def _json_wert(value: Any) -> Any:
    """Values as JSON that survives a round trip through SQLite and PostgreSQL unchanged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float | decimal.Decimal | dt.date | dt.datetime | dt.time):
        return str(value)
    if isinstance(value, models.Model):
        return f"{value} (#{value.pk})"
    if isinstance(value, Mapping):
        return {str(k): _json_wert(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json_wert(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    return str(value)


def _zeit(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def berechne_hash(eintrag: Protokolleintrag, schluessel: str) -> str:
    payload = {
        "kette": schluessel,
        "nummer": eintrag.nummer,
        "zeitpunkt": _zeit(eintrag.zeitpunkt),
        "organisation": eintrag.organisation_id,
        "benutzer": eintrag.benutzer_id,
        "benutzername": eintrag.benutzername,
        "aktion": eintrag.aktion,
        "objekt_typ": eintrag.objekt_typ,
        "objekt_id": eintrag.objekt_id,
        "objekt_text": eintrag.objekt_text,
        "aenderungen": eintrag.aenderungen,
        "request_id": eintrag.request_id,
        "vorher": eintrag.vorher_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _schluessel(organisation_id: int | None) -> str:
    return SYSTEMKETTE if organisation_id is None else f"org:{organisation_id}"


def _kette_gesperrt(organisation_id: int | None) -> Protokollkette:
    schluessel = _schluessel(organisation_id)
    try:
        return Protokollkette.objects.select_for_update().get(schluessel=schluessel)
    except Protokollkette.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            Protokollkette.objects.create(schluessel=schluessel, organisation_id=organisation_id)
    except IntegrityError:
        pass  # created concurrently; lock the winner's row below
    return Protokollkette.objects.select_for_update().get(schluessel=schluessel)


def aenderungen(alt: Mapping[str, Any] | None, neu: Mapping[str, Any] | None) -> dict[str, Any]:
    """Old/new pairs of the fields that differ, e.g. ``{"name": {"alt": "A", "neu": "B"}}``."""
    alt = alt or {}
    neu = neu or {}
    result = {}
    for feld in sorted(set(alt) | set(neu)):
        a, n = _json_wert(alt.get(feld)), _json_wert(neu.get(feld))
        if a != n:
            result[feld] = {"alt": a, "neu": n}
    return result


def protokolliere(
    aktion: str,
    *,
    objekt: models.Model | None = None,
    organisation_id: int | None = None,
    alt: Mapping[str, Any] | None = None,
    neu: Mapping[str, Any] | None = None,
    daten: Mapping[str, Any] | None = None,
) -> Protokolleintrag:
    """Append one entry to the organisation's chain (or the system chain)."""
    if "." not in aktion:
        raise ValueError("Aktionen heißen 'objekt.ereignis', z. B. 'organisationseinheit.angelegt'")
    zugriff = aktueller_zugriff()
    if organisation_id is None and objekt is not None:
        organisation_id = getattr(objekt, "organisation_id", None)
    inhalt = aenderungen(alt, neu)
    if daten:
        inhalt.update({str(k): _json_wert(v) for k, v in daten.items()})
    if zugriff is None:
        benutzername, benutzer_id, request_id = "system", None, ""
    else:
        if zugriff.benutzer_id is not None:
            benutzername = zugriff.benutzername  # a person, also when acting with system rights
        elif zugriff.system:
            benutzername = f"system ({zugriff.grund})"[:150] if zugriff.grund else "system"
        else:
            benutzername = zugriff.benutzername or "anonym"
        benutzer_id, request_id = zugriff.benutzer_id, zugriff.request_id
    with transaction.atomic():
        kette = _kette_gesperrt(organisation_id)
        eintrag = Protokolleintrag(
            kette=kette,
            nummer=kette.laenge + 1,
            zeitpunkt=timezone.now(),
            organisation_id=organisation_id,
            benutzer_id=benutzer_id,
            benutzername=benutzername,
            aktion=aktion,
            objekt_typ=objekt._meta.label_lower if objekt is not None else "",
            objekt_id=str(objekt.pk) if objekt is not None and objekt.pk is not None else "",
            objekt_text=str(objekt)[:300] if objekt is not None else "",
            aenderungen=inhalt,
            request_id=request_id[:64],
            vorher_hash=kette.letzter_hash or GENESIS,
        )
        eintrag.hash = berechne_hash(eintrag, kette.schluessel)
        eintrag.save()
        kette.laenge = eintrag.nummer
        kette.letzter_hash = eintrag.hash
        kette.save(update_fields=["laenge", "letzter_hash"])
    return eintrag


@dataclass(frozen=True)
class Befund:
    kette: str
    nummer: int | None
    eintrag_id: int | None
    meldung: str

    def __str__(self) -> str:
        wo = f"Kette {self.kette}"
        if self.nummer is not None:
            wo += f", Eintrag Nr. {self.nummer} (id {self.eintrag_id})"
        return f"{wo}: {self.meldung}"


@dataclass(frozen=True)
class Pruefergebnis:
    ketten: int
    eintraege: int
    befund: Befund | None

    @property
    def in_ordnung(self) -> bool:
        return self.befund is None


def _pruefe_kette(kette: Protokollkette) -> tuple[int, Befund | None]:
    vorher = GENESIS
    erwartet = 1
    eintraege: Iterator[Protokolleintrag] = (
        Protokolleintrag._base_manager.filter(kette=kette).order_by("nummer").iterator(chunk_size=2000)
    )
    anzahl = 0
    for eintrag in eintraege:
        anzahl += 1
        if eintrag.nummer != erwartet:
            return anzahl, Befund(
                kette.schluessel,
                erwartet,
                None,
                f"Eintrag fehlt (nächster vorhandener ist Nr. {eintrag.nummer}) – gelöscht?",
            )
        if eintrag.vorher_hash != vorher:
            return anzahl, Befund(
                kette.schluessel,
                eintrag.nummer,
                eintrag.pk,
                "Verkettung zum Vorgänger ist unterbrochen.",
            )
        if berechne_hash(eintrag, kette.schluessel) != eintrag.hash:
            return anzahl, Befund(
                kette.schluessel,
                eintrag.nummer,
                eintrag.pk,
                "Inhalt passt nicht zum Hash – Eintrag wurde verändert.",
            )
        if _schluessel(eintrag.organisation_id) != kette.schluessel:
            return anzahl, Befund(
                kette.schluessel,
                eintrag.nummer,
                eintrag.pk,
                "Eintrag gehört zu einer anderen Organisation.",
            )
        vorher = eintrag.hash
        erwartet += 1
    if anzahl != kette.laenge or (anzahl and vorher != kette.letzter_hash):
        return anzahl, Befund(
            kette.schluessel,
            None,
            None,
            f"Kette hat {anzahl} Einträge, erwartet {kette.laenge} – Einträge am Ende gelöscht?",
        )
    return anzahl, None


def pruefe_ketten(organisation_id: int | None = None, *, alle: bool = True) -> Pruefergebnis:
    """Verify every chain (or one organisation's) and report the first broken entry."""
    ketten = Protokollkette.objects.order_by("schluessel")
    if not alle:
        ketten = ketten.filter(schluessel=_schluessel(organisation_id))
    gesamt = 0
    anzahl_ketten = 0
    for kette in ketten:
        anzahl_ketten += 1
        anzahl, befund = _pruefe_kette(kette)
        gesamt += anzahl
        if befund:
            return Pruefergebnis(anzahl_ketten, gesamt, befund)
    return Pruefergebnis(anzahl_ketten, gesamt, None)
