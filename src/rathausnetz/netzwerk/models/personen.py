"""The people of the network: Digital-Lotsen (coaches of the association) and Digital-Navigatoren
(digitalisation leads inside a municipality's administration)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Person(Mandantendaten):
    """What Lotsen and Navigatoren share: a name, work contact details, and since when."""

    vorname = models.CharField(_("Vorname"), max_length=100)
    nachname = models.CharField(_("Nachname"), max_length=100)
    email = models.EmailField(_("E-Mail (dienstlich)"), blank=True)
    telefon = models.CharField(_("Telefon (dienstlich)"), max_length=40, blank=True)
    aktiv_seit = models.DateField(_("aktiv seit"), null=True, blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    geaendert_am = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.vorname} {self.nachname}".strip()


class Lotse(Person):
    """A coach employed by the association; runs courses and coaches Navigatoren."""

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("Arbeitgeber")
    )
    benutzer = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="netzwerk_lotse",
        verbose_name=_("Benutzerkonto"),
    )
    region = models.CharField(
        _("Betreuungsregion"), max_length=200, blank=True, help_text=_("z. B. Erzgebirgskreis")
    )

    class Meta:
        verbose_name = _("Digital-Lotse/Lotsin")
        verbose_name_plural = _("Digital-Lotsen")
        ordering = ["nachname", "vorname", "id"]

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:lotse_bearbeiten", args=[self.pk])


class Navigator(Person):
    """A trained digitalisation lead in a municipality's administration, coached by a Lotse."""

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("Verwaltung")
    )
    kommune = models.ForeignKey(
        "kommunen.Kommune", on_delete=models.PROTECT, related_name="navigatoren", verbose_name=_("Kommune")
    )
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="netzwerk_navigatoren",
        verbose_name=_("Benutzerkonto"),
    )
    funktion = models.CharField(
        _("Funktion in der Verwaltung"), max_length=150, blank=True, help_text=_("z. B. Hauptamtsleiterin")
    )
    lotse = models.ForeignKey(
        Lotse,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="navigatoren",
        verbose_name=_("betreuende Lotsin / betreuender Lotse"),
    )

    class Meta:
        verbose_name = _("Digital-Navigator/in")
        verbose_name_plural = _("Digital-Navigatoren")
        ordering = ["nachname", "vorname", "id"]
        indexes = [models.Index(fields=["organisation", "nachname"]), models.Index(fields=["kommune"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "benutzer"],
                condition=models.Q(benutzer__isnull=False),
                name="navigator_konto_einmal_je_verwaltung",
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:navigator", args=[self.pk])
