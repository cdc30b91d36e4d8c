"""``rathausnetz originale-vernichten``: remove the originals of destroyed Akten (daily by timer)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from rathausnetz.akten.services.originale import KARENZ, vernichten


class Command(BaseCommand):
    help = (
        "Entfernt die Originaldateien gelöschter (ausgesonderter) Akten aus dem Speicher, sofern kein "
        "anderer Datensatz denselben Inhalt hält (täglich per cron/systemd-Timer; nach jeder "
        "Löschung läuft es auch im Hintergrund-Worker)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--karenz-stunden",
            type=float,
            default=KARENZ.total_seconds() / 3600,
            help="in dieser Zeit gespeicherte Dateien bleiben bis zum nächsten Lauf (Standard: 24)",
        )

    def handle(self, *args, **options):
        if options["karenz_stunden"] < 0:
            raise CommandError("--karenz-stunden darf nicht negativ sein.")
        ergebnisse = vernichten(timedelta(hours=options["karenz_stunden"]))
        entfernt = ergebnisse["entfernt"] + ergebnisse["fehlte"]
        self.stdout.write(
            f"{entfernt} Originaldatei(en) entfernt, {ergebnisse['verwendet']} weiter in Gebrauch, "
            f"{ergebnisse['frisch']} erst vor Kurzem gespeichert (nächster Lauf)."
        )
