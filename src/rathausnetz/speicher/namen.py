"""Safe file names for storage metadata and downloads."""

from __future__ import annotations

import re
import unicodedata

_VERBOTEN = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
MAX_LAENGE = 150


def sicherer_dateiname(name: str, ersatz: str = "dokument") -> str:
    """The last path component, without control or reserved characters, at most 150 characters.

    ``../../etc/passwd`` becomes ``passwd``; a name of 300 characters keeps its extension.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]
    name = _VERBOTEN.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    if not name or set(name) <= {"_"}:
        return ersatz
    if len(name) > MAX_LAENGE:
        stamm, punkt, endung = name.rpartition(".")
        if punkt and 0 < len(endung) <= 10:
            name = stamm[: MAX_LAENGE - len(endung) - 1].rstrip(" .") + "." + endung
        else:
            name = name[:MAX_LAENGE].rstrip(" .")
    return name
