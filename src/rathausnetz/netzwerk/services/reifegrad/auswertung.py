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
from rathausnetz.zugang.rechte import Recht
from rathausnetz.zugang.services import pruefe_recht

HOECHSTWERT = 4


def eigene_kommunen(organisation_id: int | None) -> list[Kommune]:
    """The municipalities the acting organisation administers (one for a town, several for a
    Verwaltungsgemeinschaft), for which it may fill the check."""
    if organisation_id is None:
        return []
    return list(Kommune.objects.filter(organisationen=organisation_id, aktiv=True).order_by("name"))


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


@transaction.atomic
def check_speichern(antworten: Mapping[str, object], kommune: Kommune | None = None) -> Reifegradcheck:
    """Store a completed check of the acting administration's municipality (current version)."""
    zugriff = pruefe_recht(Recht.DATEN_BEARBEITEN)
    kommunen = eigene_kommunen(zugriff.organisation_id)
    if not kommunen:
        raise PermissionDenied(
            "Den Reifegradcheck füllt die Verwaltung einer Kommune für sich selbst aus. Wechseln Sie "
            "dazu in die Organisation Ihrer Gemeinde- oder Stadtverwaltung."
        )
    if kommune is None:
        if len(kommunen) > 1:
            raise ValidationError(
                {"kommune": ["Bitte wählen Sie, für welche Kommune Sie den Check ausfüllen."]}
            )
        kommune = kommunen[0]
    elif kommune.pk not in {k.pk for k in kommunen}:
        raise ValidationError(
            {"kommune": ["Ihre Verwaltung kann den Check nur für ihre eigenen Kommunen ausfüllen."]}
        )
    werte = antworten_pruefen(AKTUELL, antworten)
    ergebnisse = ergebnisse_berechnen(AKTUELL, werte)
    benutzer_name = zugriff.benutzername or "System"
    if zugriff.benutzer_id:
        from django.contrib.auth import get_user_model

        benutzer = get_user_model().objects.filter(pk=zugriff.benutzer_id).first()
        if benutzer is not None:
            benutzer_name = benutzer.get_full_name() or benutzer.username
    check = Reifegradcheck.objects.create(
        organisation_id=zugriff.organisation_id,
        kommune=kommune,
        fassung=AKTUELL.fassung,
        antworten=werte,
        ergebnisse=ergebnisse,
        gesamt=gesamtwert(ergebnisse),
        einwohner=kommune.einwohner,
        erstellt_von_id=zugriff.benutzer_id,
        erstellt_von_name=benutzer_name[:200],
    )
    protokolliere(
        "reifegradcheck.ausgefuellt",
        objekt=check,
        neu={"kommune": kommune.ags, "fassung": check.fassung, "gesamt": check.gesamt, **ergebnisse},
    )
    return check
