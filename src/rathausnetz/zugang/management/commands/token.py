from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

from rathausnetz.kommunen.models import Organisation
from rathausnetz.zugang import services
from rathausnetz.zugang.kommandos import SystemBefehl


class Command(SystemBefehl):
    help = "Erzeugt ein API-Token für BENUTZERNAME und gibt es einmalig aus."

    def add_arguments(self, parser):
        parser.add_argument("benutzername")
        parser.add_argument(
            "--organisation",
            type=int,
            help="ID der Organisation (Standard: die zuletzt benutzte des Benutzers)",
        )
        parser.add_argument("--name", default="Kommandozeile", help="Bezeichnung des Tokens")

    def handle(self, *args, **options):
        benutzer = get_user_model().objects.filter(username=options["benutzername"]).first()
        if benutzer is None:
            raise CommandError(f"Benutzer {options['benutzername']!r} gibt es nicht.")
        org_id = options["organisation"] or services.zugriff_fuer(benutzer).organisation_id
        organisation = Organisation.objects.filter(pk=org_id).first() if org_id else None
        if organisation is None:
            raise CommandError(f"{benutzer.username} ist in keiner (dieser) Organisation Mitglied.")
        try:
            geheimnis = services.token_erzeugen(benutzer, organisation, options["name"])
        except ValidationError as fehler:
            raise CommandError(" ".join(fehler.messages)) from None
        self.stdout.write(geheimnis)
        self.stderr.write(
            f"Token für {benutzer.username} in {organisation.name}. Es wird nur jetzt angezeigt."
        )
