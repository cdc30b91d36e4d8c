"""§ 2b UStG assessments of a cooperation's services: storing them and the portfolio views.

The legal walk itself is ``ust.pruefen`` (plain Python, versioned). Here it is tied to a
cooperation: stored with date, assessor and questionnaire version, never changed afterwards, and
flagged for re-assessment once the cooperation changed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from rathausnetz.ikz.models import Kooperation, Kooperationsmitglied, UstPruefung
from rathausnetz.ikz.services import ust
from rathausnetz.ikz.services.kooperationen import pruefe_bearbeiten
from rathausnetz.kommunen.models import Kommune
from rathausnetz.protokoll.services import protokolliere


@transaction.atomic
def pruefung_speichern(
    kooperation: Kooperation,
    leistung: str,
    antworten: Mapping[str, object],
    leistender: Kooperationsmitglied | None = None,
    stichtag: dt.date | None = None,
) -> UstPruefung:
    """Run the questionnaire and store the result; invalid answers raise a German ValidationError."""
    zugriff = pruefe_bearbeiten(kooperation)
    fehler: dict[str, list[str]] = {}
    leistung = (leistung or "").strip()
    if not leistung:
        fehler["leistung"] = ["Bitte benennen Sie die Leistung, z. B. „Beurkundungen im Standesamt“."]
    elif len(leistung) > 300:
        fehler["leistung"] = ["Die Bezeichnung ist zu lang (höchstens 300 Zeichen)."]
    if leistender is not None and leistender.kooperation_id != kooperation.pk:
        fehler["leistender"] = ["Der Leistende muss Mitglied dieser Kooperation sein."]
    try:
        ergebnis = ust.pruefen(antworten, stichtag=stichtag or timezone.localdate())
    except ust.UstEingabeFehler as e:
        for feld, meldung in e.fehler.items():
            fehler.setdefault(feld, []).append(meldung)
        ergebnis = None
    if fehler:
        raise ValidationError(fehler)
    assert ergebnis is not None
    relevante = {s.schluessel for s in ergebnis.schritte}
    pruefung = UstPruefung.objects.create(
        kooperation=kooperation,
        leistung=leistung,
        leistender=leistender,
        antworten={k: str(v) for k, v in antworten.items() if k in relevante},
        ergebnis=ergebnis.ergebnis.value,
        entscheidender_schritt=ergebnis.entscheidender_schritt,
        begruendung=ergebnis.begruendung,
        vorschriften=list(ergebnis.vorschriften),
        schritte=[
            {"schluessel": s.schluessel, "frage": s.frage, "antwort": s.antwort, "folge": s.folge}
            for s in ergebnis.schritte
        ],
        hinweise=list(ergebnis.hinweise),
        fassung=ergebnis.fassung,
        pruefer_id=zugriff.benutzer_id,
        pruefer_name=zugriff.benutzername or "System",
    )
    protokolliere(
        "kooperation.ust_geprueft",
        objekt=kooperation,
        neu={"leistung": leistung, "ergebnis": pruefung.ergebnis, "schritt": pruefung.entscheidender_schritt},
    )
    return pruefung


def ergebnis_label(ergebnis: str) -> str:
    try:
        return ust.Ergebnisart(ergebnis).label
    except ValueError:
        return "nicht geprüft"


@dataclass(frozen=True)
class Portfoliozeile:
    kooperation: Kooperation
    pruefungen: tuple[UstPruefung, ...]  # the latest per service
    status: str  # an Ergebnisart value, "neu_bewerten" or "ungeprueft"

    @property
    def status_label(self) -> str:
        return {"neu_bewerten": "neu bewerten", "ungeprueft": "nicht geprüft"}.get(
            self.status, ergebnis_label(self.status)
        )


@dataclass(frozen=True)
class Portfolio:
    zeilen: tuple[Portfoliozeile, ...]
    tage_bis_pflicht: int
    stichtag: dt.date

    @property
    def zaehlung(self) -> list[tuple[str, int]]:
        """(status, count) pairs, most urgent first (a list: templates cannot iterate a Counter)."""
        anzahl = Counter(z.status for z in self.zeilen)
        return [(s, anzahl[s]) for s in _SCHWERE if anzahl[s]]


_SCHWERE = ["ungeprueft", "neu_bewerten", "vertieft_pruefen", "steuerbar", "nicht_steuerbar"]


def _status(pruefungen: Iterable[UstPruefung]) -> str:
    pruefungen = list(pruefungen)
    if not pruefungen:
        return "ungeprueft"
    if any(p.neubewertung_noetig for p in pruefungen):
        return "neu_bewerten"
    return min((p.ergebnis for p in pruefungen), key=_SCHWERE.index)


def portfolio(kommune: Kommune | None = None, stichtag: dt.date | None = None) -> Portfolio:
    """Every visible cooperation (of one municipality, or all) with its VAT status: the latest
    assessment per service; the worst of them decides the cooperation's status."""
    stichtag = stichtag or timezone.localdate()
    kooperationen = Kooperation.objects.exclude(status=Kooperation.Status.BEENDET).select_related(
        "rechtsform"
    )
    if kommune is not None:
        kooperationen = kooperationen.filter(
            pk__in=Kooperationsmitglied.objects.filter(kommune=kommune).values("kooperation_id")
        )
    kooperationen = list(kooperationen.order_by("titel", "pk"))
    neueste: dict[int, dict[str, UstPruefung]] = {}
    for p in UstPruefung.objects.filter(kooperation__in=[k.pk for k in kooperationen]).order_by(
        "geprueft_am", "pk"
    ):
        neueste.setdefault(p.kooperation_id, {})[p.leistung.casefold()] = p
    zeilen = []
    for k in kooperationen:
        pruefungen = tuple(neueste.get(k.pk, {}).values())
        for p in pruefungen:
            p.kooperation = k  # avoid one query per row for neubewertung_noetig
        zeilen.append(Portfoliozeile(k, pruefungen, _status(pruefungen)))
    zeilen.sort(key=lambda z: (_SCHWERE.index(z.status), z.kooperation.titel))
    return Portfolio(tuple(zeilen), ust.tage_bis_pflicht(stichtag), stichtag)
