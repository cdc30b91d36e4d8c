"""Light load generator: HTTP/1.1 over asyncio sockets, one connection per request.

Python threads with urllib cost the two cores of this machine several milliseconds per request
and the GIL serialises them, so with 50 clients the load generator itself became the queue being
measured (a static file took 75 ms at p95). Raw requests from one event loop cost a fraction of a
millisecond; what remains is the server's work.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Sequence
from urllib.parse import urlsplit


def anfrage_get(url: str, cookie: str = "") -> tuple[str, int, bytes]:
    teile = urlsplit(url)
    pfad = (teile.path or "/") + (f"?{teile.query}" if teile.query else "")
    kopf = f"Cookie: {cookie}\r\n" if cookie else ""
    roh = f"GET {pfad} HTTP/1.1\r\nHost: {teile.netloc}\r\nConnection: close\r\n{kopf}\r\n"
    return teile.hostname or "127.0.0.1", teile.port or 80, roh.encode()


def anfrage_json(url: str, daten: object) -> tuple[str, int, bytes]:
    teile = urlsplit(url)
    koerper = json.dumps(daten).encode()
    kopf = (
        f"POST {teile.path} HTTP/1.1\r\nHost: {teile.netloc}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(koerper)}\r\n\r\n"
    )
    return teile.hostname or "127.0.0.1", teile.port or 80, kopf.encode() + koerper


async def senden(anfrage: tuple[str, int, bytes]) -> tuple[float, int]:
    """(milliseconds until the whole answer was read, HTTP status)."""
    host, port, roh = anfrage
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(roh)
    await writer.drain()
    antwort = await reader.read()
    writer.close()
    dauer = (time.perf_counter() - start) * 1000
    status = int(antwort.split(b" ", 2)[1]) if antwort.startswith(b"HTTP/") else 0
    return dauer, status


async def ansturm(
    runden: Sequence[Sequence[Sequence[tuple[str, int, bytes]]]], pause: float = 0.5
) -> list[list[tuple[float, int]]]:
    """Each round, every visitor starts at the same instant and sends its requests one after the
    other (e.g. open the page, then register). Returns the timings per step over all rounds."""
    schritte: list[list[tuple[float, int]]] = []

    async def besucher(folge: Sequence[tuple[str, int, bytes]]) -> None:
        for nummer, anfrage in enumerate(folge):
            ergebnis = await senden(anfrage)
            while len(schritte) <= nummer:
                schritte.append([])
            schritte[nummer].append(ergebnis)

    for runde in runden:
        await asyncio.gather(*(besucher(folge) for folge in runde))
        await asyncio.sleep(pause)
    return schritte


async def dauerlast(anfragen: Sequence[tuple[str, int, bytes]], clients: int) -> list[tuple[float, int]]:
    """``clients`` connections kept busy back to back until all requests are answered."""
    warteschlange = list(reversed(anfragen))
    ergebnisse: list[tuple[float, int]] = []

    async def client() -> None:
        while warteschlange:
            ergebnisse.append(await senden(warteschlange.pop()))

    await asyncio.gather(*(client() for _ in range(clients)))
    return ergebnisse
