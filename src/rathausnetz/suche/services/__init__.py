"""The search facade: what other apps, views, API and CLI use."""

from rathausnetz.suche.services.suchen import Auswahl, Ergebnis, Treffer, suchen

__all__ = ["Auswahl", "Ergebnis", "Treffer", "suchen"]
