"""Austausch: every XDOMEA message sent or received, and the foreign IDs of what came in.

The message packages themselves are stored like originals (content-addressed, never modified), so
that what was handed over or received can always be shown again.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Austauschkennung(Mandantendaten):
    """The namespace from which an organisation derives the XDOMEA IDs of its objects.

    IDs are UUID5 of this namespace and the object's kind and number: stable across exports (an
    archive's Bewertung refers back to them), unique across installations, no column on every row.
    """

    organisation = models.OneToOneField("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    namensraum = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("Austauschkennung")


class Nachricht(Mandantendaten):
    class Richtung(models.TextChoices):
        AUSGANG = "ausgang", _("gesendet")
        EINGANG = "eingang", _("empfangen")

    class Status(models.TextChoices):
        ERSTELLT = "erstellt", _("erstellt")
        IMPORTIERT = "importiert", _("importiert")
        BESTAETIGT = "bestaetigt", _("vom Empfänger bestätigt")
        ABGELEHNT = "abgelehnt", _("vom Empfänger abgelehnt")
        EMPFANGEN = "empfangen", _("empfangen")
        VERARBEITET = "verarbeitet", _("verarbeitet")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    richtung = models.CharField(_("Richtung"), max_length=10, choices=Richtung.choices)
    typ = models.CharField(_("Nachrichtentyp"), max_length=4)
    name = models.CharField(_("Nachricht"), max_length=80)
    prozess_id = models.UUIDField(_("ProzessID"))
    partner = models.CharField(_("Absender/Empfänger"), max_length=300, blank=True)
    akte = models.ForeignKey(
        "akten.Akte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Akte"),
    )
    datei = models.ForeignKey(
        "akten.Datei", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dateiname = models.CharField(max_length=200, blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices)
    bemerkung = models.TextField(_("Bemerkung"), blank=True)
    bezug = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="antworten",
        verbose_name=_("Bezug"),
    )
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("XDOMEA-Nachricht")
        verbose_name_plural = _("XDOMEA-Nachrichten")
        ordering = ["-erstellt_am", "-id"]
        indexes = [models.Index(fields=["organisation", "prozess_id"])]

    def __str__(self) -> str:
        return f"{self.typ} {self.name} ({self.get_richtung_display()})"


class Fremdobjekt(Mandantendaten):
    """An object that arrived by XDOMEA: its ID and Kennzeichen at the sender, and what it became here."""

    class Art(models.TextChoices):
        AKTE = "akte", _("Akte")
        VORGANG = "vorgang", _("Vorgang")
        DOKUMENT = "dokument", _("Dokument")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    nachricht = models.ForeignKey(Nachricht, on_delete=models.CASCADE, related_name="objekte")
    xdomea_id = models.UUIDField()
    art = models.CharField(max_length=10, choices=Art.choices)
    objekt_id = models.PositiveBigIntegerField()
    kennzeichen = models.CharField(max_length=300, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "xdomea_id"])]


class Aussonderungsverfahren(Mandantendaten):
    """One run of the XDOMEA disposal cycle (0501 … 0507) of an organisation with one archive.

    The ProzessID ties every message of the run together; the archive answers with it. The rows
    (``Aussonderungsobjekt``) keep each Akte's metadata, so that after deletion they are the
    Vernichtungsprotokoll.
    """

    class Status(models.TextChoices):
        ANGEBOTEN = "angeboten", _("angeboten")
        BEWERTET = "bewertet", _("bewertet")
        AUSGESONDERT = "ausgesondert", _("ausgesondert")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    prozess_id = models.UUIDField(_("ProzessID"), default=uuid.uuid4, unique=True, editable=False)
    archiv = models.CharField(_("Archiv"), max_length=300)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ANGEBOTEN)
    hinweis = models.TextField(_("Hinweis"), blank=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_von_name = models.CharField(max_length=150, blank=True)
    erstellt_am = models.DateTimeField(_("angeboten am"), auto_now_add=True)
    bewertet_am = models.DateTimeField(_("bewertet am"), null=True, blank=True)
    ausgesondert_am = models.DateTimeField(_("ausgesondert am"), null=True, blank=True)
    abgeschlossen_am = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Aussonderungsverfahren")
        verbose_name_plural = _("Aussonderungsverfahren")
        ordering = ["-erstellt_am", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"Aussonderung {self.prozess_id} an {self.archiv}"


class Aussonderungsobjekt(Mandantendaten):
    """An Akte in an Aussonderungsverfahren: the archive's Bewertung and what became of the Akte.

    Metadata are copied when the Akte is offered: the row outlives the Akte and is, once the Akte
    is deleted, its entry in the Vernichtungsprotokoll (no content, only what identifies it).
    """

    class Bewertung(models.TextChoices):
        OFFEN = "offen", _("offen")
        ARCHIVIEREN = "A", _("A – archivwürdig")
        VERNICHTEN = "V", _("V – vernichten")

    class Ergebnis(models.TextChoices):
        OFFEN = "offen", _("offen")
        UEBERGEBEN = "uebergeben", _("an das Archiv übergeben (0503)")
        UEBERNOMMEN = "uebernommen", _("vom Archiv übernommen")
        ABGELEHNT = "abgelehnt", _("vom Archiv nicht übernommen")
        ZURUECKGESTELLT = "zurueckgestellt", _("zurückgestellt (Löschsperre)")
        VERNICHTET = "vernichtet", _("gelöscht")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    verfahren = models.ForeignKey(Aussonderungsverfahren, on_delete=models.PROTECT, related_name="objekte")
    akte = models.ForeignKey("akten.Akte", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    xdomea_id = models.UUIDField(_("XDOMEA-ID"))
    aktenzeichen = models.CharField(_("Aktenzeichen"), max_length=100)
    titel = models.CharField(_("Titel"), max_length=300)
    aktenplan = models.CharField(_("Aktenplaneintrag"), max_length=400, blank=True)
    eroeffnet_am = models.DateField(_("Laufzeit von"), null=True, blank=True)
    geschlossen_am = models.DateField(_("Laufzeit bis"), null=True, blank=True)
    aussonderungsdatum = models.DateField(_("Aussonderung ab"), null=True, blank=True)
    bewertung = models.CharField(
        _("Bewertung"), max_length=10, choices=Bewertung.choices, default=Bewertung.OFFEN
    )
    archivkennung = models.CharField(_("Archivkennung"), max_length=300, blank=True)
    ergebnis = models.CharField(
        _("Ergebnis"), max_length=20, choices=Ergebnis.choices, default=Ergebnis.OFFEN
    )
    meldung = models.TextField(_("Meldung"), blank=True)
    vernichtet_am = models.DateTimeField(_("gelöscht am"), null=True, blank=True)
    vernichtet_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    vernichtet_von_name = models.CharField(_("gelöscht von"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("Akte im Aussonderungsverfahren")
        verbose_name_plural = _("Akten im Aussonderungsverfahren")
        ordering = ["aktenzeichen", "id"]
        constraints = [
            models.UniqueConstraint(fields=["verfahren", "xdomea_id"], name="aussonderung_objekt_einmal")
        ]
        indexes = [models.Index(fields=["organisation", "ergebnis"])]

    def __str__(self) -> str:
        return f"{self.aktenzeichen} {self.titel}"
