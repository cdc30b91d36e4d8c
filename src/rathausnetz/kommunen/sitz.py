"""Matching the seat named in the Gemeindeverzeichnis to a municipality (pure, no Django).

The GV100AD names the seat of a Gemeindeverband as free text ("Stollberg/Erzgeb.", "Königstein"),
sometimes a municipality outside the union (Eilenburg for Eilenburg-West). Used by the data script
and by the GV100AD import alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def sitzgemeinde_finden(
    sitz: str, pools: Sequence[Iterable[Mapping[str, str]]], name: str = "name", key: str = "ags"
) -> str | None:
    """Key of the only municipality in the first pool that matches ``sitz``; ``None`` if unsure."""
    sitz = sitz.strip()
    if not sitz:
        return None
    for pool in pools:
        rows = list(pool)
        exact = [r for r in rows if r[name] == sitz]
        if len(exact) == 1:
            return exact[0][key]
        close = [
            r for r in rows if r[name].startswith(sitz) or sitz.startswith(r[name]) or sitz.endswith(r[name])
        ]
        if len(close) == 1:
            return close[0][key]
    return None
