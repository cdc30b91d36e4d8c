"""Inter-municipal cooperation: legal forms, task areas, the cooperation registry and its tools.

``Rechtsform``, ``Aufgabenbereich`` and ``Modell`` are reference data everyone may read. A
``Kooperation`` is visible by its ``sichtbarkeit`` (rule in ``zugang.sichtbarkeit``); everything
hanging off it (members, § 2b checks, cost sharing) is visible exactly when it is.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten


class Rechtsform(models.Model):
    code = models.SlugField(_("Schlüssel"), max_length=40, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=120)
    kurz = models.CharField(_("Kurzbezeichnung"), max_length=40)
    land = models.CharField(_("Land"), max_length=2, default="SN")
    rechtsgrundlage = models.CharField(_("Rechtsgrundlage"), max_length=200)
    rechtspersoenlichkeit = models.BooleanField(_("eigene Rechtspersönlichkeit"))
    rechtspersoenlichkeit_text = models.TextField(blank=True)
    genehmigungspflichtig = models.BooleanField(_("genehmigungspflichtig"))
    genehmigung = models.TextField(_("Genehmigung"), blank=True)
    bekanntmachungspflichtig = models.BooleanField(_("bekanntmachungspflichtig"))
    bekanntmachung = models.TextField(_("Bekanntmachung"), blank=True)
    neubildung_erlaubt = models.BooleanField(_("Neubildung zulässig"), default=True)
    neubildung_hinweis = models.TextField(blank=True)
    oeffentlich_rechtlich = models.BooleanField(_("öffentlich-rechtlich"), default=True)
    mindestmitglieder = models.PositiveSmallIntegerField(_("Mindestzahl Beteiligte"), default=2)
    erlaeuterung = models.TextField(_("Erläuterung"), blank=True)
    ust_hinweis = models.TextField(_("Hinweis § 2b UStG"), blank=True)
    reihenfolge = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Rechtsform")
        verbose_name_plural = _("Rechtsformen")
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class Aufgabenbereich(models.Model):
    code = models.SlugField(_("Schlüssel"), max_length=40, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=120)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    #: the law reserves the task to public bodies (§ 2b Abs. 3 Nr. 1 UStG)
    hoheitlich = models.BooleanField(_("öffentlichen Stellen vorbehalten"), default=False)
    hoheitlich_grundlage = models.TextField(blank=True)
    ust_hinweis = models.TextField(blank=True)
    empfohlene_einwohner = models.PositiveIntegerField(null=True, blank=True)
    reihenfolge = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Aufgabenbereich")
        verbose_name_plural = _("Aufgabenbereiche")
        ordering = ["reihenfolge", "name"]

    def __str__(self) -> str:
        return self.name


class Modell(models.Model):
    """A model cooperation of the catalogue; its content lives in versions (``Modellfassung``)."""

    code = models.SlugField(_("Schlüssel"), max_length=60, unique=True)
    titel = models.CharField(_("Titel"), max_length=200)
    aufgabenbereich = models.ForeignKey(Aufgabenbereich, on_delete=models.PROTECT, related_name="modelle")
    aktuelle_fassung = models.ForeignKey(
        "Modellfassung", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    aktiv = models.BooleanField(_("im Katalog"), default=True)

    class Meta:
        verbose_name = _("Modell")
        verbose_name_plural = _("Modellkatalog")
        ordering = ["titel"]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("ikz:modell", args=[self.code])


class Modellfassung(models.Model):
    """One version of a fact sheet. Never changed once written: an edit adds a version."""

    modell = models.ForeignKey(Modell, on_delete=models.CASCADE, related_name="fassungen")
    nummer = models.PositiveIntegerField(_("Fassung"))
    titel = models.CharField(_("Titel"), max_length=200)
    kurzbeschreibung = models.TextField(_("Kurzbeschreibung"))
    aufgabe = models.TextField(_("Aufgabe"))
    rechtsformen = models.ManyToManyField(
        Rechtsform, related_name="+", verbose_name=_("geeignete Rechtsformen")
    )
    voraussetzungen = models.JSONField(_("Voraussetzungen"), default=list)
    #: [{"titel": str, "dokumente": [str]}]
    schritte = models.JSONField(_("Schritte"), default=list)
    umlage_verfahren = models.CharField(_("typischer Umlageschlüssel"), max_length=20)
    umlage_beschreibung = models.TextField(blank=True)
    ust_hinweise = models.TextField(_("Hinweise zu § 2b UStG"), blank=True)
    nutzen = models.JSONField(_("Nutzen"), default=list)
    risiken = models.JSONField(_("Risiken"), default=list)
    empfohlene_einwohner = models.PositiveIntegerField(
        _("empfohlene Einwohnerzahl zusammen"), null=True, blank=True
    )
    aenderungsnotiz = models.CharField(_("Was wurde geändert?"), max_length=300, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    erstellt_von = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("Modellfassung")
        verbose_name_plural = _("Modellfassungen")
        ordering = ["modell", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["modell", "nummer"], name="modellfassung_nummer")]

    def __str__(self) -> str:
        return f"{self.titel} (Fassung {self.nummer})"


class Kooperation(Mandantendaten):
    """A cooperation of municipalities. ``organisation`` recorded it (None for imports)."""

    class Status(models.TextChoices):
        IDEE = "idee", _("Idee")
        VERHANDLUNG = "verhandlung", _("Verhandlung")
        GENEHMIGUNG_BEANTRAGT = "genehmigung_beantragt", _("Genehmigung beantragt")
        AKTIV = "aktiv", _("aktiv")
        BEENDET = "beendet", _("beendet")

    class Sichtbarkeit(models.TextChoices):
        OEFFENTLICH = "oeffentlich", _("öffentlich")
        MITGLIEDER = "mitglieder", _("nur Mitglieder")
        SERVICESTELLE = "servicestelle", _("nur Servicestelle")

    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    rechtsform = models.ForeignKey(Rechtsform, on_delete=models.PROTECT, related_name="kooperationen")
    aufgabenbereiche = models.ManyToManyField(
        Aufgabenbereich, related_name="kooperationen", verbose_name=_("Aufgabenbereiche")
    )
    modell = models.ForeignKey(
        Modell, null=True, blank=True, on_delete=models.SET_NULL, related_name="kooperationen"
    )
    status = models.CharField(_("Status"), max_length=30, choices=Status.choices, default=Status.IDEE)
    beginn = models.DateField(_("Beginn"), null=True, blank=True)
    ende = models.DateField(_("Ende"), null=True, blank=True)
    laufzeit = models.CharField(_("Laufzeit / Kündigung"), max_length=200, blank=True)
    genehmigungsbehoerde = models.CharField(_("Genehmigungsbehörde"), max_length=200, blank=True)
    genehmigt_am = models.DateField(_("Genehmigt am"), null=True, blank=True)
    bekanntmachung = models.CharField(_("Bekanntmachung (Fundstelle)"), max_length=300, blank=True)
    foerderung = models.CharField(_("Förderung"), max_length=300, blank=True)
    sichtbarkeit = models.CharField(
        _("Sichtbarkeit"), max_length=20, choices=Sichtbarkeit.choices, default=Sichtbarkeit.MITGLIEDER
    )
    ansprechpersonen = models.TextField(_("Ansprechpersonen"), blank=True)
    organisation = models.ForeignKey(
        "kommunen.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("erfasst von"),
    )
    #: the union from the registry this cooperation was imported from
    gemeindeverband = models.OneToOneField(
        "kommunen.Gemeindeverband",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kooperation",
    )
    akte = models.ForeignKey(
        "akten.Akte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Akte"),
    )
    quelle = models.CharField(_("Quelle"), max_length=300, blank=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    #: bumped by every change of content or members; older § 2b checks need a re-assessment
    geaendert_am = models.DateTimeField()

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["titel", "id"]
        indexes = [models.Index(fields=["status", "titel"]), models.Index(fields=["sichtbarkeit"])]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("ikz:kooperation", args=[self.pk])


class Kooperationsmitglied(Mandantendaten):
    """A member: a municipality from the registry, or a Landkreis."""

    class Rolle(models.TextChoices):
        FEDERFUEHREND = "federfuehrend", _("erfüllend / federführend")
        BEAUFTRAGEND = "beauftragend", _("beauftragend")
        MITGLIED = "mitglied", _("Mitglied")

    kooperation = models.ForeignKey(Kooperation, on_delete=models.CASCADE, related_name="mitglieder")
    kommune = models.ForeignKey(
        "kommunen.Kommune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ikz_mitgliedschaften",
    )
    kreis = models.ForeignKey(
        "kommunen.Kreis", null=True, blank=True, on_delete=models.PROTECT, related_name="ikz_mitgliedschaften"
    )
    rolle = models.CharField(_("Rolle"), max_length=20, choices=Rolle.choices, default=Rolle.MITGLIED)
    beigetreten_am = models.DateField(_("beigetreten am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Mitglied")
        verbose_name_plural = _("Mitglieder")
        ordering = ["kooperation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kommune__isnull=False, kreis__isnull=True)
                | models.Q(kommune__isnull=True, kreis__isnull=False),
                name="mitglied_kommune_oder_kreis",
            ),
            models.UniqueConstraint(fields=["kooperation", "kommune"], name="kommune_einmal_je_kooperation"),
            models.UniqueConstraint(fields=["kooperation", "kreis"], name="kreis_einmal_je_kooperation"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(self.kommune or self.kreis)

    @property
    def schluessel(self) -> str:
        return self.kommune.ags if self.kommune_id else self.kreis.ags


class Fachverfahren(models.Model):
    """Which software a municipality uses for a task: shared software eases a cooperation."""

    kommune = models.ForeignKey("kommunen.Kommune", on_delete=models.CASCADE, related_name="fachverfahren")
    aufgabenbereich = models.ForeignKey(Aufgabenbereich, on_delete=models.CASCADE, related_name="+")
    software = models.CharField(_("Fachverfahren / Software"), max_length=150)
    hersteller = models.CharField(_("Hersteller"), max_length=150, blank=True)
    erfasst_am = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Fachverfahren")
        verbose_name_plural = _("Fachverfahren")
        ordering = ["kommune", "aufgabenbereich"]
        constraints = [
            models.UniqueConstraint(
                fields=["kommune", "aufgabenbereich"], name="ein_fachverfahren_je_aufgabe"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kommune_id}: {self.software}"


class UstPruefung(Mandantendaten):
    """A stored § 2b UStG assessment of one service of a cooperation. Never changed afterwards."""

    kooperation = models.ForeignKey(Kooperation, on_delete=models.CASCADE, related_name="ust_pruefungen")
    leistung = models.CharField(_("Leistung"), max_length=300)
    leistender = models.ForeignKey(
        Kooperationsmitglied, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    antworten = models.JSONField(_("Antworten"))
    ergebnis = models.CharField(_("Ergebnis"), max_length=20)
    entscheidender_schritt = models.CharField(max_length=60, blank=True)
    begruendung = models.TextField(_("Begründung"))
    vorschriften = models.JSONField(default=list)
    schritte = models.JSONField(default=list)
    hinweise = models.JSONField(default=list)
    fassung = models.CharField(_("Fassung des Fragebogens"), max_length=20)
    geprueft_am = models.DateTimeField(_("geprüft am"), auto_now_add=True)
    pruefer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    pruefer_name = models.CharField(_("geprüft von"), max_length=200)

    class Meta:
        verbose_name = _("Prüfung § 2b UStG")
        verbose_name_plural = _("Prüfungen § 2b UStG")
        ordering = ["kooperation", "-geprueft_am", "-id"]

    def __str__(self) -> str:
        return f"{self.leistung}: {self.ergebnis}"

    @property
    def ergebnis_label(self) -> str:
        return {
            "nicht_steuerbar": "nicht steuerbar",
            "steuerbar": "steuerbar",
            "vertieft_pruefen": "vertieft prüfen",
        }.get(self.ergebnis, self.ergebnis)

    @property
    def neubewertung_noetig(self) -> bool:
        return self.kooperation.geaendert_am > self.geprueft_am


class Umlage(Mandantendaten):
    """A stored cost-sharing calculation; inputs and result kept as computed."""

    kooperation = models.ForeignKey(Kooperation, on_delete=models.CASCADE, related_name="umlagen")
    bezeichnung = models.CharField(_("Bezeichnung"), max_length=200)
    haushaltsjahr = models.PositiveSmallIntegerField(_("Haushaltsjahr"), null=True, blank=True)
    gesamtbetrag = models.DecimalField(_("Gesamtbetrag in Euro"), max_digits=14, decimal_places=2)
    verfahren = models.CharField(_("Verfahren"), max_length=20)
    sockel_prozent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    variable_basis = models.CharField(max_length=20, blank=True)
    stichtag = models.DateField(_("Stichtag Einwohner"), null=True, blank=True)
    #: [{"schluessel", "name", "basiswert", "anteil", "sockelbetrag", "variabler_betrag", "betrag",
    #:   "vorauszahlung", "saldo"}] — Decimals as strings
    zeilen = models.JSONField()
    erstellt_am = models.DateTimeField(auto_now_add=True)
    erstellt_von = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("Umlageberechnung")
        verbose_name_plural = _("Umlageberechnungen")
        ordering = ["kooperation", "-erstellt_am", "-id"]

    def __str__(self) -> str:
        return self.bezeichnung
