from __future__ import annotations

from django import forms

from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.services.reifegrad.fragebogen import Frage, Fragebogen
from rathausnetz.zugang.forms import Formular


class ReifegradForm(Formular):
    """One radio group per question (0–4, each level with its own description). The choice is
    not required here: the service names every missing answer in one message."""

    def __init__(
        self, *args, fragebogen: Fragebogen, kommunen: list[Kommune], kommune_waehlen: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fragebogen = fragebogen
        if len(kommunen) > 1 or kommune_waehlen:
            self.fields["kommune"] = forms.ChoiceField(
                label="Kommune",
                choices=[("", "– bitte wählen –")] + [(k.ags, k.name) for k in kommunen],
                required=False,
            )
        for frage in fragebogen.fragen:
            # a CharField with radio buttons: any value reaches the service, which names every
            # missing or out-of-range answer at once (a ChoiceField would stop at the first)
            self.fields[frage.code] = forms.CharField(
                label=frage.text,
                widget=forms.RadioSelect(
                    choices=[(str(i), f"{i} – {text}") for i, text in enumerate(frage.stufen)]
                ),
                required=False,
                max_length=5,
            )

    def gruppen(self) -> list[tuple[object, list[tuple[Frage, forms.BoundField]]]]:
        return [(d, [(f, self[f.code]) for f in d.fragen]) for d in self.fragebogen.dimensionen]

    def antworten(self) -> dict[str, str]:
        return {f.code: self.cleaned_data.get(f.code) or "" for f in self.fragebogen.fragen}
