"""The search index: one row per Akte, Vorgang and Dokument, in the same database as the data.

A ``Suchtext`` row holds the normalised terms (``*_index``) and what results show and filter on.
The database derives the full-text structure from these columns by itself — on SQLite an FTS5
table kept in step by triggers, on PostgreSQL a generated ``tsvector`` column with a GIN index
(migration 0001) — so the index is written in the same transaction as the row, and a deleted row
takes its index entry with it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from rathausnetz.akten.models import Vertraulichkeit
from rathausnetz.zugang.mandant import Mandantendaten


class Suchtext(Mandantendaten):
    class Art(models.TextChoices):
        AKTE = "akte", _("Akte")
        VORGANG = "vorgang", _("Vorgang")
        DOKUMENT = "dokument", _("Dokument")

    organisation = models.ForeignKey("kommunen.Organisation", on_delete=models.CASCADE, related_name="+")
    art = models.CharField(max_length=10, choices=Art.choices)
    #: the Akte whose visibility governs this row (the row itself for art=akte)
    akte = models.ForeignKey("akten.Akte", on_delete=models.CASCADE, related_name="+")
    vorgang = models.ForeignKey("akten.Vorgang", null=True, on_delete=models.CASCADE, related_name="+")
    dokument = models.OneToOneField(
        "akten.Dokument", null=True, on_delete=models.CASCADE, related_name="suchtext"
    )
    titel = models.CharField(max_length=300)
    aktenzeichen = models.CharField(max_length=100, db_index=True)
    aktenplaneintrag = models.ForeignKey(
        "akten.Aktenplaneintrag", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dokumenttyp = models.ForeignKey(
        "akten.Dokumenttyp", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    richtung = models.CharField(max_length=10, blank=True)
    #: Dokumentdatum, else Eingangsdatum, else the day the row's object was created
    datum = models.DateField(db_index=True)
    #: the object's own confidentiality (documents can be stricter than their Akte)
    vertraulichkeit = models.CharField(max_length=20, choices=Vertraulichkeit.choices)
    titel_index = models.TextField(blank=True)
    inhalt_index = models.TextField(blank=True)
    varianten_index = models.TextField(blank=True)
    absender_index = models.TextField(blank=True)
    aktualisiert_am = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Suchindex-Eintrag")
        verbose_name_plural = _("Suchindex")
        constraints = [
            models.UniqueConstraint(
                fields=["art", "akte"], condition=models.Q(art="akte"), name="suchtext_eine_akte"
            ),
            models.UniqueConstraint(
                fields=["art", "vorgang"], condition=models.Q(art="vorgang"), name="suchtext_ein_vorgang"
            ),
        ]
        indexes = [models.Index(fields=["vorgang"], name="suchtext_vorgang")]

    def __str__(self) -> str:
        return f"{self.get_art_display()}: {self.titel}"


class Suchwort(models.Model):
    """Every term the index has seen: the vocabulary the fuzzy stage looks up near spellings in.

    Only ever grows; a term whose documents are gone costs one wasted candidate, never a wrong hit.
    """

    wort = models.CharField(max_length=60, primary_key=True)

    class Meta:
        verbose_name = _("Suchwort")
        verbose_name_plural = _("Suchwörter")

    def __str__(self) -> str:
        return self.wort
