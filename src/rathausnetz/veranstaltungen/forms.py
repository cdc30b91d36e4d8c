"""Forms of the event pages; the services validate and write."""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.translation import gettext_lazy as _

from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung
from rathausnetz.veranstaltungen.services.veranstaltungen import Punkt, Veranstaltungsdaten
from rathausnetz.zugang.forms import DatumZeitInput, Formular

_ZEILE = re.compile(
    r"^\s*(\d{1,2})[:.](\d{2})\s*(?:[-–]\s*(\d{1,2})[:.](\d{2}))?\s*\|\s*([^|]+?)\s*(?:\|\s*(.*))?$"
)


class AnmeldeForm(Formular):
    name = forms.CharField(label=_("Vor- und Nachname"), max_length=150)
    email = forms.EmailField(
        label=_("E-Mail"),
        max_length=254,
        error_messages={"invalid": _("Bitte eine gültige E-Mail-Adresse angeben.")},
    )
    kommune = forms.CharField(
        label=_("Gemeinde (aus dem Verzeichnis)"),
        required=False,
        max_length=200,
        help_text=_(
            "Für Städte und Gemeinden in Sachsen und Sachsen-Anhalt; sonst Organisation unten angeben."
        ),
        widget=forms.TextInput(attrs={"list": "kommunenliste", "autocomplete": "off"}),
    )
    organisation_text = forms.CharField(
        label=_("oder Organisation"),
        required=False,
        max_length=200,
        help_text=_("z. B. Landratsamt, Ministerium, Gemeinde in einem anderen Land"),
    )
    rolle = forms.ChoiceField(
        label=_("Funktion"), choices=[("", "– bitte wählen –"), *Anmeldung.Rolle.choices]
    )
    einwilligung = forms.BooleanField(label=_("Einverstanden"), required=False)
    #: a field people never see; bots fill it
    website = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"})
    )


def _punkte(text: str) -> tuple[list[Punkt], list[str]]:
    punkte, fehler = [], []
    for nr, zeile in enumerate((z for z in text.splitlines() if z.strip()), start=1):
        treffer = _ZEILE.match(zeile)
        if not treffer:
            fehler.append(f"Zeile {nr}: bitte als „09:30–10:00 | Titel | Referent/in“ schreiben.")
            continue
        h1, m1, h2, m2, titel, referenten = treffer.groups()
        try:
            beginn = dt.time(int(h1), int(m1))
            ende = dt.time(int(h2), int(m2)) if h2 else None
        except ValueError:
            fehler.append(f"Zeile {nr}: ungültige Uhrzeit.")
            continue
        punkte.append(Punkt(beginn, titel, ende, referenten or ""))
    return punkte, fehler


class VeranstaltungForm(Formular):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    art = forms.ChoiceField(label=_("Art"), choices=Veranstaltung.Art.choices)
    organisationseinheit = forms.ModelChoiceField(
        label=_("veranstaltende Einheit"), queryset=None, required=False, empty_label="– keine –"
    )
    beschreibung = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    themen = forms.CharField(
        label=_("Themen"), required=False, max_length=300, help_text=_("durch Komma getrennt")
    )
    beginn = forms.DateTimeField(label=_("Beginn"), widget=DatumZeitInput())
    ende = forms.DateTimeField(label=_("Ende"), widget=DatumZeitInput())
    ort = forms.CharField(label=_("Ort"), required=False, max_length=300)
    online_link = forms.CharField(label=_("Online-Link"), required=False, max_length=200)
    kapazitaet = forms.IntegerField(label=_("Plätze"), min_value=1, max_value=100_000)
    anmeldung_ab = forms.DateTimeField(label=_("Anmeldung ab"), required=False, widget=DatumZeitInput())
    anmeldung_bis = forms.DateTimeField(label=_("Anmeldung bis"), widget=DatumZeitInput())
    status = forms.ChoiceField(label=_("Status"), choices=Veranstaltung.Status.choices)
    programm = forms.CharField(
        label=_("Programm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ein Punkt je Zeile: „09:30–10:00 | Begrüßung | Bürgermeisterin Beispiel“"),
    )
    einwilligungstext = forms.CharField(
        label=_("Hinweis zum Datenschutz"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Leer: der Standardtext."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # inside the request: the rule book limits the choice to the acting organisation's units
        self.fields["organisationseinheit"].queryset = Organisationseinheit.objects.filter(aktiv=True)

    def daten(self) -> Veranstaltungsdaten | None:
        d = self.cleaned_data
        punkte, fehler = _punkte(d["programm"])
        for f in fehler:
            self.add_error("programm", f)
        if fehler:
            return None
        return Veranstaltungsdaten(
            titel=d["titel"],
            art=d["art"],
            beschreibung=d["beschreibung"],
            themen=d["themen"],
            beginn=d["beginn"],
            ende=d["ende"],
            ort=d["ort"],
            online_link=d["online_link"],
            kapazitaet=d["kapazitaet"],
            anmeldung_ab=d["anmeldung_ab"],
            anmeldung_bis=d["anmeldung_bis"],
            status=d["status"],
            einwilligungstext=d["einwilligungstext"],
            organisationseinheit_id=d["organisationseinheit"].pk if d["organisationseinheit"] else None,
            programm=punkte,
        )

    @staticmethod
    def initial_von(d: Veranstaltungsdaten) -> dict[str, object]:
        from django.utils import timezone

        werte = {k: getattr(d, k) for k in ("titel", "art", "beschreibung", "themen", "ort", "online_link")}
        werte |= {k: getattr(d, k) for k in ("kapazitaet", "status", "einwilligungstext")}
        werte["organisationseinheit"] = d.organisationseinheit_id
        for k in ("beginn", "ende", "anmeldung_ab", "anmeldung_bis"):
            wert = getattr(d, k)
            werte[k] = timezone.localtime(wert) if wert else None
        werte["programm"] = "\n".join(
            f"{p.beginn:%H:%M}{'–' + format(p.ende, '%H:%M') if p.ende else ''} | {p.titel}"
            + (f" | {p.referenten}" if p.referenten else "")
            for p in d.programm
        )
        return werte


class PressemitteilungForm(Formular):
    titel = forms.CharField(label=_("Überschrift"), max_length=200)
    untertitel = forms.CharField(label=_("Unterzeile"), required=False, max_length=300)
    ort = forms.CharField(label=_("Ort"), max_length=100, initial="Dresden")
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    kontakt = forms.CharField(
        label=_("Kontakt für Rückfragen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
