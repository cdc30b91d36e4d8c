"""The municipality registry (Land, Kreis, Gemeindeverband, Kommune) and the tenants.

Registry rows are public reference data: everyone may read them. ``Organisation`` is the tenant,
``Organisationseinheit`` the first kind of tenant data.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten

ags_validator = RegexValidator(r"^\d{8}$", _("Der Gemeindeschlüssel hat genau 8 Ziffern."))


class Land(models.Model):
    code = models.CharField(_("Schlüssel"), max_length=2, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    kurz = models.CharField(_("Kürzel"), max_length=2)

    class Meta:
        verbose_name = _("Land")
        verbose_name_plural = _("Länder")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Kreis(models.Model):
    class Typ(models.TextChoices):
        LANDKREIS = "landkreis", _("Landkreis")
        KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")

    ags = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    typ = models.CharField(_("Art"), max_length=20, choices=Typ.choices)
    sitz = models.CharField(_("Sitz der Verwaltung"), max_length=100, blank=True)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="kreise")

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        ordering = ["ags"]

    def __str__(self) -> str:
        return self.name


class Gemeindeverband(models.Model):
    class Typ(models.TextChoices):
        VERBANDSFREI = "verbandsfrei", _("verbandsfreie Gemeinde")
        VERWALTUNGSGEMEINSCHAFT = "verwaltungsgemeinschaft", _("Verwaltungsgemeinschaft")
        VERWALTUNGSVERBAND = "verwaltungsverband", _("Verwaltungsverband")
        VERBANDSGEMEINDE = "verbandsgemeinde", _("Verbandsgemeinde")

    ars = models.CharField(_("Regionalschlüssel (9 Stellen)"), max_length=9, unique=True)
    name = models.CharField(_("Name"), max_length=120)
    typ = models.CharField(_("Art"), max_length=30, choices=Typ.choices)
    sitz = models.CharField(_("Sitz"), max_length=100, blank=True)
    #: erfüllende Gemeinde (Verwaltungsgemeinschaft) or seat of the union, where known
    sitzgemeinde = models.ForeignKey(
        "Kommune", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="gemeindeverbaende")

    class Meta:
        verbose_name = _("Gemeindeverband")
        verbose_name_plural = _("Gemeindeverbände")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.get_typ_display()} {self.name}"

    @property
    def ist_verband(self) -> bool:
        return self.typ != self.Typ.VERBANDSFREI

    @property
    def sitz_bezeichnung(self) -> str:
        if self.typ == self.Typ.VERWALTUNGSGEMEINSCHAFT:
            return str(_("erfüllende Gemeinde"))
        return str(_("Sitz"))


class Kommune(models.Model):
    class Typ(models.TextChoices):
        KREISFREIE_STADT = "kreisfreie_stadt", _("Kreisfreie Stadt")
        STADT = "stadt", _("Stadt")
        GEMEINDE = "gemeinde", _("Gemeinde")

    class Verstaedterung(models.IntegerChoices):
        DICHT = 1, _("dicht besiedelt")
        MITTEL = 2, _("mittlere Besiedlungsdichte")
        GERING = 3, _("gering besiedelt")

    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True, validators=[ags_validator]
    )
    ars = models.CharField(_("Regionalschlüssel"), max_length=12, blank=True)
    name = models.CharField(_("Name"), max_length=120)
    name_amtlich = models.CharField(_("amtlicher Name"), max_length=200)
    #: folded name (see rathausnetz.suche.normaliser.name_key) so that Loessnitz finds Lößnitz
    suchname = models.CharField(max_length=200, db_index=True, editable=False)
    typ = models.CharField(_("Art"), max_length=20, choices=Typ.choices)
    land = models.ForeignKey(Land, on_delete=models.PROTECT, related_name="kommunen")
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="kommunen")
    gemeindeverband = models.ForeignKey(
        Gemeindeverband, null=True, blank=True, on_delete=models.SET_NULL, related_name="mitglieder"
    )
    einwohner = models.PositiveIntegerField(_("Einwohner"), db_index=True)
    einwohner_maennlich = models.PositiveIntegerField(_("davon männlich"), null=True, blank=True)
    einwohner_weiblich = models.PositiveIntegerField(_("davon weiblich"), null=True, blank=True)
    einwohner_stichtag = models.DateField(_("Stichtag Einwohner"))
    flaeche_km2 = models.DecimalField(_("Fläche in km²"), max_digits=9, decimal_places=2)
    flaeche_stichtag = models.DateField(_("Stichtag Fläche"))
    plz = models.CharField(_("Postleitzahl der Verwaltung"), max_length=5, blank=True)
    plz_mehrere = models.BooleanField(_("mehrere Postleitzahlen"), default=False)
    lat = models.FloatField(_("Breite (Mittelpunkt)"), null=True, blank=True)
    lon = models.FloatField(_("Länge (Mittelpunkt)"), null=True, blank=True)
    verstaedterung = models.PositiveSmallIntegerField(
        _("Grad der Verstädterung"), choices=Verstaedterung.choices, null=True, blank=True
    )
    #: simplified boundary as GeoJSON MultiPolygon coordinates (WGS84)
    grenze = models.JSONField(_("Grenze"), null=True, blank=True, editable=False)
    gebietsstand = models.DateField(_("Gebietsstand"))
    #: False when a newer Gemeindeverzeichnis no longer lists it (merged); rows stay for history
    aktiv = models.BooleanField(_("im aktuellen Gebietsstand"), default=True)

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name", "ags"]
        indexes = [models.Index(fields=["land", "name"]), models.Index(fields=["kreis", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("kommunen:detail", args=[self.ags])

    @property
    def dichte(self) -> float | None:
        if not self.flaeche_km2:
            return None
        return round(self.einwohner / float(self.flaeche_km2), 1)


class Bevoelkerungsstand(models.Model):
    """Population and area per reference date: the history the yearly import keeps."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="bevoelkerung")
    stichtag = models.DateField(_("Stichtag"))
    einwohner = models.PositiveIntegerField(_("Einwohner"))
    einwohner_maennlich = models.PositiveIntegerField(null=True, blank=True)
    einwohner_weiblich = models.PositiveIntegerField(null=True, blank=True)
    flaeche_km2 = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    quelle = models.CharField(_("Quelle"), max_length=200)

    class Meta:
        verbose_name = _("Bevölkerungsstand")
        verbose_name_plural = _("Bevölkerungsstände")
        ordering = ["kommune", "-stichtag"]
        constraints = [
            models.UniqueConstraint(fields=["kommune", "stichtag"], name="bevoelkerung_einmal_je_stichtag")
        ]

    def __str__(self) -> str:
        return f"{self.kommune_id}: {self.einwohner} am {self.stichtag:%d.%m.%Y}"


