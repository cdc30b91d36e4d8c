"""Tenant data: a manager that refuses to query unless ``zugang`` knows who is asking.

Every model that holds an organisation's data uses ``MandantManager`` as its default manager
(through ``Mandantendaten``). Its querysets are filtered by ``sichtbarkeit.filter_fuer``, the one
rule book of what a user may see. Without a current ``Zugriff`` the manager raises
``MandantenpruefungFehlt`` — in tests and in production — so a forgotten check cannot leak data.
Related-object access and deletion cascades use Django's plain base manager, as they must.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from rathausnetz.zugang.kontext import aktueller_zugriff


class MandantenpruefungFehlt(RuntimeError):
    """Tenant data was queried outside of any access context."""


class MandantManager(models.Manager):
    def get_queryset(self) -> models.QuerySet[Any]:
        zugriff = aktueller_zugriff()
        if zugriff is None:
            raise MandantenpruefungFehlt(
                f"{self.model._meta.label} ist Mandantendaten und darf nur mit einem Zugriffskontext "
                "abgefragt werden (Web-Anfrage, API-Token oder zugang.systemzugriff)."
            )
        queryset = super().get_queryset()
        if zugriff.system:
            return queryset
        from rathausnetz.zugang.sichtbarkeit import filter_fuer

        return queryset.filter(filter_fuer(self.model, zugriff))

    def teile(self) -> list[models.QuerySet[Any]]:
        """Querysets whose disjoint union is ``all()``: for lists that sort and page each part on
        its own index and merge (see ``sichtbarkeit.teilfilter_fuer``)."""
        zugriff = aktueller_zugriff()
        if zugriff is None:
            raise MandantenpruefungFehlt(f"{self.model._meta.label}: kein Zugriffskontext")
        basis = super().get_queryset()
        if zugriff.system:
            return [basis]
        from rathausnetz.zugang.sichtbarkeit import teilfilter_fuer

        return [basis.filter(teil) for teil in teilfilter_fuer(self.model, zugriff)]


class Mandantendaten(models.Model):
    """Abstract base of every model owned by exactly one organisation (the tenant)."""

    #: path from the model to its owning ``Organisation`` (a foreign key name)
    mandant_feld = "organisation"

    objects = MandantManager()

    class Meta:
        abstract = True
