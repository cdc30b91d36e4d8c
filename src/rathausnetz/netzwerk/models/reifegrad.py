"""Stored results of the digital-maturity self-assessment (Reifegradcheck)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Reifegradcheck(Mandantendaten):
    """One completed self-assessment of a municipality. Never changed: a new check adds a row.

    Visible to the municipality's own administration and to the network staff only; others see
    nothing but the anonymous average of a size class (``services.reifegrad.vergleich``).
    """

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("Verwaltung")
    )
    kommune = models.ForeignKey(
        "kommunen.Kommune",
        on_delete=models.PROTECT,
        related_name="reifegradchecks",
        verbose_name=_("Kommune"),
    )
    #: version of the questionnaire answered (``services.reifegrad.fragebogen.FRAGEBOEGEN``)
    fassung = models.CharField(_("Fassung des Fragebogens"), max_length=20)
    #: {frage_code: 0..4}
    antworten = models.JSONField(_("Antworten"))
    #: {dimension_code: 0..100}
    ergebnisse = models.JSONField(_("Ergebnisse je Dimension"))
    gesamt = models.PositiveSmallIntegerField(_("Gesamtwert"))
    #: inhabitants when the check was made: the size class it is compared with
    einwohner = models.PositiveIntegerField(_("Einwohner"))
    erstellt_am = models.DateTimeField(_("ausgefüllt am"), default=timezone.now)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_von_name = models.CharField(_("ausgefüllt von"), max_length=200)
    #: set when the network staff entered the check on behalf of the municipality: their organisation
    eingetragen_durch = models.ForeignKey(
        "kommunen.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("stellvertretend eingetragen durch"),
    )

    class Meta:
        verbose_name = _("Reifegradcheck")
        verbose_name_plural = _("Reifegradchecks")
        ordering = ["kommune", "-erstellt_am", "-id"]
        indexes = [models.Index(fields=["kommune", "-erstellt_am"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(gesamt__lte=100), name="reifegrad_gesamt_bis_100")
        ]

    def __str__(self) -> str:
        return f"Reifegradcheck {self.kommune_id} vom {self.erstellt_am:%d.%m.%Y}"

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:reifegradcheck", args=[self.pk])

    @property
    def stellvertretend(self) -> bool:
        """Entered by the network staff for the municipality, not by its own administration."""
        return self.eingetragen_durch_id is not None
