#!/usr/bin/env python3
"""E-Akte under load: Akten list with many Akten, an Akte page with 500 documents, and (on
PostgreSQL) 1,000 Aktenzeichen drawn by 8 processes at once. See bench/README.md."""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import last
from kommunen_bench import abrufen, freier_port, perzentil

DATEN = """
import datetime as dt, hashlib
from django.db import transaction
from rathausnetz.akten.models import *
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kontext import systemzugriff
N = {n}
with systemzugriff("Bench"), transaction.atomic():
    org = Organisation.objects.get(name="Stadtverwaltung Geyer")
    eintraege = list(Aktenplaneintrag.objects.filter(organisation=org, aktiv=True))
    akten = []
    for i in range(N):
        e = eintraege[i % len(eintraege)]
        akten.append(Akte(organisation=org, aktenplaneintrag=e, aktenzeichen=f"B-{{e.kennzeichen}}-{{i:07d}}",
                          laufnummer=i + 1, jahr=2000 + i % 27, titel=f"Bench-Akte {{i}} zu {{e.titel}}",
                          eroeffnet_am=dt.date(2000 + i % 27, 1 + i % 12, 1 + i % 28)))
    Akte.objects.bulk_create(akten, batch_size=5000)
    gross = Akte.objects.filter(organisation=org).order_by("id").first()
    vorgang = Vorgang.objects.create(organisation=org, akte=gross, betreff="Bench: 500 Dokumente")
    datei, _ = Datei.objects.get_or_create(sha256=hashlib.sha256(b"bench").hexdigest(),
                                           defaults={{"groesse": 5, "mime_typ": "text/plain"}})
    doks = Dokument.objects.bulk_create([Dokument(organisation=org, vorgang=vorgang, betreff=f"Schreiben {{i}}")
                                         for i in range(500)])
    Dokumentversion.objects.bulk_create([Dokumentversion(organisation=org, dokument=d, nummer=1, datei=datei,
                                                         dateiname=f"s{{i}}.txt") for i, d in enumerate(doks)])
    print(gross.pk)
"""

SITZUNG = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
u = get_user_model().objects.get(username="bob")
s = SessionStore()
s[SESSION_KEY] = str(u.pk); s[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
s[HASH_SESSION_KEY] = u.get_session_auth_hash(); s.create(); print(s.session_key)
"""

ZIEHEN = """
from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.akten.services.akten import akte_anlegen
from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang.kontext import systemzugriff, verwaltungszugriff
with systemzugriff("Bench"):
    org = Organisation.objects.get(name="Stadtverwaltung Geyer")
with verwaltungszugriff(org.pk, "Bench"):
    e = Aktenplaneintrag.objects.get(kennzeichen="110")
    for i in range({n}):
        akte_anlegen(e, f"Parallel {{i}}")
"""

PRUEFEN = """
from rathausnetz.akten.models import Akte
from rathausnetz.zugang.kontext import systemzugriff
with systemzugriff("Bench"):
    n = sorted(Akte.objects.filter(aktenplaneintrag__kennzeichen="110", titel__startswith="Parallel")
               .values_list("laufnummer", flat=True))
    z = set(Akte.objects.filter(titel__startswith="Parallel").values_list("aktenzeichen", flat=True))
print(len(n), n == list(range(1, len(n) + 1)), len(z))
"""


def shell(env: dict, code: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "rathausnetz", "shell", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--akten", type=int, default=100_000)
    parser.add_argument(
        "--clients",
        type=lambda t: [int(x) for x in t.split(",")],
        default=[1, 5, 20],
        help="gleichzeitige Clients, mehrere mit Komma (Standard 1,5,20)",
    )
    parser.add_argument("--anfragen", type=int, default=400)
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("RATHAUSNETZ_")}
    env["RATHAUSNETZ_DATA_DIR"] = tempfile.mkdtemp(prefix="rn-akten-bench-")
    env["RATHAUSNETZ_DEMO_PASSWORD"] = "Bench-Passwort-1"
    datenbank = None
    if args.db == "postgresql":
        import psycopg

        datenbank = f"rn_bench_{secrets.token_hex(4)}"
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{datenbank}"')
        env["RATHAUSNETZ_DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{datenbank}"
    server = None
    try:
        for befehl in (["migrate", "--noinput"], ["demo"]):
            subprocess.run(
                [sys.executable, "-m", "rathausnetz", *befehl], env=env, check=True, capture_output=True
            )
        start = time.perf_counter()
        gross = shell(env, DATEN.format(n=args.akten)).splitlines()[-1]
        print(
            f"{args.akten} Akten und eine Akte mit 500 Dokumenten angelegt in {time.perf_counter() - start:.1f} s"
        )
        sitzung = shell(env, SITZUNG).splitlines()[-1]
        port = freier_port()
        basis = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "-m", "rathausnetz", "serve", "--port", str(port), "--ohne-worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(150):
            try:
                abrufen(basis + "/kommunen/")
                break
            except OSError:
                time.sleep(0.2)
        ziele = {
            "Grundlinie: statische Datei": "/static/rathausnetz/rathausnetz.css",
            f"Aktenliste ({args.akten} Akten), Seite 1": "/akten/?status=",
            "Aktenliste, gefiltert (Kennzeichen 6)": "/akten/?status=&kennzeichen=6",
            "Akte mit 500 Dokumenten": f"/akten/{gross}/",
        }
        for pfad in ziele.values():  # warm the processes
            asyncio.run(last.dauerlast([last.anfrage_get(basis + pfad, f"sessionid={sitzung}")] * 10, 5))
        for clients in args.clients:
            print(f"\nDatenbank {args.db}; {clients} gleichzeitige Clients; {args.anfragen} Anfragen je Ziel")
            print(f"{'Ziel':40} {'p50 ms':>8} {'p95 ms':>8} {'Anfr./s':>8}")
            for name, pfad in ziele.items():
                anfrage = last.anfrage_get(basis + pfad, f"sessionid={sitzung}")
                start = time.perf_counter()
                ergebnisse = asyncio.run(last.dauerlast([anfrage] * args.anfragen, clients))
                dauer = time.perf_counter() - start
                if any(status != 200 for _, status in ergebnisse):
                    raise RuntimeError(f"{pfad}: Antworten ohne 200")
                zeiten = [ms for ms, _ in ergebnisse]
                print(
                    f"{name:40} {statistics.median(zeiten):8.1f} {perzentil(zeiten, 95):8.1f}"
                    f" {len(zeiten) / dauer:8.0f}"
                )
        if args.db == "postgresql":
            start = time.perf_counter()
            prozesse = [
                subprocess.Popen(
                    [sys.executable, "-m", "rathausnetz", "shell", "-c", ZIEHEN.format(n=125)], env=env
                )
                for _ in range(8)
            ]
            codes = [p.wait() for p in prozesse]
            anzahl, lueckenlos, verschieden = shell(env, PRUEFEN).splitlines()[-1].split()
            print(
                f"8 Prozesse × 125 Aktenzeichen: Exit-Codes {set(codes)}, {anzahl} Akten, lückenlos={lueckenlos}, "
                f"verschiedene Aktenzeichen={verschieden}, {time.perf_counter() - start:.1f} s"
            )
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        if datenbank:
            import psycopg

            with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{datenbank}" WITH (FORCE)')


if __name__ == "__main__":
    main()
