"""Users, their memberships (with roles) in organisations, and API tokens."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten
from rathausnetz.zugang.rechte import Rolle


class Benutzer(AbstractUser):
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    zuletzt_aktive_organisation = models.ForeignKey(
        "kommunen.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Benutzer/in")
        verbose_name_plural = _("Benutzer/innen")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def anzeigename(self) -> str:
        return self.get_full_name() or self.username


def rollen_pruefen(value: object) -> None:
    erlaubt = set(Rolle.values)
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Bitte mindestens eine Rolle angeben."))
    unbekannt = [r for r in value if r not in erlaubt]
    if unbekannt:
        raise ValidationError(
            _("Unbekannte Rolle: %(rollen)s"), params={"rollen": ", ".join(map(str, unbekannt))}
        )


class Mitgliedschaft(Mandantendaten):
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mitgliedschaften"
    )
    organisation = models.ForeignKey(
        "kommunen.Organisation", on_delete=models.CASCADE, related_name="mitgliedschaften"
    )
    organisationseinheit = models.ForeignKey(
        "kommunen.Organisationseinheit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mitgliedschaften",
        verbose_name=_("Organisationseinheit"),
    )
    rollen = models.JSONField(_("Rollen"), default=list, validators=[rollen_pruefen])
    funktion = models.CharField(_("Funktion"), max_length=120, blank=True)
    aktiv = models.BooleanField(_("aktiv"), default=True)
    seit = models.DateField(_("seit"), auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["organisation__name", "benutzer__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["benutzer", "organisation"], name="eine_mitgliedschaft_je_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.benutzer} @ {self.organisation}"

    def clean(self) -> None:
        einheit = self.organisationseinheit
        if einheit is not None and einheit.organisation_id != self.organisation_id:
            raise ValidationError(
                {"organisationseinheit": _("Die Einheit gehört zu einer anderen Organisation.")}
            )

    @property
    def rollen_anzeige(self) -> list[str]:
        return [str(Rolle(r).label) for r in self.rollen]


class ApiToken(Mandantendaten):
    """A bearer token for applications. Only a SHA-256 digest is stored; the token is shown once."""

    PRAEFIX = "rn_"

    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("Bezeichnung"), max_length=100)
    kennung = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    erstellt_am = models.DateTimeField(auto_now_add=True)
    zuletzt_benutzt = models.DateTimeField(null=True, blank=True)
    widerrufen_am = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")
        ordering = ["-erstellt_am"]

    def __str__(self) -> str:
        return f"{self.name} ({self.kennung})"

    @staticmethod
    def digest_von(geheimnis: str) -> str:
        return hashlib.sha256(geheimnis.encode()).hexdigest()
