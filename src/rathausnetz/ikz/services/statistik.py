"""Counts of visible cooperations by legal form, task area, Kreis, status and year, and their CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from rathausnetz.ikz.models import Aufgabenbereich, Kooperation, Kooperationsmitglied, Rechtsform
from rathausnetz.kommunen.models import Kreis


@dataclass(frozen=True)
class Tabelle:
    titel: str
    spalte: str
    zeilen: tuple[tuple[str, int], ...]

    @property
    def maximum(self) -> int:
        return max((n for _, n in self.zeilen), default=0)


@dataclass(frozen=True)
class Kooperationsstatistik:
    gesamt: int
    aktiv: int
    tabellen: tuple[Tabelle, ...]


def statistik(land_code: str = "") -> Kooperationsstatistik:
    basis = Kooperation.objects.all()
    if land_code:
        basis = basis.filter(
            pk__in=Kooperationsmitglied.objects.filter(
                Q(kommune__land__code=land_code) | Q(kreis__land__code=land_code)
            ).values("kooperation_id")
        )
    ids = basis.values("pk")
    status = dict(basis.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    nach_status = tuple((label, status.get(wert, 0)) for wert, label in Kooperation.Status.choices)
    nach_form = tuple(
        (r.name, r.n)
        for r in Rechtsform.objects.annotate(n=Count("kooperationen", filter=Q(kooperationen__in=ids)))
        .filter(n__gt=0)
        .order_by("-n", "name")
    )
    nach_bereich = tuple(
        (b.name, b.n)
        for b in Aufgabenbereich.objects.annotate(n=Count("kooperationen", filter=Q(kooperationen__in=ids)))
        .filter(n__gt=0)
        .order_by("-n", "name")
    )
    nach_kreis = tuple(
        (k.name, k.n)
        for k in Kreis.objects.annotate(
            n=Count(
                "kommunen__ikz_mitgliedschaften__kooperation",
                filter=Q(kommunen__ikz_mitgliedschaften__kooperation__in=ids),
                distinct=True,
            )
        )
        .filter(n__gt=0)
        .order_by("-n", "name")
    )
    jahre = dict(
        basis.filter(beginn__isnull=False)
        .annotate(jahr=ExtractYear("beginn"))
        .values_list("jahr")
        .annotate(n=Count("pk"))
        .values_list("jahr", "n")
    )
    ohne_jahr = basis.filter(beginn__isnull=True).count()
    nach_jahr = tuple((str(j), jahre[j]) for j in sorted(jahre)) + (
        (("ohne Angabe (u. a. aus dem Register übernommen)", ohne_jahr),) if ohne_jahr else ()
    )
    return Kooperationsstatistik(
        gesamt=sum(status.values()),
        aktiv=status.get(Kooperation.Status.AKTIV, 0),
        tabellen=(
            Tabelle("Nach Rechtsform", "Rechtsform", nach_form),
            Tabelle("Nach Aufgabenbereich", "Aufgabenbereich", nach_bereich),
            Tabelle("Nach Kreis (Kooperationen mit Mitgliedern im Kreis)", "Kreis", nach_kreis),
            Tabelle("Nach Status", "Status", nach_status),
            Tabelle("Nach Beginn (Jahr)", "Jahr", nach_jahr),
        ),
    )


def als_csv(s: Kooperationsstatistik) -> str:
    """One long table (Gliederung; Merkmal; Anzahl) that spreadsheet programs open directly."""
    puffer = io.StringIO()
    schreiber = csv.writer(puffer, delimiter=";", lineterminator="\r\n")
    schreiber.writerow(["Gliederung", "Merkmal", "Anzahl Kooperationen"])
    for tabelle in s.tabellen:
        for merkmal, n in tabelle.zeilen:
            schreiber.writerow([tabelle.spalte, merkmal, n])
    return puffer.getvalue()
