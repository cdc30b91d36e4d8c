"""Digitalisation projects of a municipality, with who drives and who coaches them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Digitalisierungsprojekt(Mandantendaten):
    class Status(models.TextChoices):
        IDEE = "idee", _("Idee")
        PLANUNG = "planung", _("in Planung")
        UMSETZUNG = "umsetzung", _("in Umsetzung")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")
        PAUSIERT = "pausiert", _("pausiert")

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("Verwaltung")
    )
    kommune = models.ForeignKey(
        "kommunen.Kommune",
        on_delete=models.PROTECT,
        related_name="digitalisierungsprojekte",
        verbose_name=_("Kommune"),
    )
    titel = models.CharField(_("Titel"), max_length=200)
    ziel = models.TextField(_("Ziel"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.IDEE)
    navigator = models.ForeignKey(
        "netzwerk.Navigator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projekte",
        verbose_name=_("Navigator/in"),
    )
    lotse = models.ForeignKey(
        "netzwerk.Lotse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projekte",
        verbose_name=_("betreuende Lotsin / betreuender Lotse"),
    )
    praxisbeispiele = models.ManyToManyField(
        "netzwerk.Praxisbeispiel", blank=True, related_name="projekte", verbose_name=_("Praxisbeispiele")
    )
    modelle = models.ManyToManyField(
        "ikz.Modell", blank=True, related_name="+", verbose_name=_("genutzte IKZ-Modelle")
    )
    beginn = models.DateField(_("Beginn"), null=True, blank=True)
    ende = models.DateField(_("Ende (geplant oder tatsächlich)"), null=True, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    geaendert_am = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Digitalisierungsprojekt")
        verbose_name_plural = _("Digitalisierungsprojekte")
        ordering = ["kommune", "titel", "id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:projekt", args=[self.pk])
