"""Highlighted snippets: where in a document's (corrected) text the query's terms occur.

The text is scanned word by word with the same normaliser the index uses, so a snippet marks
``Geschéftsfuhrer`` for the query ``Geschäftsführer``. PDFs keep page breaks (``\\f``) in their
text; the snippet names the page of its first hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from rathausnetz.suche.normaliser import entrennen, ocr_varianten, suchform, woerter

MAX_GESCANNT = 300_000
LAENGE = 240
_LEERRAUM = re.compile(r"\s+")


@dataclass(frozen=True)
class Ausschnitt:
    html: SafeString
    seite: int | None


class Markierer:
    def __init__(self, terme: set[str], praefixe: set[str]) -> None:
        self.terme = terme
        self.praefixe = tuple(sorted(praefixe))
        #: the verdict per word as written: a page of results repeats most of its words
        self._gesehen: dict[str, bool] = {}

    def passt(self, wort: str) -> bool:
        urteil = self._gesehen.get(wort)
        if urteil is None:
            urteil = self._gesehen[wort] = self._pruefen(wort)
        return urteil

    def _pruefen(self, wort: str) -> bool:
        form = suchform(wort)
        if form and (form in self.terme or (self.praefixe and form.startswith(self.praefixe))):
            return True
        return (
            any(v in self.terme for v in ocr_varianten(wort))
            if not wort.isascii() or not wort.isalpha()
            else False
        )


def markieren(text: str, markierer: Markierer) -> SafeString:
    """The whole (short) text with hits marked, e.g. a title."""
    teile, pos = [], 0
    for wort in woerter(text):
        if markierer.passt(wort.group()):
            teile += [escape(text[pos : wort.start()]), "<mark>", escape(wort.group()), "</mark>"]
            pos = wort.end()
    teile.append(escape(text[pos:]))
    return mark_safe("".join(teile))  # noqa: S308 — every piece of text above is escaped


def ausschnitt(text: str, markierer: Markierer, laenge: int = LAENGE) -> Ausschnitt:
    text = entrennen(text[:MAX_GESCANNT])
    treffer = [w for w in woerter(text) if markierer.passt(w.group())]
    if not treffer:
        anfang = " ".join(text[: laenge + 40].split())
        return Ausschnitt(mark_safe(escape(_kuerzen(anfang, laenge))), None)  # noqa: S308
    # The window that holds the most hits, starting a little before one of them.
    bester, beste_zahl = treffer[0], 0
    for kandidat in treffer[:200]:
        zahl = sum(1 for t in treffer if kandidat.start() <= t.start() < kandidat.start() + laenge)
        if zahl > beste_zahl:
            bester, beste_zahl = kandidat, zahl
    start = max(0, bester.start() - 60)
    if start:
        leer = text.rfind(" ", 0, start + 1)
        start = leer + 1 if leer >= 0 and bester.start() - leer < 90 else start
    ende = min(len(text), start + laenge)
    if ende < len(text):
        leer = text.rfind(" ", start, ende)
        ende = leer if leer > bester.end() else ende
    teile, pos = ["… " if start else ""], start
    for wort in treffer:
        if wort.start() < start or wort.end() > ende:
            continue
        teile += [_ruhig(text[pos : wort.start()]), "<mark>", escape(wort.group()), "</mark>"]
        pos = wort.end()
    teile.append(_ruhig(text[pos:ende]) + (" …" if ende < len(text) else ""))
    seite = text.count("\f", 0, bester.start()) + 1 if "\f" in text else None
    return Ausschnitt(mark_safe("".join(teile)), seite)  # noqa: S308 — pieces are escaped


def _ruhig(text: str) -> str:
    """Escaped, with line and page breaks as single spaces."""
    return escape(_LEERRAUM.sub(" ", text))


def _kuerzen(text: str, laenge: int) -> str:
    if len(text) <= laenge:
        return text
    return text[:laenge].rsplit(" ", 1)[0] + " …"
