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
        while verarbeiten:  # tasks may queue more (mail attachments)
            with django_capture_on_commit_callbacks(execute=True):
                verarbeiten = aufgaben_abarbeiten()
        eingang.refresh_from_db()
        return eingang

    return _einlegen


@pytest.fixture
def api_fuer(api_token):
    """A test client that talks to the API with a persona's bearer token."""
    from django.test import Client

    def _client(benutzer, organisation) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Bearer {api_token(benutzer, organisation)}")

    return _client
