"""Rathausnetz: digitale Akten, interkommunale Zusammenarbeit und Netzwerk für sächsische Kommunen."""

__version__ = "0.1.0"
