"""Digitalisation projects of a municipality: recorded by its own administration or by the
network staff, linked to a Navigator, a coaching Lotse, best practices and IKZ models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from rathausnetz.ikz.models import Modell
from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.models import Digitalisierungsprojekt, Lotse, Navigator, Praxisbeispiel
from rathausnetz.netzwerk.services._gemeinsam import Fehler, melde, netzwerk_zugriff, pruefe_text, wirf
from rathausnetz.netzwerk.services.reifegrad.auswertung import eigene_kommunen
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht


@dataclass
class Projektdaten:
    titel: str
    ziel: str
    #: AGS of the municipality
    kommune: str
    status: str = Digitalisierungsprojekt.Status.IDEE
    navigator_id: int | None = None
    lotse_id: int | None = None
    praxisbeispiele: Sequence[int] = ()
    modelle: Sequence[str] = ()
    beginn: dt.date | None = None
    ende: dt.date | None = None


def kommunen_fuer(zugriff: Zugriff) -> list[Kommune]:
    """Municipalities the acting person may record projects for: network staff all Saxon ones,
    an administration its own."""
    if zugriff.darf(Recht.NETZWERK_VERWALTEN):
        return list(Kommune.objects.filter(land__code="14", aktiv=True).order_by("name"))
    return eigene_kommunen(zugriff.organisation_id)


def darf_bearbeiten(zugriff: Zugriff, projekt: Digitalisierungsprojekt | None = None) -> bool:
    if zugriff.system or zugriff.darf(Recht.NETZWERK_VERWALTEN):
        return True
    if not zugriff.darf(Recht.DATEN_BEARBEITEN):
        return False
    eigene = {k.pk for k in eigene_kommunen(zugriff.organisation_id)}
    return bool(eigene) and (projekt is None or projekt.kommune_id in eigene)


def _pruefen(daten: Projektdaten, zugriff: Zugriff) -> tuple[dict[str, object], list, list]:
    fehler: Fehler = {}
    werte: dict[str, object] = {
        "titel": pruefe_text(fehler, "titel", daten.titel, 200, "Bitte geben Sie einen Titel an."),
        "ziel": pruefe_text(
            fehler, "ziel", daten.ziel, 5_000, "Bitte beschreiben Sie das Ziel des Projekts."
        ),
        "beginn": daten.beginn,
        "ende": daten.ende,
    }
    if daten.status not in Digitalisierungsprojekt.Status.values:
        melde(fehler, "status", "Bitte wählen Sie einen gültigen Status.")
    werte["status"] = daten.status
    if daten.beginn and daten.ende and daten.ende < daten.beginn:
        melde(fehler, "ende", "Das Ende liegt vor dem Beginn.")
    kommune = next((k for k in kommunen_fuer(zugriff) if k.ags == (daten.kommune or "").strip()), None)
    if kommune is None:
        melde(fehler, "kommune", "Bitte wählen Sie eine Kommune, für die Sie Projekte erfassen dürfen.")
    werte["kommune"] = kommune
    werte["navigator"] = None
    if daten.navigator_id is not None:
        navigator = Navigator.objects.filter(pk=daten.navigator_id).first()
        if navigator is None or (kommune is not None and navigator.kommune_id != kommune.pk):
            melde(fehler, "navigator_id", "Die Navigatorin / der Navigator muss zu dieser Kommune gehören.")
        werte["navigator"] = navigator
    werte["lotse"] = None
    if daten.lotse_id is not None:
        werte["lotse"] = Lotse.objects.filter(pk=daten.lotse_id).first()
        if werte["lotse"] is None:
            melde(fehler, "lotse_id", "Unbekannte Lotsin / unbekannter Lotse.")
    beispiele = list(Praxisbeispiel.objects.filter(pk__in=list(daten.praxisbeispiele)))
    if len(beispiele) != len(set(daten.praxisbeispiele)):
        melde(fehler, "praxisbeispiele", "Unbekanntes Praxisbeispiel.")
    modelle = list(Modell.objects.filter(code__in=list(daten.modelle)))
    if len(modelle) != len(set(daten.modelle)):
        melde(fehler, "modelle", "Dieses Modell gibt es im Modellkatalog nicht.")
    wirf(fehler)
    return werte, beispiele, modelle


def _werte(projekt: Digitalisierungsprojekt) -> dict[str, object]:
    return {
        "titel": projekt.titel,
        "status": projekt.status,
        "kommune": projekt.kommune.ags,
        "navigator": str(projekt.navigator or ""),
        "lotse": str(projekt.lotse or ""),
        "praxisbeispiele": sorted(p.pk for p in projekt.praxisbeispiele.all()),
        "modelle": sorted(m.code for m in projekt.modelle.all()),
        "beginn": projekt.beginn,
        "ende": projekt.ende,
    }


def _zugriff_fuer(projekt: Digitalisierungsprojekt | None) -> Zugriff:
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    if not darf_bearbeiten(zugriff, projekt):
        raise PermissionDenied(
            "Projekte erfasst die Verwaltung der Kommune selbst oder die Servicestelle / die Digital-Lotsen."
        )
    return zugriff


@transaction.atomic
def projekt_anlegen(daten: Projektdaten) -> Digitalisierungsprojekt:
    zugriff = _zugriff_fuer(None)
    werte, beispiele, modelle = _pruefen(daten, zugriff)
    from rathausnetz.netzwerk.services.personen import verwaltung_fuer

    projekt = Digitalisierungsprojekt.objects.create(
        organisation=verwaltung_fuer(werte["kommune"]),  # type: ignore[arg-type]
        **werte,
    )
    projekt.praxisbeispiele.set(beispiele)
    projekt.modelle.set(modelle)
    protokolliere("digitalisierungsprojekt.angelegt", objekt=projekt, neu=_werte(projekt))
    return projekt


@transaction.atomic
def projekt_aendern(projekt: Digitalisierungsprojekt, daten: Projektdaten) -> Digitalisierungsprojekt:
    zugriff = _zugriff_fuer(projekt)
    alt = _werte(projekt)
    werte, beispiele, modelle = _pruefen(daten, zugriff)
    for feld, wert in werte.items():
        setattr(projekt, feld, wert)
    projekt.save()
    projekt.praxisbeispiele.set(beispiele)
    projekt.modelle.set(modelle)
    protokolliere("digitalisierungsprojekt.geaendert", objekt=projekt, alt=alt, neu=_werte(projekt))
    return projekt


@transaction.atomic
def projekt_loeschen(projekt: Digitalisierungsprojekt) -> None:
    """Network staff only: e.g. a project recorded twice or for the wrong municipality. The entry
    goes to the municipality's audit chain with everything the project said."""
    netzwerk_zugriff()
    protokolliere(
        "digitalisierungsprojekt.geloescht", objekt=projekt, alt={**_werte(projekt), "ziel": projekt.ziel}
    )
    projekt.delete()


def daten_von(projekt: Digitalisierungsprojekt) -> Projektdaten:
    return Projektdaten(
        titel=projekt.titel,
        ziel=projekt.ziel,
        kommune=projekt.kommune.ags,
        status=projekt.status,
        navigator_id=projekt.navigator_id,
        lotse_id=projekt.lotse_id,
        praxisbeispiele=[p.pk for p in projekt.praxisbeispiele.all()],
        modelle=[m.code for m in projekt.modelle.all()],
        beginn=projekt.beginn,
        ende=projekt.ende,
    )
