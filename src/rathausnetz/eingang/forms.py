from __future__ import annotations

from django import forms

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokumenttyp, Vertraulichkeit
from rathausnetz.eingang.models import Ablageregel, Postfach
from rathausnetz.zugang.forms import DatumInput, Formular, MehrereDateienFeld


class HochladenForm(Formular):
    dateien = MehrereDateienFeld(
        label="Dateien",
        help_text="PDF, Scans (PNG, JPEG, TIFF), Word, OpenDocument, Text und E-Mails (EML, MSG).",
        error_messages={"required": "Bitte wählen Sie mindestens eine Datei."},
    )


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


class PostfachForm(forms.ModelForm):
    passwort = forms.CharField(
        label="Passwort",
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="Beim Ändern leer lassen, um das gespeicherte Passwort zu behalten.",
    )

    class Meta:
        model = Postfach
        fields = [
            "bezeichnung",
            "host",
            "port",
            "verschluesselung",
            "benutzer",
            "passwort",
            "ordner",
            "ziel_ordner",
            "aktiv",
        ]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_passwort(self) -> str:
        neu = self.cleaned_data["passwort"]
        if not neu and self.instance.pk:
            return self.instance.passwort
        if not neu:
            raise forms.ValidationError("Bitte geben Sie das Passwort des Postfachs an.")
        return neu

    def clean_port(self) -> int:
        port = self.cleaned_data["port"]
        if not 1 <= port <= 65535:
            raise forms.ValidationError("Ein Port liegt zwischen 1 und 65535.")
        return port


class RegelForm(Formular):
    """Plain form: querysets are set per request (tenant data may only be read with an access)."""

    feld = forms.ChoiceField(label="Feld", choices=Ablageregel.Feld.choices)
    enthaelt = forms.CharField(label="enthält", max_length=200)
    aktenplaneintrag = forms.ModelChoiceField(
        label="Aktenplaneintrag", queryset=Aktenplaneintrag._base_manager.none(), required=False
    )
    akte = forms.ModelChoiceField(label="Akte", queryset=Akte._base_manager.none(), required=False)
    dokumenttyp = forms.ModelChoiceField(
        label="Dokumenttyp", queryset=Dokumenttyp._base_manager.none(), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aktenplaneintrag"].queryset = Aktenplaneintrag.objects.filter(aktiv=True).order_by(
            "sortierung"
        )
        self.fields["akte"].queryset = Akte.objects.filter(status=Akte.Status.OFFEN).order_by("aktenzeichen")
        self.fields["dokumenttyp"].queryset = Dokumenttyp.objects.filter(aktiv=True).order_by("name")

    def clean(self):
        daten = super().clean()
        if not (daten.get("aktenplaneintrag") or daten.get("akte") or daten.get("dokumenttyp")):
            raise forms.ValidationError(
                "Bitte wählen Sie mindestens ein Ziel (Aktenplaneintrag, Akte oder Dokumenttyp)."
            )
        return daten
