from __future__ import annotations

from django import forms

from rathausnetz.akten.models import Akte, Dokumenttyp, Vertraulichkeit
from rathausnetz.zugang.forms import DatumInput, Formular


class MehrereDateien(forms.ClearableFileInput):
    allow_multiple_selected = True


class HochladenForm(Formular):
    dateien = forms.FileField(
        label="Dateien",
        widget=MehrereDateien(attrs={"multiple": True}),
        help_text="PDF, Scans (PNG, JPEG, TIFF), Word, OpenDocument, Text und E-Mails (EML, MSG).",
    )

    def clean_dateien(self):
        return self.files.getlist("dateien")


class AblageForm(Formular):
    akte = forms.CharField(
        label="Akte (Aktenzeichen)",
        max_length=100,
        widget=forms.TextInput(attrs={"list": "akten-liste", "autocomplete": "off"}),
    )
    #: any open Vorgang of the chosen Akte (the view checks that it belongs to it)
    vorgang = forms.IntegerField(label="Vorgang", required=False, widget=forms.Select)
    neuer_vorgang = forms.CharField(label="Betreff des neuen Vorgangs", max_length=300, required=False)
    betreff = forms.CharField(label="Betreff des Dokuments", max_length=300, required=False)
    dokumentdatum = forms.DateField(label="Dokumentdatum", required=False, widget=DatumInput())
    absender = forms.CharField(label="Absender", max_length=300, required=False)
    dokumenttyp = forms.ModelChoiceField(
        label="Dokumenttyp", queryset=Dokumenttyp._base_manager.none(), required=False, empty_label="–"
    )
    vertraulichkeit = forms.ChoiceField(
        label="Vertraulichkeit", choices=Vertraulichkeit.choices, initial=Vertraulichkeit.OFFEN
    )
    mit_anhaengen = forms.BooleanField(
        label="Anhänge in denselben Vorgang ablegen", required=False, initial=True
    )

    def __init__(self, *args, vorgaenge=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dokumenttyp"].queryset = Dokumenttyp.objects.filter(aktiv=True).order_by("name")
        self.fields["vorgang"].widget.choices = [("", "– neuer Vorgang –")] + [
            (v.pk, f"{v.betreff} ({v.akte.aktenzeichen})") for v in vorgaenge
        ]

    def clean_akte(self) -> Akte:
        zeichen = self.cleaned_data["akte"].strip()
        akte = Akte.objects.filter(aktenzeichen=zeichen).first()
        if akte is None:
            raise forms.ValidationError(f"Eine Akte mit dem Aktenzeichen „{zeichen}“ gibt es nicht.")
        if akte.status != Akte.Status.OFFEN:
            raise forms.ValidationError("Diese Akte ist abgeschlossen.")
        return akte


class VerwerfenForm(Formular):
    grund = forms.CharField(label="Grund", max_length=300, help_text="z. B. Werbung, falsch zugestellt")


class TeilenForm(Formular):
    bereiche = forms.CharField(
        label="Seitenbereiche", max_length=500, help_text="Je Dokument ein Bereich, z. B. 1-2, 3, 4-6"
    )
