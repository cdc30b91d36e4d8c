#!/usr/bin/env python3
"""Regenerate the municipality registry files shipped inside the package.

Reads the prepared open data in ``../shared/data`` (Destatis GV100AD 30.11.2025, Destatis centroids,
VG250-derived boundaries and adjacency; see that folder's SOURCES.md) and writes compact files to
``src/rathausnetz/kommunen/daten/``. The running application reads only those files.

Usage: python scripts/kommunen_daten_erzeugen.py [QUELLVERZEICHNIS]
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rathausnetz.kommunen.sitz import sitzgemeinde_finden  # noqa: E402

TARGET = ROOT / "src" / "rathausnetz" / "kommunen" / "daten"

LAENDER = [("14", "Sachsen", "SN", "Dresden"), ("15", "Sachsen-Anhalt", "ST", "Magdeburg")]
GEMEINDETYP = {"61": "kreisfreie_stadt", "63": "stadt", "64": "gemeinde"}
VERBANDTYP = {
    "50": "verbandsfrei",
    "53": "verbandsgemeinde",
    "54": "verwaltungsgemeinschaft",
    "56": "verwaltungsverband",
}
KREISTYP = {"Landkreis": "landkreis", "Kreisfreie Stadt": "kreisfreie_stadt"}
# Boundaries keep 4 decimals (about 7 m east-west, 11 m north-south here): plenty for SVG maps.
PRECISION = 4


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, fieldnames: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def sitzgemeinde(sitz: str, members: list[dict], all_rows: list[dict], kreis_ags: str) -> str:
    """Find the municipality named as seat: a member first, else any of the same Kreis."""
    found = sitzgemeinde_finden(sitz, [members, [r for r in all_rows if r["kreis_ags"] == kreis_ags]])
    if sitz and found is None:
        raise SystemExit(f"Sitz {sitz!r} nicht eindeutig zuzuordnen")
    return found or ""


def rounded_ring(ring: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, PRECISION), round(lat, PRECISION)]
        if not out or out[-1] != point:
            out.append(point)
    return out


def main(source: Path) -> None:
    gemeinden = read_csv(source / "gemeinden_sn_st_2025.csv")
    verbaende = read_csv(source / "gemeindeverbaende_sn_st_2025.csv")
    kreise = read_csv(source / "kreise_sn_st_2025.csv")
    nachbarn = read_csv(source / "nachbarschaft_gemeinden_sn_st.csv")
    grenzen = json.loads((source / "gemeinden_sn_st_vg250.geojson").read_text(encoding="utf-8"))
    TARGET.mkdir(parents=True, exist_ok=True)
    by_ags = {r["ags"]: r for r in gemeinden}

    write_csv(
        TARGET / "laender.csv",
        ["code", "name", "kurz", "hauptstadt"],
        [dict(zip(["code", "name", "kurz", "hauptstadt"], land, strict=True)) for land in LAENDER],
    )
    write_csv(
        TARGET / "kreise.csv",
        ["ags", "name", "typ", "sitz", "land"],
        [
            {
                "ags": k["kreis_ags"],
                "name": k["kreis_name"],
                "typ": KREISTYP[k["kreis_typ"]],
                "sitz": k["kreis_sitz"],
                "land": k["kreis_ags"][:2],
            }
            for k in kreise
        ],
    )
    verband_rows = []
    for v in verbaende:
        members = [by_ags[a] for a in v["mitglieder_ags"].split(";")]
        typ = VERBANDTYP[v["verband_typ_code"]]
        verband_rows.append(
            {
                "ars": v["verband_ars"],
                "name": v["verband_name"],
                "typ": typ,
                "sitz": v["verband_sitz"],
                "sitz_ags": ""
                if typ == "verbandsfrei"
                else sitzgemeinde(v["verband_sitz"], members, gemeinden, v["kreis_ags"]),
                "kreis": v["kreis_ags"],
            }
        )
    write_csv(TARGET / "verbaende.csv", ["ars", "name", "typ", "sitz", "sitz_ags", "kreis"], verband_rows)
    write_csv(
        TARGET / "gemeinden.csv",
        [
            "ags",
            "ars",
            "name",
            "name_amtlich",
            "typ",
            "kreis",
            "verband",
            "flaeche_km2",
            "einwohner",
            "einwohner_maennlich",
            "einwohner_weiblich",
            "plz",
            "plz_mehrere",
            "lat",
            "lon",
            "verstaedterung",
            "gebietsstand",
            "einwohner_stichtag",
            "flaeche_stichtag",
        ],
        [
            {
                "ags": g["ags"],
                "ars": g["ars"],
                "name": g["name"],
                "name_amtlich": g["name_amtlich"],
                "typ": GEMEINDETYP[g["gemeindetyp_code"]],
                "kreis": g["kreis_ags"],
                "verband": g["verband_ars"],
                "flaeche_km2": g["flaeche_km2"],
                "einwohner": g["einwohner"],
                "einwohner_maennlich": g["einwohner_maennlich"],
                "einwohner_weiblich": g["einwohner_weiblich"],
                "plz": g["plz_verwaltungssitz"],
                "plz_mehrere": g["plz_mehrere"],
                "lat": g["lat"],
                "lon": g["lon"],
                "verstaedterung": int(g["verstaedterung_code"]),
                "gebietsstand": g["gebietsstand"],
                "einwohner_stichtag": g["einwohner_stichtag"],
                "flaeche_stichtag": g["flaeche_stichtag"],
            }
            for g in gemeinden
        ],
    )
    write_csv(
        TARGET / "nachbarn.csv",
        ["ags_a", "name_a", "land_a", "ags_b", "name_b", "land_b", "grenzlaenge_km"],
        [
            {key: n[key] for key in ("ags_a", "name_a", "land_a", "ags_b", "name_b", "land_b")}
            | {"grenzlaenge_km": n["grenzlaenge_km"]}
            for n in nachbarn
        ],
    )
    boundaries = {}
    for feature in grenzen["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] == "MultiPolygon", geometry["type"]
        boundaries[feature["properties"]["ags"]] = [
            [rounded_ring(ring) for ring in polygon] for polygon in geometry["coordinates"]
        ]
    missing = set(by_ags) - set(boundaries)
    if missing:
        raise SystemExit(f"Grenzen fehlen für {sorted(missing)}")
    payload = json.dumps(boundaries, separators=(",", ":"), sort_keys=True).encode()
    # mtime=0 keeps the archive byte-identical between runs.
    with gzip.GzipFile(TARGET / "grenzen.json.gz", "wb", mtime=0) as handle:
        handle.write(payload)

    digest = hashlib.sha256()
    for name in sorted(p.name for p in TARGET.glob("*") if p.name != "stand.json"):
        if name.endswith((".csv", ".gz")):
            digest.update((TARGET / name).read_bytes())
    (TARGET / "stand.json").write_text(
        json.dumps(
            {
                "gebietsstand": gemeinden[0]["gebietsstand"],
                "einwohner_stichtag": gemeinden[0]["einwohner_stichtag"],
                "version": digest.hexdigest()[:16],
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(gemeinden)} Gemeinden, {len(verband_rows)} Verbände, {len(kreise)} Kreise → {TARGET}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data")
