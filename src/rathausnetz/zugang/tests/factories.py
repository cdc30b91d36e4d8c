"""factory_boy factories for tenants, units, users and memberships.

Tenant data is saved with ``Model.save()`` (not the default manager), because the manager refuses
to work outside an access context — which is the point of it.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from rathausnetz.conftest import PASSWORT
from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.zugang.models import Benutzer, Mitgliedschaft
from rathausnetz.zugang.rechte import Rolle


class SpeichernFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        obj = model_class(*args, **kwargs)
        obj.save()
        return obj


class OrganisationFactory(SpeichernFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Zweckverband Abwasser Obererzgebirge {n}")
    typ = Organisation.Typ.ZWECKVERBAND


class EinheitFactory(SpeichernFactory):
    class Meta:
        model = Organisationseinheit

    organisation = factory.SubFactory(OrganisationFactory)
    name = "Geschäftsstelle"
    kuerzel = factory.Sequence(lambda n: f"GS{n}")


class BenutzerFactory(SpeichernFactory):
    class Meta:
        model = Benutzer

    username = factory.Sequence(lambda n: f"mitarbeiterin{n}")
    first_name = "Heike"
    last_name = factory.Sequence(lambda n: f"Schubert-{n}")
    email = factory.LazyAttribute(lambda b: f"{b.username}@zweckverband.example")
    password = factory.django.Password(PASSWORT)


class MitgliedschaftFactory(SpeichernFactory):
    class Meta:
        model = Mitgliedschaft

    benutzer = factory.SubFactory(BenutzerFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    rollen = factory.LazyFunction(lambda: [Rolle.SACHBEARBEITUNG.value])
