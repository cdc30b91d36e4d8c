"""``rathausnetz originale-vernichten``: marked originals go unless a record holds them again."""

from __future__ import annotations

import io
import os
import time

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from rathausnetz import speicher
from rathausnetz.akten.models import Datei

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def speicherort(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _vorgemerkt(inhalt: bytes, alter_s: float) -> str:
    ablage = speicher.ablegen(io.BytesIO(inhalt), 10**6)
    os.utime(ablage.pfad, (time.time() - alter_s, time.time() - alter_s))
    Datei.objects.create(
        sha256=ablage.sha256, groesse=ablage.groesse, mime_typ="text/plain", vernichten_seit=timezone.now()
    )
    return ablage.sha256


def test_the_command_removes_old_marked_originals_and_waits_for_fresh_ones(capsys):
    alt = _vorgemerkt(b"Niederschrift Gemeinderat Thum 1995", 3 * 86400)
    frisch = _vorgemerkt(b"Niederschrift Gemeinderat Thum 2026", 60)
    call_command("originale_vernichten")
    ausgabe = capsys.readouterr().out
    assert "1 Originaldatei(en) entfernt" in ausgabe and "1 erst vor Kurzem gespeichert" in ausgabe
    assert not speicher.original_pfad(alt).exists() and not Datei.objects.filter(sha256=alt).exists()
    assert speicher.original_pfad(frisch).exists()
    assert Datei.objects.get(sha256=frisch).vernichten_seit is not None
    call_command("originale_vernichten", "--karenz-stunden", "0")
    assert not speicher.original_pfad(frisch).exists()


def test_a_negative_grace_period_is_refused():
    with pytest.raises(CommandError, match="nicht negativ"):
        call_command("originale_vernichten", "--karenz-stunden", "-1")
