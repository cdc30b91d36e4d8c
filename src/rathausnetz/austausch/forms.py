from __future__ import annotations

from django import forms

from rathausnetz.zugang.forms import Formular


class AbgabeForm(Formular):
    empfaenger = forms.CharField(
        label="Empfangende Stelle",
        max_length=300,
        widget=forms.TextInput(attrs={"list": "organisationen", "autocomplete": "off"}),
        help_text="Die Behörde, die die Akte übernimmt, z. B. die federführende Gemeinde der Kooperation.",
    )
    hinweis = forms.CharField(
        label="Hinweis an den Empfänger",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AktenplanExportForm(AbgabeForm):
    empfaenger = forms.CharField(
        label="Empfangende Stelle",
        max_length=300,
        widget=forms.TextInput(attrs={"list": "organisationen", "autocomplete": "off"}),
        help_text="Die Behörde, mit der Sie Aktenpläne abstimmen, z. B. die Partner Ihrer Kooperation.",
    )


class ImportForm(Formular):
    datei = forms.FileField(
        label="XDOMEA-Nachricht",
        help_text=(
            "ZIP-Paket einer Abgabe (0401) oder eines Aktenplans (0301), "
            "oder eine Quittung (0302, 0402, 0403) als XML."
        ),
    )
