"""The query language a clerk types, parsed into an ``Anfrage``.

Words (all must occur), ``"exakte Phrase"``, ``-ausschluss``, ``a oder b``, ``stand*`` (prefix),
and field filters ``aktenzeichen:022.31``, ``absender:Landratsamt``, ``typ:Bescheid``,
``datum:2024``, ``datum:2024-01..2024-06``, ``art:akte``. Nothing here raises: what cannot be
understood is searched as plain words and explained in ``hinweise``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from rathausnetz.suche.normaliser import MIN_PRAEFIXLAENGE, fold, suchformen

MAX_BEGRIFFE = 12
FELDER = ("aktenzeichen", "absender", "typ", "datum", "art")
_FELD_ALIASE = {
    "az": "aktenzeichen",
    "von": "absender",
    "an": "absender",
    "empfaenger": "absender",
    "empfänger": "absender",
    "dokumenttyp": "typ",
    "jahr": "datum",
}
_ARTEN = {
    "akte": "akte",
    "akten": "akte",
    "vorgang": "vorgang",
    "vorgänge": "vorgang",
    "vorgaenge": "vorgang",
    "dokument": "dokument",
    "dokumente": "dokument",
}
_TEIL = re.compile(r'(-?)(?:(\w+):)?("([^"]*)"|\S+)')
_ODER = {"oder", "or", "|"}


@dataclass(frozen=True)
class Begriff:
    """One positive or negative unit: a term, or a phrase of terms (stems)."""

    terme: tuple[str, ...]
    praefix: bool = False  # the last term also matches as prefix
    feld: str = ""  # "" = everywhere, "absender" = sender/recipient only

    @property
    def phrase(self) -> bool:
        return len(self.terme) > 1


@dataclass
class Anfrage:
    text: str = ""
    #: all groups must match; within a group one Begriff suffices ("oder")
    gruppen: list[list[Begriff]] = field(default_factory=list)
    ausschluesse: list[Begriff] = field(default_factory=list)
    aktenzeichen: list[str] = field(default_factory=list)
    typen: list[str] = field(default_factory=list)
    datum_von: dt.date | None = None
    datum_bis: dt.date | None = None
    arten: set[str] = field(default_factory=set)
    hinweise: list[str] = field(default_factory=list)

    @property
    def hat_filter(self) -> bool:
        return bool(self.aktenzeichen or self.typen or self.datum_von or self.datum_bis or self.arten)

    @property
    def leer(self) -> bool:
        return not self.gruppen and not self.hat_filter

    def terme(self) -> set[str]:
        """Positive terms (for snippets)."""
        return {t for gruppe in self.gruppen for b in gruppe for t in b.terme}

    def praefixe(self) -> set[str]:
        return {b.terme[-1] for gruppe in self.gruppen for b in gruppe if b.praefix}


def _begriff(wort: str, *, feld: str = "", phrase: bool = False) -> Begriff | None:
    explizit = wort.endswith("*") and not phrase
    wort = wort.rstrip("*") if explizit else wort
    if explizit:
        # A prefix is folded, not stemmed: stemming a word fragment would cut it somewhere else.
        terme = tuple(t for t in re.split(r"\W+", fold(wort).replace("rn", "m")) if t)
    else:
        terme = tuple(suchformen(wort))
    if not terme:
        return None
    praefix = explizit or (not phrase and len(terme) == 1 and len(terme[0]) >= MIN_PRAEFIXLAENGE)
    return Begriff(terme=terme, praefix=praefix, feld=feld)


def _monat(text: str, ende: bool) -> dt.date:
    """``2024`` / ``2024-03`` / ``2024-03-15`` (also ``15.03.2024``) as first or last day."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    if m := re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text):
        jahr = int(m[1])
        if m[3]:
            return dt.date(jahr, int(m[2]), int(m[3]))
        if m[2]:
            monat = int(m[2])
            return dt.date(jahr, monat, calendar.monthrange(jahr, monat)[1] if ende else 1)
        return dt.date(jahr, 12, 31) if ende else dt.date(jahr, 1, 1)
    raise ValueError(text)


