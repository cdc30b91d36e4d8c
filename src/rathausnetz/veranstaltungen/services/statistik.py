"""Who came: participants by function and kind of organisation, municipalities reached, no-shows.

Works on anonymised registrations too (function and municipality are kept for this purpose).
Before the event (or without check-in) participants are the registered ones; once people were
checked in, participants are those who came.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from rathausnetz.kommunen.services.statistik import Diagramm, balkendiagramm
from rathausnetz.veranstaltungen.models import Anmeldung, Veranstaltung

_ORGANISATIONSART = {
    Anmeldung.Rolle.LANDKREIS: "Landkreis",
    Anmeldung.Rolle.LANDESVERWALTUNG: "Landesverwaltung",
    Anmeldung.Rolle.ZWECKVERBAND: "Zweckverband",
    Anmeldung.Rolle.VERBAND: "Verband",
}


@dataclass(frozen=True)
class Teilnahmestatistik:
    titel: str
    angemeldet: int
    erschienen: int | None  # None: nobody checked in (yet)
    warteliste: int
    nach_rolle: tuple[tuple[str, int], ...]
    nach_organisationsart: tuple[tuple[str, int], ...]
    nach_land: tuple[tuple[str, int], ...]
    kommunen_erreicht: int
    veranstaltungen: int = 1

    @property
    def teilnehmende(self) -> int:
        return self.erschienen if self.erschienen is not None else self.angemeldet

    @property
    def buergermeister(self) -> int:
        return dict(self.nach_rolle).get(Anmeldung.Rolle.BUERGERMEISTER.label, 0)

    @property
    def no_show_quote(self) -> float | None:
        if self.erschienen is None or not self.angemeldet:
            return None
        return round(100 * (self.angemeldet - self.erschienen) / self.angemeldet, 1)

    @property
    def satz(self) -> str:
        """The sentence for press releases: "123 Teilnehmende, davon 71 Bürgermeisterinnen und …"."""
        text = f"{self.teilnehmende} Teilnehmende"
        if self.buergermeister:
            text += f", davon {self.buergermeister} Bürgermeisterinnen und Bürgermeister"
        if self.kommunen_erreicht:
            text += f", aus {self.kommunen_erreicht} Städten und Gemeinden"
        return text

    @property
    def diagramme(self) -> tuple[Diagramm, ...]:
        return (
            balkendiagramm("Teilnehmende nach Funktion", list(self.nach_rolle), "Personen"),
            balkendiagramm(
                "Teilnehmende nach Art der Organisation", list(self.nach_organisationsart), "Personen"
            ),
        )

    def als_dict(self) -> dict[str, object]:
        return {
            "titel": self.titel,
            "veranstaltungen": self.veranstaltungen,
            "angemeldet": self.angemeldet,
            "erschienen": self.erschienen,
            "warteliste": self.warteliste,
            "teilnehmende": self.teilnehmende,
            "buergermeister": self.buergermeister,
            "no_show_quote": self.no_show_quote,
            "kommunen_erreicht": self.kommunen_erreicht,
            "nach_rolle": dict(self.nach_rolle),
            "nach_organisationsart": dict(self.nach_organisationsart),
            "nach_land": dict(self.nach_land),
            "satz": self.satz,
        }


def _organisationsart(a: Anmeldung) -> str:
    if a.kommune_id:
        return "Stadt oder Gemeinde"
    return _ORGANISATIONSART.get(a.rolle, "Sonstige")


def _auswerten(titel: str, anmeldungen: Iterable[Anmeldung], veranstaltungen: int) -> Teilnahmestatistik:
    angemeldet: list[Anmeldung] = []
    warteliste = 0
    for a in anmeldungen:
        if a.status == Anmeldung.Status.ANGEMELDET:
            angemeldet.append(a)
        elif a.status == Anmeldung.Status.WARTELISTE:
            warteliste += 1
    eingecheckt = [a for a in angemeldet if a.erschienen_am]
    erschienen = len(eingecheckt) if eingecheckt else None
    basis = eingecheckt if eingecheckt else angemeldet
    rollen = Counter(a.get_rolle_display() for a in basis)
    reihenfolge = [label for _, label in Anmeldung.Rolle.choices]
    return Teilnahmestatistik(
        titel=titel,
        angemeldet=len(angemeldet),
        erschienen=erschienen,
        warteliste=warteliste,
        nach_rolle=tuple((r, rollen[r]) for r in reihenfolge if rollen[r]),
        nach_organisationsart=tuple(Counter(_organisationsart(a) for a in basis).most_common()),
        nach_land=tuple(
            Counter(
                (a.kommune.land.name if a.kommune_id else "ohne Gemeindezuordnung") for a in basis
            ).most_common()
        ),
        kommunen_erreicht=len({a.kommune_id for a in basis if a.kommune_id}),
        veranstaltungen=veranstaltungen,
    )


def _anmeldungen(veranstaltungen) -> list[Anmeldung]:
    return list(
        Anmeldung._base_manager.filter(veranstaltung__in=veranstaltungen)
        .exclude(status__in=[Anmeldung.Status.STORNIERT, Anmeldung.Status.UNBESTAETIGT])
        .select_related("kommune__land")
        .only("status", "rolle", "erschienen_am", "kommune__land__name", "veranstaltung_id")
    )


def fuer_veranstaltung(v: Veranstaltung) -> Teilnahmestatistik:
    """``v`` comes through the rule book (the caller may see it); its registrations are counted
    without names, so the figures may be public when the event is."""
    return _auswerten(v.titel, _anmeldungen([v.pk]), 1)


def fuer_jahr(jahr: int) -> Teilnahmestatistik:
    ids = list(
        Veranstaltung.objects.filter(beginn__year=jahr)
        .exclude(status=Veranstaltung.Status.ENTWURF)
        .values_list("pk", flat=True)
    )
    return _auswerten(f"Veranstaltungen {jahr}", _anmeldungen(ids), len(ids))


def aktuelles_jahr() -> int:
    return timezone.localdate().year
