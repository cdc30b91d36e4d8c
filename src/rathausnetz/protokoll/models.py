"""Append-only audit log, hash-chained per tenant.

Each organisation has its own chain (``Protokollkette``); events without an organisation (registry
imports, tenant activation) go into the system chain. Every entry carries the hash of its
predecessor, and the chain head remembers length and last hash, so that changing, deleting or
truncating entries is detected by ``rathausnetz protokoll-pruefen``. A database trigger (see the
migration) refuses UPDATE on entries as a second line of defence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rathausnetz.zugang.mandant import Mandantendaten

SYSTEMKETTE = "system"


class Protokollkette(models.Model):
    schluessel = models.CharField(max_length=40, unique=True)
    organisation = models.OneToOneField(
        "kommunen.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    laenge = models.PositiveBigIntegerField(default=0)
    letzter_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("Protokollkette")
        verbose_name_plural = _("Protokollketten")

    def __str__(self) -> str:
        return self.schluessel


def _anzeige(wert: object) -> str:
    if wert is None or wert == "":
        return "–"
    if isinstance(wert, list):
        return ", ".join(_anzeige(w) for w in wert) or "–"
    if isinstance(wert, dict):
        return "; ".join(f"{k}: {_anzeige(v)}" for k, v in wert.items())
    return str(wert)


class ProtokollUnveraenderlich(Exception):
    """Audit entries are never changed or deleted through the application."""


class Protokolleintrag(Mandantendaten):
    kette = models.ForeignKey(Protokollkette, on_delete=models.PROTECT, related_name="eintraege")
    nummer = models.PositiveBigIntegerField(_("laufende Nummer"))
    zeitpunkt = models.DateTimeField(_("Zeitpunkt"), db_index=True)
    organisation = models.ForeignKey(
        "kommunen.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    #: never updated: deleting a user leaves the id (and the chain) as it was, hence no DB constraint
    benutzer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    #: kept as text, so that the entry still names the person after the account is gone
    benutzername = models.CharField(_("Benutzer/in"), max_length=150)
    aktion = models.CharField(_("Aktion"), max_length=80, db_index=True)
    objekt_typ = models.CharField(_("Objektart"), max_length=80, blank=True)
    objekt_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    objekt_text = models.CharField(_("Objekt"), max_length=300, blank=True)
    aenderungen = models.JSONField(_("Änderungen"), default=dict, blank=True)
    request_id = models.CharField(_("Anfrage-ID"), max_length=64, blank=True)
    vorher_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["-zeitpunkt", "-id"]
        constraints = [models.UniqueConstraint(fields=["kette", "nummer"], name="protokoll_nummer_je_kette")]
        indexes = [models.Index(fields=["objekt_typ", "objekt_id"])]

    def __str__(self) -> str:
        return f"{self.zeitpunkt:%d.%m.%Y %H:%M} {self.aktion} {self.objekt_text}"

    @property
    def aenderungen_anzeige(self) -> list[tuple[str, str]]:
        """``(feld, text)`` pairs for display: "alt → neu" for changes, the value otherwise."""
        zeilen = []
        for feld, wert in (self.aenderungen or {}).items():
            if isinstance(wert, dict) and set(wert) == {"alt", "neu"}:
                alt, neu = _anzeige(wert["alt"]), _anzeige(wert["neu"])
                if alt == neu == "–":
                    continue
                text = neu if alt == "–" else f"{alt} → {neu}"
            else:
                text = _anzeige(wert)
            zeilen.append((feld, text))
        return zeilen

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ProtokollUnveraenderlich("Protokolleinträge werden nie geändert.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ProtokollUnveraenderlich("Protokolleinträge werden nie gelöscht.")
