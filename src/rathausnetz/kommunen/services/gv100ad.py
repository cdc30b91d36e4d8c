"""Yearly update of the registry from an official Destatis GV100AD file.

The file is fixed width (220 characters per record, UTF-8). Record types used: 10 Land, 40 Kreis,
50 Gemeindeverband, 60 Gemeinde. Positions follow the Destatis record description (see
``docs/kommunen.md``). The whole file is parsed and checked before anything is written; the
import runs in one transaction, updates rows in place, keeps population history, marks
municipalities that disappeared (mergers) as inactive, and is idempotent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from rathausnetz.kommunen.models import Bevoelkerungsstand, Gemeindeverband, Kommune, Kreis, Land
from rathausnetz.kommunen.services.register import (
    Abgleich,
    abgleichen,
    bevoelkerung_abgleichen,
    sitzgemeinden_setzen,
)
from rathausnetz.kommunen.sitz import sitzgemeinde_finden
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.suche.normaliser import name_key

SATZLAENGE = 220
LAND_KUERZEL = {
    "01": "SH",
    "02": "HH",
    "03": "NI",
    "04": "HB",
    "05": "NW",
    "06": "HE",
    "07": "RP",
    "08": "BW",
    "09": "BY",
    "10": "SL",
    "11": "BE",
    "12": "BB",
    "13": "MV",
    "14": "SN",
    "15": "ST",
    "16": "TH",
}
KREISTYP = {
    "41": "kreisfreie_stadt",
    "42": "kreisfreie_stadt",
    "43": "landkreis",
    "44": "landkreis",
    "45": "landkreis",
}
VERBANDTYP = {
    "50": "verbandsfrei",
    "53": "verbandsgemeinde",
    "54": "verwaltungsgemeinschaft",
    "56": "verwaltungsverband",
}
GEMEINDETYP = {
    "60": "gemeinde",  # Markt
    "61": "kreisfreie_stadt",
    "62": "kreisfreie_stadt",
    "63": "stadt",
    "64": "gemeinde",
    "67": "stadt",
}
GEMEINDEFREI = {"65", "66"}  # gemeindefreie Gebiete: no municipality, not imported


class ImportFehler(Exception):
    """The file cannot be imported; names the line and the field."""

    def __init__(self, zeile: int, feld: str, meldung: str) -> None:
        self.zeile, self.feld, self.meldung = zeile, feld, meldung
        super().__init__(f"Zeile {zeile}, Feld „{feld}“: {meldung}")


@dataclass(frozen=True)
class Satz:
    zeile: int
    text: str

    def feld(self, von: int, bis: int) -> str:
        """Characters ``von``..``bis`` (1-based, inclusive, as in the Destatis description)."""
        return self.text[von - 1 : bis].strip()

    def ziffern(self, von: int, bis: int, name: str, *, leer_erlaubt: bool = False) -> str:
        wert = self.feld(von, bis)
        if not wert and leer_erlaubt:
            return ""
        if not (wert.isascii() and wert.isdigit()) or len(wert) != bis - von + 1:
            raise ImportFehler(self.zeile, name, f"erwartet {bis - von + 1} Ziffern, gefunden „{wert}“")
        return wert

    def zahl(self, von: int, bis: int, name: str) -> int:
        wert = self.feld(von, bis)
        if not (wert.isascii() and wert.isdigit()):
            raise ImportFehler(self.zeile, name, f"keine Zahl: „{wert}“")
        return int(wert)

    def text_feld(self, von: int, bis: int, name: str) -> str:
        wert = self.feld(von, bis)
        if not wert:
            raise ImportFehler(self.zeile, name, "ist leer")
        return wert

    def gebietsstand(self) -> dt.date:
        wert = self.ziffern(3, 10, "Gebietsstand")
        try:
            return dt.datetime.strptime(wert, "%Y%m%d").date()
        except ValueError:
            raise ImportFehler(self.zeile, "Gebietsstand", f"kein gültiges Datum: „{wert}“") from None


def saetze(path: Path) -> Iterator[Satz]:
    try:
        inhalt = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        zeile = path.read_bytes()[: error.start].count(b"\n") + 1
        raise ImportFehler(zeile, "Zeichenkodierung", "die Datei ist nicht UTF-8-kodiert") from None
    for nummer, zeile in enumerate(inhalt.splitlines(), start=1):
        if not zeile.strip():
            continue
        if len(zeile) > SATZLAENGE:
            raise ImportFehler(nummer, "Satzlänge", f"{len(zeile)} statt {SATZLAENGE} Zeichen")
        yield Satz(nummer, zeile.ljust(SATZLAENGE))


@dataclass
class Gv100Daten:
    gebietsstand: dt.date
    laender: dict[str, dict]
    kreise: dict[str, dict]
    verbaende: dict[str, dict]
    sitz: dict[str, str]
    gemeinden: dict[str, dict]


def lesen(path: Path, laender: tuple[str, ...]) -> Gv100Daten:
    """Parse and check the whole file; nothing is written here."""
    stand: dt.date | None = None
    daten = Gv100Daten(dt.date.min, {}, {}, {}, {}, {})
    for satz in saetze(path):
        art = satz.feld(1, 2)
        if art not in {"10", "20", "30", "40", "50", "60"}:
            raise ImportFehler(
                satz.zeile, "Satzart", f"unbekannt: „{art}“ (erwartet 10, 20, 30, 40, 50 oder 60)"
            )
        gebietsstand = satz.gebietsstand()
        if stand is None:
            stand = gebietsstand
        elif gebietsstand != stand:
            raise ImportFehler(
                satz.zeile,
                "Gebietsstand",
                f"{gebietsstand:%d.%m.%Y} weicht von {stand:%d.%m.%Y} ab",
            )
        land = satz.ziffern(11, 12, "Land")
        if land not in LAND_KUERZEL:
            raise ImportFehler(satz.zeile, "Land", f"unbekannter Landesschlüssel „{land}“")
        if land not in laender or art in {"20", "30"}:
            continue
        if art == "10":
            daten.laender[land] = {
                "name": satz.text_feld(23, 72, "Name"),
                "kurz": LAND_KUERZEL[land],
            }
        elif art == "40":
            kreis = satz.ziffern(11, 15, "Kreis")
            kennzeichen = satz.feld(123, 124)
            if kennzeichen not in KREISTYP:
                raise ImportFehler(
                    satz.zeile, "Textkennzeichen", f"unbekannt für einen Kreis: „{kennzeichen}“"
                )
            daten.kreise[kreis] = {
                "name": satz.text_feld(23, 72, "Name"),
                "sitz": satz.feld(73, 122),
                "typ": KREISTYP[kennzeichen],
                "land": land,
            }
        elif art == "50":
            ars = satz.ziffern(11, 15, "Kreis") + satz.ziffern(19, 22, "Gemeindeverband")
            kennzeichen = satz.feld(123, 124)
            if kennzeichen not in VERBANDTYP:
                raise ImportFehler(
                    satz.zeile,
                    "Textkennzeichen",
                    f"unbekannt für einen Gemeindeverband: „{kennzeichen}“",
                )
            daten.verbaende[ars] = {
                "name": satz.text_feld(23, 72, "Name"),
                "typ": VERBANDTYP[kennzeichen],
                "sitz": satz.feld(73, 122),
                "kreis": ars[:5],
            }
        else:
            ags = satz.ziffern(11, 18, "Gemeindeschlüssel")
            kennzeichen = satz.feld(123, 124)
            if kennzeichen in GEMEINDEFREI:
                continue
            if kennzeichen not in GEMEINDETYP:
                raise ImportFehler(
                    satz.zeile, "Textkennzeichen", f"unbekannt für eine Gemeinde: „{kennzeichen}“"
                )
            einwohner = satz.zahl(140, 150, "Bevölkerung insgesamt")
            maennlich = satz.zahl(151, 161, "Bevölkerung männlich")
            if maennlich > einwohner:
                raise ImportFehler(satz.zeile, "Bevölkerung männlich", "größer als die Bevölkerung insgesamt")
            name_amtlich = satz.text_feld(23, 72, "Name")
            daten.gemeinden[ags] = {
                "ars": ags[:5] + satz.ziffern(19, 22, "Gemeindeverband") + ags[5:],
                "verband": ags[:5] + satz.feld(19, 22),
                "name_amtlich": name_amtlich,
                "typ": GEMEINDETYP[kennzeichen],
                "flaeche_km2": (Decimal(satz.zahl(129, 139, "Fläche")) / 100).quantize(Decimal("0.01")),
                "einwohner": einwohner,
                "einwohner_maennlich": maennlich,
                "einwohner_weiblich": einwohner - maennlich,
                "plz": satz.ziffern(166, 170, "Postleitzahl", leer_erlaubt=True),
                "plz_mehrere": bool(satz.feld(171, 175)),
            }
    if stand is None:
        raise ImportFehler(1, "Datei", "enthält keine Sätze")
    daten.gebietsstand = stand
    if not daten.gemeinden:
        raise ImportFehler(1, "Datei", f"enthält keine Gemeinden der Länder {', '.join(laender)}")
    for ags, gemeinde in daten.gemeinden.items():
        if gemeinde["verband"] not in daten.verbaende:
            raise ImportFehler(
                0,
                "Gemeindeverband",
                f"Gemeinde {ags} nennt den unbekannten Verband {gemeinde['verband']}",
            )
        if ags[:5] not in daten.kreise:
            raise ImportFehler(0, "Kreis", f"Gemeinde {ags} liegt im unbekannten Kreis {ags[:5]}")
        if ags[:2] not in daten.laender:
            raise ImportFehler(0, "Land", f"Gemeinde {ags} liegt im unbekannten Land {ags[:2]}")
    for ars, verband in daten.verbaende.items():
        mitglieder = [
            {"ags": a, "name": g["name_amtlich"].split(",")[0]}
            for a, g in daten.gemeinden.items()
            if g["verband"] == ars
        ]
        kreis = [
            {"ags": a, "name": g["name_amtlich"].split(",")[0]}
            for a, g in daten.gemeinden.items()
            if a[:5] == verband["kreis"]
        ]
        if verband["typ"] != "verbandsfrei":
            daten.sitz[ars] = sitzgemeinde_finden(verband["sitz"], [mitglieder, kreis]) or ""
    return daten


def _vollstaendiger_name(neu: str, alt: str | None) -> str:
    """GV100AD cuts names at 50 characters; keep a longer known name that starts the same way."""
    if alt and len(neu) >= 45 and alt.startswith(neu) and len(alt) > len(neu):
        return alt
    return neu


def _verschwundene(bestehend: dict[str, Kommune], daten: Gv100Daten) -> list[Kommune]:
    """Active municipalities of the file's Kreise that the file no longer lists (mergers).

    Only Kreise present in the file count, so an excerpt never deactivates the rest of a Land; and
    a Kreis that loses more than half of its municipalities points to a truncated file, not to a
    reform, so the import stops.
    """
    verschwunden = [
        k
        for ags, k in bestehend.items()
        if k.aktiv and ags[:5] in daten.kreise and ags not in daten.gemeinden
    ]
    for kreis in {k.ags[:5] for k in verschwunden}:
        aktiv = sum(1 for ags, k in bestehend.items() if k.aktiv and ags[:5] == kreis)
        fehlend = sum(1 for k in verschwunden if k.ags[:5] == kreis)
        if fehlend * 2 > aktiv:
            raise ImportFehler(
                0,
                "Gemeinden",
                f"im Kreis {kreis} fehlen {fehlend} von {aktiv} Gemeinden – ist die Datei unvollständig?",
            )
    return verschwunden


@transaction.atomic
def importieren(
    path: Path,
    laender: tuple[str, ...] = ("14", "15"),
    bevoelkerung_stichtag: dt.date | None = None,
) -> tuple[Gv100Daten, Abgleich]:
    daten = lesen(path, laender)
    juengster = Kommune.objects.filter(land__code__in=laender).order_by("-gebietsstand").first()
    if juengster is not None and juengster.gebietsstand > daten.gebietsstand:
        raise ImportFehler(
            0,
            "Gebietsstand",
            f"die Datei ({daten.gebietsstand:%d.%m.%Y}) ist älter als das Register "
            f"({juengster.gebietsstand:%d.%m.%Y}); eine ältere Ausgabe würde es zurückdrehen",
        )
    stichtag = bevoelkerung_stichtag or dt.date(daten.gebietsstand.year - 1, 12, 31)
    quelle = f"Destatis GV100AD, Gebietsstand {daten.gebietsstand:%d.%m.%Y} (dl-de/by-2-0)"
    abgleich = Abgleich()
    land_pk = {k: v.pk for k, v in abgleichen(Land, "code", daten.laender, abgleich, "Länder").items()}
    kreis_pk = {
        k: v.pk
        for k, v in abgleichen(
            Kreis,
            "ags",
            {
                k: {
                    "name": v["name"],
                    "sitz": v["sitz"],
                    "typ": v["typ"],
                    "land_id": land_pk[v["land"]],
                }
                for k, v in daten.kreise.items()
            },
            abgleich,
            "Kreise",
        ).items()
    }
    verbandsnamen = dict(
        Gemeindeverband.objects.filter(ars__in=list(daten.verbaende)).values_list("ars", "name")
    )
    verband_pk = {
        k: v.pk
        for k, v in abgleichen(
            Gemeindeverband,
            "ars",
            {
                k: {
                    "name": _vollstaendiger_name(v["name"], verbandsnamen.get(k)),
                    "typ": v["typ"],
                    "sitz": v["sitz"],
                    "kreis_id": kreis_pk[v["kreis"]],
                }
                for k, v in daten.verbaende.items()
            },
            abgleich,
            "Gemeindeverbände",
        ).items()
    }
    bestehend = {k.ags: k for k in Kommune.objects.filter(land__code__in=laender)}
    soll = {}
    for ags, g in daten.gemeinden.items():
        alt = bestehend.get(ags)
        name_amtlich = _vollstaendiger_name(g["name_amtlich"], alt.name_amtlich if alt else None)
        werte = {
            "ars": g["ars"],
            "name": name_amtlich.split(",")[0].strip(),
            "name_amtlich": name_amtlich,
            "suchname": name_key(name_amtlich),
            "typ": g["typ"],
            "land_id": land_pk[ags[:2]],
            "kreis_id": kreis_pk[ags[:5]],
            "gemeindeverband_id": verband_pk[g["verband"]],
            "plz": g["plz"],
            "plz_mehrere": g["plz_mehrere"],
            "gebietsstand": daten.gebietsstand,
            "aktiv": True,
        }
        if alt is None or alt.einwohner_stichtag <= stichtag:
            werte |= {
                "einwohner": g["einwohner"],
                "einwohner_maennlich": g["einwohner_maennlich"],
                "einwohner_weiblich": g["einwohner_weiblich"],
                "einwohner_stichtag": stichtag,
                "flaeche_km2": g["flaeche_km2"],
                "flaeche_stichtag": stichtag,
            }
        soll[ags] = werte
    kommunen = abgleichen(Kommune, "ags", soll, abgleich, "Kommunen")
    verschwunden = _verschwundene(bestehend, daten)
    if verschwunden:
        Kommune.objects.filter(pk__in=[k.pk for k in verschwunden]).update(aktiv=False)
        abgleich.sonstiges["nicht mehr im Gebietsstand"] = len(verschwunden)
    sitzgemeinden_setzen(daten.sitz, abgleich)
    bevoelkerung_abgleichen(
        (
            Bevoelkerungsstand(
                kommune_id=kommunen[ags].pk,
                stichtag=stichtag,
                einwohner=g["einwohner"],
                einwohner_maennlich=g["einwohner_maennlich"],
                einwohner_weiblich=g["einwohner_weiblich"],
                flaeche_km2=g["flaeche_km2"],
                quelle=quelle,
            )
            for ags, g in daten.gemeinden.items()
        ),
        abgleich,
    )
    if abgleich.hat_aenderungen:
        protokolliere(
            "kommunen.gv100ad_importiert",
            daten={
                "datei": path.name,
                "gebietsstand": daten.gebietsstand,
                "stichtag": stichtag,
                **abgleich.als_dict(),
            },
        )
    return daten, abgleich
