from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from rathausnetz.kommunen.models import Gemeindeverband, Kommune, Kreis, Land

SORTIERUNG = [
    ("name", _("Name (A–Z)")),
    ("-name", _("Name (Z–A)")),
    ("-einwohner", _("Einwohner (absteigend)")),
    ("einwohner", _("Einwohner (aufsteigend)")),
    ("-flaeche", _("Fläche (absteigend)")),
    ("flaeche", _("Fläche (aufsteigend)")),
    ("ags", _("Gemeindeschlüssel")),
]


def _auswahl() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Länder and Kreise for the filters; they change once a year, so a few minutes of cache do."""
    auswahl = cache.get("rathausnetz:kommunen:filterauswahl")
    if auswahl is None:
        auswahl = (
            list(Land.objects.values_list("code", "name")),
            list(Kreis.objects.order_by("land__code", "name").values_list("ags", "name")),
        )
        cache.set("rathausnetz:kommunen:filterauswahl", auswahl, 300)
    return auswahl


class KommunenFilterForm(forms.Form):
    """Directory filters. Invalid values are reported at the field, never as an error page."""

    q = forms.CharField(label=_("Name, AGS oder PLZ"), required=False, max_length=100)
    land = forms.ChoiceField(label=_("Land"), required=False)
    kreis = forms.ChoiceField(label=_("Kreis"), required=False)
    typ = forms.ChoiceField(label=_("Art"), required=False, choices=[("", _("alle")), *Kommune.Typ.choices])
    verband_typ = forms.ChoiceField(
        label=_("Verwaltungsform"),
        required=False,
        choices=[("", _("alle")), *Gemeindeverband.Typ.choices],
    )
    min_einwohner = forms.IntegerField(label=_("Einwohner von"), required=False, min_value=0)
    max_einwohner = forms.IntegerField(label=_("Einwohner bis"), required=False, min_value=0)
    sort = forms.ChoiceField(label=_("Sortierung"), required=False, choices=SORTIERUNG)

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        laender, kreise = _auswahl()
        self.fields["land"].choices = [("", _("alle")), *laender]
        self.fields["kreis"].choices = [("", _("alle")), *kreise]

    def clean(self):
        data = super().clean()
        lo, hi = data.get("min_einwohner"), data.get("max_einwohner")
        if lo is not None and hi is not None and lo > hi:
            self.add_error("max_einwohner", _("„bis“ muss größer oder gleich „von“ sein."))
        return data
