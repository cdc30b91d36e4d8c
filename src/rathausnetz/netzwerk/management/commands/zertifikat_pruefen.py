"""Checks a certificate code on the command line (e.g. for a phone enquiry)."""

from __future__ import annotations

from django.core.management.base import CommandError

from rathausnetz.netzwerk.services import zertifikate
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = (
        "Prüft den Prüfcode eines Kurszertifikats und zeigt Name, Kurs und Abschlussdatum. "
        "Exit-Code 1, wenn es ihn nicht gibt."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="Prüfcode, z. B. K7QX2-HM4PT")

    def handle(self, *args, **options) -> None:
        z = zertifikate.finden(options["code"])
        if z is None:
            raise CommandError(f"Ein Zertifikat mit dem Prüfcode „{options['code']}“ gibt es nicht.")
        status = f"WIDERRUFEN am {z.widerrufen_am:%d.%m.%Y}" if z.widerrufen_am else "gültig"
        self.stdout.write(
            f"Zertifikat {z.code_lesbar}: {status}\n"
            f"  Name:          {z.name} ({z.kommune})\n"
            f"  Kurs:          {z.kurs_titel}, Durchgang {z.durchgang}\n"
            f"  abgeschlossen: {z.abschlussdatum:%d.%m.%Y}"
        )
