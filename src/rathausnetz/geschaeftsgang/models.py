"""geschaeftsgang: the models."""

from __future__ import annotations
