"""Removing a destroyed original: never while an upload of the same content may be using it."""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta

import pytest

from rathausnetz import speicher
from rathausnetz.speicher import Ergebnis

INHALT = b"%PDF-1.4\nBescheid ueber die Hundesteuer 1990, Stadt Geyer\n%%EOF\n"
KARENZ = timedelta(hours=24)
NIE = lambda sha256: False  # noqa: E731


@pytest.fixture(autouse=True)
def speicherort(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _alt_ablegen(inhalt: bytes = INHALT) -> speicher.Ablage:
    """Stored two days ago, as the originals of an Akte due for the Aussonderung are."""
    ablage = speicher.ablegen(io.BytesIO(inhalt), 10**6)
    vorgestern = time.time() - 2 * 86400
    os.utime(ablage.pfad, (vorgestern, vorgestern))
    vorschau = speicher.abgeleitet_pfad(ablage.sha256, "vorschau_png")
    vorschau.parent.mkdir(parents=True, exist_ok=True)
    vorschau.write_bytes(b"\x89PNG vorschau")
    return ablage


def _papierkorb_leer(tmp_path) -> bool:
    return not list((tmp_path / "dateien" / "tmp").glob("vernichten-*"))


def test_storing_known_content_again_marks_it_as_fresh():
    ablage = _alt_ablegen()
    zweite = speicher.ablegen(io.BytesIO(INHALT), 10**6)
    assert not zweite.neu and zweite.pfad == ablage.pfad
    assert time.time() - ablage.pfad.stat().st_mtime < 60
    assert ablage.pfad.read_bytes() == INHALT


def test_an_unused_old_original_goes_with_its_derived_files(tmp_path):
    ablage = _alt_ablegen()
    assert speicher.original_entfernen(ablage.sha256, NIE, KARENZ) is Ergebnis.ENTFERNT
    assert not ablage.pfad.exists()
    assert not speicher.abgeleitet_pfad(ablage.sha256, "vorschau_png").exists()
    assert _papierkorb_leer(tmp_path)


def test_content_in_use_stays(tmp_path):
    ablage = _alt_ablegen()
    ergebnis = speicher.original_entfernen(ablage.sha256, lambda sha256: True, KARENZ)
    assert ergebnis is Ergebnis.VERWENDET
    assert ablage.pfad.read_bytes() == INHALT
    assert _papierkorb_leer(tmp_path)


def test_an_upload_of_the_same_content_just_before_keeps_the_file(tmp_path):
    """The upload has stored the content but not yet committed its record."""
    ablage = _alt_ablegen()
    speicher.ablegen(io.BytesIO(INHALT), 10**6)
    assert speicher.original_entfernen(ablage.sha256, NIE, KARENZ) is Ergebnis.FRISCH
    assert ablage.pfad.read_bytes() == INHALT
    assert _papierkorb_leer(tmp_path)


def test_an_upload_of_the_same_content_during_the_removal_keeps_its_file(tmp_path):
    ablage = _alt_ablegen()
    hochgeladen: list[speicher.Ablage] = []

    def upload_dazwischen(sha256: str) -> bool:  # asked after the file was moved aside
        hochgeladen.append(speicher.ablegen(io.BytesIO(INHALT), 10**6))
        return False  # its record is not committed yet

    assert speicher.original_entfernen(ablage.sha256, upload_dazwischen, KARENZ) is Ergebnis.ENTFERNT
    assert hochgeladen[0].neu
    assert ablage.pfad.read_bytes() == INHALT
    assert _papierkorb_leer(tmp_path)


def test_the_database_can_still_refuse_at_the_last_moment():
    ablage = _alt_ablegen()
    ergebnis = speicher.original_entfernen(ablage.sha256, NIE, KARENZ, entfernen=lambda sha256: False)
    assert ergebnis is Ergebnis.VERWENDET
    assert ablage.pfad.read_bytes() == INHALT


def test_a_missing_file_only_clears_derived_files():
    ablage = _alt_ablegen()
    ablage.pfad.unlink()
    assert speicher.original_entfernen(ablage.sha256, NIE, KARENZ) is Ergebnis.FEHLTE
    assert not speicher.abgeleitet_pfad(ablage.sha256, "vorschau_png").exists()


@pytest.mark.parametrize("behalten", [True, False])
def test_a_removal_killed_half_way_is_finished_on_the_next_run(tmp_path, behalten):
    ablage = _alt_ablegen()
    andere = _alt_ablegen(b"%PDF-1.4\nanderer Inhalt\n%%EOF\n")
    korb = tmp_path / "dateien" / "tmp" / f"vernichten-{ablage.sha256}"
    os.rename(ablage.pfad, korb)  # where a killed worker left it
    assert speicher.unterbrochene_abschliessen(lambda sha256: behalten) == 1
    assert ablage.pfad.exists() is behalten
    assert not korb.exists()
    assert andere.pfad.exists()
