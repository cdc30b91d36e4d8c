"""Removing a destroyed original from the store without racing an upload of the same content.

Originals are content-addressed: a new upload of identical bytes reuses the file that is about to
be removed. So a removal never unlinks the file where it lies. It first renames it into ``tmp``
(atomic), and only then decides, on the renamed file:

- an upload that stored the content before the rename has set its modification time to now
  (``ablegen``), so a file touched within ``karenz`` goes back;
- an upload after the rename finds no file and writes the content anew; the renamed copy does not
  concern it;
- the caller's ``verwendet`` (the database) is asked after the rename, so a reference committed
  before it keeps the file.

One run at a time (``alleinlauf``): a second run would take the first one's files in ``tmp`` for
leftovers of a killed run. A process killed between rename and decision leaves
``tmp/vernichten-<sha256>``;
``unterbrochene_abschliessen`` finishes it on the next run: back in place unless the caller's
record of the decision (its database row) says the original is gone.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from enum import Enum
from pathlib import Path

from rathausnetz.speicher.ablage import _fsync_verzeichnis, _wurzel, abgeleitet_pfad, original_pfad

PRAEFIX = "vernichten-"


class Ergebnis(Enum):
    ENTFERNT = "entfernt"
    FEHLTE = "fehlte"  # nothing on disk (already removed); derived files were cleared
    VERWENDET = "verwendet"
    FRISCH = "frisch"


@contextlib.contextmanager
def alleinlauf() -> Iterator[None]:
    """Wait for a removal run in another process to finish (the kernel frees the lock of a
    killed one)."""
    ordner = _wurzel() / "tmp"
    ordner.mkdir(parents=True, exist_ok=True)
    fd = os.open(ordner / "vernichten.sperre", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _papierkorb(sha256: str) -> Path:
    ordner = _wurzel() / "tmp"
    ordner.mkdir(parents=True, exist_ok=True)
    return ordner / f"{PRAEFIX}{sha256}"


def _zuruecklegen(korb: Path, pfad: Path) -> None:
    """Back to its place, unless an upload has put the same content there meanwhile."""
    with contextlib.suppress(FileExistsError):
        os.link(korb, pfad)
    korb.unlink()
    _fsync_verzeichnis(pfad.parent)


def _abgeleitete_entfernen(sha256: str) -> None:
    ordner = abgeleitet_pfad(sha256, "x").parent
    for abgeleitet in ordner.glob(f"{sha256}.*"):
        abgeleitet.unlink(missing_ok=True)


def original_entfernen(
    sha256: str,
    verwendet: Callable[[str], bool],
    karenz: timedelta,
    entfernen: Callable[[str], bool] = lambda sha256: True,
) -> Ergebnis:
    """Remove the original and its derived files unless it is in use or was stored recently.

    ``entfernen`` runs after all checks and before the file is gone for good; it may still say
    no (e.g. when the database refuses to delete the row): then the file goes back."""
    pfad = original_pfad(sha256)
    korb = _papierkorb(sha256)
    try:
        os.rename(pfad, korb)
    except FileNotFoundError:
        if verwendet(sha256):
            return Ergebnis.VERWENDET
        if not entfernen(sha256):
            return Ergebnis.VERWENDET
        _abgeleitete_entfernen(sha256)
        return Ergebnis.FEHLTE
    if time.time() - korb.stat().st_mtime < karenz.total_seconds():
        _zuruecklegen(korb, pfad)
        return Ergebnis.FRISCH
    if verwendet(sha256) or not entfernen(sha256):
        _zuruecklegen(korb, pfad)
        return Ergebnis.VERWENDET
    korb.unlink()
    _fsync_verzeichnis(korb.parent)
    _abgeleitete_entfernen(sha256)
    return Ergebnis.ENTFERNT


def unterbrochene_abschliessen(behalten: Callable[[str], bool]) -> int:
    """Finish removals a killed process left in ``tmp``: back in place where ``behalten`` says
    so, otherwise gone. Returns how many were found."""
    ordner = _wurzel() / "tmp"
    if not ordner.is_dir():
        return 0
    gefunden = 0
    for korb in ordner.glob(f"{PRAEFIX}*"):
        sha256 = korb.name.removeprefix(PRAEFIX)
        try:
            pfad = original_pfad(sha256)
        except ValueError:
            continue
        gefunden += 1
        if behalten(sha256):
            _zuruecklegen(korb, pfad)
        else:
            korb.unlink()
    return gefunden
