"""Roles people hold in an organisation, and the rights each role grants.

One table, so that "who may do what" can be read in one place and tested as a matrix.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rolle(models.TextChoices):
    ADMINISTRATION = "administration", _("Administration")
    SACHBEARBEITUNG = "sachbearbeitung", _("Sachbearbeitung")
    LEITUNG = "leitung", _("Leitung / Zeichnungsbefugnis")
    LESEND = "lesend", _("Lesend")
    SERVICESTELLE_IKZ = "servicestelle_ikz", _("Servicestelle IKZ")
    DIGITAL_LOTSE = "digital_lotse", _("Digital-Lotse/Lotsin")


class Recht(models.TextChoices):
    DATEN_LESEN = "daten.lesen", _("Daten der Organisation lesen")
    DATEN_BEARBEITEN = "daten.bearbeiten", _("Daten der Organisation bearbeiten")
    ZEICHNEN = "zeichnen", _("Schlusszeichnen")
    ORGANISATION_VERWALTEN = (
        "organisation.verwalten",
        _("Organisation, Einheiten und Mitglieder verwalten"),
    )
    PROTOKOLL_LESEN = "protokoll.lesen", _("Protokoll lesen")
    IKZ_VERWALTEN = "ikz.verwalten", _("Kooperationsregister und Modellkatalog pflegen")
    NETZWERK_VERWALTEN = (
        "netzwerk.verwalten",
        _("Kurse, Praxisbeispiele und Veranstaltungen pflegen"),
    )


ROLLENRECHTE: dict[Rolle, frozenset[Recht]] = {
    Rolle.ADMINISTRATION: frozenset(
        {
            Recht.DATEN_LESEN,
            Recht.DATEN_BEARBEITEN,
            Recht.ORGANISATION_VERWALTEN,
            Recht.PROTOKOLL_LESEN,
        }
    ),
    Rolle.SACHBEARBEITUNG: frozenset({Recht.DATEN_LESEN, Recht.DATEN_BEARBEITEN}),
    Rolle.LEITUNG: frozenset(
        {Recht.DATEN_LESEN, Recht.DATEN_BEARBEITEN, Recht.ZEICHNEN, Recht.PROTOKOLL_LESEN}
    ),
    Rolle.LESEND: frozenset({Recht.DATEN_LESEN}),
    Rolle.SERVICESTELLE_IKZ: frozenset(
        {Recht.DATEN_LESEN, Recht.DATEN_BEARBEITEN, Recht.IKZ_VERWALTEN, Recht.NETZWERK_VERWALTEN}
    ),
    Rolle.DIGITAL_LOTSE: frozenset({Recht.DATEN_LESEN, Recht.DATEN_BEARBEITEN, Recht.NETZWERK_VERWALTEN}),
}


def rechte_fuer(rollen: Iterable[str]) -> frozenset[Recht]:
    result: set[Recht] = set()
    for rolle in rollen:
        result |= ROLLENRECHTE.get(Rolle(rolle), frozenset())
    return frozenset(result)
