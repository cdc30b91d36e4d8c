"""Forms of the IKZ pages. They only collect input; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from rathausnetz.ikz.models import Aufgabenbereich, Kooperation, Kooperationsmitglied, Modell, Rechtsform
from rathausnetz.ikz.services import umlage as rechner
from rathausnetz.ikz.services import ust
from rathausnetz.ikz.services.kooperationen import FELDER, Kooperationsdaten, Mitgliedsangabe
from rathausnetz.kommunen.models import Kommune, Kreis
from rathausnetz.kommunen.services.verzeichnis import schluessel_aus
from rathausnetz.zugang.forms import DatumInput, Formular

MITGLIEDSZEILEN = 8


class KooperationForm(Formular):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    beschreibung = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    rechtsform = forms.ChoiceField(label=_("Rechtsform"))
    aufgabenbereiche = forms.MultipleChoiceField(
        label=_("Aufgabenbereiche"), required=False, widget=forms.CheckboxSelectMultiple
    )
    modell = forms.ChoiceField(label=_("folgt dem Modell"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Kooperation.Status.choices)
    beginn = forms.DateField(label=_("Beginn"), required=False, widget=DatumInput())
    ende = forms.DateField(label=_("Ende"), required=False, widget=DatumInput())
    laufzeit = forms.CharField(
        label=_("Laufzeit / Kündigung"),
        required=False,
        max_length=200,
        help_text=_("z. B. „unbefristet, Kündigung mit 12 Monaten zum Jahresende“"),
    )
    genehmigungsbehoerde = forms.CharField(
        label=_("Genehmigungsbehörde"),
        required=False,
        max_length=200,
        help_text=_("Leer lassen: Rathausnetz schlägt die Behörde anhand der Mitglieder vor."),
    )
    genehmigt_am = forms.DateField(label=_("Genehmigt am"), required=False, widget=DatumInput())
    bekanntmachung = forms.CharField(label=_("Bekanntmachung (Fundstelle)"), required=False, max_length=300)
    foerderung = forms.CharField(label=_("Förderung"), required=False, max_length=300)
    sichtbarkeit = forms.ChoiceField(label=_("Sichtbarkeit"), choices=Kooperation.Sichtbarkeit.choices)
    ansprechpersonen = forms.CharField(
        label=_("Ansprechpersonen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rechtsform"].choices = [("", "– bitte wählen –")] + [
            (r.code, r.name) for r in Rechtsform.objects.all()
        ]
        self.fields["aufgabenbereiche"].choices = [(b.code, b.name) for b in Aufgabenbereich.objects.all()]
        self.fields["modell"].choices = [("", "– keines –")] + [
            (m.code, m.titel) for m in Modell.objects.filter(aktiv=True)
        ]
        for i in range(MITGLIEDSZEILEN):
            self.fields[f"mitglied_{i}"] = forms.CharField(
                label=_("Gemeinde oder Landkreis"),
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"list": "kommunenliste", "autocomplete": "off"}),
            )
            self.fields[f"rolle_{i}"] = forms.ChoiceField(
                label=_("Rolle"), choices=Kooperationsmitglied.Rolle.choices, required=False
            )

    def mitgliedszeilen(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"mitglied_{i}"], self[f"rolle_{i}"]) for i in range(MITGLIEDSZEILEN)]

    def daten(self) -> Kooperationsdaten | None:
        """The input for the service, or None when member names could not be resolved."""
        d = self.cleaned_data
        mitglieder = []
        for i in range(MITGLIEDSZEILEN):
            eingabe = d.get(f"mitglied_{i}") or ""
            if not eingabe.strip():
                continue
            schluessel, fehler = schluessel_aus(eingabe)
            if fehler:
                self.add_error(f"mitglied_{i}", fehler)
                continue
            mitglieder.append(
                Mitgliedsangabe(schluessel, d.get(f"rolle_{i}") or Kooperationsmitglied.Rolle.MITGLIED)
            )
        if self.errors:
            return None
        return Kooperationsdaten(
            titel=d["titel"],
            beschreibung=d["beschreibung"],
            rechtsform=d["rechtsform"],
            aufgabenbereiche=d["aufgabenbereiche"],
            modell=d["modell"],
            status=d["status"],
            beginn=d["beginn"],
            ende=d["ende"],
            laufzeit=d["laufzeit"],
            genehmigungsbehoerde=d["genehmigungsbehoerde"],
            genehmigt_am=d["genehmigt_am"],
            bekanntmachung=d["bekanntmachung"],
            foerderung=d["foerderung"],
            sichtbarkeit=d["sichtbarkeit"],
            ansprechpersonen=d["ansprechpersonen"],
            mitglieder=mitglieder,
        )

    @staticmethod
    def initial_von(daten: Kooperationsdaten) -> dict[str, object]:
        initial: dict[str, object] = {f: getattr(daten, f) for f in (*FELDER, "rechtsform", "modell")}
        initial["aufgabenbereiche"] = list(daten.aufgabenbereiche)
        namen = dict(
            Kommune.objects.filter(ags__in=[m.schluessel for m in daten.mitglieder]).values_list(
                "ags", "name"
            )
        )
        namen |= dict(
            Kreis.objects.filter(ags__in=[m.schluessel for m in daten.mitglieder]).values_list("ags", "name")
        )
        for i, m in enumerate(daten.mitglieder[:MITGLIEDSZEILEN]):
            initial[f"mitglied_{i}"] = f"{namen.get(m.schluessel, '')} ({m.schluessel})"
            initial[f"rolle_{i}"] = m.rolle
        return initial


_JANEIN = [("ja", "ja"), ("nein", "nein"), ("unklar", "unklar")]


class UstForm(Formular):
    """One field per question of the questionnaire; which ones matter decides ``ust.pruefen``."""

    leistung = forms.CharField(
        label=_("Leistung"),
        max_length=300,
        help_text=_(
            "Welche Leistung erbringt wer für wen? z. B. „Beurkundungen des gemeinsamen Standesamts“"
        ),
    )
    leistender = forms.ChoiceField(label=_("Leistender (erfüllende Gemeinde)"), required=False)

    def __init__(self, *args, kooperation: Kooperation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leistender"].choices = [("", "– nicht angegeben –")] + [
            (str(m.pk), f"{m.name} ({m.get_rolle_display()})")
            for m in kooperation.mitglieder.select_related("kommune", "kreis")
        ]
        for frage in ust.FRAGEN:
            hilfe = f"{frage.hilfe} ({frage.vorschrift})" if frage.vorschrift else frage.hilfe
            if frage.art == "betrag":
                feld: forms.Field = forms.CharField(
                    label=frage.text,
                    required=False,
                    help_text=hilfe + " – Betrag in Euro oder „unklar“.",
                    widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                )
            else:
                feld = forms.ChoiceField(
                    label=frage.text,
                    required=False,
                    choices=_JANEIN,
                    widget=forms.RadioSelect,
                    help_text=hilfe,
                )
            self.fields[f"f_{frage.schluessel}"] = feld

    def fragenfelder(self) -> list[tuple[ust.Frage, forms.BoundField]]:
        return [(f, self[f"f_{f.schluessel}"]) for f in ust.FRAGEN]

    def antworten(self) -> dict[str, str]:
        return {
            f.schluessel: self.cleaned_data[f"f_{f.schluessel}"]
            for f in ust.FRAGEN
            if self.cleaned_data.get(f"f_{f.schluessel}") not in (None, "")
        }

    @staticmethod
    def vorschlag(kooperation: Kooperation) -> dict[str, str]:
        """Answers that follow from the cooperation's data; shown pre-filled, for the clerk to confirm."""
        werte = {"f_leistender_jpoer": "ja", "f_empfaenger_jpoer": "ja"}
        werte["f_oeffentlich_rechtlich"] = "ja" if kooperation.rechtsform.oeffentlich_rechtlich else "nein"
        if kooperation.rechtsform.code == "gmbh":
            werte["f_leistender_jpoer"] = "nein"
        if kooperation.aufgabenbereiche.filter(hoheitlich=True).exists():
            werte["f_vorbehalten_abs3_nr1"] = "ja"
        federfuehrend = kooperation.mitglieder.filter(rolle=Kooperationsmitglied.Rolle.FEDERFUEHREND).first()
        if federfuehrend:
            werte["leistender"] = str(federfuehrend.pk)
        return werte


