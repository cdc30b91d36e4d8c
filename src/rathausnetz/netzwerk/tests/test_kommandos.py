"""The network's CLI commands: figures for the annual report, and checking a certificate code."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rathausnetz.netzwerk.models import Kurstermin
from rathausnetz.netzwerk.services import kurse


def test_kennzahlen_als_text_und_json(grunddaten, navigatorin, navigator_ehrenfriedersdorf):
    ausgabe = io.StringIO()
    call_command("netzwerk_kennzahlen", stdout=ausgabe)
    assert "Digital-Navigatoren (aktiv)" in ausgabe.getvalue()
    ausgabe = io.StringIO()
    call_command("netzwerk_kennzahlen", "--json", stdout=ausgabe)
    werte = json.loads(ausgabe.getvalue())
    assert werte["navigatoren"] >= 2 and werte["kommunen_erreicht"] >= 2
    assert "Alice" not in ausgabe.getvalue()  # figures only


def test_zertifikat_pruefen(grunddaten, als_lotte, durchgang, navigatorin):
    with als_lotte():
        t = kurse.einschreiben(durchgang, navigatorin)
        for termin in Kurstermin._base_manager.filter(durchgang=durchgang):
            kurse.anwesenheit_erfassen(termin, [t.pk])
        [z] = kurse.abschluesse_feststellen(durchgang).zertifikate
    ausgabe = io.StringIO()
    call_command("zertifikat_pruefen", z.code_lesbar.lower(), stdout=ausgabe)
    text = ausgabe.getvalue()
    assert f"Zertifikat {z.code_lesbar}: gültig" in text and "Alice Albrecht (Geyer)" in text
    with pytest.raises(CommandError, match=r"Ein Zertifikat mit dem Prüfcode „ZZZZZ-ZZZZZ“ gibt es nicht\."):
        call_command("zertifikat_pruefen", "ZZZZZ-ZZZZZ")
