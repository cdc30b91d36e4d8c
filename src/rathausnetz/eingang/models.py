"""The Posteingang: what arrived, what the pipeline made of it, and where it was filed.

An ``Eingang`` is not yet a record (Schriftgut): it becomes one when a clerk files it, which
creates an ``akten.Dokument`` pointing to the same stored original. Until then it lives in the
organisation's Posteingangskorb — also when processing failed (quarantine: the original stays in
the content-addressed store, the row says why it could not be processed).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Eingang(Mandantendaten):
    class Status(models.TextChoices):
        WARTEND = "wartend", _("wartend")
        IN_ARBEIT = "in_arbeit", _("in Arbeit")
        FERTIG = "fertig", _("fertig")
        FEHLGESCHLAGEN = "fehlgeschlagen", _("fehlgeschlagen")

    class Quelle(models.TextChoices):
        UPLOAD = "upload", _("Hochgeladen")
        API = "api", _("Programmierschnittstelle")
        ORDNER = "ordner", _("Eingangsordner")
        MAIL = "mail", _("E-Mail-Postfach")
        KOMMANDOZEILE = "kommandozeile", _("Kommandozeile")
        TEILUNG = "teilung", _("Aus Teilung")

    class Erledigung(models.TextChoices):
        OFFEN = "offen", _("offen")
        ABGELEGT = "abgelegt", _("abgelegt")
        VERWORFEN = "verworfen", _("verworfen")
        AUFGETEILT = "aufgeteilt", _("aufgeteilt")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    quelle = models.CharField(_("Quelle"), max_length=20, choices=Quelle.choices)
    datei = models.ForeignKey("akten.Datei", on_delete=models.PROTECT, related_name="+")
    dateiname = models.CharField(_("Dateiname"), max_length=200)
    mime_typ = models.CharField(_("Dateityp"), max_length=100, blank=True)

    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.WARTEND)
    fehler = models.TextField(_("Fehler"), blank=True)
    versuche = models.PositiveSmallIntegerField(default=0)
    #: who works on it now ("host:pid") and since when — lets a restarted worker take over
    bearbeiter = models.CharField(max_length=100, blank=True)
    bearbeitung_seit = models.DateTimeField(null=True, blank=True)
    bearbeitung_token = models.CharField(max_length=32, blank=True)

    text_roh = models.TextField(_("Text (roh)"), blank=True)
    text = models.TextField(_("Text (korrigiert)"), blank=True)
    seiten = models.PositiveIntegerField(_("Seiten"), null=True, blank=True)
    ocr = models.BooleanField(_("Texterkennung"), default=False)
    pdfa = models.BooleanField(_("PDF/A erzeugt"), default=False)
    korrekturen = models.JSONField(default=list, blank=True)
    metadaten = models.JSONField(default=dict, blank=True)
    vorschlaege = models.JSONField(default=dict, blank=True)

    eltern = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="kinder")
    duplikat_von = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message_id = models.CharField(max_length=300, blank=True, db_index=True)

    erledigung = models.CharField(max_length=20, choices=Erledigung.choices, default=Erledigung.OFFEN)
    dokument = models.ForeignKey(
        "akten.Dokument", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erledigt_am = models.DateTimeField(null=True, blank=True)
    erledigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erledigt_grund = models.CharField(max_length=300, blank=True)

    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)
    fertig_am = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Eingang")
        verbose_name_plural = _("Posteingang")
        ordering = ["-erstellt_am", "-id"]
        indexes = [
            models.Index(fields=["organisation", "erledigung", "-erstellt_am"]),
            models.Index(fields=["status", "bearbeitung_seit"]),
            models.Index(fields=["organisation", "datei"]),
        ]

    def __str__(self) -> str:
        return self.dateiname

    @property
    def datum_vorschlag(self) -> str:
        return (self.metadaten or {}).get("datum") or ""

    @property
    def absender_vorschlag(self) -> str:
        meta = self.metadaten or {}
        return meta.get("absender_organisation") or meta.get("absender_person") or ""

    @property
    def akte_vorschlag(self) -> dict | None:
        akten = (self.vorschlaege or {}).get("akte") or []
        return akten[0] if akten else None

    @property
    def in_bearbeitung(self) -> bool:
        return self.status in {self.Status.WARTEND, self.Status.IN_ARBEIT}


class Postfach(Mandantendaten):
    """An IMAP mailbox of the organisation, polled by the worker."""

    class Verschluesselung(models.TextChoices):
        SSL = "ssl", _("SSL/TLS")
        STARTTLS = "starttls", _("STARTTLS")
        KEINE = "keine", _("keine (nur im lokalen Netz)")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=100)
    host = models.CharField(_("Server"), max_length=200)
    port = models.PositiveIntegerField(_("Port"), default=993)
    verschluesselung = models.CharField(
        _("Verschlüsselung"), max_length=10, choices=Verschluesselung.choices, default=Verschluesselung.SSL
    )
    benutzer = models.CharField(_("Benutzername"), max_length=200)
    passwort = models.CharField(_("Passwort"), max_length=200)
    ordner = models.CharField(_("Ordner"), max_length=100, default="INBOX")
    ziel_ordner = models.CharField(_("Ordner für Verarbeitetes"), max_length=100, default="Rathausnetz")
    aktiv = models.BooleanField(_("aktiv"), default=True)
    letzter_abruf = models.DateTimeField(null=True, blank=True)
    fehlversuche = models.PositiveIntegerField(default=0)
    naechster_versuch = models.DateTimeField(null=True, blank=True)
    letzter_fehler = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("Postfach")
        verbose_name_plural = _("Postfächer")

    def __str__(self) -> str:
        return self.bezeichnung


class Ablageregel(Mandantendaten):
    """“Absender enthält Standesamt → 121.x”: rules a clerk writes, applied before the classifier."""

    class Feld(models.TextChoices):
        ABSENDER = "absender", _("Absender")
        BETREFF = "betreff", _("Betreff")
        TEXT = "text", _("Text")
        DATEINAME = "dateiname", _("Dateiname")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    feld = models.CharField(_("Feld"), max_length=20, choices=Feld.choices, default=Feld.ABSENDER)
    enthaelt = models.CharField(_("enthält"), max_length=200)
    aktenplaneintrag = models.ForeignKey(
        "akten.Aktenplaneintrag",
        verbose_name=_("Aktenplaneintrag"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    akte = models.ForeignKey(
        "akten.Akte",
        verbose_name=_("Akte"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    dokumenttyp = models.ForeignKey(
        "akten.Dokumenttyp",
        verbose_name=_("Dokumenttyp"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Ablageregel")
        verbose_name_plural = _("Ablageregeln")
        ordering = ["feld", "enthaelt"]

    def __str__(self) -> str:
        return f"{self.get_feld_display()} enthält „{self.enthaelt}“"


class Ablagemodell(Mandantendaten):
    """The organisation's trained filing classifier (scikit-learn, serialised by ourselves)."""

    organisation = models.OneToOneField("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    daten = models.BinaryField()
    anzahl_beispiele = models.PositiveIntegerField()
    trainiert_am = models.DateTimeField()

    class Meta:
        verbose_name = _("Ablagemodell")
        verbose_name_plural = _("Ablagemodelle")
