"""Fixtures of the Geschäftsgang tests: a Vorgang in Geyer with one PDF, started routes.

Personas in Geyer (demo data): Bob (Sachbearbeitung, Bürgerbüro) starts routes, Alice
(Hauptamtsleiterin, Administration) co-signs, Emil (Bürgermeister, Leitung) signs, Frieda
(lesend, Kämmerei). Charlie works in Ehrenfriedersdorf (another tenant).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from rathausnetz.akten.models import Aktenplaneintrag
from rathausnetz.akten.services import akten, dokumente, vorgaenge
from rathausnetz.akten.tests.helfer import datei, pdf


@pytest.fixture
def emil(grunddaten):
    return get_user_model().objects.get(username="emil")


@pytest.fixture
def frieda(grunddaten):
    return get_user_model().objects.get(username="frieda")


@pytest.fixture
def vorgang(bob, gemeinde_a, als):
    """A Vorgang with one document (version 1) in an Akte of Geyer, created by Bob."""
    with als(bob, gemeinde_a):
        akte = akten.akte_anlegen(
            Aktenplaneintrag.objects.get(kennzeichen="610"), "Bebauungsplan Am Sportplatz"
        )
        v = vorgaenge.vorgang_anlegen(akte, "Satzungsbeschluss Bebauungsplan")
        dokumente.dokument_hochladen(v, datei(pdf("Beschlussvorlage Bebauungsplan")), "Beschlussvorlage.pdf")
    return v
