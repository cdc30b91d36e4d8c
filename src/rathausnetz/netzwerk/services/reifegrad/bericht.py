"""A result as the page and the PDF show it: values per dimension with the previous check and the
size-class average, the radar chart and the recommendations. One function builds it for both, so
the PDF never says something the page does not."""

from __future__ import annotations

from dataclasses import dataclass

from rathausnetz.netzwerk.models import Reifegradcheck
from rathausnetz.netzwerk.services.reifegrad.empfehlungen import Empfehlung, empfehlungen
from rathausnetz.netzwerk.services.reifegrad.fragebogen import Fragebogen, fragebogen
from rathausnetz.netzwerk.services.reifegrad.radar import Radar, radar
from rathausnetz.netzwerk.services.reifegrad.vergleich import (
    Klassenvergleich,
    klassendurchschnitt,
    vorheriger,
)
from rathausnetz.web import pdf as web_pdf


@dataclass(frozen=True)
class Zeile:
    name: str
    wert: int | None
    vorher: int | None
    durchschnitt: int | None

    @property
    def differenz(self) -> int | None:
        return self.wert - self.vorher if self.wert is not None and self.vorher is not None else None


@dataclass(frozen=True)
class Bericht:
    check: Reifegradcheck
    bogen: Fragebogen
    vorher: Reifegradcheck | None
    klasse: Klassenvergleich
    zeilen: list[Zeile]
    radar: Radar
    empfehlungen: list[Empfehlung]

    @property
    def gesamt_differenz(self) -> int | None:
        return self.check.gesamt - self.vorher.gesamt if self.vorher is not None else None


def bericht_erstellen(check: Reifegradcheck) -> Bericht:
    bogen = fragebogen(check.fassung)
    vorher = vorheriger(check)
    klasse = klassendurchschnitt(check)
    reihen = [(f"{check.kommune.name} am {check.erstellt_am:%d.%m.%Y}", "radar-aktuell", check.ergebnisse)]
    if vorher is not None:
        reihen.append(
            (f"vorheriger Check am {vorher.erstellt_am:%d.%m.%Y}", "radar-vorher", vorher.ergebnisse)
        )
    if klasse.durchschnitt:
        reihen.append((f"Durchschnitt {klasse.klasse}", "radar-klasse", klasse.durchschnitt))
    zeilen = [
        Zeile(
            name=d.name,
            wert=check.ergebnisse.get(d.code),
            vorher=vorher.ergebnisse.get(d.code) if vorher else None,
            durchschnitt=klasse.durchschnitt.get(d.code) if klasse.durchschnitt else None,
        )
        for d in bogen.dimensionen
    ]
    return Bericht(
        check=check,
        bogen=bogen,
        vorher=vorher,
        klasse=klasse,
        zeilen=zeilen,
        radar=radar(
            f"Reifegrad von {check.kommune.name} je Dimension",
            [(d.code, d.name) for d in bogen.dimensionen],
            reihen,
        ),
        empfehlungen=empfehlungen(check),
    )


def bericht_pdf(check: Reifegradcheck) -> bytes:
    """The result as A4 PDF (WeasyPrint, ``netzwerk/pdf/reifegrad.html``) with the radar chart."""
    return web_pdf.pdf("netzwerk/pdf/reifegrad.html", {"b": bericht_erstellen(check)})


def bericht_dateiname(check: Reifegradcheck) -> str:
    return web_pdf.dateiname(f"Reifegradcheck-{check.kommune.name}-{check.erstellt_am:%Y-%m-%d}", "pdf")
