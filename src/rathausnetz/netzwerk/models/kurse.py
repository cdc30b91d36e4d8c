"""Courses for Digital-Navigatoren: modules, cohorts (Durchgänge) with dated sessions, enrolment
and attendance. Whether a participant completed is computed (``services.kurse.fortschritt``)
from attendance and the course's rule, never typed in."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Veroeffentlichung(models.TextChoices):
    ENTWURF = "entwurf", _("Entwurf")
    VEROEFFENTLICHT = "veroeffentlicht", _("veröffentlicht")
    ARCHIVIERT = "archiviert", _("archiviert")


class Kurs(Mandantendaten):
    """A course offered by the association. Drafts are visible to the network staff only."""

    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("Anbieter")
    )
    titel = models.CharField(_("Titel"), max_length=200)
    kurzbeschreibung = models.CharField(_("Kurzbeschreibung"), max_length=300, blank=True)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    zielgruppe = models.CharField(_("Zielgruppe"), max_length=200, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Veroeffentlichung.choices, default=Veroeffentlichung.ENTWURF
    )
    #: completing it makes a Navigator "ausgebildet" (the map counts those municipalities)
    qualifizierend = models.BooleanField(_("Grundqualifizierung Digital-Navigator/in"), default=False)
    mindestanwesenheit = models.PositiveSmallIntegerField(
        _("Mindestanwesenheit in Prozent"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    #: Reifegrad dimensions the course strengthens (codes, see services.reifegrad.fragebogen)
    dimensionen = models.JSONField(_("stärkt die Dimensionen"), default=list, blank=True)
    verantwortlich = models.ForeignKey(
        "netzwerk.Lotse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kurse",
        verbose_name=_("verantwortlich"),
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)
    geaendert_am = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kurs")
        verbose_name_plural = _("Kurse")
        ordering = ["titel", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(mindestanwesenheit__gte=1, mindestanwesenheit__lte=100),
                name="kurs_mindestanwesenheit_prozent",
            )
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:kurs", args=[self.pk])


class Kursmodul(Mandantendaten):
    kurs = models.ForeignKey(Kurs, on_delete=models.CASCADE, related_name="module")
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Inhalt"), blank=True)
    pflicht = models.BooleanField(_("Pflichtmodul"), default=True)
    reihenfolge = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Kursmodul")
        verbose_name_plural = _("Kursmodule")
        ordering = ["kurs", "reihenfolge", "id"]
        constraints = [models.UniqueConstraint(fields=["kurs", "titel"], name="modul_titel_je_kurs")]

    def __str__(self) -> str:
        return self.titel


class Durchgang(Mandantendaten):
    """One run of a course with its own group of participants and its own dates."""

    kurs = models.ForeignKey(Kurs, on_delete=models.CASCADE, related_name="durchgaenge")
    bezeichnung = models.CharField(
        _("Bezeichnung"), max_length=150, help_text=_("z. B. „Frühjahr 2026, Chemnitz“")
    )
    leitung = models.ForeignKey(
        "netzwerk.Lotse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="durchgaenge",
        verbose_name=_("Leitung"),
    )
    plaetze = models.PositiveSmallIntegerField(_("Plätze"), null=True, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Durchgang")
        verbose_name_plural = _("Durchgänge")
        ordering = ["kurs", "-erstellt_am", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["kurs", "bezeichnung"], name="durchgang_bezeichnung_je_kurs")
        ]

    def __str__(self) -> str:
        return f"{self.kurs.titel} – {self.bezeichnung}"

    def get_absolute_url(self) -> str:
        return reverse("netzwerk:durchgang", args=[self.pk])


class Kurstermin(Mandantendaten):
    class Form(models.TextChoices):
        PRAESENZ = "praesenz", _("in Präsenz")
        ONLINE = "online", _("online")

    durchgang = models.ForeignKey(Durchgang, on_delete=models.CASCADE, related_name="termine")
    modul = models.ForeignKey(
        Kursmodul,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="termine",
        verbose_name=_("Modul"),
    )
    beginn = models.DateTimeField(_("Beginn"))
    ende = models.DateTimeField(_("Ende"))
    form = models.CharField(_("Form"), max_length=10, choices=Form.choices, default=Form.PRAESENZ)
    ort = models.CharField(_("Ort"), max_length=300, blank=True)
    online_link = models.URLField(_("Link zur Videokonferenz"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Kurstermin")
        verbose_name_plural = _("Kurstermine")
        ordering = ["durchgang", "beginn", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ende__gt=models.F("beginn")), name="termin_ende_nach_beginn"
            )
        ]

    def __str__(self) -> str:
        return f"{self.beginn:%d.%m.%Y %H:%M}"


class Teilnahme(Mandantendaten):
    """A Navigator enrolled in a cohort. Once per cohort (constraint and service check)."""

    class Status(models.TextChoices):
        EINGESCHRIEBEN = "eingeschrieben", _("eingeschrieben")
        ABGESCHLOSSEN = "abgeschlossen", _("erfolgreich abgeschlossen")
        ABGEBROCHEN = "abgebrochen", _("abgebrochen")

    durchgang = models.ForeignKey(Durchgang, on_delete=models.CASCADE, related_name="teilnahmen")
    navigator = models.ForeignKey(
        "netzwerk.Navigator",
        on_delete=models.PROTECT,
        related_name="teilnahmen",
        verbose_name=_("Navigator/in"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.EINGESCHRIEBEN
    )
    eingeschrieben_am = models.DateTimeField(auto_now_add=True)
    abgeschlossen_am = models.DateField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        ordering = ["durchgang", "navigator__nachname", "navigator__vorname", "id"]
        constraints = [
            models.UniqueConstraint(fields=["durchgang", "navigator"], name="navigator_einmal_je_durchgang")
        ]

    def __str__(self) -> str:
        return f"{self.navigator} in {self.durchgang}"


class Anwesenheit(Mandantendaten):
    """Attendance of one participant at one session: recorded as present or absent."""

    teilnahme = models.ForeignKey(Teilnahme, on_delete=models.CASCADE, related_name="anwesenheiten")
    termin = models.ForeignKey(Kurstermin, on_delete=models.CASCADE, related_name="anwesenheiten")
    anwesend = models.BooleanField(_("anwesend"))
    erfasst_am = models.DateTimeField(auto_now=True)
    erfasst_von = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        ordering = ["termin", "teilnahme"]
        constraints = [
            models.UniqueConstraint(fields=["teilnahme", "termin"], name="anwesenheit_einmal_je_termin")
        ]

    def __str__(self) -> str:
        return f"{self.teilnahme_id}@{self.termin_id}: {self.anwesend}"
