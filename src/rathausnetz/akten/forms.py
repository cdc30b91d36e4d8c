"""Forms of the E-Akte UI. Querysets are built in ``__init__``, i.e. inside the request, so that
zugang filters them to what the user may see."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from rathausnetz.akten.models import (
    Akte,
    Aktenfreigabe,
    Aktenplaneintrag,
    Dokument,
    Dokumenttyp,
    Vertraulichkeit,
)
from rathausnetz.kommunen.models import Organisation, Organisationseinheit
from rathausnetz.zugang.forms import DatumInput, Formular, LangeAuswahl, MehrereDateienFeld
from rathausnetz.zugang.models import Mitgliedschaft


def _personen():
    ids = Mitgliedschaft.objects.filter(aktiv=True).values("benutzer_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "username")


class PersonenFeld(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.anzeigename


class AkteForm(Formular):
    aktenplaneintrag = forms.ModelChoiceField(label=_("Aktenplaneintrag"), queryset=None)
    titel = forms.CharField(label=_("Titel"), max_length=300, min_length=2)
    beschreibung = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    organisationseinheit = forms.ModelChoiceField(
        label=_("zuständige Einheit"), queryset=None, required=False
    )
    verantwortlich = PersonenFeld(label=_("verantwortlich"), queryset=None, required=False)
    vertraulichkeit = forms.ChoiceField(label=_("Vertraulichkeit"), choices=Vertraulichkeit.choices)

    def __init__(self, *args, akte: Akte | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aktenplaneintrag"].queryset = Aktenplaneintrag.objects.filter(aktiv=True).order_by(
            "sortierung"
        )
        self.fields["organisationseinheit"].queryset = Organisationseinheit.objects.filter(aktiv=True)
        self.fields["verantwortlich"].queryset = _personen()
        if akte is not None:
            del self.fields["aktenplaneintrag"]  # the Aktenzeichen depends on it: fixed after creation


class VorgangForm(Formular):
    betreff = forms.CharField(label=_("Betreff"), max_length=300, min_length=2)
    frist = forms.DateField(label=_("Frist"), required=False, widget=DatumInput())


class HochladenForm(Formular):
    dateien = MehrereDateienFeld(
        label=_("Dateien"),
        help_text=_(
            "PDF, Bilder, Word/ODT, Text oder E-Mails; mehrere auf einmal, auch per Ziehen und Ablegen"
        ),
    )
    richtung = forms.ChoiceField(
        label=_("Richtung"), choices=Dokument.Richtung.choices, initial="eingang", required=False
    )
    absender = forms.CharField(label=_("Absender"), max_length=300, required=False)


class VersionForm(Formular):
    datei = forms.FileField(label=_("Neue Version"))
    kommentar = forms.CharField(label=_("Kommentar"), max_length=300, required=False)


class DokumentForm(Formular):
    betreff = forms.CharField(label=_("Betreff"), max_length=300)
    dokumenttyp = forms.ModelChoiceField(label=_("Dokumenttyp"), queryset=None, required=False)
    richtung = forms.ChoiceField(label=_("Richtung"), choices=Dokument.Richtung.choices)
    dokumentdatum = forms.DateField(label=_("Dokumentdatum"), required=False, widget=DatumInput())
    eingangsdatum = forms.DateField(label=_("Eingangsdatum"), required=False, widget=DatumInput())
    absender = forms.CharField(label=_("Absender"), max_length=300, required=False)
    empfaenger = forms.CharField(label=_("Empfänger"), max_length=300, required=False)
    vertraulichkeit = forms.ChoiceField(label=_("Vertraulichkeit"), choices=Vertraulichkeit.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dokumenttyp"].queryset = Dokumenttyp.objects.filter(aktiv=True)


class WiedervorlageForm(Formular):
    faellig_am = forms.DateField(label=_("fällig am"), widget=DatumInput())
    notiz = forms.CharField(label=_("Notiz"), max_length=500, required=False)
    fuer_benutzer = PersonenFeld(label=_("für Person"), queryset=None, required=False)
    fuer_einheit = forms.ModelChoiceField(label=_("für Einheit"), queryset=None, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fuer_benutzer"].queryset = _personen()
        self.fields["fuer_einheit"].queryset = Organisationseinheit.objects.filter(aktiv=True)


class FreigabeForm(Formular):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, widget=LangeAuswahl)
    rolle = forms.ChoiceField(label=_("darf"), choices=Aktenfreigabe.Rolle.choices)

    def __init__(self, *args, akte: Akte, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(aktiv=True).exclude(
            pk=akte.organisation_id
        )


class ZielForm(Formular):
    """Where to move: an Aktenzeichen (for a Vorgang) or a Vorgang id (for a Dokument)."""

    ziel = forms.CharField(label=_("Ziel"), max_length=100)


class EintragForm(Formular):
    kennzeichen = forms.RegexField(
        label=_("Kennzeichen"),
        regex=r"^\d{1,3}(\.\d{1,3})*$",
        max_length=40,
        error_messages={"invalid": _("Ziffern und Punkte, z. B. 022.31.")},
    )
    titel = forms.CharField(label=_("Titel"), max_length=200, min_length=2)
    beschreibung = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    aufbewahrungsfrist = forms.IntegerField(
        label=_("Aufbewahrungsfrist (Jahre)"),
        required=False,
        min_value=0,
        max_value=500,
        help_text=_("0 = dauernd aufbewahren; leer = wie der übergeordnete Eintrag"),
    )
    archivwuerdigkeit = forms.ChoiceField(
        label=_("Archivwürdigkeit"),
        required=False,
        choices=[
            ("", _("wie übergeordnet")),
            ("A", _("A – archivwürdig")),
            ("B", _("B – bewerten")),
            ("V", _("V – vernichten")),
        ],
    )
    gueltig_ab = forms.DateField(label=_("gültig ab"), required=False, widget=DatumInput())
    aktiv = forms.BooleanField(label=_("aktiv (neue Akten möglich)"), required=False, initial=True)
    uebergeordnet = forms.ModelChoiceField(label=_("übergeordneter Eintrag"), queryset=None, required=False)

    def __init__(self, *args, eintrag: Aktenplaneintrag | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if eintrag is None:
            del self.fields["aktiv"]
            del self.fields["uebergeordnet"]  # new entries find their place by the Kennzeichen
        else:
            self.fields["uebergeordnet"].queryset = Aktenplaneintrag.objects.exclude(pk=eintrag.pk).order_by(
                "sortierung"
            )
            self.fields["kennzeichen"].disabled = True
            self.fields["kennzeichen"].help_text = _(
                "Das Kennzeichen steht in Aktenzeichen und bleibt daher fest."
            )


class CsvForm(Formular):
    datei = forms.FileField(
        label=_("CSV-Datei"),
        help_text=_(
            "Spalten: kennzeichen;titel;beschreibung;aufbewahrungsfrist;archivwuerdigkeit;aktiv;gueltig_ab"
        ),
    )
