"""A worker killed with SIGKILL in the middle of OCR: after a restart the document is processed
exactly once, with nothing duplicated and the original untouched (real processes, real Tesseract)."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time

import pytest

from rathausnetz.eingang.tests.helfer import BRIEF, scan_pdf
from rathausnetz.web.tests.installation import frische_installation, rathausnetz

pytestmark = pytest.mark.slow


def _tesseract_laeuft(pid: int) -> bool:
    kinder = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    for kind in kinder:
        try:
            with open(f"/proc/{kind}/comm") as datei:
                if datei.read().strip() == "tesseract":
                    return True
        except FileNotFoundError:
            continue
    return False


def test_killed_worker_leaves_nothing_half_done(tmp_path):
    daten = scan_pdf([BRIEF] * 4)
    (tmp_path / "scan.pdf").write_bytes(daten)
    with frische_installation(tmp_path / "installation") as env:
        rathausnetz(env, "migrate", "--noinput", "-v", "0")
        rathausnetz(env, "kommunen-laden")
        rathausnetz(env, "mandant-aktivieren", "14521210")
        assert (
            "Eingang"
            in rathausnetz(env, "consume", str(tmp_path / "scan.pdf"), "--organisation", "14521210").stdout
        )
        worker = subprocess.Popen(
            [sys.executable, "-m", "rathausnetz", "worker", "--interval", "0.2"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            ende = time.monotonic() + 120
            while not _tesseract_laeuft(worker.pid):
                assert time.monotonic() < ende, "Tesseract wurde nicht gestartet"
                assert worker.poll() is None
                time.sleep(0.05)
            time.sleep(0.5)
            os.kill(worker.pid, signal.SIGKILL)  # mid-OCR
            worker.wait(timeout=10)
        finally:
            if worker.poll() is None:
                worker.kill()
        zustand = rathausnetz(
            env, "shell", "-v", "0", "-c",
            "from rathausnetz.eingang.models import Eingang as E; "
            "print(list(E._base_manager.values_list('status', 'versuche')))",
        ).stdout  # fmt: skip
        assert "[('in_arbeit', 1)]" in zustand
        neu = rathausnetz(env, "worker", "--batch", "--interval", "0", timeout=300)
        assert neu.returncode == 0, neu.stderr
        ergebnis = rathausnetz(
            env, "shell", "-v", "0", "-c",
            "from rathausnetz.eingang.models import Eingang as E; from rathausnetz import speicher; "
            "e = list(E._base_manager.all()); print(len(e), e[0].status, e[0].versuche, e[0].seiten); "
            "ok = 'Sächsischen Städte- und Gemeindetages' in e[0].text; "
            "print('SAECHSISCH' if ok else e[0].text[:300]); "
            "print(e[0].datei_id); print(speicher.original_pfad(e[0].datei_id))",
        ).stdout.splitlines()  # fmt: skip
        assert ergebnis[0] == "1 fertig 2 4", ergebnis
        assert ergebnis[1] == "SAECHSISCH", ergebnis
        assert ergebnis[2] == hashlib.sha256(daten).hexdigest()
        with open(ergebnis[3], "rb") as original:
            assert original.read() == daten
