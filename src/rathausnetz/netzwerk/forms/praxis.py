from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from rathausnetz.ikz.models import Aufgabenbereich
from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.forms._felder import dimensionen_auswahl
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services.praxis import Praxisdaten
from rathausnetz.zugang.forms import Formular

_AGS = re.compile(r"\b(\d{8})\b")


class PraxisForm(Formular):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    kurzfassung = forms.CharField(
        label=_("Kurzfassung"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Leerzeilen trennen Absätze, Zeilen mit „- “ werden zur Liste. HTML ist in kleinem Umfang "
            "erlaubt (strong, em, h3, h4, ul, ol, li, blockquote, Links mit https); alles andere wird "
            "beim Speichern entfernt."
        ),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Veroeffentlichung.choices)
    aufgabenbereiche = forms.MultipleChoiceField(
        label=_("Aufgabenbereiche"), required=False, widget=forms.CheckboxSelectMultiple
    )
    themen = forms.CharField(
        label=_("Themen"),
        max_length=1000,
        required=False,
        help_text=_("durch Komma getrennt, z. B. „Chatbot, Bürgerservice“"),
    )
    dimensionen = forms.MultipleChoiceField(
        label=_("hilft im Reifegradcheck bei"), required=False, widget=forms.CheckboxSelectMultiple
    )
    kommunen = forms.CharField(
        label=_("beteiligte Kommunen"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Gemeindeschlüssel oder Auswahl aus der Liste, durch Komma getrennt"),
    )
    kontakt_name = forms.CharField(label=_("Ansprechperson"), max_length=200, required=False)
    kontakt_email = forms.EmailField(
        label=_("E-Mail der Ansprechperson"),
        required=False,
        error_messages={"invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an.")},
    )
    kontakt_telefon = forms.CharField(label=_("Telefon der Ansprechperson"), max_length=40, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aufgabenbereiche"].choices = [(b.code, b.name) for b in Aufgabenbereich.objects.all()]
        self.fields["dimensionen"].choices = dimensionen_auswahl()

    @staticmethod
    def initial_von(d: Praxisdaten) -> dict:
        werte = dict(vars(d))
        werte["themen"] = ", ".join(d.themen)
        namen = dict(Kommune.objects.filter(ags__in=list(d.kommunen)).values_list("ags", "name"))
        werte["kommunen"] = ", ".join(f"{namen.get(a, a)} ({a})" for a in d.kommunen)
        return werte

    def clean_kommunen(self) -> list[str]:
        eingabe = self.cleaned_data.get("kommunen") or ""
        gefunden = _AGS.findall(eingabe)
        rest = [t.strip() for t in _AGS.sub("", eingabe).replace("()", "").split(",") if t.strip(" ()")]
        if rest:
            from rathausnetz.ikz.forms import schluessel_aus

            for name in rest:
                ags, fehler = schluessel_aus(name.strip(" ()"))
                if fehler or len(ags) != 8:
                    raise forms.ValidationError(fehler or f"„{name}“ ist keine Gemeinde.")
                gefunden.append(ags)
        return list(dict.fromkeys(gefunden))

    def daten(self) -> Praxisdaten:
        d = self.cleaned_data
        return Praxisdaten(
            titel=d["titel"],
            kurzfassung=d["kurzfassung"],
            text=d["text"],
            status=d["status"],
            aufgabenbereiche=d["aufgabenbereiche"],
            themen=[t.strip() for t in d["themen"].split(",") if t.strip()],
            dimensionen=d["dimensionen"],
            kommunen=d["kommunen"],
            kontakt_name=d["kontakt_name"],
            kontakt_email=d["kontakt_email"],
            kontakt_telefon=d["kontakt_telefon"],
        )


class AnhangForm(Formular):
    datei = forms.FileField(
        label=_("Datei"),
        error_messages={"required": _("Bitte wählen Sie eine Datei."), "empty": _("Die Datei ist leer.")},
    )
    beschreibung = forms.CharField(label=_("Beschreibung"), max_length=200, required=False)
