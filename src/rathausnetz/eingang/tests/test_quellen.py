"""Sources besides the upload: an unreachable mailbox backs off; the consume command."""

from __future__ import annotations

import datetime as dt
import os
import time

from django.core.management import call_command
from django.utils import timezone

from rathausnetz.eingang.models import Eingang, Postfach
from rathausnetz.eingang.services import quellen
from rathausnetz.eingang.tests.helfer import BRIEF
from rathausnetz.eingang.tests.imapserver import freier_port


def test_unreachable_mailbox_is_retried_with_growing_pauses(system, gemeinde_a, caplog):
    postfach = Postfach.objects.create(
        organisation=gemeinde_a, bezeichnung="Poststelle", host="127.0.0.1", port=freier_port(),
        verschluesselung="keine", benutzer="post", passwort="geheim-123",
    )  # fmt: skip
    vorher = timezone.now()
    assert quellen.faellige_postfaecher_abrufen() == 0
    postfach.refresh_from_db()
    assert postfach.fehlversuche == 1 and "nicht erreichbar" in postfach.letzter_fehler
    assert dt.timedelta(minutes=1) < postfach.naechster_versuch - vorher <= dt.timedelta(minutes=3)
    assert "geheim-123" not in caplog.text and "nächster Versuch" in caplog.text
    assert quellen.faellige_postfaecher_abrufen() == 0  # not due yet: nothing happens
    assert Postfach.objects.get(pk=postfach.pk).fehlversuche == 1
    quellen.postfach_abrufen(postfach)
    postfach.refresh_from_db()
    assert postfach.fehlversuche == 2
    assert dt.timedelta(minutes=3) < postfach.naechster_versuch - timezone.now() <= dt.timedelta(minutes=4)


def _alt(pfad) -> None:
    alt = time.time() - 30
    os.utime(pfad, (alt, alt))


def test_consume_command_keeps_named_files_and_empties_folders(tmp_path, gemeinde_a, system, capsys):
    datei = tmp_path / "einzeln.txt"
    datei.write_text(BRIEF, encoding="utf-8")
    ordner = tmp_path / "scanner"
    ordner.mkdir()
    (ordner / "a.txt").write_text(BRIEF + "\nA", encoding="utf-8")
    (ordner / ".versteckt.txt").write_text("nicht", encoding="utf-8")
    (ordner / "b.txt").symlink_to("/etc/passwd")
    for p in (datei, ordner / "a.txt"):
        _alt(p)
    call_command("consume", str(datei), str(ordner), "--organisation", "14521210")
    assert datei.exists()
    assert sorted(p.name for p in ordner.iterdir()) == [".versteckt.txt", "b.txt"]
    namen = set(Eingang.objects.filter(organisation=gemeinde_a).values_list("dateiname", flat=True))
    assert {"einzeln.txt", "a.txt"} <= namen and "b.txt" not in namen
    assert "Eingang" in capsys.readouterr().out
