from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rathausnetz.ikz.models import Modell
from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.forms._felder import als_id, lotsen_auswahl
from rathausnetz.netzwerk.models import Digitalisierungsprojekt, Navigator, Praxisbeispiel
from rathausnetz.netzwerk.services.projekte import Projektdaten
from rathausnetz.zugang.forms import DatumInput, Formular


class ProjektForm(Formular):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    kommune = forms.ChoiceField(label=_("Kommune"))
    ziel = forms.CharField(label=_("Ziel"), widget=forms.Textarea(attrs={"rows": 4}))
    status = forms.ChoiceField(label=_("Status"), choices=Digitalisierungsprojekt.Status.choices)
    navigator = forms.ChoiceField(label=_("Navigator/in"), required=False)
    lotse = forms.ChoiceField(label=_("betreuende Lotsin / betreuender Lotse"), required=False)
    praxisbeispiele = forms.MultipleChoiceField(
        label=_("Praxisbeispiele"), required=False, widget=forms.CheckboxSelectMultiple
    )
    modelle = forms.MultipleChoiceField(
        label=_("genutzte IKZ-Modelle"), required=False, widget=forms.CheckboxSelectMultiple
    )
    beginn = forms.DateField(label=_("Beginn"), required=False, widget=DatumInput())
    ende = forms.DateField(label=_("Ende (geplant oder tatsächlich)"), required=False, widget=DatumInput())

    def __init__(self, *args, kommunen: list[Kommune], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [("", "– bitte wählen –")] + [(k.ags, k.name) for k in kommunen]
        self.fields["navigator"].choices = [("", "– keine Angabe –")] + [
            (str(n.pk), f"{n.name} ({n.kommune.name})")
            for n in Navigator.objects.filter(aktiv=True, kommune__in=kommunen).select_related("kommune")
        ]
        self.fields["lotse"].choices = lotsen_auswahl()
        self.fields["praxisbeispiele"].choices = [
            (str(p.pk), p.titel) for p in Praxisbeispiel.objects.order_by("titel")
        ]
        self.fields["modelle"].choices = [(m.code, m.titel) for m in Modell.objects.filter(aktiv=True)]

    @staticmethod
    def initial_von(d: Projektdaten) -> dict:
        werte = dict(vars(d))
        werte["navigator"] = d.navigator_id or ""
        werte["lotse"] = d.lotse_id or ""
        werte["praxisbeispiele"] = [str(p) for p in d.praxisbeispiele]
        return werte

    def daten(self) -> Projektdaten:
        d = self.cleaned_data
        return Projektdaten(
            titel=d["titel"],
            ziel=d["ziel"],
            kommune=d["kommune"],
            status=d["status"],
            navigator_id=als_id(d.get("navigator")),
            lotse_id=als_id(d.get("lotse")),
            praxisbeispiele=[int(p) for p in d["praxisbeispiele"]],
            modelle=d["modelle"],
            beginn=d.get("beginn"),
            ende=d.get("ende"),
        )
