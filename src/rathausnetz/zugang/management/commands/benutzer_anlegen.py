import getpass

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction

from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang import services
from rathausnetz.zugang.kommandos import SystemBefehl
from rathausnetz.zugang.kontext import verwaltungszugriff
from rathausnetz.zugang.rechte import Rolle


class Command(SystemBefehl):
    help = "Legt ein Konto an und macht es zum Mitglied einer Organisation (z. B. die erste Administration)."

    def add_arguments(self, parser):
        parser.add_argument("benutzername")
        parser.add_argument("--email", required=True)
        parser.add_argument("--organisation", type=int, required=True, help="ID der Organisation")
        parser.add_argument(
            "--rolle", action="append", choices=Rolle.values, required=True, help="mehrfach möglich"
        )
        parser.add_argument("--vorname", default="")
        parser.add_argument("--nachname", default="")
        parser.add_argument(
            "--passwort-abfragen",
            action="store_true",
            help="Passwort interaktiv setzen (sonst nur per Link)",
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(pk=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Organisation {options['organisation']} gibt es nicht.")
        passwort = None
        if options["passwort_abfragen"]:
            passwort = getpass.getpass("Passwort: ")
            if passwort != getpass.getpass("Passwort (Wiederholung): "):
                raise CommandError("Die Passwörter stimmen nicht überein.")
        try:
            with (
                transaction.atomic(),
                verwaltungszugriff(organisation.pk, "Kommandozeile: benutzer-anlegen"),
            ):
                benutzer = services.benutzer_anlegen(
                    options["benutzername"],
                    options["email"],
                    options["vorname"],
                    options["nachname"],
                    passwort,
                )
                services.mitglied_hinzufuegen(benutzer, options["rolle"])
        except ValidationError as fehler:
            raise CommandError(" ".join(fehler.messages)) from None
        self.stdout.write(
            f"{benutzer.username} ist Mitglied von {organisation.name} ({', '.join(options['rolle'])})."
        )
        if passwort is None:
            self.stdout.write("Ein Passwort setzt die Person über „Passwort vergessen“ auf der Anmeldeseite.")
