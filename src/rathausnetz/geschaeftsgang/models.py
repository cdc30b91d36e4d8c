"""Geschäftsgang: Verfügungen with their steps (the tasks of „Meine Aufgaben“), the immutable
record of who co-signed and signed which document version, Vertretungen, Ablaufvorlagen and the
per-person notification setting.

A Verfügung is routed in numbered stages (``stufe``): all steps of a stage run in parallel, the
next stage starts when every step of the current one is done. A finished Verfügung
(``abgeschlossen_am`` set) is a record: the models refuse to change it, the services say why.
Who sees what is decided in ``zugang.sichtbarkeit`` only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten

BEENDET_MELDUNG = "Die Verfügung ist beendet; ihr Protokoll kann nicht mehr geändert werden."


class Schrittart(models.TextChoices):
    MITZEICHNUNG = "mitzeichnung", _("Mitzeichnung")
    ZEICHNUNG = "zeichnung", _("Zeichnung (Schlusszeichnung)")
    KENNTNISNAHME = "kenntnisnahme", _("Kenntnisnahme")
    BEARBEITUNG = "bearbeitung", _("Bearbeitung")
    WIEDERVORLAGE = "wiedervorlage", _("Wiedervorlage")
    ZDA = "zda", _("zdA (zu den Akten)")


#: the verb on the button that accepts a step of this kind
AKTION_JE_ART = {
    Schrittart.MITZEICHNUNG: _("mitzeichnen"),
    Schrittart.ZEICHNUNG: _("zeichnen"),
    Schrittart.KENNTNISNAHME: _("zur Kenntnis genommen"),
    Schrittart.BEARBEITUNG: _("erledigt"),
    Schrittart.WIEDERVORLAGE: _("erledigt"),
    Schrittart.ZDA: _("zdA verfügen"),
}


class Verfuegung(Mandantendaten):
    """An instruction that routes a Vorgang (or one of its Dokumente) through steps."""

    class Status(models.TextChoices):
        LAUFEND = "laufend", _("läuft")
        ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    vorgang = models.ForeignKey("akten.Vorgang", on_delete=models.PROTECT, related_name="verfuegungen")
    dokument = models.ForeignKey(
        "akten.Dokument",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="verfuegungen",
        verbose_name=_("Dokument"),
        help_text=_("leer: die Verfügung betrifft den ganzen Vorgang"),
    )
    betreff = models.CharField(_("Betreff"), max_length=300)
    notiz = models.TextField(_("Notiz"), blank=True)
    vorlage = models.ForeignKey(
        "geschaeftsgang.Ablaufvorlage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    #: the returned Verfügung this one resubmits („erneut vorgelegt“). One-to-one: a Rücklauf is
    #: resubmitted at most once, and the old Verfügung stays untouched as the record of the return.
    vorgaenger = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="erneute_vorlage",
        verbose_name=_("erneute Vorlage von"),
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.LAUFEND)
    aktuelle_stufe = models.PositiveSmallIntegerField(default=1)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    abgeschlossen_am = models.DateTimeField(_("beendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Verfügung")
        verbose_name_plural = _("Verfügungen")
        ordering = ["-erstellt_am", "-id"]
        indexes = [models.Index(fields=["vorgang", "-erstellt_am"])]

    def __str__(self) -> str:
        return f"Verfügung „{self.betreff}“"

    def get_absolute_url(self) -> str:
        return reverse("geschaeftsgang:verfuegung", args=[self.pk])

    @property
    def beendet(self) -> bool:
        return self.abgeschlossen_am is not None

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            gespeichert = (
                type(self)._base_manager.filter(pk=self.pk).values_list("abgeschlossen_am", flat=True)
            )
            if gespeichert and gespeichert[0] is not None:
                raise ValidationError(BEENDET_MELDUNG)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Verfügungen werden nicht gelöscht; sie gehören zur Akte.")


class Verfuegungsschritt(Mandantendaten):
    """One step of a Verfügung — as long as it is open, a task in „Meine Aufgaben“."""

    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartet auf vorherige Stufe")
        OFFEN = "offen", _("offen")
        ERLEDIGT = "erledigt", _("erledigt")
        ZURUECKGEGEBEN = "zurueckgegeben", _("zurückgegeben")
        WEITERGELEITET = "weitergeleitet", _("weitergeleitet")
        ENTFALLEN = "entfallen", _("entfallen")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    verfuegung = models.ForeignKey(Verfuegung, on_delete=models.PROTECT, related_name="schritte")
    stufe = models.PositiveSmallIntegerField(_("Stufe"), default=1)
    art = models.CharField(_("Art"), max_length=20, choices=Schrittart.choices)
    fuer_benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("für Person"),
    )
    fuer_einheit = models.ForeignKey(
        "kommunen.Organisationseinheit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("für Einheit"),
    )
    frist = models.DateField(_("Frist"), null=True, blank=True)
    notiz = models.CharField(_("Notiz"), max_length=500, blank=True)
    #: the return of a Verfügung to its initiator („Rücklauf“): a task for the initiator
    ruecklauf = models.BooleanField(default=False)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.WARTEND)
    geoeffnet_am = models.DateTimeField(null=True, blank=True)
    erledigt_am = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    #: who acted (the substitute, when acting „i. V.“)
    erledigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: for whom the acting person acted as substitute (empty: acted for themself or the unit)
    in_vertretung_fuer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kommentar = models.TextField(_("Kommentar"), blank=True)
    weitergeleitet_von = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="weiterleitungen"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Verfügungsschritt")
        verbose_name_plural = _("Verfügungsschritte")
        ordering = ["verfuegung", "stufe", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "fuer_benutzer"]),
            models.Index(fields=["organisation", "status", "fuer_einheit"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fuer_benutzer__isnull=False) | models.Q(fuer_einheit__isnull=False),
                name="schritt_hat_empfaenger",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.verfuegung.betreff}"

    def get_absolute_url(self) -> str:
        return reverse("geschaeftsgang:aufgabe", args=[self.pk])

    @property
    def empfaenger_text(self) -> str:
        if self.fuer_benutzer_id:
            return self.fuer_benutzer.anzeigename
        return str(self.fuer_einheit)

    @property
    def handelnd_text(self) -> str:
        """„Emil Engel“ or „i. V. Alice Albrecht (für Emil Engel)“ — as the record shows it."""
        if self.erledigt_von_id is None:
            return ""
        name = self.erledigt_von.anzeigename
        if self.in_vertretung_fuer_id:
            return f"i. V. {name} (für {self.in_vertretung_fuer.anzeigename})"
        return name

    @property
    def aktionswort(self) -> str:
        return "zur Kenntnis genommen" if self.ruecklauf else str(AKTION_JE_ART[Schrittart(self.art)])

    @property
    def ueberfaellig(self) -> bool:
        return (
            self.frist is not None and self.status == self.Status.OFFEN and self.frist < timezone.localdate()
        )

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            beendet = Verfuegung._base_manager.filter(
                pk=self.verfuegung_id, abgeschlossen_am__isnull=False
            ).exists()
            if beendet:
                raise ValidationError(BEENDET_MELDUNG)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Verfügungsschritte werden nicht gelöscht; sie gehören zum Protokoll.")


class Zeichnungsvermerk(Mandantendaten):
    """Append-only record: who co-signed or signed which version of which document, when.

    Names are copied, so the record reads the same after a person leaves or is renamed; the
    SHA-256 of the stored original proves which bytes were signed.
    """

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    verfuegung = models.ForeignKey(Verfuegung, on_delete=models.PROTECT, related_name="vermerke")
    schritt = models.ForeignKey(Verfuegungsschritt, on_delete=models.PROTECT, related_name="vermerke")
    art = models.CharField(_("Art"), max_length=20, choices=Schrittart.choices)
    dokument = models.ForeignKey("akten.Dokument", null=True, on_delete=models.PROTECT, related_name="+")
    dokument_betreff = models.CharField(max_length=300, blank=True)
    versionsnummer = models.PositiveIntegerField(null=True)
    sha256 = models.CharField(max_length=64, blank=True)
    benutzer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    benutzer_name = models.CharField(max_length=200)
    in_vertretung_fuer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    in_vertretung_fuer_name = models.CharField(max_length=200, blank=True)
    zeitpunkt = models.DateTimeField()

    class Meta:
        verbose_name = _("Zeichnungsvermerk")
        verbose_name_plural = _("Zeichnungsvermerke")
        ordering = ["zeitpunkt", "id"]

    def __str__(self) -> str:
        return f"{self.get_art_display()} {self.handelnd_text} {self.zeitpunkt:%d.%m.%Y %H:%M}"

    @property
    def handelnd_text(self) -> str:
        if self.in_vertretung_fuer_name:
            return f"i. V. {self.benutzer_name} (für {self.in_vertretung_fuer_name})"
        return self.benutzer_name

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValidationError("Zeichnungsvermerke sind unveränderlich.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Zeichnungsvermerke sind unveränderlich.")


class Vertretung(Mandantendaten):
    """While ``vertretener`` is absent, ``vertreter`` gets their tasks (and acts „i. V.“)."""

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    vertretener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("vertreten wird")
    )
    vertreter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Vertretung durch"),
    )
    von = models.DateField(_("von"))
    bis = models.DateField(_("bis"))
    notiz = models.CharField(_("Notiz"), max_length=200, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vertretung")
        verbose_name_plural = _("Vertretungen")
        ordering = ["von", "id"]
        indexes = [models.Index(fields=["organisation", "vertreter", "von", "bis"])]

    def __str__(self) -> str:
        return f"{self.vertreter} vertritt {self.vertretener} {self.von:%d.%m.%Y}–{self.bis:%d.%m.%Y}"

    def aktiv_am(self, tag: dt.date) -> bool:
        return self.von <= tag <= self.bis


class Ablaufvorlage(Mandantendaten):
    """A frequent route of an organisation, e.g. „Beschlussvorlage: Amtsleitung → Kämmerei → BM“."""

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Bezeichnung"), max_length=200)
    beschreibung = models.CharField(_("Beschreibung"), max_length=500, blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ablaufvorlage")
        verbose_name_plural = _("Ablaufvorlagen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="ablaufvorlage_je_organisation")
        ]

    def __str__(self) -> str:
        return self.name


class Vorlagenschritt(Mandantendaten):
    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    vorlage = models.ForeignKey(Ablaufvorlage, on_delete=models.CASCADE, related_name="schritte")
    stufe = models.PositiveSmallIntegerField(_("Stufe"), default=1)
    art = models.CharField(_("Art"), max_length=20, choices=Schrittart.choices)
    fuer_benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    fuer_einheit = models.ForeignKey(
        "kommunen.Organisationseinheit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    frist_tage = models.PositiveSmallIntegerField(_("Frist in Tagen"), null=True, blank=True)
    notiz = models.CharField(_("Notiz"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Vorlagenschritt")
        verbose_name_plural = _("Vorlagenschritte")
        ordering = ["vorlage", "stufe", "id"]

    def __str__(self) -> str:
        return f"{self.stufe}. {self.get_art_display()}"

    @property
    def empfaenger_text(self) -> str:
        return self.fuer_benutzer.anzeigename if self.fuer_benutzer_id else str(self.fuer_einheit)


class Benachrichtigung(models.Model):
    """How a person wants to hear about new tasks. No row: the daily digest."""

    class Haeufigkeit(models.TextChoices):
        SOFORT = "sofort", _("sofort bei jeder neuen Aufgabe")
        TAEGLICH = "taeglich", _("täglich eine Übersicht")
        NIE = "nie", _("keine E-Mails")

    benutzer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="aufgaben_benachrichtigung"
    )
    haeufigkeit = models.CharField(
        _("E-Mail zu Aufgaben"), max_length=10, choices=Haeufigkeit.choices, default=Haeufigkeit.TAEGLICH
    )

    class Meta:
        verbose_name = _("Benachrichtigung zu Aufgaben")
        verbose_name_plural = _("Benachrichtigungen zu Aufgaben")

    def __str__(self) -> str:
        return f"{self.benutzer_id}: {self.haeufigkeit}"