class UmlageForm(Formular):
    bezeichnung = forms.CharField(label=_("Bezeichnung"), max_length=200, required=False)
    haushaltsjahr = forms.IntegerField(
        label=_("Haushaltsjahr"), required=False, min_value=2000, max_value=2100
    )
    gesamtbetrag = forms.CharField(
        label=_("Gesamtbetrag (Euro)"), max_length=30, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    verfahren = forms.ChoiceField(
        label=_("Verfahren"), choices=[(v.value, v.label) for v in rechner.Verfahren]
    )
    stichtag = forms.DateField(
        label=_("Stichtag der Einwohnerzahlen"),
        required=False,
        widget=DatumInput(),
        help_text=_("Leer: der aktuelle Stand des Kommunenregisters."),
    )
    sockel_prozent = forms.CharField(
        label=_("Sockelanteil in %"),
        required=False,
        max_length=10,
        help_text=_(
            "Nur beim Verfahren „Sockelbetrag + variabler Anteil“: dieser Teil wird gleich verteilt."
        ),
    )
    variable_basis = forms.ChoiceField(
        label=_("variabler Anteil nach"),
        required=False,
        choices=[
            (rechner.Verfahren.EINWOHNER.value, "Einwohnern"),
            (rechner.Verfahren.FALLZAHLEN.value, "Fallzahlen"),
        ],
    )

    def __init__(self, *args, kooperation: Kooperation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.mitglieder = list(kooperation.mitglieder.select_related("kommune", "kreis"))
        for m in self.mitglieder:
            for art, label in (
                ("fallzahl", "Fallzahl"),
                ("prozent", "Prozent"),
                ("vorauszahlung", "Vorauszahlung (€)"),
            ):
                self.fields[f"{art}_{m.schluessel}"] = forms.CharField(
                    label=f"{label} {m.name}",
                    required=False,
                    max_length=30,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 10}),
                )

    def zeilen(
        self,
    ) -> list[tuple[Kooperationsmitglied, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (
                m,
                self[f"fallzahl_{m.schluessel}"],
                self[f"prozent_{m.schluessel}"],
                self[f"vorauszahlung_{m.schluessel}"],
            )
            for m in self.mitglieder
        ]

    def je_mitglied(self, art: str) -> dict[str, str]:
        return {m.schluessel: self.cleaned_data.get(f"{art}_{m.schluessel}") or "" for m in self.mitglieder}


class ModellForm(Formular):
    """Editing a fact sheet; saving writes a new version."""

    titel = forms.CharField(label=_("Titel"), max_length=200)
    kurzbeschreibung = forms.CharField(label=_("Kurzbeschreibung"), widget=forms.Textarea(attrs={"rows": 2}))
    aufgabe = forms.CharField(label=_("Aufgabe"), widget=forms.Textarea(attrs={"rows": 4}))
    rechtsformen = forms.MultipleChoiceField(
        label=_("geeignete Rechtsformen"), widget=forms.CheckboxSelectMultiple
    )
    voraussetzungen = forms.CharField(
        label=_("Voraussetzungen"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("eine je Zeile")
    )
    schritte = forms.CharField(
        label=_("Schritte"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("ein Schritt je Zeile: „Titel: Dokument; Dokument; …“"),
    )
    umlage_verfahren = forms.ChoiceField(
        label=_("typischer Umlageschlüssel"), choices=[(v.value, v.label) for v in rechner.Verfahren]
    )
    umlage_beschreibung = forms.CharField(
        label=_("Erläuterung zum Umlageschlüssel"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    ust_hinweise = forms.CharField(
        label=_("Hinweise zu § 2b UStG"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    nutzen = forms.CharField(
        label=_("Nutzen"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("einer je Zeile")
    )
    risiken = forms.CharField(
        label=_("Risiken"), widget=forms.Textarea(attrs={"rows": 4}), help_text=_("eines je Zeile")
    )
    empfohlene_einwohner = forms.IntegerField(
        label=_("empfohlene Einwohnerzahl zusammen"), required=False, min_value=0, max_value=5_000_000
    )
    aenderungsnotiz = forms.CharField(label=_("Was haben Sie geändert?"), max_length=300)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rechtsformen"].choices = [(r.code, r.name) for r in Rechtsform.objects.all()]

    @staticmethod
    def _zeilen(text: str) -> list[str]:
        return [z.strip() for z in text.splitlines() if z.strip()]

    def werte(self) -> dict[str, object]:
        d = self.cleaned_data
        schritte = []
        for zeile in self._zeilen(d["schritte"]):
            titel, _sep, rest = zeile.partition(":")
            schritte.append(
                {"titel": titel.strip(), "dokumente": [x.strip() for x in rest.split(";") if x.strip()]}
            )
        return {
            "titel": d["titel"].strip(),
            "kurzbeschreibung": d["kurzbeschreibung"].strip(),
            "aufgabe": d["aufgabe"].strip(),
            "voraussetzungen": self._zeilen(d["voraussetzungen"]),
            "schritte": schritte,
            "umlage_verfahren": d["umlage_verfahren"],
            "umlage_beschreibung": d["umlage_beschreibung"].strip(),
            "ust_hinweise": d["ust_hinweise"].strip(),
            "nutzen": self._zeilen(d["nutzen"]),
            "risiken": self._zeilen(d["risiken"]),
            "empfohlene_einwohner": d["empfohlene_einwohner"],
        }

    @staticmethod
    def initial_von(fassung) -> dict[str, object]:
        return {
            "titel": fassung.titel,
            "kurzbeschreibung": fassung.kurzbeschreibung,
            "aufgabe": fassung.aufgabe,
            "rechtsformen": list(fassung.rechtsformen.values_list("code", flat=True)),
            "voraussetzungen": "\n".join(fassung.voraussetzungen),
            "schritte": "\n".join(
                f"{s['titel']}: {'; '.join(s.get('dokumente', []))}" for s in fassung.schritte
            ),
            "umlage_verfahren": fassung.umlage_verfahren,
            "umlage_beschreibung": fassung.umlage_beschreibung,
            "ust_hinweise": fassung.ust_hinweise,
            "nutzen": "\n".join(fassung.nutzen),
            "risiken": "\n".join(fassung.risiken),
            "empfohlene_einwohner": fassung.empfohlene_einwohner,
        }
