"""Events of the association with registration without an account, and press releases.

Published events and press releases are public. Registrations are personal data: the organisers
see them; a registrant reaches their own registration only through the secret link in their mail.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Veranstaltung(Mandantendaten):
    class Art(models.TextChoices):
        FACHVERANSTALTUNG = "fachveranstaltung", _("Fachveranstaltung")
        WORKSHOP = "workshop", _("Workshop")
        NETZWERKTREFFEN = "netzwerktreffen", _("Netzwerktreffen")
        ONLINE = "online", _("Online-Format")

    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")
        ABGESAGT = "abgesagt", _("abgesagt")

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("Veranstalter")
    )
    organisationseinheit = models.ForeignKey(
        "kommunen.Organisationseinheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("veranstaltende Einheit"),
    )
    titel = models.CharField(_("Titel"), max_length=200)
    art = models.CharField(_("Art"), max_length=20, choices=Art.choices)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    themen = models.CharField(_("Themen"), max_length=300, blank=True, help_text=_("durch Komma getrennt"))
    beginn = models.DateTimeField(_("Beginn"))
    ende = models.DateTimeField(_("Ende"))
    ort = models.CharField(_("Ort"), max_length=300, blank=True)
    online_link = models.URLField(_("Online-Link"), blank=True)
    kapazitaet = models.PositiveIntegerField(_("Plätze"))
    anmeldung_ab = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    anmeldung_bis = models.DateTimeField(_("Anmeldung bis"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF)
    einwilligungstext = models.TextField(_("Hinweis zum Datenschutz"), blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["beginn", "id"]
        indexes = [models.Index(fields=["status", "beginn"])]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("veranstaltungen:detail", args=[self.pk])

    @property
    def anmeldung_offen(self) -> bool:
        jetzt = timezone.now()
        return (
            self.status == self.Status.VEROEFFENTLICHT
            and (self.anmeldung_ab is None or self.anmeldung_ab <= jetzt)
            and jetzt <= self.anmeldung_bis
        )

    @property
    def themenliste(self) -> list[str]:
        return [t.strip() for t in self.themen.split(",") if t.strip()]


class Programmpunkt(models.Model):
    veranstaltung = models.ForeignKey(Veranstaltung, on_delete=models.CASCADE, related_name="programm")
    beginn = models.TimeField(_("Beginn"))
    ende = models.TimeField(_("Ende"), null=True, blank=True)
    titel = models.CharField(_("Titel"), max_length=200)
    referenten = models.CharField(_("Referentinnen und Referenten"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programm")
        ordering = ["veranstaltung", "beginn", "id"]

    def __str__(self) -> str:
        return f"{self.beginn:%H:%M} {self.titel}"


class Anmeldung(Mandantendaten):
    """One person's registration. ``token_hash`` secures the links in their mails (the token itself
    is never stored)."""

    class Status(models.TextChoices):
        UNBESTAETIGT = "unbestaetigt", _("E-Mail noch nicht bestätigt")
        ANGEMELDET = "angemeldet", _("angemeldet")
        WARTELISTE = "warteliste", _("Warteliste")
        STORNIERT = "storniert", _("storniert")

    class Rolle(models.TextChoices):
        BUERGERMEISTER = "buergermeister", _("Bürgermeister/in")
        AMTSLEITUNG = "amtsleitung", _("Amtsleitung")
        FACHKRAFT = "fachkraft", _("Fachkraft")
        LANDESVERWALTUNG = "landesverwaltung", _("Landesverwaltung")
        LANDKREIS = "landkreis", _("Landkreis")
        ZWECKVERBAND = "zweckverband", _("Zweckverband")
        VERBAND = "verband", _("Verband")
        SONSTIGE = "sonstige", _("Sonstige")

    # no index of its own: the index on (veranstaltung, status, platz_seit) serves every lookup by
    # event, and each index costs a page write per registration
    veranstaltung = models.ForeignKey(
        Veranstaltung, on_delete=models.CASCADE, related_name="anmeldungen", db_index=False
    )
    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail"), max_length=254)
    #: lower-cased, for "registered twice?"
    email_schluessel = models.CharField(max_length=254, editable=False)
    kommune = models.ForeignKey(
        "kommunen.Kommune", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation_text = models.CharField(_("Organisation"), max_length=200, blank=True)
    rolle = models.CharField(_("Funktion"), max_length=20, choices=Rolle.choices)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.UNBESTAETIGT)
    token_hash = models.CharField(max_length=64, editable=False)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    bestaetigt_am = models.DateTimeField(null=True, blank=True)
    #: when the seat was given (confirmation or promotion from the waiting list); orders the list
    platz_seit = models.DateTimeField(null=True, blank=True)
    storniert_am = models.DateTimeField(null=True, blank=True)
    erinnert_am = models.DateTimeField(null=True, blank=True)
    erschienen_am = models.DateTimeField(_("erschienen"), null=True, blank=True)
    anonymisiert_am = models.DateTimeField(null=True, blank=True)
    #: the opt-in mail still waits for the worker to queue it (``anmeldungen.bestaetigungen_einreihen``)
    bestaetigung_offen = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["veranstaltung", "erstellt_am", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["veranstaltung", "email_schluessel"],
                condition=~models.Q(status="storniert") & ~models.Q(email_schluessel=""),
                name="eine_anmeldung_je_email",
            )
        ]
        indexes = [
            models.Index(fields=["veranstaltung", "status", "platz_seit"]),
            # only the few rows whose mail waits: the worker looks every second
            models.Index(
                fields=["id"], condition=models.Q(bestaetigung_offen=True), name="anmeldung_mail_wartet"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"

    @property
    def organisation_anzeige(self) -> str:
        return self.kommune.name if self.kommune_id else self.organisation_text


class Verbandsmitglied(models.Model):
    """A municipality that is a member of the association (for the figures in press releases)."""

    verband = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    kommune = models.ForeignKey("kommunen.Kommune", on_delete=models.CASCADE, related_name="+")
    seit = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("Verbandsmitglied")
        verbose_name_plural = _("Verbandsmitglieder")
        constraints = [models.UniqueConstraint(fields=["verband", "kommune"], name="mitglied_einmal")]

    def __str__(self) -> str:
        return f"{self.kommune_id} in {self.verband_id}"


class Pressemitteilung(Mandantendaten):
    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    jahr = models.PositiveSmallIntegerField()
    #: numbered per year on publication ("Nr. 23/24"); drafts have none
    nummer = models.PositiveSmallIntegerField(null=True, blank=True)
    titel = models.CharField(_("Überschrift"), max_length=200)
    untertitel = models.CharField(_("Unterzeile"), max_length=300, blank=True)
    ort = models.CharField(_("Ort"), max_length=100, default="Dresden")
    text = models.TextField(_("Text"))
    kontakt = models.TextField(_("Kontakt für Rückfragen"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ENTWURF)
    veroeffentlicht_am = models.DateTimeField(null=True, blank=True)
    veranstaltung = models.ForeignKey(
        Veranstaltung, null=True, blank=True, on_delete=models.SET_NULL, related_name="pressemitteilungen"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Pressemitteilung")
        verbose_name_plural = _("Pressemitteilungen")
        ordering = ["-jahr", "-nummer", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "jahr", "nummer"],
                condition=models.Q(nummer__isnull=False),
                name="pressemitteilung_nummer_je_jahr",
            )
        ]

    def __str__(self) -> str:
        return f"{self.nummer_text} {self.titel}".strip()

    @property
    def nummer_text(self) -> str:
        return f"Nr. {self.nummer}/{self.jahr % 100:02d}" if self.nummer else "Entwurf"

    def get_absolute_url(self) -> str:
        return reverse("veranstaltungen:pressemitteilung", args=[self.pk])
