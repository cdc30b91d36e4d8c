#!/usr/bin/env python3
"""Latency of the public registry pages (municipalities, cooperation maps) under concurrent clients
(see bench/README.md)."""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ZIELE = {
    "Grundlinie: statische Datei": "/static/rathausnetz/rathausnetz.css",
    "Verzeichnis (Seite 3, Filter)": "/kommunen/?land=14&sort=-einwohner&seite=3",
    "Verzeichnis (Namenssuche)": "/kommunen/?q=Loessnitz",
    "Detailseite mit Karten": "/kommunen/14521210/",
    "API-Liste (100, Kreis)": "/api/kommunen?kreis=14521&limit=100",
    "IKZ-Karte Verbände (Sachsen)": "/ikz/karte/",
    "IKZ-Karte Anzahl (Sachsen-Anhalt)": "/ikz/karte/?ansicht=anzahl&land=15",
    "IKZ-Register mit Karte": "/ikz/",
    "Partnersuche-API": "/api/partnersuche?kommune=14521210&aufgabenbereich=standesamt",
}


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rathausnetz(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "rathausnetz", *args], env=env, check=True, capture_output=True)


def abrufen(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as antwort:
        antwort.read()
        if antwort.status != 200:
            raise RuntimeError(f"{url}: {antwort.status}")
    return (time.perf_counter() - start) * 1000


def ab_messen(url: str, clients: int, anfragen: int) -> tuple[float, float, float, float]:
    """p50, p95, max (ms) and requests/s from ApacheBench, which costs the server no CPU of ours."""
    ausgabe = subprocess.run(
        ["ab", "-q", "-n", str(anfragen), "-c", str(clients), url], capture_output=True, text=True, check=True
    ).stdout
    werte = {int(p): float(ms) for p, ms in re.findall(r"^\s+(\d+)%\s+(\d+)", ausgabe, re.M)}
    rps = float(re.search(r"Requests per second:\s+([\d.]+)", ausgabe).group(1))
    fehler = int(re.search(r"Failed requests:\s+(\d+)", ausgabe).group(1))
    if fehler or "Non-2xx" in ausgabe:
        raise RuntimeError(f"{url}: fehlgeschlagene Anfragen\n{ausgabe}")
    return werte[50], werte[95], werte[100], rps


def python_messen(url: str, clients: int, anfragen: int) -> tuple[float, float, float, float]:
    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        zeiten = list(pool.map(abrufen, [url] * anfragen))
    dauer = time.perf_counter() - start
    return statistics.median(zeiten), perzentil(zeiten, 95), max(zeiten), anfragen / dauer


def perzentil(werte: list[float], p: float) -> float:
    werte = sorted(werte)
    return werte[min(len(werte) - 1, round(p / 100 * (len(werte) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--anfragen", type=int, default=400, help="Anfragen je Ziel")
    parser.add_argument(
        "--prozesse",
        type=int,
        nargs="+",
        default=[1, min(2 * (os.cpu_count() or 1) + 1, 9)],
        help="Web-Prozesse, je ein Lauf (Standard: 1 und die Voreinstellung von serve)",
    )
    args = parser.parse_args()

    ordner = tempfile.mkdtemp(prefix="rn-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RATHAUSNETZ_")}
    env["RATHAUSNETZ_DATA_DIR"] = ordner
    datenbank = None
    if args.db == "postgresql":
        import psycopg

        datenbank = f"rn_bench_{secrets.token_hex(4)}"
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{datenbank}"')
        env["RATHAUSNETZ_DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{datenbank}"
    messen = ab_messen if shutil.which("ab") else python_messen
    werkzeug = (
        "ApacheBench (ab)"
        if messen is ab_messen
        else "Python-Threads (ab fehlt: apt-get install apache2-utils)"
    )
    server = None
    try:
        rathausnetz(env, "migrate", "--noinput")
        rathausnetz(env, "kommunen-laden")
        rathausnetz(env, "ikz-laden")
        print(
            f"Datenbank: {args.db}; {args.clients} gleichzeitige Clients; {args.anfragen} Anfragen je Ziel; "
            f"Last: {werkzeug}; {os.cpu_count()} Kerne"
        )
        for prozesse in args.prozesse:
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
                    str(prozesse),
                ],
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
            print(f"\nrathausnetz serve --prozesse {prozesse}")
            print(f"{'Ziel':34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'Anfr./s':>8} {'p95/Grundl.':>11}")
            grundlinie = None
            for name, pfad in ZIELE.items():
                for _ in range(5):
                    abrufen(basis + pfad)  # warm caches
                p50, p95, spitze, rps = messen(basis + pfad, args.clients, args.anfragen)
                grundlinie = grundlinie or max(p95, 1.0)
                print(f"{name:34} {p50:8.1f} {p95:8.1f} {spitze:8.1f} {rps:8.0f} {p95 / grundlinie:11.1f}")
            server.terminate()
            server.wait(timeout=30)
            server = None
    finally:
        if server:
            server.terminate()
            server.wait(timeout=20)
        if datenbank:
            import psycopg

            with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{datenbank}" WITH (FORCE)')


if __name__ == "__main__":
    main()
