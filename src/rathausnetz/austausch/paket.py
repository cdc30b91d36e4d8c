"""XDOMEA packages: a ZIP with the message XML and the primary documents, written and read safely.

Reading guards against what a package from outside may hold: paths that climb out (``../``),
absolute names, zip bombs (declared and actual size are both capped), thousands of members.
Receipts (0402, 0403, 0504 …) may also arrive as a bare XML file; both are accepted.
"""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from django.conf import settings
from lxml import etree

from rathausnetz import speicher
from rathausnetz.austausch.schema import Befund, UngueltigeNachricht, parsen
from rathausnetz.austausch.xdomea import NACHRICHTEN, Primaerdatei

MAX_MITGLIEDER = 20_000
_NACHRICHTENDATEI = re.compile(r"^[0-9A-Fa-f-]{36}_(?P<name>[A-Za-z.]+\.(?P<typ>\d{4}))\.xml$")


def max_paket_bytes() -> int:
    """A package may hold many documents: five times the single upload limit, uncompressed."""
    return settings.UPLOAD_MAX_MB * 5 * 1024 * 1024


def schreiben(xml: bytes, xml_name: str, dateien: Iterable[Primaerdatei]) -> IO[bytes]:
    """The ZIP in a temporary file (large Akten must not live in memory), positioned at 0."""
    ziel = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (the caller closes it)
    with zipfile.ZipFile(ziel, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(xml_name, xml)
        geschrieben: set[str] = set()
        for datei in dateien:
            if datei.name_im_paket in geschrieben:
                continue
            geschrieben.add(datei.name_im_paket)
            with speicher.oeffnen(datei.sha256) as quelle:
                info = zipfile.ZipInfo(datei.name_im_paket)
                info.compress_type = zipfile.ZIP_DEFLATED if _lohnt_deflate(quelle) else zipfile.ZIP_STORED
                with zf.open(info, "w", force_zip64=True) as ziel_datei:
                    while block := quelle.read(1024 * 1024):
                        ziel_datei.write(block)
    ziel.seek(0)
    return ziel


_PROBE = 32 * 1024


def _lohnt_deflate(quelle: BinaryIO) -> bool:
    """Whether a sample from the middle of the file shrinks by a tenth under fast deflate.

    Scans (PDFs with JPEG or JBIG2 images), photos and office files are compressed already:
    deflating them again runs at about 25 MB/s on one core and saves nothing, so an Akte of
    500 MB of scans spent some 20 s in zlib. Such files are stored; small files are always
    deflated (cheap either way). Leaves the file at its start.
    """
    groesse = quelle.seek(0, io.SEEK_END)
    if groesse < 4 * _PROBE:
        quelle.seek(0)
        return True
    quelle.seek(groesse // 2)
    probe = quelle.read(_PROBE)
    quelle.seek(0)
    return len(zlib.compress(probe, 1)) < 0.9 * len(probe)


@dataclass
class Paket:
    """A received message: its parsed XML and, for a ZIP, access to the files beside it."""

    xml_name: str
    baum: etree._ElementTree
    zip: zipfile.ZipFile | None

    @property
    def wurzel(self) -> etree._Element:
        return self.baum.getroot()

    @property
    def typ(self) -> str:
        return etree.QName(self.wurzel).localname.rsplit(".", 1)[-1]

    def hat(self, name: str) -> bool:
        return self.zip is not None and name in self.zip.NameToInfo

    def oeffnen(self, name: str) -> BinaryIO:
        if self.zip is None or name not in self.zip.NameToInfo:
            raise KeyError(name)
        return io.BufferedReader(_Begrenzt(self.zip.open(name), max_paket_bytes(), name))


class _Begrenzt(io.RawIOBase):
    """Reads at most ``grenze`` bytes: the declared size of a ZIP member may lie."""

    def __init__(self, quelle: IO[bytes], grenze: int, name: str):
        self._quelle, self._rest, self._name = quelle, grenze, name

    def readable(self) -> bool:
        return True

    def readinto(self, puffer) -> int:
        daten = self._quelle.read(min(len(puffer), self._rest + 1))
        if len(daten) > self._rest:
            raise UngueltigeNachricht([Befund(0, self._name, "Die Datei ist größer als erlaubt (entpackt).")])
        self._rest -= len(daten)
        puffer[: len(daten)] = daten
        return len(daten)

    def close(self) -> None:
        self._quelle.close()
        super().close()


def _fehler(problem: str, element: str = "") -> UngueltigeNachricht:
    return UngueltigeNachricht([Befund(0, element, problem)], "Das XDOMEA-Paket lässt sich nicht lesen.")


def ist_zip(pfad: Path) -> bool:
    with pfad.open("rb") as f:
        return f.read(2) == b"PK"


def lesen(pfad: Path) -> Paket:
    """Open a received package (ZIP or bare XML) and parse its message; no schema check yet."""
    with pfad.open("rb") as f:
        anfang = f.read(5)
    if anfang.startswith(b"PK"):
        return _zip_lesen(pfad)
    if anfang.lstrip().startswith(b"<") or anfang.startswith(b"\xef\xbb\xbf"):
        if pfad.stat().st_size > max_paket_bytes():
            raise _fehler("Die Nachricht ist zu groß.")
        return Paket(pfad.name, parsen(pfad.read_bytes()), None)
    raise _fehler("Die Datei ist weder ein ZIP-Paket noch eine XML-Nachricht.")


def _zip_lesen(pfad: Path) -> Paket:
    try:
        zf = zipfile.ZipFile(pfad)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fehler("Das ZIP-Paket ist beschädigt.") from None
    if len(infos) > MAX_MITGLIEDER:
        raise _fehler(f"Das Paket enthält mehr als {MAX_MITGLIEDER} Dateien.")
    if sum(i.file_size for i in infos) > max_paket_bytes():
        raise _fehler(f"Das Paket ist entpackt größer als {max_paket_bytes() // (1024 * 1024)} MB.")
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or "\\" in name or ".." in Path(name).parts or ":" in name:
            raise _fehler("Das Paket enthält einen unzulässigen Dateipfad.", name[:200])
    kandidaten = [i for i in infos if "/" not in i.filename and _NACHRICHTENDATEI.match(i.filename)]
    kandidaten = [i for i in kandidaten if _NACHRICHTENDATEI.match(i.filename)["typ"] in NACHRICHTEN]
    if len(kandidaten) != 1:
        raise _fehler(
            "Im Paket muss genau eine XDOMEA-Nachricht liegen (Dateiname „{ProzessID}_{Nachricht}.xml“, "
            f"gefunden: {len(kandidaten)})."
        )
    info = kandidaten[0]
    with zf.open(info) as f:
        daten = f.read(max_paket_bytes() + 1)
    if len(daten) > max_paket_bytes():
        raise _fehler("Die Nachricht ist zu groß.", info.filename)
    return Paket(info.filename, parsen(daten), zf)
