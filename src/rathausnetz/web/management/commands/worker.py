import os
import signal
import threading
import time

from django_tasks_db.management.commands.db_worker import Command as DbWorker


def _mit_eltern_enden(eltern_pid: int) -> None:
    """Stop gracefully (as on SIGTERM) once the parent process is gone."""

    def wachen() -> None:
        while os.getppid() == eltern_pid:
            time.sleep(2)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=wachen, name="eltern-waechter", daemon=True).start()


class Command(DbWorker):
    help = (
        "Startet einen Hintergrund-Worker für alle Warteschlangen. Beliebig viele Worker können "
        "parallel laufen, auch auf mehreren Rechnern gegen dieselbe PostgreSQL-Datenbank."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--eltern-pid", type=int, help="beenden, sobald dieser Prozess nicht mehr der Elternprozess ist"
        )
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args, **options):
        if options.get("eltern_pid"):
            _mit_eltern_enden(options["eltern_pid"])
        _posteingang_beobachten()
        _anmeldungsmails_beobachten()
        return super().handle(*args, **options)


def _posteingang_beobachten() -> None:
    """Consume folders, mailboxes and documents a killed worker left behind (see eingang).

    Left-behind documents are queued again before the first task runs, so that even a
    ``--batch`` worker finishes them."""
    from rathausnetz.eingang.services.quellen import beobachten
    from rathausnetz.eingang.services.verarbeitung import liegengebliebene_freigeben
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Worker-Start"):
        liegengebliebene_freigeben()

    threading.Thread(
        target=beobachten, args=(threading.Event(),), name="posteingang-beobachter", daemon=True
    ).start()


def _anmeldungsmails_beobachten() -> None:
    """Queue the opt-in mails of new event registrations (see veranstaltungen.services.anmeldungen):
    all waiting ones before the first task, so that a ``--batch`` worker sends them too, then every
    second."""
    from rathausnetz.veranstaltungen.services.anmeldungen import (
        bestaetigungen_beobachten,
        bestaetigungen_einreihen,
    )
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Worker-Start"):
        while bestaetigungen_einreihen():
            pass
    threading.Thread(
        target=bestaetigungen_beobachten, args=(threading.Event(),), name="anmeldungsmails", daemon=True
    ).start()
