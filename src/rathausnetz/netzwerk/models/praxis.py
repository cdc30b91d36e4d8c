"""The best-practice library: documented examples to imitate, with attachments and tags."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.zugang.mandant import Mandantendaten


class Thema(models.Model):
    """A free topic tag (``Chatbot``, ``Ratsinformationssystem``); reference data, public."""

    name = models.CharField(_("Thema"), max_length=80, unique=True)
    #: folded name (``suche.normaliser.name_key``): ``E-Akte`` and ``e akte`` are one topic
    schluessel = models.CharField(max_length=80, unique=True, editable=False)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Praxisbeispiel(Mandantendaten):
    """Published ones are public (also for guests); drafts only for the network staff."""

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("erfasst von")
    )
    titel = models.CharField(_("Titel"), max_length=200)
    kurzfassung = models.CharField(_("Kurzfassung"), max_length=500, blank=True)
    #: HTML, always stored sanitised (``services.richtext``)
    text = models.TextField(_("Beschreibung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Veroeffentlichung.choices, default=Veroeffentlichung.ENTWURF
    )
    aufgabenbereiche = models.ManyToManyField(
        "ikz.Aufgabenbereich", blank=True, related_name="+", verbose_name=_("Aufgabenbereiche")
    )
    themen = models.ManyToManyField(
        Thema, blank=True, related_name="praxisbeispiele", verbose_name=_("Themen")
    )
    dimensionen = models.JSONField(_("Reifegrad-Dimensionen"), default=list, blank=True)
    kommunen = models.ManyToManyField(
        "kommunen.Kommune", blank=True, related_name="+", verbose_name=_("beteiligte Kommunen")
    )
    kontakt_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    kontakt_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    kontakt_telefon = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    #: search terms of title, summary, text and tags, each framed by spaces (``services.praxis``)
    suchformen = models.TextField(editable=False, default="")
    erstellt_am = models.DateTimeField(auto_now_add=True)
    geaendert_am = models.DateTimeField(auto_now=True)
    veroeffentlicht_am = models.DateTimeField(_("veröffentlicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Praxisbeispiel")
        verbose_name_plural = _("Praxisbeispiele")
        ordering = ["-veroeffentlicht_am", "titel", "id"]
        indexes = [models.Index(fields=["status", "titel"])]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:praxisbeispiel", args=[self.pk])


class Anhang(Mandantendaten):
    """A file of a Praxisbeispiel; the original lies in the content-addressed store (``speicher``)."""

    praxisbeispiel = models.ForeignKey(Praxisbeispiel, on_delete=models.CASCADE, related_name="anhaenge")
    sha256 = models.CharField(max_length=64, db_index=True)
    groesse = models.PositiveBigIntegerField()
    mime_typ = models.CharField(max_length=100)
    dateiname = models.CharField(_("Dateiname"), max_length=150)
    beschreibung = models.CharField(_("Beschreibung"), max_length=200, blank=True)
    hochgeladen_am = models.DateTimeField(auto_now_add=True)
    hochgeladen_von = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["praxisbeispiel", "hochgeladen_am", "id"]

    def __str__(self) -> str:
        return self.dateiname

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:anhang", args=[self.pk])
