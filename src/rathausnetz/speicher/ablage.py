"""Content-addressed, atomic storage of originals.

A file is streamed into a temporary file in the same directory tree while its SHA-256 is
computed, flushed and fsync'ed, then renamed to ``originale/ab/cd/<sha256>`` (atomic on POSIX) and
the directory is fsync'ed. An existing file with that hash is never rewritten: the same content is
stored once. Storing it again only sets its modification time to now, which tells the removal of
destroyed originals (``vernichtung.py``) that someone is about to use it. A crash at any point
leaves either no file or the complete file, never a partial one under a final name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

BLOCK = 1024 * 1024


class ZuGross(ValueError):
    """The file exceeds the configured upload limit."""


@dataclass(frozen=True)
class Ablage:
    sha256: str
    groesse: int
    pfad: Path
    neu: bool


def _wurzel() -> Path:
    return Path(settings.DATA_DIR) / "dateien"


def original_pfad(sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise ValueError("ungültiger SHA-256")
    return _wurzel() / "originale" / sha256[:2] / sha256[2:4] / sha256


def abgeleitet_pfad(sha256: str, art: str) -> Path:
    if not art.isidentifier():
        raise ValueError("ungültige Art")
    return original_pfad(sha256).parent.parent.parent.parent / "abgeleitet" / sha256[:2] / f"{sha256}.{art}"


def _fsync_verzeichnis(pfad: Path) -> None:
    fd = os.open(pfad, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ablegen(quelle: BinaryIO, max_bytes: int) -> Ablage:
    """Store the stream's content; returns its hash, size and path."""
    tmp_dir = _wurzel() / "tmp"
    tmp_dir.mkdir(parents=True, exist_ok=True)
    hasher = hashlib.sha256()
    groesse = 0
    fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as ziel:
            while block := quelle.read(BLOCK):
                groesse += len(block)
                if groesse > max_bytes:
                    raise ZuGross(groesse)
                hasher.update(block)
                ziel.write(block)
            ziel.flush()
            os.fsync(ziel.fileno())
        sha256 = hasher.hexdigest()
        pfad = original_pfad(sha256)
        try:
            os.utime(pfad)
        except FileNotFoundError:
            pass  # new content, or removed a moment ago: stored below
        else:
            tmp.unlink()
            return Ablage(sha256, groesse, pfad, neu=False)
        pfad.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, 0o440)
        os.replace(tmp, pfad)
        _fsync_verzeichnis(pfad.parent)
        return Ablage(sha256, groesse, pfad, neu=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def oeffnen(sha256: str) -> BinaryIO:
    return original_pfad(sha256).open("rb")
