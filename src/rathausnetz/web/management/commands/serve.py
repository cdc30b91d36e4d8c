"""``rathausnetz serve``: the embedded server — web UI, API and one background worker thread."""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

logger = logging.getLogger("rathausnetz.serve")


def worker_thread_starten():
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["*"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"eingebettet-{socket.gethostname()}-{os.getpid()}"[:64],
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="rathausnetz-worker", daemon=True)
    thread.start()
    return worker


class Command(BaseCommand):
    help = "Startet Weboberfläche und API (waitress) und, eingebettet, einen Hintergrund-Worker."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=settings.HOST, help="Adresse (Standard: RATHAUSNETZ_HOST)")
        parser.add_argument("--port", type=int, default=settings.PORT, help="Port (Standard: RATHAUSNETZ_PORT)")
        parser.add_argument("--threads", type=int, default=settings.SERVER_THREADS)
        parser.add_argument(
            "--ohne-worker", action="store_true", help="keinen eingebetteten Worker starten (eigene Worker-Prozesse)"
        )

    def handle(self, *args, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("Die Datenbank ist nicht auf dem neuesten Stand. Bitte zuerst: rathausnetz migrate")
        if not 1 <= options["port"] <= 65535:
            raise CommandError(f"Port {options['port']} ist ungültig.")
        from waitress import serve

        application = get_wsgi_application()
        worker = None
        if settings.EMBEDDED_WORKER and not options["ohne_worker"]:
            worker = worker_thread_starten()
            self.stdout.write("Hintergrund-Worker läuft im selben Prozess.")

        def beenden(signum, frame):
            # SIGTERM (systemd, docker stop) ends like Ctrl+C: no new task starts, output is flushed.
            if worker is not None:
                worker.running = False
            raise SystemExit(0)

        signal.signal(signal.SIGTERM, beenden)
        datenbank = "PostgreSQL" if connection.vendor == "postgresql" else f"SQLite ({settings.DATABASES['default']['NAME']})"
        self.stdout.write(f"Rathausnetz läuft auf http://{options['host']}:{options['port']}/ – Datenbank: {datenbank}")
        self.stdout.write("Beenden mit Strg+C.")
        proxy = {}
        if settings.TRUSTED_PROXY:
            proxy = {"trusted_proxy": settings.TRUSTED_PROXY, "trusted_proxy_headers": "x-forwarded-proto x-forwarded-for"}
        serve(
            application,
            host=options["host"],
            port=options["port"],
            threads=options["threads"],
            ident="Rathausnetz",
            clear_untrusted_proxy_headers=True,
            **proxy,
        )
