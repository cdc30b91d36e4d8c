"""``rathausnetz serve``: web UI and API (gunicorn, several processes) plus one background worker.

Several processes, because one Python process renders pages on one core only: with ten users at
once, requests would queue behind each other (see bench/README.md). SQLite in WAL mode handles
the concurrent readers; writers queue on its lock. The background worker runs as a child process
that lives and dies with the server.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rathausnetz.web.datenbank import statistik_aktualisieren

logger = logging.getLogger("rathausnetz.serve")


class Hintergrundworker:
    """``rathausnetz worker`` as a child of the server: restarted if it dies, stopped with the server.

    It runs in its own session, so that Ctrl+C reaches only the server, which then stops the worker
    once (it finishes its current task). ``--eltern-pid`` makes it stop by itself if the server is
    killed outright.
    """

    PRUEFINTERVALL = 5.0

    def __init__(self) -> None:
        self.prozess: subprocess.Popen | None = None
        self.stopp = threading.Event()

    def starten(self) -> None:
        self._prozess_starten()
        threading.Thread(target=self._ueberwachen, name="rathausnetz-worker-aufsicht", daemon=True).start()

    def _prozess_starten(self) -> None:
        self.prozess = subprocess.Popen(  # noqa: S603 - our own CLI
            [sys.executable, "-m", "rathausnetz", "worker", "--eltern-pid", str(os.getpid())],
            env=os.environ.copy(),
            start_new_session=True,
        )

    def _ueberwachen(self) -> None:
        while not self.stopp.wait(self.PRUEFINTERVALL):
            if self.prozess is not None and self.prozess.poll() is not None:
                logger.warning(
                    "Hintergrund-Worker beendet (Code %s) – wird neu gestartet.", self.prozess.returncode
                )
                self._prozess_starten()

    def beenden(self) -> None:
        self.stopp.set()
        if self.prozess is None or self.prozess.poll() is not None:
            return
        self.prozess.terminate()
        try:
            self.prozess.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.prozess.kill()


def _gunicorn_app(optionen: dict):
    from gunicorn.app.base import BaseApplication

    class Anwendung(BaseApplication):
        def load_config(self) -> None:
            for key, value in optionen.items():
                self.cfg.set(key, value)

        def load(self):
            from django.core.wsgi import get_wsgi_application

            from rathausnetz.web.vorwaermen import vorwaermen

            anwendung = get_wsgi_application()
            vorwaermen()  # in the master (preload_app): the web processes start warm
            return anwendung

    return Anwendung()


class Command(BaseCommand):
    help = "Startet Weboberfläche und API (mehrere Prozesse) und einen Hintergrund-Worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.HOST, help="Adresse (Standard: RATHAUSNETZ_HOST)")
        parser.add_argument(
            "--port", type=int, default=settings.PORT, help="Port (Standard: RATHAUSNETZ_PORT)"
        )
        parser.add_argument(
            "--prozesse",
            type=int,
            default=settings.WEB_PROCESSES,
            help="Web-Prozesse (Standard: RATHAUSNETZ_WEB_PROCESSES)",
        )
        parser.add_argument("--threads", type=int, default=settings.SERVER_THREADS, help="Threads je Prozess")
        parser.add_argument(
            "--ohne-worker",
            action="store_true",
            help="keinen Hintergrund-Worker starten (eigene `rathausnetz worker`-Prozesse)",
        )

    def handle(self, *args, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError(
                "Die Datenbank ist nicht auf dem neuesten Stand. Bitte zuerst: rathausnetz migrate"
            )
        if not 1 <= options["port"] <= 65535:
            raise CommandError(f"Port {options['port']} ist ungültig.")
        if not 1 <= options["prozesse"] <= 64:
            raise CommandError("--prozesse muss zwischen 1 und 64 liegen.")
        statistik_aktualisieren()  # SQLite plans queries by these (see web/datenbank.py)
        connection.close()  # nothing of this process's database connection may reach the children
        mit_worker = settings.EMBEDDED_WORKER and not options["ohne_worker"]
        if connection.vendor == "postgresql":
            datenbank = "PostgreSQL"
        else:
            datenbank = f"SQLite ({settings.DATABASES['default']['NAME']})"
        adresse = f"http://{options['host']}:{options['port']}/"
        stdout = self.stdout

        worker = Hintergrundworker() if mit_worker else None

        def bereit(server) -> None:
            if worker is not None:
                worker.starten()
                stdout.write("Hintergrund-Worker läuft.")
            stdout.write(f"Rathausnetz läuft auf {adresse} – Datenbank: {datenbank}")
            stdout.write("Beenden mit Strg+C.")
            stdout.flush()

        def ende(server) -> None:
            if worker is not None:
                worker.beenden()

        optionen = {
            "bind": f"{options['host']}:{options['port']}",
            "workers": options["prozesse"],
            "worker_class": "gthread" if options["threads"] > 1 else "sync",
            "threads": options["threads"],
            "preload_app": True,
            "timeout": 120,
            "graceful_timeout": 30,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
            "proc_name": "rathausnetz",
            "when_ready": bereit,
            "on_exit": ende,
            "forwarded_allow_ips": settings.TRUSTED_PROXY or "127.0.0.1,::1",
        }
        _gunicorn_app(optionen).run()