class Nachbarschaft(models.Model):
    """A shared boundary, stored once per direction. Neighbours outside SN/ST have no Kommune."""

    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="nachbarschaften")
    nachbar = models.ForeignKey(Kommune, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    nachbar_ags = models.CharField(max_length=8)
    nachbar_name = models.CharField(max_length=120)
    nachbar_land = models.CharField(max_length=60)
    grenzlaenge_km = models.DecimalField(_("Grenzlänge in km"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("Nachbarschaft")
        verbose_name_plural = _("Nachbarschaften")
        ordering = ["-grenzlaenge_km"]
        constraints = [models.UniqueConstraint(fields=["kommune", "nachbar_ags"], name="nachbar_einmal")]

    def __str__(self) -> str:
        return f"{self.kommune_id} – {self.nachbar_name}"


class Organisation(models.Model):
    """A tenant: a body that owns data in Rathausnetz."""

    class Typ(models.TextChoices):
        GEMEINDEVERWALTUNG = "gemeindeverwaltung", _("Gemeinde- oder Stadtverwaltung")
        VERWALTUNGSGEMEINSCHAFT = "verwaltungsgemeinschaft", _("Verwaltungsgemeinschaft")
        VERWALTUNGSVERBAND = "verwaltungsverband", _("Verwaltungsverband")
        VERBANDSGEMEINDE = "verbandsgemeinde", _("Verbandsgemeinde")
        ZWECKVERBAND = "zweckverband", _("Zweckverband")
        LANDKREIS = "landkreis", _("Landkreis")
        SPITZENVERBAND = "spitzenverband", _("Kommunaler Spitzenverband")
        LANDESBEHOERDE = "landesbehoerde", _("Landesbehörde")
        SONSTIGE = "sonstige", _("Sonstige")

    name = models.CharField(_("Name"), max_length=200)
    typ = models.CharField(_("Art"), max_length=30, choices=Typ.choices)
    kommunen = models.ManyToManyField(
        Kommune, blank=True, related_name="organisationen", verbose_name=_("Kommunen")
    )
    gemeindeverband = models.ForeignKey(
        Gemeindeverband,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisationen",
        verbose_name=_("Gemeindeverband"),
    )
    kreis = models.ForeignKey(
        Kreis, null=True, blank=True, on_delete=models.PROTECT, related_name="organisationen"
    )
    anschrift = models.TextField(_("Anschrift"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    erstellt_am = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeindeverband"],
                condition=models.Q(gemeindeverband__isnull=False),
                name="ein_mandant_je_gemeindeverband",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Organisationseinheit(Mandantendaten):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="organisationseinheiten"
    )
    name = models.CharField(_("Bezeichnung"), max_length=150)
    kuerzel = models.CharField(_("Kürzel"), max_length=20)
    uebergeordnet = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="untereinheiten",
        verbose_name=_("übergeordnete Einheit"),
    )
    aktiv = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("Organisationseinheit")
        verbose_name_plural = _("Organisationseinheiten")
        ordering = ["kuerzel"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kuerzel"], name="oe_kuerzel_je_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.kuerzel} – {self.name}"

    def clean(self) -> None:
        eltern = self.uebergeordnet
        if eltern is None:
            return
        if eltern.organisation_id != self.organisation_id:
            raise ValidationError(
                {"uebergeordnet": _("Die übergeordnete Einheit gehört zu einer anderen Organisation.")}
            )
        gesehen = {self.pk} if self.pk else set()
        while eltern is not None:
            if eltern.pk in gesehen:
                raise ValidationError(
                    {"uebergeordnet": _("So entstünde ein Kreis: die Einheit läge unter sich selbst.")}
                )
            gesehen.add(eltern.pk)
            eltern = eltern.uebergeordnet
