"""Certificates of completed courses. What the certificate says is copied at issue time, so that a
later change of a name or course title never changes a certificate already handed out."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Zertifikat(Mandantendaten):
    teilnahme = models.OneToOneField(
        "netzwerk.Teilnahme", on_delete=models.PROTECT, related_name="zertifikat"
    )
    #: random, 10 characters of an alphabet without look-alikes; the public page confirms it
    code = models.CharField(_("Prüfcode"), max_length=10, unique=True)
    name = models.CharField(_("Name"), max_length=201)
    kommune = models.CharField(_("Kommune"), max_length=120)
    kurs_titel = models.CharField(_("Kurs"), max_length=200)
    durchgang = models.CharField(_("Durchgang"), max_length=150)
    module = models.JSONField(_("Module"), default=list)
    abschlussdatum = models.DateField(_("abgeschlossen am"))
    ausgestellt_am = models.DateTimeField(_("ausgestellt am"), auto_now_add=True)
    ausgestellt_von = models.CharField(_("ausgestellt von"), max_length=150)
    widerrufen_am = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zertifikat")
        verbose_name_plural = _("Zertifikate")
        ordering = ["-ausgestellt_am", "-id"]

    def __str__(self) -> str:
        return f"{self.kurs_titel}: {self.name}"

    @property
    def code_lesbar(self) -> str:
        """``ABCDE-FGHJK``: easier to read aloud and to type from paper."""
        return f"{self.code[:5]}-{self.code[5:]}"
