"""E-Akte: file plan, Akte, Vorgang, Dokument with versions, Wiedervorlage.

Every row belongs to one organisation (the owner). An Akte can be shared with other organisations
(``Aktenfreigabe``); who sees what is decided in ``zugang.sichtbarkeit`` only.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten

kennzeichen_validator = RegexValidator(
    r"^\d{1,3}(\.\d{1,3})*$", _("Kennzeichen bestehen aus Ziffern und Punkten, z. B. 022.31.")
)


class Archivwuerdigkeit(models.TextChoices):
    A = "A", _("archivwürdig")
    B = "B", _("bewerten")
    V = "V", _("vernichten")


class Vertraulichkeit(models.TextChoices):
    OFFEN = "offen", _("offen")
    INTERN = "intern", _("intern (nur eigene Organisation)")
    VERTRAULICH = "vertraulich", _("vertraulich (nur zuständige Einheit)")


class Aktenplaneintrag(Mandantendaten):
    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.CASCADE, related_name="aktenplaneintraege"
    )
    kennzeichen = models.CharField(_("Kennzeichen"), max_length=40, validators=[kennzeichen_validator])
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    uebergeordnet = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="untereintraege",
        verbose_name=_("übergeordneter Eintrag"),
    )
    aufbewahrungsfrist = models.PositiveSmallIntegerField(
        _("Aufbewahrungsfrist (Jahre)"),
        null=True,
        blank=True,
        help_text=_(
            "Jahre ab Ende des Jahres, in dem die Akte geschlossen wird; leer = vom übergeordneten Eintrag"
        ),
    )
    archivwuerdigkeit = models.CharField(
        _("Archivwürdigkeit"), max_length=1, choices=Archivwuerdigkeit.choices, blank=True
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)
    gueltig_ab = models.DateField(_("gültig ab"), default=dt.date.today)
    sortierung = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Aktenplaneintrag")
        verbose_name_plural = _("Aktenplaneinträge")
        ordering = ["sortierung"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kennzeichen"], name="kennzeichen_je_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kennzeichen} {self.titel}"

    def save(self, *args, **kwargs) -> None:
        self.sortierung = kennzeichen_sortierung(self.kennzeichen)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        eltern = self.uebergeordnet
        if eltern is None:
            return
        if eltern.organisation_id != self.organisation_id:
            raise ValidationError({"uebergeordnet": _("Der Eintrag gehört zu einem anderen Aktenplan.")})
        gesehen = {self.pk} if self.pk else set()
        while eltern is not None:
            if eltern.pk in gesehen:
                raise ValidationError({"uebergeordnet": _("So entstünde ein Kreis im Aktenplan.")})
            gesehen.add(eltern.pk)
            eltern = eltern.uebergeordnet

    @property
    def wirksame_frist(self) -> int | None:
        """Retention in years: this entry's, else the nearest parent's."""
        eintrag: Aktenplaneintrag | None = self
        while eintrag is not None:
            if eintrag.aufbewahrungsfrist is not None:
                return eintrag.aufbewahrungsfrist
            eintrag = eintrag.uebergeordnet
        return None

    @property
    def wirksame_archivwuerdigkeit(self) -> str:
        eintrag: Aktenplaneintrag | None = self
        while eintrag is not None:
            if eintrag.archivwuerdigkeit:
                return eintrag.archivwuerdigkeit
            eintrag = eintrag.uebergeordnet
        return ""


def kennzeichen_sortierung(kennzeichen: str) -> str:
    """Sort key: digits of the first group one by one (0 < 02 < 022), later groups zero-padded."""
    teile = kennzeichen.split(".")
    return "|".join([*teile[0], *[t.zfill(3) for t in teile[1:]]])


class Aktenzeichenfolge(models.Model):
    """Running numbers of Akten per organisation, file plan entry and year (gap-free)."""

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    aktenplaneintrag = models.ForeignKey(Aktenplaneintrag, on_delete=models.CASCADE, related_name="+")
    jahr = models.PositiveSmallIntegerField()
    letzte_nummer = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "aktenplaneintrag", "jahr"], name="eine_folge_je_eintrag_und_jahr"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aktenplaneintrag_id}/{self.jahr}: {self.letzte_nummer}"


class Akteneinstellungen(Mandantendaten):
    organisation = models.OneToOneField(
        "kommunen.Organisation", on_delete=models.CASCADE, related_name="akteneinstellungen"
    )
    aktenzeichen_muster = models.CharField(
        _("Muster für Aktenzeichen"),
        max_length=100,
        default="{kennzeichen}-{laufnummer:04d}/{jahr}",
        help_text=_("Platzhalter: {kennzeichen}, {laufnummer} (z. B. {laufnummer:04d}), {jahr}, {oe}"),
    )

    class Meta:
        verbose_name = _("Akteneinstellungen")
        verbose_name_plural = _("Akteneinstellungen")

    def __str__(self) -> str:
        return f"Einstellungen {self.organisation_id}"


class Dokumenttyp(Mandantendaten):
    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Bezeichnung"), max_length=80)
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Dokumenttyp")
        verbose_name_plural = _("Dokumenttypen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="dokumenttyp_je_organisation")
        ]

    def __str__(self) -> str:
        return self.name


class Akte(Mandantendaten):
    class Status(models.TextChoices):
        OFFEN = "offen", _("offen")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="akten")
    aktenplaneintrag = models.ForeignKey(
        Aktenplaneintrag, on_delete=models.PROTECT, related_name="akten", verbose_name=_("Aktenplaneintrag")
    )
    aktenzeichen = models.CharField(_("Aktenzeichen"), max_length=100)
    laufnummer = models.PositiveIntegerField(_("laufende Nummer"))
    jahr = models.PositiveSmallIntegerField(_("Jahr"))
    titel = models.CharField(_("Titel"), max_length=300)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    organisationseinheit = models.ForeignKey(
        "kommunen.Organisationseinheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("zuständige Einheit"),
    )
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verantwortlich"),
    )
    vertraulichkeit = models.CharField(
        _("Vertraulichkeit"), max_length=20, choices=Vertraulichkeit.choices, default=Vertraulichkeit.OFFEN
    )
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.OFFEN)
    eroeffnet_am = models.DateField(_("eröffnet am"), default=dt.date.today)
    geschlossen_am = models.DateField(_("geschlossen am"), null=True, blank=True)
    aussonderungsdatum = models.DateField(_("Aussonderung ab"), null=True, blank=True, db_index=True)
    # The Aktenzeichen the Akte had at the authority that handed it over (XDOMEA Abgabe).
    fremdes_aktenzeichen = models.CharField(
        _("früheres Aktenzeichen (abgebende Stelle)"), max_length=300, blank=True
    )
    # Legal hold: while set, the Akte is neither offered to the archive nor destroyed.
    loeschsperre = models.BooleanField(_("Löschsperre"), default=False)
    loeschsperre_grund = models.CharField(_("Grund der Löschsperre"), max_length=300, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Akte")
        verbose_name_plural = _("Akten")
        ordering = ["-eroeffnet_am", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "aktenzeichen"], name="aktenzeichen_je_organisation"
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-eroeffnet_am", "-id"]),
            models.Index(fields=["organisation", "-eroeffnet_am", "-id"]),
        ]

    def __str__(self) -> str:
        return f"{self.aktenzeichen} {self.titel}"

    def get_absolute_url(self) -> str:
        return reverse("akten:akte", args=[self.pk])

    # For lists: Django's get_FOO_display() rebuilds the whole choices dict (translating every
    # label) on each call, a tenth of the Akten list's time for 50 rows.
    @property
    def status_anzeige(self) -> str:
        return self.Status(self.status).label

    @property
    def vertraulichkeit_anzeige(self) -> str:
        return Vertraulichkeit(self.vertraulichkeit).label


class Aktenfreigabe(models.Model):
    """An Akte shared with another organisation (e.g. the partners of a cooperation)."""

    class Rolle(models.TextChoices):
        LESEN = "lesen", _("lesen")
        BEARBEITEN = "bearbeiten", _("bearbeiten")

    akte = models.ForeignKey(Akte, on_delete=models.CASCADE, related_name="freigaben")
    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    rolle = models.CharField(_("Rolle"), max_length=20, choices=Rolle.choices, default=Rolle.LESEN)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Aktenfreigabe")
        verbose_name_plural = _("Aktenfreigaben")
        constraints = [
            models.UniqueConstraint(fields=["akte", "organisation"], name="eine_freigabe_je_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.akte_id} → {self.organisation_id} ({self.rolle})"


class Vorgang(Mandantendaten):
    class Status(models.TextChoices):
        IN_BEARBEITUNG = "in_bearbeitung", _("in Bearbeitung")
        RUHEND = "ruhend", _("ruhend")
        ZDA = "zda", _("zdA")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    akte = models.ForeignKey(Akte, on_delete=models.PROTECT, related_name="vorgaenge")
    betreff = models.CharField(_("Betreff"), max_length=300)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.IN_BEARBEITUNG
    )
    frist = models.DateField(_("Frist"), null=True, blank=True)
    verantwortlich = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)
    zda_am = models.DateField(_("zdA am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Vorgang")
        verbose_name_plural = _("Vorgänge")
        ordering = ["-erstellt_am", "-id"]

    def __str__(self) -> str:
        return self.betreff

    def get_absolute_url(self) -> str:
        return reverse("akten:vorgang", args=[self.pk])


class Datei(models.Model):
    """A stored original, content-addressed: one row and one file per SHA-256, never changed."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    groesse = models.PositiveBigIntegerField()
    mime_typ = models.CharField(max_length=100)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    #: set when the last record holding this content was destroyed (Aussonderung); the file and
    #: this row then go (``services/originale.py``), unless the content is in use again
    vernichten_seit = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("Datei")
        verbose_name_plural = _("Dateien")

    def __str__(self) -> str:
        return self.sha256