def _datum(anfrage: Anfrage, wert: str) -> bool:
    von, trenner, bis = wert.partition("..")
    try:
        if trenner:
            anfrage.datum_von = _monat(von, False) if von else None
            anfrage.datum_bis = _monat(bis, True) if bis else None
        else:
            anfrage.datum_von, anfrage.datum_bis = _monat(wert, False), _monat(wert, True)
    except (ValueError, OverflowError):
        return False
    if anfrage.datum_von and anfrage.datum_bis and anfrage.datum_von > anfrage.datum_bis:
        anfrage.datum_von, anfrage.datum_bis = anfrage.datum_bis, anfrage.datum_von
    return True


def parsen(text: str) -> Anfrage:
    anfrage = Anfrage(text=text.strip()[:500])
    eingabe = anfrage.text
    if eingabe.count('"') % 2:
        eingabe = eingabe.replace('"', " ")
        anfrage.hinweise.append(
            "Ein Anführungszeichen war nicht geschlossen – die Wörter wurden einzeln gesucht."
        )
    oder_folgt = False
    for treffer in _TEIL.finditer(eingabe):
        minus, feld, roh, phrase = treffer.group(1), treffer.group(2), treffer.group(3), treffer.group(4)
        wert = phrase if phrase is not None else roh
        if feld is None and not minus and phrase is None and roh.casefold() in _ODER:
            oder_folgt = bool(anfrage.gruppen)
            continue
        if feld is not None:
            name = _FELD_ALIASE.get(feld.casefold(), feld.casefold())
            if name == "aktenzeichen" and wert:
                anfrage.aktenzeichen.append(wert)
                continue
            if name == "typ" and wert:
                anfrage.typen.append(wert)
                continue
            if name == "art" and wert.casefold() in _ARTEN:
                anfrage.arten.add(_ARTEN[wert.casefold()])
                continue
            if name == "datum" and wert and _datum(anfrage, wert):
                continue
            if name == "absender" and wert:
                begriff = _begriff(wert, feld="absender", phrase=phrase is not None)
                if begriff:
                    _einfuegen(anfrage, begriff, minus, oder_folgt)
                oder_folgt = False
                continue
            if name in FELDER:
                anfrage.hinweise.append(f"„{feld}:{wert}“ war nicht zu verstehen – als Wörter gesucht.")
            elif feld.isalpha() and len(feld) > 1:
                anfrage.hinweise.append(
                    f"Das Feld „{feld}:“ gibt es nicht – als Wörter gesucht. Felder: {', '.join(FELDER)}."
                )
            wert = f"{feld} {wert}"
        begriff = _begriff(wert, phrase=phrase is not None)
        if begriff is None:
            continue
        _einfuegen(anfrage, begriff, minus, oder_folgt)
        oder_folgt = False
    if sum(map(len, anfrage.gruppen)) > MAX_BEGRIFFE:
        anfrage.gruppen = anfrage.gruppen[:MAX_BEGRIFFE]
        anfrage.hinweise.append(f"Nur die ersten {MAX_BEGRIFFE} Suchbegriffe wurden berücksichtigt.")
    if anfrage.ausschluesse and not anfrage.gruppen and not anfrage.hat_filter:
        anfrage.hinweise.append("Nur Ausschlüsse angegeben – bitte auch ein Wort nennen, das vorkommen soll.")
    return anfrage


def _einfuegen(anfrage: Anfrage, begriff: Begriff, minus: str, oder: bool) -> None:
    if minus:
        anfrage.ausschluesse.append(begriff)
    elif oder and anfrage.gruppen:
        anfrage.gruppen[-1].append(begriff)
    else:
        anfrage.gruppen.append([begriff])
