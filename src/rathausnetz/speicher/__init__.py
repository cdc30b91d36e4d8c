"""Storage of originals: content-addressed, written atomically, never modified.

The facade other apps use. Files live under ``RATHAUSNETZ_DATA_DIR/dateien``; derived files
(thumbnails, renditions) under ``abgeleitet`` next to them, never mixed with originals.
"""

from rathausnetz.speicher.ablage import Ablage, abgeleitet_pfad, ablegen, oeffnen, original_pfad
from rathausnetz.speicher.namen import sicherer_dateiname
from rathausnetz.speicher.typen import Dateityp, UnzulaessigeDatei, erkennen
from rathausnetz.speicher.vernichtung import (
    Ergebnis,
    alleinlauf,
    original_entfernen,
    unterbrochene_abschliessen,
)

__all__ = [
    "Ablage",
    "Dateityp",
    "Ergebnis",
    "UnzulaessigeDatei",
    "abgeleitet_pfad",
    "ablegen",
    "alleinlauf",
    "erkennen",
    "oeffnen",
    "original_entfernen",
    "original_pfad",
    "sicherer_dateiname",
    "unterbrochene_abschliessen",
]
