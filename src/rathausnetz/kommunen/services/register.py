"""Loading the bundled registry (``kommunen/daten``) into the database, idempotently.

Rows are matched by their official keys (Land code, Kreis AGS, ARS, AGS) and only written when a
value differs, so running ``./run`` again changes nothing and the audit log stays quiet.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction

from rathausnetz.kommunen.models import (
    Bevoelkerungsstand,
    Gemeindeverband,
    Kommune,
    Kreis,
    Land,
    Nachbarschaft,
)
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.suche.normaliser import name_key

DATEN = Path(__file__).resolve().parent.parent / "daten"
QUELLE_GV100AD = "Destatis GV100AD, Gebietsstand 30.11.2025 (dl-de/by-2-0)"


@dataclass
class Abgleich:
    """What one load or import changed, per model."""

    neu: dict[str, int] = field(default_factory=dict)
    geaendert: dict[str, int] = field(default_factory=dict)
    sonstiges: dict[str, int] = field(default_factory=dict)
    hinweise: list[str] = field(default_factory=list)

    def zaehle(self, art: str, neu: int, geaendert: int) -> None:
        self.neu[art] = self.neu.get(art, 0) + neu
        self.geaendert[art] = self.geaendert.get(art, 0) + geaendert

    @property
    def hat_aenderungen(self) -> bool:
        return any(self.neu.values()) or any(self.geaendert.values()) or any(self.sonstiges.values())

    def als_dict(self) -> dict[str, Any]:
        return {"neu": self.neu, "geaendert": self.geaendert, **self.sonstiges}

    def __str__(self) -> str:
        teile = [
            f"{art}: {self.neu.get(art, 0)} neu, {self.geaendert.get(art, 0)} geändert" for art in self.neu
        ]
        teile += [f"{k}: {v}" for k, v in self.sonstiges.items()]
        return "; ".join(teile) + "".join(f" {h}" for h in self.hinweise)


def abgleichen(
    model: type[models.Model],
    key: str,
    soll: dict[str, dict[str, Any]],
    abgleich: Abgleich,
    art: str,
    *,
    nur_neue: bool = False,
) -> dict[str, models.Model]:
    """Create or update rows so that ``model`` holds ``soll`` (key value → field values).

    ``nur_neue`` only adds missing rows and leaves existing ones as they are.
    """
    vorhanden = {getattr(obj, key): obj for obj in model._base_manager.filter(**{f"{key}__in": list(soll)})}
    neu, geaendert, felder = [], [], set()
    for schluessel, werte in soll.items():
        obj = vorhanden.get(schluessel)
        if obj is None:
            neu.append(model(**{key: schluessel}, **werte))
            continue
        if nur_neue:
            continue
        diff = {f for f, v in werte.items() if getattr(obj, f) != v}
        if diff:
            for f in diff:
                setattr(obj, f, werte[f])
            geaendert.append(obj)
            felder |= diff
    model._base_manager.bulk_create(neu, batch_size=500)
    if geaendert:
        model._base_manager.bulk_update(geaendert, sorted(felder), batch_size=500)
    abgleich.zaehle(art, len(neu), len(geaendert))
    return {getattr(obj, key): obj for obj in model._base_manager.filter(**{f"{key}__in": list(soll)})}


def _csv(name: str) -> list[dict[str, str]]:
    with (DATEN / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _datum(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def version() -> str:
    return json.loads((DATEN / "stand.json").read_text(encoding="utf-8"))["version"]


def bevoelkerung_abgleichen(eintraege: Iterable[Bevoelkerungsstand], abgleich: Abgleich) -> None:
    eintraege = list(eintraege)
    vorhanden = {
        (b.kommune_id, b.stichtag): b
        for b in Bevoelkerungsstand.objects.filter(kommune_id__in={e.kommune_id for e in eintraege})
    }
    neu, geaendert = [], []
    felder = ["einwohner", "einwohner_maennlich", "einwohner_weiblich", "flaeche_km2", "quelle"]
    for e in eintraege:
        alt = vorhanden.get((e.kommune_id, e.stichtag))
        if alt is None:
            neu.append(e)
        elif any(getattr(alt, f) != getattr(e, f) for f in felder):
            for f in felder:
                setattr(alt, f, getattr(e, f))
            geaendert.append(alt)
    Bevoelkerungsstand.objects.bulk_create(neu, batch_size=500)
    Bevoelkerungsstand.objects.bulk_update(geaendert, felder, batch_size=500)
    abgleich.zaehle("Bevölkerungsstände", len(neu), len(geaendert))


def sitzgemeinden_setzen(sitz_nach_ars: dict[str, str | None], abgleich: Abgleich) -> None:
    kommunen = dict(
        Kommune.objects.filter(ags__in=[a for a in sitz_nach_ars.values() if a]).values_list("ags", "pk")
    )
    geaendert = 0
    for verband in Gemeindeverband.objects.filter(ars__in=list(sitz_nach_ars)):
        soll = kommunen.get(sitz_nach_ars[verband.ars] or "")
        if verband.sitzgemeinde_id != soll:
            verband.sitzgemeinde_id = soll
            verband.save(update_fields=["sitzgemeinde"])
            geaendert += 1
    abgleich.zaehle("Sitzgemeinden", 0, geaendert)


@transaction.atomic
def lade_register() -> Abgleich:
    """Bring the database in line with the bundled registry files.

    After an import of a newer Gemeindeverzeichnis the database is ahead of the bundled files; then
    only missing rows are added, so that a restart never rolls the registry back.
    """
    abgleich = Abgleich()
    stand = dt.date.fromisoformat(
        json.loads((DATEN / "stand.json").read_text(encoding="utf-8"))["gebietsstand"]
    )
    nur_neue = Kommune.objects.filter(gebietsstand__gt=stand).exists()
    if nur_neue:
        abgleich.hinweise.append(
            "Das Register ist neuer als die mitgelieferten Daten; nur Fehlendes ergänzt."
        )
    laender = abgleichen(
        Land,
        "code",
        {r["code"]: {"name": r["name"], "kurz": r["kurz"]} for r in _csv("laender.csv")},
        abgleich,
        "Länder",
        nur_neue=nur_neue,
    )
    kreise = abgleichen(
        Kreis,
        "ags",
        {
            r["ags"]: {
                "name": r["name"],
                "typ": r["typ"],
                "sitz": r["sitz"],
                "land_id": laender[r["land"]].pk,
            }
            for r in _csv("kreise.csv")
        },
        abgleich,
        "Kreise",
        nur_neue=nur_neue,
    )
    verband_rows = _csv("verbaende.csv")
    verbaende = abgleichen(
        Gemeindeverband,
        "ars",
        {
            r["ars"]: {
                "name": r["name"],
                "typ": r["typ"],
                "sitz": r["sitz"],
                "kreis_id": kreise[r["kreis"]].pk,
            }
            for r in verband_rows
        },
        abgleich,
        "Gemeindeverbände",
        nur_neue=nur_neue,
    )
    with gzip.open(DATEN / "grenzen.json.gz", "rt", encoding="utf-8") as handle:
        grenzen = json.load(handle)
    gemeinden = _csv("gemeinden.csv")
    kommunen = abgleichen(
        Kommune,
        "ags",
        {
            r["ags"]: {
                "ars": r["ars"],
                "name": r["name"],
                "name_amtlich": r["name_amtlich"],
                "suchname": name_key(r["name_amtlich"]),
                "typ": r["typ"],
                "land_id": laender[r["ags"][:2]].pk,
                "kreis_id": kreise[r["kreis"]].pk,
                "gemeindeverband_id": verbaende[r["verband"]].pk,
                "einwohner": int(r["einwohner"]),
                "einwohner_maennlich": int(r["einwohner_maennlich"]),
                "einwohner_weiblich": int(r["einwohner_weiblich"]),
                "einwohner_stichtag": _datum(r["einwohner_stichtag"]),
                "flaeche_km2": Decimal(r["flaeche_km2"]).quantize(Decimal("0.01")),
                "flaeche_stichtag": _datum(r["flaeche_stichtag"]),
                "plz": r["plz"],
                "plz_mehrere": r["plz_mehrere"] == "1",
                "lat": float(r["lat"]),
                "lon": float(r["lon"]),
                "verstaedterung": int(r["verstaedterung"]),
                "grenze": grenzen[r["ags"]],
                "gebietsstand": _datum(r["gebietsstand"]),
                "aktiv": True,
            }
            for r in gemeinden
        },
        abgleich,
        "Kommunen",
        nur_neue=nur_neue,
    )
    if not nur_neue:
        sitzgemeinden_setzen({r["ars"]: r["sitz_ags"] or None for r in verband_rows}, abgleich)
    bevoelkerung_abgleichen(
        (
            Bevoelkerungsstand(
                kommune_id=kommunen[r["ags"]].pk,
                stichtag=_datum(r["einwohner_stichtag"]),
                einwohner=int(r["einwohner"]),
                einwohner_maennlich=int(r["einwohner_maennlich"]),
                einwohner_weiblich=int(r["einwohner_weiblich"]),
                flaeche_km2=Decimal(r["flaeche_km2"]).quantize(Decimal("0.01")),
                quelle=QUELLE_GV100AD,
            )
            for r in gemeinden
        ),
        abgleich,
    )
    _nachbarn_abgleichen({k: v.pk for k, v in kommunen.items()}, abgleich)
    if abgleich.hat_aenderungen:
        protokolliere("kommunen.register_geladen", daten={"version": version(), **abgleich.als_dict()})
    return abgleich


def _nachbarn_abgleichen(pk_nach_ags: dict[str, int], abgleich: Abgleich) -> None:
    soll: dict[tuple[int, str], dict[str, Any]] = {}
    for r in _csv("nachbarn.csv"):
        laenge = Decimal(r["grenzlaenge_km"]).quantize(Decimal("0.01"))
        for eigen, fremd in (("a", "b"), ("b", "a")):
            pk = pk_nach_ags.get(r[f"ags_{eigen}"])
            if pk is None:
                continue  # the pair's other side is outside Saxony and Saxony-Anhalt
            soll[(pk, r[f"ags_{fremd}"])] = {
                "nachbar_id": pk_nach_ags.get(r[f"ags_{fremd}"]),
                "nachbar_name": r[f"name_{fremd}"],
                "nachbar_land": r[f"land_{fremd}"],
                "grenzlaenge_km": laenge,
            }
    vorhanden = {(n.kommune_id, n.nachbar_ags): n for n in Nachbarschaft.objects.all()}
    neu, geaendert = [], []
    for (pk, ags), werte in soll.items():
        alt = vorhanden.get((pk, ags))
        if alt is None:
            neu.append(Nachbarschaft(kommune_id=pk, nachbar_ags=ags, **werte))
        elif any(getattr(alt, f) != v for f, v in werte.items()):
            for f, v in werte.items():
                setattr(alt, f, v)
            geaendert.append(alt)
    Nachbarschaft.objects.bulk_create(neu, batch_size=1000)
    Nachbarschaft.objects.bulk_update(
        geaendert, ["nachbar_id", "nachbar_name", "nachbar_land", "grenzlaenge_km"]
    )
    abgleich.zaehle("Nachbarschaften", len(neu), len(geaendert))
