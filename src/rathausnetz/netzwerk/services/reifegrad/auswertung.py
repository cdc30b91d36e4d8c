"""Checking, scoring and storing a Reifegradcheck.

Scores: each answer is 0–4; a dimension's score is the mean of its answers scaled to 0–100, the
overall score the mean of the dimension scores (so that a dimension with five questions weighs no
more than one with three).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from rathausnetz.kommunen.models import Kommune
from rathausnetz.netzwerk.models import Reifegradcheck
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL, Fragebogen
from rathausnetz.protokoll.services import protokolliere
from rathausnetz.zugang.kontext import Zugriff
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

HOECHSTWERT = 4
#: Land code of Saxony: the network's municipalities
SACHSEN = "14"


def eigene_kommunen(organisation_id: int | None) -> list[Kommune]:
    """The municipalities the acting organisation administers (one for a town, several for a
    Verwaltungsgemeinschaft), for which it may fill the check."""
    if organisation_id is None:
        return []
    return list(Kommune.objects.filter(organisationen=organisation_id, aktiv=True).order_by("name"))


def kommunen_zum_ausfuellen(zugriff: Zugriff) -> list[Kommune]:
    """For whom the acting person may fill the check: an administration (with the right to change
    data) for its own municipalities; the network staff on behalf of any Saxon municipality."""
    if zugriff.darf(Recht.NETZWERK_VERWALTEN) and zugriff.organisation_id is not None:
        return list(Kommune.objects.filter(land__code=SACHSEN, aktiv=True).order_by("name"))
    if not zugriff.darf(Recht.DATEN_BEARBEITEN):
        return []
    return eigene_kommunen(zugriff.organisation_id)


def _wert(roh: object) -> int | None:
    """0–4 from a form (``"3"``) or JSON (``3``); ``None`` for anything else (``True``, ``2.5``)."""
    if isinstance(roh, bool):
        return None
    if isinstance(roh, int):
        return roh
    if isinstance(roh, str) and roh.strip().lstrip("-").isdigit():
        return int(roh.strip())
    return None


def antworten_pruefen(fragebogen: Fragebogen, antworten: Mapping[str, object]) -> dict[str, int]:
    """All questions answered with 0–4, no unknown questions; one ValidationError naming each
    problem, keyed by question code."""
    fehler: dict[str, list[str]] = {}
    werte: dict[str, int] = {}
    for frage in fragebogen.fragen:
        roh = antworten.get(frage.code)
        if roh is None or (isinstance(roh, str) and not roh.strip()):
            fehler[frage.code] = ["Bitte beantworten Sie diese Frage."]
            continue
        wert = _wert(roh)
        if wert is None:
            fehler[frage.code] = ["Bitte wählen Sie eine Stufe von 0 bis 4."]
        elif not 0 <= wert <= HOECHSTWERT:
            fehler[frage.code] = [f"Der Wert {wert} liegt außerhalb der Skala von 0 bis 4."]
        else:
            werte[frage.code] = wert
    bekannt = {f.code for f in fragebogen.fragen}
    unbekannt = sorted(str(k) for k in antworten if k not in bekannt)
    if unbekannt:
        fehler["__all__"] = [f"Unbekannte Fragen: {', '.join(unbekannt[:10])}."]
    if fehler:
        offen = sum(1 for meldungen in fehler.values() if "Bitte beantworten" in meldungen[0])
        if offen:
            fehler.setdefault("__all__", []).insert(
                0, f"{offen} von {len(fragebogen.fragen)} Fragen sind noch nicht beantwortet."
            )
        raise ValidationError(fehler)
    return werte


def ergebnisse_berechnen(fragebogen: Fragebogen, werte: Mapping[str, int]) -> dict[str, int]:
    return {
        d.code: round(sum(werte[f.code] for f in d.fragen) * 100 / (HOECHSTWERT * len(d.fragen)))
        for d in fragebogen.dimensionen
    }


def gesamtwert(ergebnisse: Mapping[str, int]) -> int:
    return round(sum(ergebnisse.values()) / len(ergebnisse)) if ergebnisse else 0


def _kommune_waehlen(zugriff: Zugriff, kommune: Kommune | None) -> tuple[Kommune, bool]:
    """The municipality the check is for, and whether the network staff enter it on its behalf."""
    eigene = eigene_kommunen(zugriff.organisation_id)
    staff = zugriff.darf(Recht.NETZWERK_VERWALTEN)
    if not eigene and not staff:
        raise PermissionDenied(
            "Den Reifegradcheck füllt die Verwaltung einer Kommune für sich selbst aus. Wechseln Sie "
            "dazu in die Organisation Ihrer Gemeinde- oder Stadtverwaltung."
        )
    if kommune is None:
        if len(eigene) == 1:
            return eigene[0], False
        if staff:
            raise ValidationError(
                {"kommune": ["Bitte wählen Sie die Kommune, für die Sie den Check eintragen."]}
            )
        raise ValidationError({"kommune": ["Bitte wählen Sie, für welche Kommune Sie den Check ausfüllen."]})
    if kommune.pk in {k.pk for k in eigene}:
        return kommune, False
    if not staff:
        raise ValidationError(
            {"kommune": ["Ihre Verwaltung kann den Check nur für ihre eigenen Kommunen ausfüllen."]}
        )
    if zugriff.organisation_id is None:
        raise PermissionDenied("Bitte wählen Sie zuerst die Organisation, für die Sie handeln.")
    if not kommune.aktiv or kommune.land.code != SACHSEN:
        raise ValidationError(
            {"kommune": ["Stellvertretend eintragen lässt sich der Check nur für sächsische Kommunen."]}
        )
    return kommune, True


@transaction.atomic
def check_speichern(antworten: Mapping[str, object], kommune: Kommune | None = None) -> Reifegradcheck:
    """Store a completed check (current version): by the municipality's own administration, or by
    the network staff on its behalf — then the check belongs to the municipality's administration
    and records who entered it (person and organisation)."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    kommune, stellvertretend = _kommune_waehlen(zugriff, kommune)
    werte = antworten_pruefen(AKTUELL, antworten)
    ergebnisse = ergebnisse_berechnen(AKTUELL, werte)
    benutzer_name = zugriff.benutzername or "System"
    if zugriff.benutzer_id:
        from django.contrib.auth import get_user_model

        benutzer = get_user_model().objects.filter(pk=zugriff.benutzer_id).first()
        if benutzer is not None:
            benutzer_name = benutzer.get_full_name() or benutzer.username
    if stellvertretend:
        from rathausnetz.netzwerk.services.personen import verwaltung_fuer

        organisation_id = verwaltung_fuer(kommune).pk
    else:
        organisation_id = zugriff.organisation_id
    check = Reifegradcheck.objects.create(
        organisation_id=organisation_id,
        kommune=kommune,
        fassung=AKTUELL.fassung,
        antworten=werte,
        ergebnisse=ergebnisse,
        gesamt=gesamtwert(ergebnisse),
        einwohner=kommune.einwohner,
        erstellt_von_id=zugriff.benutzer_id,
        erstellt_von_name=benutzer_name[:200],
        eingetragen_durch_id=zugriff.organisation_id if stellvertretend else None,
    )
    neu = {"kommune": kommune.ags, "fassung": check.fassung, "gesamt": check.gesamt, **ergebnisse}
    if stellvertretend:
        protokolliere(
            "reifegradcheck.stellvertretend_ausgefuellt",
            objekt=check,
            neu=neu,
            daten={"eingetragen_durch": str(check.eingetragen_durch), "person": check.erstellt_von_name},
        )
    else:
        protokolliere("reifegradcheck.ausgefuellt", objekt=check, neu=neu)
    return check
