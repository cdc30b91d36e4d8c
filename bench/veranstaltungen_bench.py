#!/usr/bin/env python3
"""Public event page and registration under 50 concurrent clients; export of 1,000 registrations.

Fresh installation with demo data, the embedded server (`rathausnetz serve`); registrations go
through the public API (each with its own e-mail address), like a rush when registration opens.
Baseline in the same run: the same number of requests for a static file of the same server.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from kommunen_bench import abrufen, freier_port, perzentil, rathausnetz


def anmelden(url: str, nummer: int) -> float:
    daten = json.dumps(
        {
            "name": f"Teilnehmerin {nummer}",
            "email": f"person{nummer}@bench.example",
            "rolle": "fachkraft",
            "organisation": "Gemeindeverwaltung Bench",
            "einwilligung": True,
        }
    ).encode()
    anfrage = urllib.request.Request(
        url, data=daten, headers={"Content-Type": "application/json"}, method="POST"
    )
    start = time.perf_counter()
    with urllib.request.urlopen(anfrage, timeout=30) as antwort:
        antwort.read()
        if antwort.status != 201:
            raise RuntimeError(f"Anmeldung {nummer}: {antwort.status}")
    return (time.perf_counter() - start) * 1000


def messen(funktion, argumente: list, clients: int) -> tuple[float, float, float]:
    with ThreadPoolExecutor(clients) as pool:
        zeiten = list(pool.map(lambda a: funktion(*a), argumente))
    return statistics.median(zeiten), perzentil(zeiten, 95), max(zeiten)


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
    parser.add_argument("--prozesse", type=int, default=min(2 * (os.cpu_count() or 1) + 1, 9))
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
            "--prozesse",
            str(args.prozesse),
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
        print(
            f"{args.clients} gleichzeitige Clients, serve mit {args.prozesse} Prozessen, SQLite, {os.cpu_count()} Kerne"
        )
        print(f"{'Ziel':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        n = args.anmeldungen
        for name, funktion, argumente in [
            ("Grundlinie: statische Datei", abrufen, [(basis + "/static/rathausnetz/rathausnetz.css",)] * n),
            ("Veranstaltungsseite (öffentlich)", abrufen, [(seite,)] * n),
            (
                "Anmeldung (API, je eigene Adresse)",
                anmelden,
                [(f"{basis}/api/veranstaltungen/{veranstaltung['id']}/anmeldungen", i) for i in range(n)],
            ),
        ]:
            p50, p95, spitze = messen(funktion, argumente, args.clients)
            print(f"{name:40} {p50:8.1f} {p95:8.1f} {spitze:8.1f}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    export_messen(env, args.export)


if __name__ == "__main__":
    main()
