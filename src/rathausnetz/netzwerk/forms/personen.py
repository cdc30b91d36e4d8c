from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.forms._felder import als_id, lotsen_auswahl
from rathausnetz.netzwerk.services.personen import Lotsendaten, Navigatordaten
from rathausnetz.zugang.forms import DatumInput, Formular


class _PersonForm(Formular):
    vorname = forms.CharField(label=_("Vorname"), max_length=100)
    nachname = forms.CharField(label=_("Nachname"), max_length=100)
    email = forms.EmailField(
        label=_("E-Mail (dienstlich)"),
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")},
    )
    telefon = forms.CharField(label=_("Telefon (dienstlich)"), max_length=40, required=False)
    aktiv_seit = forms.DateField(label=_("aktiv seit"), required=False, widget=DatumInput())
    aktiv = forms.BooleanField(label=_("aktiv"), required=False, initial=True)
    benutzer = forms.CharField(
        label=_("Benutzerkonto (Benutzername)"),
        max_length=150,
        required=False,
        help_text=_("Optional. Das Konto muss zur selben Organisation gehören."),
    )

    def personenwerte(self) -> dict:
        d = self.cleaned_data
        return {
            f: d.get(f)
            for f in ("vorname", "nachname", "email", "telefon", "aktiv_seit", "aktiv", "benutzer")
        }


class LotseForm(_PersonForm):
    region = forms.CharField(
        label=_("Betreuungsregion"), max_length=200, required=False, help_text=_("z. B. Erzgebirgskreis")
    )

    def daten(self) -> Lotsendaten:
        return Lotsendaten(**self.personenwerte(), region=self.cleaned_data["region"])


class NavigatorForm(_PersonForm):
    kommune = forms.ChoiceField(label=_("Kommune"))
    funktion = forms.CharField(
        label=_("Funktion in der Verwaltung"),
        max_length=150,
        required=False,
        help_text=_("z. B. Hauptamtsleiterin"),
    )
    lotse = forms.ChoiceField(label=_("betreuende Lotsin / betreuender Lotse"), required=False)

    field_order = ["vorname", "nachname", "kommune", "funktion", "lotse", "email", "telefon", "aktiv_seit"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [("", "– bitte wählen –")] + [
            (ags, name)
            for ags, name in Kommune.objects.filter(land__code="14", aktiv=True)
            .order_by("name")
            .values_list("ags", "name")
        ]
        self.fields["lotse"].choices = lotsen_auswahl("– noch keine –")

    def daten(self) -> Navigatordaten:
        d = self.cleaned_data
        return Navigatordaten(
            **self.personenwerte(),
            kommune=d["kommune"],
            funktion=d["funktion"],
            lotse_id=als_id(d.get("lotse")),
        )