class Dokument(Mandantendaten):
    class Richtung(models.TextChoices):
        EINGANG = "eingang", _("Eingang")
        AUSGANG = "ausgang", _("Ausgang")
        INTERN = "intern", _("intern")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    vorgang = models.ForeignKey(Vorgang, on_delete=models.PROTECT, related_name="dokumente")
    betreff = models.CharField(_("Betreff"), max_length=300)
    dokumentdatum = models.DateField(_("Dokumentdatum"), null=True, blank=True)
    eingangsdatum = models.DateField(_("Eingangsdatum"), null=True, blank=True)
    richtung = models.CharField(
        _("Richtung"), max_length=10, choices=Richtung.choices, default=Richtung.EINGANG
    )
    absender = models.CharField(_("Absender"), max_length=300, blank=True)
    empfaenger = models.CharField(_("Empfänger"), max_length=300, blank=True)
    dokumenttyp = models.ForeignKey(
        Dokumenttyp,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Dokumenttyp"),
    )
    vertraulichkeit = models.CharField(
        _("Vertraulichkeit"), max_length=20, choices=Vertraulichkeit.choices, default=Vertraulichkeit.OFFEN
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-erstellt_am", "-id"]

    def __str__(self) -> str:
        return self.betreff

    def get_absolute_url(self) -> str:
        return reverse("akten:dokument", args=[self.pk])

    @property
    def richtung_anzeige(self) -> str:
        """Cheaper than get_richtung_display() in lists (see ``Akte.status_anzeige``)."""
        return self.Richtung(self.richtung).label


class Dokumentversion(Mandantendaten):
    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    dokument = models.ForeignKey(Dokument, on_delete=models.CASCADE, related_name="versionen")
    nummer = models.PositiveIntegerField(_("Version"))
    datei = models.ForeignKey(Datei, on_delete=models.PROTECT, related_name="+")
    dateiname = models.CharField(_("Dateiname"), max_length=200)
    text = models.TextField(_("Text"), blank=True)
    kommentar = models.CharField(_("Kommentar"), max_length=300, blank=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Dokumentversion")
        verbose_name_plural = _("Dokumentversionen")
        ordering = ["dokument", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["dokument", "nummer"], name="versionsnummer_je_dokument")
        ]

    def __str__(self) -> str:
        return f"{self.dateiname} (Version {self.nummer})"


class Verschiebung(Mandantendaten):
    """Where a Vorgang or Dokument was filed before: the Aktenzeichen history."""

    class Art(models.TextChoices):
        VORGANG = "vorgang", _("Vorgang")
        DOKUMENT = "dokument", _("Dokument")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    art = models.CharField(max_length=10, choices=Art.choices)
    objekt_id = models.PositiveBigIntegerField()
    von_aktenzeichen = models.CharField(max_length=100)
    nach_aktenzeichen = models.CharField(max_length=100)
    von_vorgang = models.ForeignKey(
        Vorgang, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nach_vorgang = models.ForeignKey(
        Vorgang, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    zeitpunkt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Verschiebung")
        verbose_name_plural = _("Verschiebungen")
        ordering = ["-zeitpunkt"]
        indexes = [models.Index(fields=["art", "objekt_id"])]

    def __str__(self) -> str:
        return f"{self.art} {self.objekt_id}: {self.von_aktenzeichen} → {self.nach_aktenzeichen}"


class Wiedervorlage(Mandantendaten):
    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.PROTECT, related_name="+")
    vorgang = models.ForeignKey(Vorgang, on_delete=models.CASCADE, related_name="wiedervorlagen")
    faellig_am = models.DateField(_("fällig am"), db_index=True)
    fuer_benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("für Person"),
    )
    fuer_einheit = models.ForeignKey(
        "kommunen.Organisationseinheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("für Einheit"),
    )
    notiz = models.CharField(_("Notiz"), max_length=500, blank=True)
    erledigt_am = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    erledigt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Wiedervorlage")
        verbose_name_plural = _("Wiedervorlagen")
        ordering = ["faellig_am", "id"]

    def __str__(self) -> str:
        return f"WV {self.faellig_am:%d.%m.%Y}: {self.vorgang_id}"
