#!/usr/bin/env python3
"""Public event page and registration under 50 concurrent clients; export of 1,000 registrations.

Fresh installation with demo data, the embedded server (`rathausnetz serve`); registrations go
through the public API (each with its own e-mail address), like a rush when registration opens.
Baseline in the same run: the same number of requests for a static file of the same server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import last
from kommunen_bench import abrufen, freier_port, perzentil, rathausnetz


def anmeldung(url: str, nummer: int) -> tuple[str, int, bytes]:
    return last.anfrage_json(
        url,
        {
            "name": f"Teilnehmerin {nummer}",
            "email": f"person{nummer}@bench.example",
            "rolle": "fachkraft",
            "organisation": "Gemeindeverwaltung Bench",
            "einwilligung": True,
        },
    )


def zeile(name: str, ergebnisse: list[tuple[float, int]], erwartet: int) -> None:
    zeiten = [ms for ms, _ in ergebnisse]
    fehler = sum(1 for _, status in ergebnisse if status != erwartet)
    print(
        f"{name:46} {statistics.median(zeiten):8.1f} {perzentil(zeiten, 95):8.1f} {max(zeiten):8.1f}"
        f" {len(zeiten):6}{'  FEHLER: ' + str(fehler) if fehler else ''}"
    )


def export_messen(env: dict, anzahl: int) -> None:
    """In a separate process on the same database: 1,000 confirmed registrations, then the exports."""
    skript = f"""
import time, django
django.setup()
from django.test import Client
from django.contrib.auth import get_user_model
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.zugang.kontext import systemzugriff
from django.utils import timezone
with systemzugriff("bench"):
    v = Veranstaltung.objects.filter(art="fachveranstaltung").first()
    v.kapazitaet = {anzahl}
    v.save(update_fields=["kapazitaet"])
    Anmeldung._base_manager.bulk_create([
        Anmeldung(veranstaltung=v, name=f"Export {{i}}", email=f"export{{i}}@bench.example",
                  email_schluessel=f"export{{i}}@bench.example", organisation_text="Gemeinde Bench",
                  rolle="buergermeister", status="angemeldet", token_hash="x", bestaetigt_am=timezone.now(),
                  platz_seit=timezone.now())
        for i in range({anzahl})])
    n = Anmeldung._base_manager.filter(veranstaltung=v).exclude(status="unbestaetigt").count()
c = Client(SERVER_NAME="127.0.0.1")
c.force_login(get_user_model().objects.get(username="dora"))
for endung in ("csv", "xlsx"):
    zeiten = []
    for _ in range(5):
        t = time.perf_counter()
        r = c.get(f"/veranstaltungen/{{v.pk}}/teilnehmende.{{endung}}")
        assert r.status_code == 200, r.status_code
        zeiten.append(time.perf_counter() - t)
    print(f"Export {{endung.upper():4}} ({{n}} Anmeldungen): bester {{min(zeiten):.2f}} s, schlechtester {{max(zeiten):.2f}} s")
"""
    subprocess.run(
        [sys.executable, "-c", skript],
        env=env | {"DJANGO_SETTINGS_MODULE": "rathausnetz.settings"},
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--anmeldungen", type=int, default=500)
    parser.add_argument("--prozesse", type=int, help="Web-Prozesse (Standard: wie `rathausnetz serve`)")
    parser.add_argument("--export", type=int, default=1000)
    args = parser.parse_args()

    ordner = tempfile.mkdtemp(prefix="rn-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATHAUSNETZ_")}
    env |= {"RATHAUSNETZ_DATA_DIR": ordner, "RATHAUSNETZ_DEMO_PASSWORD": "Bench-Passwort-2026!"}
    rathausnetz(env, "migrate", "--noinput")
    rathausnetz(env, "kommunen-laden")
    rathausnetz(env, "ikz-laden")
    rathausnetz(env, "demo")
    port = freier_port()
    basis = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "rathausnetz",
            "serve",
            "--port",
            str(port),
            "--ohne-worker",
            *(["--prozesse", str(args.prozesse)] if args.prozesse else []),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                abrufen(basis + "/veranstaltungen/")
                break
            except OSError:
                time.sleep(0.2)
        with urllib.request.urlopen(basis + "/api/veranstaltungen", timeout=30) as antwort:
            veranstaltung = next(v for v in json.load(antwort) if v["art"] == "fachveranstaltung")
        seite = f"{basis}/veranstaltungen/{veranstaltung['id']}/"
        for _ in range(5):
            abrufen(seite)
        prozesse = args.prozesse or f"{os.cpu_count() + 1} (Standard)"
        print(
            f"serve mit {prozesse} Prozessen, SQLite, {os.cpu_count()} Kerne; Last aus einer asyncio-Schleife"
        )
        statisch = last.anfrage_get(basis + "/static/rathausnetz/rathausnetz.css")
        api = f"{basis}/api/veranstaltungen/{veranstaltung['id']}/anmeldungen"
        c, runden = args.clients, args.anmeldungen // args.clients
        print(f"\nAnsturm: {runden} Runden, in jeder beginnen {c} Besucher im selben Augenblick")
        print(f"{'Ziel':46} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'Anzahl':>6}")
        (grundlinie,) = asyncio.run(last.ansturm([[[statisch]] * c] * runden))
        zeile("Grundlinie: statische Datei", grundlinie, 200)
        seiten, anmeldungen = asyncio.run(
            last.ansturm(
                [
                    [[last.anfrage_get(seite), anmeldung(api, r * c + i)] for i in range(c)]
                    for r in range(runden)
                ]
            )
        )
        zeile("Veranstaltungsseite (öffentlich)", seiten, 200)
        zeile("Anmeldung danach (API, je eigene Adresse)", anmeldungen, 201)

        n = args.anmeldungen
        print(f"\nDauerlast: {c} Clients senden ohne Pause, {n} Anfragen je Ziel")
        print(f"{'Ziel':46} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'Anzahl':>6}")
        zeile("Grundlinie: statische Datei", asyncio.run(last.dauerlast([statisch] * n, c)), 200)
        zeile(
            "Veranstaltungsseite (öffentlich)",
            asyncio.run(last.dauerlast([last.anfrage_get(seite)] * n, c)),
            200,
        )
        zeile(
            "Anmeldung (API, je eigene Adresse)",
            asyncio.run(last.dauerlast([anmeldung(api, n + i) for i in range(n)], c)),
            201,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    export_messen(env, args.export)


if __name__ == "__main__":
    main()
