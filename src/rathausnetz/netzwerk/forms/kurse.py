from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rathausnetz.netzwerk.forms._felder import als_id, dimensionen_auswahl, lotsen_auswahl
from rathausnetz.netzwerk.models import Kurstermin
from rathausnetz.netzwerk.models.kurse import Veroeffentlichung
from rathausnetz.netzwerk.services.kurse import Kursdaten
from rathausnetz.zugang.forms import DatumZeitInput, Formular


class KursForm(Formular):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    kurzbeschreibung = forms.CharField(label=_("Kurzbeschreibung"), max_length=300, required=False)
    beschreibung = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    zielgruppe = forms.CharField(label=_("Zielgruppe"), max_length=200, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Veroeffentlichung.choices)
    qualifizierend = forms.BooleanField(
        label=_("Grundqualifizierung Digital-Navigator/in"),
        required=False,
        help_text=_(
            "Wer diesen Kurs abschließt, zählt als ausgebildete Navigatorin / ausgebildeter Navigator."
        ),
    )
    mindestanwesenheit = forms.IntegerField(
        label=_("Mindestanwesenheit in Prozent"),
        min_value=1,
        max_value=100,
        initial=80,
        help_text=_("Zum Abschluss nötig: so viel Prozent der Termine und jedes Pflichtmodul besucht."),
        error_messages={
            "min_value": _("Mindestens 1 Prozent."),
            "max_value": _("Höchstens 100 Prozent."),
            "invalid": _("Bitte eine ganze Zahl angeben."),
        },
    )
    dimensionen = forms.MultipleChoiceField(
        label=_("stärkt im Reifegradcheck"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Der Kurs wird Kommunen empfohlen, die in diesen Dimensionen schwach sind."),
    )
    verantwortlich = forms.ChoiceField(label=_("verantwortlich"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimensionen"].choices = dimensionen_auswahl()
        self.fields["verantwortlich"].choices = lotsen_auswahl()

    @staticmethod
    def initial_von(d: Kursdaten) -> dict:
        werte = dict(vars(d))
        werte["verantwortlich"] = d.verantwortlich_id or ""
        return werte

    def daten(self) -> Kursdaten:
        d = self.cleaned_data
        return Kursdaten(
            titel=d["titel"],
            kurzbeschreibung=d["kurzbeschreibung"],
            beschreibung=d["beschreibung"],
            zielgruppe=d["zielgruppe"],
            status=d["status"],
            qualifizierend=d["qualifizierend"],
            mindestanwesenheit=d["mindestanwesenheit"],
            dimensionen=d["dimensionen"],
            verantwortlich_id=als_id(d.get("verantwortlich")),
        )


class ModulForm(Formular):
    titel = forms.CharField(label=_("Titel des Moduls"), max_length=200)
    beschreibung = forms.CharField(
        label=_("Inhalt"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    pflicht = forms.BooleanField(label=_("Pflichtmodul"), required=False, initial=True)


class DurchgangForm(Formular):
    bezeichnung = forms.CharField(
        label=_("Bezeichnung"), max_length=150, help_text=_("z. B. „Herbst 2026, Chemnitz“")
    )
    leitung = forms.ChoiceField(label=_("Leitung"), required=False)
    plaetze = forms.IntegerField(
        label=_("Plätze"),
        required=False,
        min_value=1,
        max_value=500,
        help_text=_("leer: unbegrenzt"),
        error_messages={"min_value": _("Mindestens ein Platz."), "max_value": _("Höchstens 500 Plätze.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leitung"].choices = lotsen_auswahl()


class TerminForm(Formular):
    modul = forms.ChoiceField(label=_("Modul"), required=False)
    beginn = forms.DateTimeField(
        label=_("Beginn"),
        widget=DatumZeitInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        error_messages={"invalid": _("Bitte Datum und Uhrzeit angeben, z. B. 12.03.2026 09:00.")},
    )
    ende = forms.DateTimeField(
        label=_("Ende"),
        widget=DatumZeitInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        error_messages={"invalid": _("Bitte Datum und Uhrzeit angeben, z. B. 12.03.2026 16:00.")},
    )
    form = forms.ChoiceField(label=_("Form"), choices=Kurstermin.Form.choices)
    ort = forms.CharField(label=_("Ort"), max_length=300, required=False, help_text=_("für Präsenztermine"))
    online_link = forms.CharField(
        label=_("Link zur Videokonferenz"), max_length=500, required=False, help_text=_("für Online-Termine")
    )

    def __init__(self, *args, module=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["modul"].choices = [("", "– ohne Modul –")] + [
            (str(m.pk), f"{m.titel}{' (Pflicht)' if m.pflicht else ''}") for m in module
        ]
