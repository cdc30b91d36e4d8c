"""Forms of the Geschäftsgang UI. Querysets are built in ``__init__`` (inside the request), so
zugang filters them to the acting organisation."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from rathausnetz.geschaeftsgang.models import Benachrichtigung, Schrittart
from rathausnetz.geschaeftsgang.services.verfuegungen import Schrittangabe
from rathausnetz.kommunen.models import Organisationseinheit
from rathausnetz.zugang.forms import DatumInput, Formular
from rathausnetz.zugang.models import Mitgliedschaft

ZEILEN = 4  # step rows on the Vorgang page; the stand-alone page shows more
ZEILEN_SEITE = 8


def personen():
    ids = Mitgliedschaft.objects.filter(aktiv=True).values("benutzer_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("last_name", "username")


def empfaenger_auswahl() -> list:
    """One select for person or unit: ``p:<id>`` / ``e:<id>``, grouped for screen readers too."""
    leute = [(f"p:{b.pk}", b.anzeigename) for b in personen()]
    einheiten = [(f"e:{e.pk}", str(e)) for e in Organisationseinheit.objects.filter(aktiv=True)]
    return [("", "– bitte wählen –"), (_("Personen"), leute), (_("Organisationseinheiten"), einheiten)]


def empfaenger_aufloesen(wert: str):
    """``p:3`` → (Benutzer, None), ``e:5`` → (None, Einheit); unknown ids → (None, None)."""
    art, _, pk = (wert or "").partition(":")
    if not pk.isdigit():
        return None, None
    if art == "p":
        return personen().filter(pk=int(pk)).first(), None
    if art == "e":
        return None, Organisationseinheit.objects.filter(pk=int(pk)).first()
    return None, None


class SchrittZeile(Formular):
    """One row of a route: stage, kind, recipient, deadline, note. Empty rows are ignored."""

    stufe = forms.IntegerField(label=_("Stufe"), min_value=1, max_value=20, initial=1, required=False)
    art = forms.ChoiceField(label=_("Schrittart"), choices=[("", "–"), *Schrittart.choices], required=False)
    empfaenger = forms.ChoiceField(label=_("Empfänger"), required=False)
    frist = forms.DateField(label=_("Frist"), required=False, widget=DatumInput())
    frist_tage = forms.IntegerField(label=_("Frist (Tage)"), required=False, min_value=0, max_value=365)
    notiz = forms.CharField(label=_("Hinweis"), required=False, max_length=500)

    def __init__(self, *args, mit_tagen: bool = False, auswahl: list | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["empfaenger"].choices = auswahl if auswahl is not None else empfaenger_auswahl()
        del self.fields["frist" if mit_tagen else "frist_tage"]

    @property
    def leer(self) -> bool:
        return not (self.cleaned_data.get("art") or self.cleaned_data.get("empfaenger"))

    def clean(self):
        daten = super().clean()
        if daten.get("art") and not daten.get("empfaenger"):
            self.add_error("empfaenger", _("Bitte eine Person oder Einheit wählen."))
        if daten.get("empfaenger") and not daten.get("art"):
            self.add_error("art", _("Bitte die Art des Schritts wählen."))
        return daten

    def angabe(self) -> Schrittangabe:
        benutzer, einheit = empfaenger_aufloesen(self.cleaned_data["empfaenger"])
        return Schrittangabe(
            art=self.cleaned_data["art"],
            stufe=self.cleaned_data["stufe"] or 1,
            fuer_benutzer=benutzer,
            fuer_einheit=einheit,
            frist=self.cleaned_data.get("frist"),
            notiz=self.cleaned_data.get("notiz") or "",
        )


def zeilen(daten=None, anzahl: int = ZEILEN, mit_tagen: bool = False, initial: list[dict] | None = None):
    auswahl = empfaenger_auswahl()
    initial = initial or []
    return [
        SchrittZeile(
            daten,
            prefix=f"s{i}",
            mit_tagen=mit_tagen,
            auswahl=auswahl,
            initial=initial[i] if i < len(initial) else {"stufe": i + 1},
        )
        for i in range(max(anzahl, len(initial)))
    ]


class VerfuegungForm(Formular):
    betreff = forms.CharField(label=_("Betreff der Verfügung"), max_length=300, required=False)
    dokument = forms.ModelChoiceField(
        label=_("bezogen auf"), queryset=None, required=False, empty_label=_("den ganzen Vorgang")
    )
    notiz = forms.CharField(
        label=_("Hinweis an alle"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, vorgang=None, **kwargs) -> None:
        from rathausnetz.akten.models import Dokument

        super().__init__(*args, **kwargs)
        self.fields["dokument"].queryset = Dokument.objects.filter(vorgang=vorgang).order_by("-erstellt_am")


class KommentarForm(Formular):
    kommentar = forms.CharField(
        label=_("Kommentar"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class WeiterleitenForm(Formular):
    benutzer = forms.ModelChoiceField(label=_("an Person"), queryset=None)
    kommentar = forms.CharField(label=_("Kommentar"), required=False, max_length=5000)

    def __init__(self, *args, ohne: set[int] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["benutzer"].queryset = personen().exclude(pk__in=ohne or set())
        self.fields["benutzer"].label_from_instance = lambda b: b.anzeigename


class VertretungForm(Formular):
    vertreter = forms.ModelChoiceField(label=_("Vertretung durch"), queryset=None)
    von = forms.DateField(label=_("von"), widget=DatumInput())
    bis = forms.DateField(label=_("bis"), widget=DatumInput())
    notiz = forms.CharField(label=_("Notiz"), required=False, max_length=200)

    def __init__(self, *args, ich: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vertreter"].queryset = personen().exclude(pk=ich)
        self.fields["vertreter"].label_from_instance = lambda b: b.anzeigename


class BenachrichtigungForm(Formular):
    haeufigkeit = forms.ChoiceField(
        label=_("E-Mail zu neuen Aufgaben"),
        choices=Benachrichtigung.Haeufigkeit.choices,
        widget=forms.RadioSelect,
    )


class VorlageForm(Formular):
    name = forms.CharField(label=_("Bezeichnung"), max_length=200, min_length=3)
    beschreibung = forms.CharField(label=_("Beschreibung"), max_length=500, required=False)
    aktiv = forms.BooleanField(label=_("aktiv"), required=False, initial=True)
