"""Comparisons of a result: with the municipality's previous check, and with the anonymous
average of its size class.

The average is shown only when at least ``MINDESTANZAHL`` *other* municipalities of the class have
a result — with fewer, a reader who knows the class could work out a neighbour's answers. It reads
all municipalities' results on purpose (``_base_manager``), but only averages leave this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from rathausnetz.netzwerk.models import Reifegradcheck

MINDESTANZAHL = 3

#: (lower bound, upper bound exclusive or None, label)
GROESSENKLASSEN: tuple[tuple[int, int | None, str], ...] = (
    (0, 2_000, "unter 2.000 Einwohner"),
    (2_000, 5_000, "2.000 bis unter 5.000 Einwohner"),
    (5_000, 10_000, "5.000 bis unter 10.000 Einwohner"),
    (10_000, 20_000, "10.000 bis unter 20.000 Einwohner"),
    (20_000, None, "20.000 Einwohner und mehr"),
)


def groessenklasse(einwohner: int) -> tuple[int, int | None, str]:
    for unten, oben, name in GROESSENKLASSEN:
        if einwohner >= unten and (oben is None or einwohner < oben):
            return unten, oben, name
    raise ValueError(einwohner)


@dataclass(frozen=True)
class Klassenvergleich:
    klasse: str
    #: how many other municipalities of the class have a result
    anzahl: int
    #: dimension → average score; None when fewer than MINDESTANZAHL others took part
    durchschnitt: dict[str, int] | None
    gesamt: int | None

    @property
    def zu_wenige(self) -> bool:
        return self.durchschnitt is None


def vorheriger(check: Reifegradcheck) -> Reifegradcheck | None:
    """The municipality's check before this one (visible to whoever sees this one)."""
    return (
        Reifegradcheck.objects.filter(kommune_id=check.kommune_id, erstellt_am__lte=check.erstellt_am)
        .exclude(pk=check.pk)
        .exclude(erstellt_am=check.erstellt_am, pk__gt=check.pk)
        .order_by("-erstellt_am", "-pk")
        .first()
    )


def klassendurchschnitt(check: Reifegradcheck) -> Klassenvergleich:
    """Current average: the latest result of every other municipality whose size at the time of
    its check falls into the same class."""
    unten, oben, name = groessenklasse(check.einwohner)
    qs = (
        Reifegradcheck._base_manager.exclude(kommune_id=check.kommune_id)
        .filter(einwohner__gte=unten)
        .order_by("kommune_id", "-erstellt_am", "-pk")
        .values_list("kommune_id", "ergebnisse")
    )
    if oben is not None:
        qs = qs.filter(einwohner__lt=oben)
    neueste: dict[int, dict[str, int]] = {}
    for kommune_id, ergebnisse in qs:
        neueste.setdefault(kommune_id, ergebnisse)
    if len(neueste) < MINDESTANZAHL:
        return Klassenvergleich(name, len(neueste), None, None)
    durchschnitt = {}
    for code in check.ergebnisse:
        werte = [e[code] for e in neueste.values() if code in e]
        if werte:
            durchschnitt[code] = round(sum(werte) / len(werte))
    gesamt = round(sum(durchschnitt.values()) / len(durchschnitt)) if durchschnitt else None
    return Klassenvergleich(name, len(neueste), durchschnitt, gesamt)
