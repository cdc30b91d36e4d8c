"""``rathausnetz datenbank-pflegen``: refresh the planner statistics (daily by cron/systemd timer, and
after large imports; ``serve`` does it at every start)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from rathausnetz.web.datenbank import statistik_aktualisieren


class Command(BaseCommand):
    help = (
        "Aktualisiert die Statistiken, nach denen die Datenbank Abfragen plant (täglich per "
        "cron/systemd-Timer und nach großen Importen; `serve` tut es bei jedem Start)."
    )

    def handle(self, *args, **options):
        statistik_aktualisieren()
        self.stdout.write("Statistiken der Datenbank aktualisiert.")
