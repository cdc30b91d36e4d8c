from __future__ import annotations

import pytest

from rathausnetz.eingang.models import Eingang
from rathausnetz.eingang.services import annahme


@pytest.fixture
def einlegen(gemeinde_a, django_capture_on_commit_callbacks, aufgaben_abarbeiten, system):
    """Put bytes into Geyer's Posteingang and run the worker; returns the fresh Eingang."""

    def _einlegen(daten: bytes, name: str, organisation=None, verarbeiten: bool = True) -> Eingang:
        with django_capture_on_commit_callbacks(execute=True):
            eingang = annahme.annehmen_bytes(
                (organisation or gemeinde_a).pk, daten, name, Eingang.Quelle.UPLOAD
            )
        if verarbeiten:
            with django_capture_on_commit_callbacks(execute=True):
                aufgaben_abarbeiten()
        eingang.refresh_from_db()
        return eingang

    return _einlegen
