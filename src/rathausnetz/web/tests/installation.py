"""A separate, fresh Rathausnetz installation for tests that run real processes.

Its own data directory, and on PostgreSQL its own database (created here, dropped afterwards), so
that server and worker processes see committed data exactly as in production.
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings


def freier_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def frische_installation(ordner: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RATHAUSNETZ_", "DJANGO_"))}
    env["RATHAUSNETZ_DATA_DIR"] = str(ordner)
    env["RATHAUSNETZ_DEMO_PASSWORD"] = "Demo-Passwort-2026"
    datenbank = None
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        import psycopg

        db = settings.DATABASES["default"]
        datenbank = f"rn_prozess_{secrets.token_hex(4)}"
        verbindung = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
        with psycopg.connect(verbindung, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{datenbank}"')
        env["RATHAUSNETZ_DATABASE_URL"] = (
            f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{datenbank}"
        )
    try:
        yield env
    finally:
        if datenbank:
            import psycopg

            with psycopg.connect(verbindung, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{datenbank}" WITH (FORCE)')


def rathausnetz(env: dict[str, str], *args: str, timeout: int = 180) -> subprocess.CompletedProcess:
    ergebnis = subprocess.run(
        [sys.executable, "-m", "rathausnetz", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if ergebnis.returncode != 0:
        raise AssertionError(
            f"rathausnetz {' '.join(args)} scheiterte:\n{ergebnis.stdout}\n{ergebnis.stderr}"
        )
    return ergebnis
