"""Reference data shipped with the app (legal forms, task areas, model catalogue) and the import of
the administrative unions from the municipality registry as active cooperations.

Both loaders are idempotent: running them again changes only what differs, so ``./run`` and
deployments may call them every time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from rathausnetz.ikz.models import (
    Aufgabenbereich,
    Kooperation,
    Kooperationsmitglied,
    Modell,
    Modellfassung,
    Rechtsform,
)
from rathausnetz.kommunen.models import Gemeindeverband
from rathausnetz.protokoll.services import protokolliere

DATEN = Path(__file__).resolve().parent.parent / "daten"
QUELLE_REGISTER = "Gemeindeverzeichnis GV100AD (Destatis), Gebietsstand 30.11.2025"

_RECHTSFORM_FELDER = (
    "name",
    "kurz",
    "land",
    "rechtsgrundlage",
    "rechtspersoenlichkeit",
    "rechtspersoenlichkeit_text",
    "genehmigungspflichtig",
    "genehmigung",
    "bekanntmachungspflichtig",
    "bekanntmachung",
    "neubildung_erlaubt",
    "neubildung_hinweis",
    "oeffentlich_rechtlich",
    "mindestmitglieder",
    "erlaeuterung",
    "ust_hinweis",
)
_BEREICH_FELDER = (
    "name",
    "beschreibung",
    "hoheitlich",
    "hoheitlich_grundlage",
    "ust_hinweis",
    "empfohlene_einwohner",
)
FASSUNG_FELDER = (
    "titel",
    "kurzbeschreibung",
    "aufgabe",
    "voraussetzungen",
    "schritte",
    "umlage_verfahren",
    "umlage_beschreibung",
    "ust_hinweise",
    "nutzen",
    "risiken",
    "empfohlene_einwohner",
)
_VERBANDSFORM = {
    Gemeindeverband.Typ.VERWALTUNGSGEMEINSCHAFT: "verwaltungsgemeinschaft",
    Gemeindeverband.Typ.VERWALTUNGSVERBAND: "verwaltungsverband",
    Gemeindeverband.Typ.VERBANDSGEMEINDE: "verbandsgemeinde",
}


@cache
def _json(name: str) -> list[dict[str, Any]]:
    return json.loads((DATEN / f"{name}.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Ladebericht:
    rechtsformen: int
    aufgabenbereiche: int
    modelle_neu: int
    modellfassungen_neu: int
    kooperationen_neu: int
    kooperationen_geaendert: int


def _fassungswerte(eintrag: dict[str, Any]) -> dict[str, Any]:
    umlage = eintrag.get("umlage") or {}
    return {
        "titel": eintrag["titel"],
        "kurzbeschreibung": eintrag.get("kurzbeschreibung", ""),
        "aufgabe": eintrag.get("aufgabe", ""),
        "voraussetzungen": list(eintrag.get("voraussetzungen", [])),
        "schritte": list(eintrag.get("schritte", [])),
        "umlage_verfahren": umlage.get("verfahren", "einwohner"),
        "umlage_beschreibung": umlage.get("beschreibung", ""),
        "ust_hinweise": eintrag.get("ust_hinweise", ""),
        "nutzen": list(eintrag.get("nutzen", [])),
        "risiken": list(eintrag.get("risiken", [])),
        "empfohlene_einwohner": eintrag.get("empfohlene_einwohner"),
    }


def fassung_anlegen(
    modell: Modell, werte: dict[str, Any], rechtsformen: list[str], notiz: str, von: str
) -> Modellfassung:
    """A new version of a fact sheet; the previous ones stay as they were."""
    letzte = modell.fassungen.order_by("-nummer").first()
    fassung = Modellfassung.objects.create(
        modell=modell,
        nummer=(letzte.nummer + 1) if letzte else 1,
        aenderungsnotiz=notiz,
        erstellt_von=von,
        **werte,
    )
    fassung.rechtsformen.set(Rechtsform.objects.filter(code__in=rechtsformen))
    modell.titel = werte["titel"]
    modell.aktuelle_fassung = fassung
    modell.save(update_fields=["titel", "aktuelle_fassung"])
    return fassung


def _gleich(fassung: Modellfassung | None, werte: dict[str, Any], rechtsformen: list[str]) -> bool:
    if fassung is None:
        return False
    if any(getattr(fassung, f) != werte[f] for f in FASSUNG_FELDER):
        return False
    return sorted(fassung.rechtsformen.values_list("code", flat=True)) == sorted(rechtsformen)


@transaction.atomic
def referenzdaten_laden() -> Ladebericht:
    """Legal forms, task areas and the team's model catalogue from ``daten/*.json``.

    A changed fact sheet in the shipped file becomes a new version; versions edited in the UI are
    kept — the shipped text only wins when it changed since the last load.
    """
    for i, eintrag in enumerate(_json("rechtsformen")):
        Rechtsform.objects.update_or_create(
            code=eintrag["code"], defaults={f: eintrag[f] for f in _RECHTSFORM_FELDER} | {"reihenfolge": i}
        )
    for i, eintrag in enumerate(_json("aufgabenbereiche")):
        Aufgabenbereich.objects.update_or_create(
            code=eintrag["code"],
            defaults={
                f: eintrag.get(f) if f == "empfohlene_einwohner" else eintrag.get(f, "")
                for f in _BEREICH_FELDER
            }
            | {"reihenfolge": i},
        )
    modelle_neu = fassungen_neu = 0
    bereiche = {b.code: b for b in Aufgabenbereich.objects.all()}
    for eintrag in _json("modelle"):
        modell, neu = Modell.objects.get_or_create(
            code=eintrag["code"],
            defaults={"titel": eintrag["titel"], "aufgabenbereich": bereiche[eintrag["aufgabenbereich"]]},
        )
        modelle_neu += neu
        werte = _fassungswerte(eintrag)
        rechtsformen = list(eintrag.get("rechtsformen", []))
        # compare with the version the shipped file produced last, not with UI edits
        ausgeliefert = modell.fassungen.filter(erstellt_von="Rathausnetz-Team").order_by("-nummer").first()
        if not _gleich(ausgeliefert, werte, rechtsformen):
            fassung_anlegen(
                modell,
                werte,
                rechtsformen,
                "Fassung des Rathausnetz-Teams" if neu else "aktualisierte Fassung des Rathausnetz-Teams",
                "Rathausnetz-Team",
            )
            fassungen_neu += 1
    neu, geaendert = verbaende_importieren()
    return Ladebericht(
        Rechtsform.objects.count(),
        Aufgabenbereich.objects.count(),
        modelle_neu,
        fassungen_neu,
        neu,
        geaendert,
    )


def verbaende_importieren() -> tuple[int, int]:
    """Verwaltungsgemeinschaften and Verwaltungsverbände (Saxony) and Verbandsgemeinden (Saxony-
    Anhalt) from the registry as active, public cooperations; ``(neu, geaendert)``."""
    formen = {r.code: r for r in Rechtsform.objects.filter(code__in=_VERBANDSFORM.values())}
    vorhanden = {
        k.gemeindeverband_id: k
        for k in Kooperation._base_manager.filter(gemeindeverband__isnull=False).prefetch_related(
            "mitglieder"
        )
    }
    neu = geaendert = 0
    verbaende = (
        Gemeindeverband.objects.exclude(typ=Gemeindeverband.Typ.VERBANDSFREI)
        .select_related("kreis")
        .prefetch_related("mitglieder")
        .order_by("ars")
    )
    for verband in verbaende:
        rechtsform = formen[_VERBANDSFORM[Gemeindeverband.Typ(verband.typ)]]
        titel = f"{verband.get_typ_display()} {verband.name}"
        soll = {
            (
                k.pk,
                Kooperationsmitglied.Rolle.FEDERFUEHREND
                if k.pk == verband.sitzgemeinde_id
                else Kooperationsmitglied.Rolle.MITGLIED,
            )
            for k in verband.mitglieder.all()
            if k.aktiv
        }
        kooperation = vorhanden.get(verband.pk)
        if kooperation is None:
            kooperation = Kooperation._base_manager.create(
                titel=titel,
                beschreibung=(
                    f"{verband.get_typ_display()} mit Sitz in {verband.sitz}." if verband.sitz else ""
                ),
                rechtsform=rechtsform,
                status=Kooperation.Status.AKTIV,
                sichtbarkeit=Kooperation.Sichtbarkeit.OEFFENTLICH,
                gemeindeverband=verband,
                quelle=QUELLE_REGISTER,
                geaendert_am=timezone.now(),
            )
            neu += 1
        else:
            ist = {(m.kommune_id, m.rolle) for m in kooperation.mitglieder.all()}
            if ist == soll and kooperation.titel == titel and kooperation.rechtsform_id == rechtsform.pk:
                continue
            kooperation.titel = titel
            kooperation.rechtsform = rechtsform
            kooperation.geaendert_am = timezone.now()
            kooperation.save(update_fields=["titel", "rechtsform", "geaendert_am"])
            Kooperationsmitglied._base_manager.filter(kooperation=kooperation).delete()
            geaendert += 1
        Kooperationsmitglied._base_manager.bulk_create(
            [
                Kooperationsmitglied(kooperation=kooperation, kommune_id=pk, rolle=rolle)
                for pk, rolle in sorted(soll)
            ]
        )
    if neu or geaendert:
        protokolliere(
            "kooperation.register_importiert",
            daten={"neu": neu, "geaendert": geaendert, "quelle": QUELLE_REGISTER},
        )
    return neu, geaendert
