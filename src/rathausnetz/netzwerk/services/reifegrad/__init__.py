"""The Reifegradcheck: questionnaire, scoring, comparisons, recommendations and the radar chart."""

from rathausnetz.netzwerk.services.reifegrad.auswertung import (
    antworten_pruefen,
    check_speichern,
    eigene_kommunen,
    ergebnisse_berechnen,
    gesamtwert,
    kommunen_zum_ausfuellen,
)
from rathausnetz.netzwerk.services.reifegrad.bericht import (
    Bericht,
    bericht_dateiname,
    bericht_erstellen,
    bericht_pdf,
)
from rathausnetz.netzwerk.services.reifegrad.empfehlungen import Empfehlung, empfehlungen
from rathausnetz.netzwerk.services.reifegrad.fragebogen import AKTUELL, FRAGEBOEGEN, STUFEN, fragebogen
from rathausnetz.netzwerk.services.reifegrad.radar import Radar, radar
from rathausnetz.netzwerk.services.reifegrad.vergleich import (
    MINDESTANZAHL,
    Klassenvergleich,
    groessenklasse,
    klassendurchschnitt,
    vorheriger,
)

__all__ = [
    "AKTUELL",
    "FRAGEBOEGEN",
    "MINDESTANZAHL",
    "STUFEN",
    "Bericht",
    "Empfehlung",
    "Klassenvergleich",
    "Radar",
    "antworten_pruefen",
    "bericht_dateiname",
    "bericht_erstellen",
    "bericht_pdf",
    "check_speichern",
    "eigene_kommunen",
    "empfehlungen",
    "ergebnisse_berechnen",
    "fragebogen",
    "gesamtwert",
    "groessenklasse",
    "klassendurchschnitt",
    "kommunen_zum_ausfuellen",
    "radar",
    "vorheriger",
]
