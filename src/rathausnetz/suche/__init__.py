"""German, OCR-robust search. This package grows into the full-text engine (see DESIGN.md);
for now it holds the normaliser that the municipality directory already uses."""

from rathausnetz.suche.normaliser import fold, name_key

__all__ = ["fold", "name_key"]
