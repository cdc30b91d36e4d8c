"""Post-correction of German Tesseract output: line-end hyphens, lost umlauts and ß, glyph confusions.

Scans of faint print and faxes lose the dots of ä/ö/ü, read ß as „3“/„B“/„f3“ and g as „a“, and the
full-text search then misses „Bürgermeister“ because the page says „Burgermeister“. Tesseract has no
language model strong enough to stop that, so this step repairs single words afterwards, cheaply and
conservatively: a word is only replaced when it is unknown (or a known ASCII spelling of a far more
frequent umlaut word) and a candidate built from typical OCR confusions is a frequent German word.

Decisions, and why:

* **Lexicon.** German word frequencies from wordfreq's large list, loaded once per process (≈ 1 s,
  ≈ 70 MB) into a dict of Zipf values; words below ``GUELTIG_AB`` are dropped, because the long tail
  of web text contains the very OCR errors we repair („stadte“, „burgermeister“). wordfreq stores
  German case-folded, so „Maße“ and „Masse“ share the key „masse“: ß can never be *chosen* by
  frequency, only kept where the page shows a ß-like glyph (ß, „3“, „f3“, mid-word „B“) or taken from
  the organisation's own words.
* **Organisation's words** (``eigene_woerter``: place names, file-plan titles, correspondents) count as
  valid and win over general words; they are the only source for names such as „Lößnitz“.
* **Never touched:** words that are valid (Zipf ≥ ``GUELTIG_AB`` or own words), numbers, dates,
  e-mail addresses, URLs, Aktenzeichen and anything else with digits and dots or slashes, words in
  capitals (abbreviations), mixed-case words, words starting with a digit. Proper names that no list
  knows stay as they are unless a cheap confusion makes them a frequent word.
* **Known but suspicious:** a valid word is replaced only by its own umlaut spelling, and only when
  that is at least ``UMLAUT_ABSTAND`` Zipf (100 times) more frequent: „uber“ → „über“, „Stadte“ →
  „Städte“, but „schon“ stays (more frequent than „schön“) and „Masse“ stays (same key as „Maße“).
* **Unknown words:** candidates come from a best-first search over OCR confusion rules with a cost
  each (cheap: lost diacritics, „ı“, „é“, ß glyphs; dearer: rn/m, li/h, cl/d, a/g, e/c, l/t …), capped
  at ``MAX_KOSTEN`` and ``MAX_KNOTEN`` strings, then one free edit (insert, delete, replace, swap) on
  the cheapest forms if nothing was found. Each candidate is scored Zipf − ``KOSTEN_GEWICHT`` × cost;
  the best is taken only if its Zipf is at least ``KANDIDAT_AB`` (``KANDIDAT_AB_FREI`` after a free
  edit) and no other word scores within ``EINDEUTIG`` of it: „clearly better“ means frequent *and*
  unambiguous. Capitalisation of the first letter follows the page.
* **Line-end hyphens.** „Kooperationsmög-⏎lichkeiten“ becomes „Kooperationsmöglichkeiten“ when the
  second part starts in lower case (German typesetting), unless the two parts are words on their own
  and the joined form is not („Vorgangs-⏎und“ stays as it is, „Digital-⏎Lotsen“ → „Digital-Lotsen“).
  Layout: the completed word (with any punctuation glued to it) moves up to the end of the first line
  and the second line keeps the rest; a second line that becomes empty disappears. Only the break
  changes, no other line is reflowed.

Performance: ≈ 5–15 ms for a page of 300 words after the lexicon is loaded; results per word are
memoised per call, prepared own-word sets are cached when passed as a frozenset.

wordfreq (https://github.com/rspeer/wordfreq) by Robyn Speer: code under the Apache License 2.0, word
frequency data under Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0), built from Wikipedia,
OpenSubtitles, news, books (Google Books Ngrams), web text and other sources listed in its README. We
only read the frequencies at run time and ship none of the data.
"""

from __future__ import annotations

import heapq
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Korrektur", "korrigieren", "woerter"]

GUELTIG_AB = 1.5  # Zipf from which a word counts as correct German (kept, never changed)
UMLAUT_ABSTAND = 2.0  # a valid ASCII spelling gives way to its umlaut form only if 100x rarer
UMLAUT_PRUEFEN_BIS = 4.6  # valid words more frequent than this are never suspected („für“ 6.9)
KANDIDAT_AB = GUELTIG_AB  # minimum Zipf of a replacement found by confusion rules
WERTUNG_AB = 1.5  # minimum score (Zipf − weighted cost) of a replacement
KANDIDAT_AB_FREI = 3.0  # … and after a free edit, which finds a neighbour for almost anything
KOSTEN_GEWICHT = 1.5  # Zipf points one unit of confusion cost is worth
EINDEUTIG = 0.5  # score lead over the runner-up that a replacement needs
MAX_KOSTEN = 1.6
MAX_KNOTEN = 200
KOSTEN_FREI = 1.0  # cost of one free edit
EIGENE_ZIPF = 5.0  # own words rank like very frequent words


def _falten(wort: str) -> str:
    """Umlauts to their base vowels; three replaces beat str.translate by a factor of four here."""
    return wort.replace("ä", "a").replace("ö", "o").replace("ü", "u")


# OCR confusions (page → truth) with their cost. Targets are in key space: ß is written „ß“ here and
# looked up as „ss“; umlauts come back through the umlaut index, so „i“ → „u“ also finds „ü“.
_REGELN: tuple[tuple[str, str, float], ...] = (
    ("ı", "i", 0.1),
    # an accent is what is left when the two dots of ä/ö merge; a real é in German text is rare
    ("é", "ä", 0.1),
    ("é", "ö", 0.1),
    ("é", "e", 0.3),
    ("é", "a", 0.5),
    ("é", "o", 0.5),
    ("è", "ä", 0.2),
    ("è", "e", 0.3),
    ("ê", "e", 0.3),
    ("á", "ä", 0.2),
    ("à", "ä", 0.2),
    ("ó", "ö", 0.2),
    ("ò", "ö", 0.2),
    ("ô", "ö", 0.2),
    ("ú", "ü", 0.2),
    ("ù", "ü", 0.2),
    ("û", "ü", 0.2),
    ("í", "i", 0.2),
    ("f3", "ß", 0.1),
    ("i3", "üß", 0.3),
    ("3", "ß", 0.2),
    ("13", "ß", 0.3),
    ("8", "ß", 0.5),
    ("fs", "ß", 0.6),
    ("6", "ö", 0.4),
    ("ii", "u", 0.3),
    ("i", "u", 0.6),
    ("1", "l", 0.3),
    ("1", "i", 0.3),
    ("0", "o", 0.3),
    ("5", "s", 0.5),
    ("rn", "m", 0.4),
    ("m", "rn", 0.5),
    ("in", "m", 0.6),
    ("ni", "m", 0.6),
    ("li", "h", 0.4),
    ("h", "li", 0.4),
    ("cl", "d", 0.4),
    ("d", "cl", 0.6),
    ("a", "g", 0.5),
    ("g", "a", 0.7),
    ("l", "i", 0.5),
    ("i", "l", 0.5),
    ("l", "t", 0.6),
    ("t", "l", 0.5),
    ("t", "f", 0.6),
    ("f", "t", 0.5),
    ("l", "f", 0.5),
    ("j", "i", 0.5),
    ("y", "g", 0.5),
    ("c", "e", 0.4),
    ("e", "c", 0.6),
    ("e", "o", 0.7),
    ("o", "e", 0.7),
    ("n", "u", 0.6),
    ("u", "n", 0.6),
    ("vv", "w", 0.4),
    ("h", "b", 0.7),
    ("b", "h", 0.7),
)
_REGELN_NACH_ZEICHEN: dict[str, tuple[tuple[str, str, float], ...]] = {
    z: tuple(r for r in _REGELN if r[0][0] == z) for z in {r[0][0] for r in _REGELN}
}
_DIAKRITIK_KOSTEN = 0.3  # per ä/ö/ü added or removed relative to the page
_ALPHABET = "abcdefghijklmnopqrstuvwxyz"

_WORT = re.compile(r"[^\W_]+")
_BUCHSTABEN = re.compile(r"[^\W\d_]+")
_SCHUTZ = re.compile(
    r"@|://|^www\.|[^\W_][./:][^\W_].*\d|\d.*[^\W_][./:][^\W_]|[^\W\d_]\.[^\W\d_]", re.IGNORECASE
)
_TRENNUNG_ENDE = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-[ \t]*$")
_TRENNUNG_ANFANG = re.compile(r"[ \t]*([^\W\d_]+)(\S*)[ \t]*")
_BINDEWOERTER = frozenset({"und", "oder", "bzw", "sowie", "bis", "als", "wie", "noch", "statt"})


@dataclass(frozen=True)
class Korrektur:
    text: str  # corrected text
    aenderungen: tuple[tuple[str, str], ...]  # (raw word, corrected word) in order of occurrence


def woerter(text: str) -> set[str]:
    """The organisation's vocabulary is built from names and titles; hyphenated names count whole and
    by their parts, so „Grünhain-Beierfeld“ also vouches for a lone „Grünhain“."""
    ergebnis: set[str] = set()
    for teil in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text):
        if len(teil) >= 2:
            ergebnis.add(teil)
        ergebnis.update(s for s in teil.split("-") if len(s) >= 2)
    return ergebnis


# --- lexicon -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexikon:
    zipf: dict[str, float]  # case-folded word (ß as ss) → Zipf frequency
    umlaute: dict[str, tuple[str, ...]]  # umlaut-folded key → words with umlauts, most frequent first
    haeufig: frozenset[str]  # umlaut-folded keys of words frequent enough for a free edit


_lexikon_sperre = threading.Lock()
_lexikon_cache: _Lexikon | None = None


def _lexikon() -> _Lexikon:
    """Loaded on first use, not at import: the web process imports this module but never corrects."""
    global _lexikon_cache
    if _lexikon_cache is None:
        with _lexikon_sperre:
            if _lexikon_cache is None:
                _lexikon_cache = _lexikon_laden()
    return _lexikon_cache


def _lexikon_laden() -> _Lexikon:
    # wordfreq packs words into bins of one centibel: bin i holds Zipf 9 − i/100, most frequent first,
    # so the floor is a slice and no logarithm is needed. read_cBpack instead of get_frequency_list:
    # the latter keeps all 630,000 words in an lru_cache for the life of the process.
    from wordfreq import available_languages, read_cBpack

    zipf: dict[str, float] = {}
    umlaute: dict[str, list[str]] = {}
    for nr, fach in enumerate(
        read_cBpack(available_languages("large")["de"])[: int((9 - GUELTIG_AB) * 100) + 1]
    ):
        z = round(9 - nr / 100, 2)
        for wort in fach:
            if not wort.isalpha():
                continue
            zipf[wort] = z
            gefaltet = _falten(wort)
            if gefaltet != wort:
                umlaute.setdefault(gefaltet, []).append(wort)
    return _Lexikon(
        zipf=zipf,
        umlaute={k: tuple(sorted(v, key=lambda w: -zipf[w])) for k, v in umlaute.items()},
        haeufig=frozenset(_falten(w) for w, z in zipf.items() if z >= KANDIDAT_AB_FREI),
    )


def _schluessel(wort: str) -> str:
    return wort.lower().replace("ß", "ss")


@dataclass(frozen=True)
class _Eigene:
    schluessel: dict[str, str]  # key → spelling
    gefaltet: dict[str, tuple[str, ...]]  # umlaut-folded key → spellings


_LEER = _Eigene({}, {})


def _eigene_vorbereiten(eigene_woerter: Iterable[str]) -> _Eigene:
    schluessel: dict[str, str] = {}
    gefaltet: dict[str, list[str]] = {}
    for eintrag in eigene_woerter:
        for wort in woerter(eintrag):
            if "-" in wort:
                continue
            k = _schluessel(wort)
            schluessel.setdefault(k, wort)
            gefaltet.setdefault(_falten(k), []).append(wort)
    if not schluessel:
        return _LEER
    return _Eigene(schluessel, {k: tuple(v) for k, v in gefaltet.items()})


@lru_cache(maxsize=16)
def _eigene_zwischengespeichert(eigene_woerter: frozenset[str]) -> _Eigene:
    return _eigene_vorbereiten(eigene_woerter)


# --- one word ----------------------------------------------------------------------------------


class _Korrektor:
    """Corrections for one call: the lexicon, the own words and a memo of words already decided."""

    def __init__(self, eigene: _Eigene) -> None:
        self.lex = _lexikon()
        self.eigene = eigene
        self.memo: dict[str, str | None] = {}

    def gueltig(self, wort: str) -> bool:
        k = _schluessel(wort)
        return k in self.eigene.schluessel or self.lex.zipf.get(k, 0.0) >= GUELTIG_AB

    def korrektur(self, token: str) -> str | None:
        """Replacement for a page token, or None to keep it."""
        if token in self.memo:
            return self.memo[token]
        ergebnis = self._korrektur(token) if _pruefbar(token) else None
        self.memo[token] = ergebnis
        return ergebnis

    def _korrektur(self, token: str) -> str | None:
        k = _schluessel(token)
        if k in self.eigene.schluessel:
            return None
        roh_zipf = self.lex.zipf.get(k, 0.0)
        if roh_zipf >= GUELTIG_AB:
            return self._umlaut_statt_ascii(token, k, roh_zipf)
        bester = self._suchen(token)
        return _schreibung(token, bester) if bester and bester != token else None

    def _umlaut_statt_ascii(self, token: str, k: str, roh_zipf: float) -> str | None:
        if roh_zipf > UMLAUT_PRUEFEN_BIS or any(c in k for c in "äöü"):
            return None
        for wort in self.lex.umlaute.get(k, ()):
            if self.lex.zipf[wort] >= roh_zipf + UMLAUT_ABSTAND:
                return _schreibung(token, _ss_zurueck(token, wort))
            break
        return None

    def _suchen(self, token: str) -> str | None:
        """Best-first over the confusion rules, then one free edit; returns the winning spelling."""
        start = token.lower()
        # A capital B inside a word is how Tesseract reads ß far more often than a real B.
        if len(token) > 2 and "B" in token[1:]:
            start = start[0] + "".join("ß" if c == "B" else c.lower() for c in token[1:])
        kandidaten: dict[str, float] = {}  # spelling → score
        besucht: dict[str, float] = {start: 0.0}
        warteschlange: list[tuple[float, str]] = [(0.0, start)]
        while warteschlange and len(besucht) <= MAX_KNOTEN:
            kosten, form = heapq.heappop(warteschlange)
            if kosten > besucht.get(form, math.inf):
                continue
            self._nachschlagen(form, kosten, KANDIDAT_AB, kandidaten)
            for i, zeichen in enumerate(form):
                for alt, neu, preis in _REGELN_NACH_ZEICHEN.get(zeichen, ()):
                    if len(alt) == 1 or form.startswith(alt, i):
                        neue_kosten = kosten + preis
                        if neue_kosten > MAX_KOSTEN:
                            continue
                        neue_form = form[:i] + neu + form[i + len(alt) :]
                        if neue_kosten < besucht.get(neue_form, math.inf):
                            besucht[neue_form] = neue_kosten
                            heapq.heappush(warteschlange, (neue_kosten, neue_form))
        if not kandidaten and len(start) >= 4:
            # one free edit on the page's own form; the frequent-word set keeps this to ~50 µs
            haeufig = self.lex.haeufig
            for nachbar in _nachbarn(start):
                if nachbar in haeufig:
                    self._nachschlagen(nachbar, KOSTEN_FREI, KANDIDAT_AB_FREI, kandidaten)
        if not kandidaten:
            return None
        rangfolge = sorted(kandidaten.items(), key=lambda e: -e[1])
        if rangfolge[0][1] < WERTUNG_AB:
            return None
        if len(rangfolge) > 1 and rangfolge[0][1] - rangfolge[1][1] < EINDEUTIG:
            return None
        return rangfolge[0][0]

    def _nachschlagen(
        self, form: str, kosten: float, mindestens: float, kandidaten: dict[str, float]
    ) -> None:
        """All words whose key matches the form up to umlauts; ß of the form survives in the spelling."""
        k = form.replace("ß", "ss")
        gefaltet = _falten(k)
        lex = self.lex
        if gefaltet not in lex.zipf and gefaltet not in lex.umlaute and gefaltet not in self.eigene.gefaltet:
            return
        treffer: list[tuple[str, float]] = []
        for wort in self.eigene.gefaltet.get(gefaltet, ()):
            treffer.append((wort, max(EIGENE_ZIPF, self.lex.zipf.get(_schluessel(wort), 0.0))))
        for wort in (gefaltet, *self.lex.umlaute.get(gefaltet, ())):
            z = self.lex.zipf.get(wort)
            if z is not None and z >= mindestens:
                treffer.append((_ss_zurueck(form, wort), z))
        for wort, z in treffer:
            unterschied = sum(a != b for a, b in zip(_schluessel(wort), k, strict=False))
            score = z - KOSTEN_GEWICHT * (kosten + _DIAKRITIK_KOSTEN * unterschied)
            if score > kandidaten.get(wort, -math.inf):
                kandidaten[wort] = score


def _ss_zurueck(form: str, wort: str) -> str:
    """Put back the ß that the page showed: the lexicon only knows „ss“."""
    if "ß" not in form or "ss" not in wort:
        return wort
    ergebnis, i, j = [], 0, 0
    while i < len(form) and j < len(wort):
        if form[i] == "ß" and wort.startswith("ss", j):
            ergebnis.append("ß")
            j += 2
        else:
            ergebnis.append(wort[j])
            j += 1
        i += 1
    return "".join(ergebnis) + wort[j:]


def _nachbarn(form: str) -> Iterable[str]:
    k = form.replace("ß", "ss")
    for i in range(len(k) + 1):
        links, rechts = k[:i], k[i:]
        if rechts:
            yield links + rechts[1:]
            if len(rechts) > 1:
                yield links + rechts[1] + rechts[0] + rechts[2:]
        for c in _ALPHABET:
            yield links + c + rechts
            if rechts and c != rechts[0]:
                yield links + c + rechts[1:]


def _pruefbar(token: str) -> bool:
    """Only words in ordinary spelling are ours; numbers, codes and abbreviations are not."""
    if len(token) < 2 or not token[0].isalpha():
        return False
    # begrif3t: digits only inside letters are glyph confusions, „A4“ or „2024er“ are not
    if any(c.isdigit() for c in token) and not (
        token[-1].isalpha() and all(c.isalpha() or c in "013568" for c in token)
    ):
        return False
    if len(token) < 3 and not any(c in "ıéèê" for c in token):
        return False
    rest = token[1:]
    if any(c.isupper() for c in rest) and not all(c == "B" or c.islower() or c.isdigit() for c in rest):
        return False
    return token[0].isupper() or token[0].islower()


def _schreibung(token: str, wort: str) -> str:
    if wort[:1].isupper():
        return wort
    if token[0].isupper():
        return wort[0].upper() + wort[1:]
    return wort


# --- text --------------------------------------------------------------------------------------


def korrigieren(text: str, eigene_woerter: Iterable[str] = ()) -> Korrektur:
    """Correct a page of raw OCR; see the module docstring for what is changed and what never is."""
    if isinstance(eigene_woerter, frozenset):
        eigene = _eigene_zwischengespeichert(eigene_woerter)
    else:
        eigene = _eigene_vorbereiten(eigene_woerter)
    korrektor = _Korrektor(eigene)
    text, verbunden = _trennungen_aufloesen(text, korrektor)

    teile: list[str] = []
    aenderungen: list[tuple[str, str]] = []
    pos = 0
    for stueck in re.finditer(r"\S+", text):
        if _SCHUTZ.search(stueck.group()):
            continue
        for m in _WORT.finditer(stueck.group()):
            start, ende = stueck.start() + m.start(), stueck.start() + m.end()
            token = m.group()
            neu = korrektor.korrektur(token)
            roh = verbunden.get(start)
            if roh is not None and roh[1] == ende:
                aenderungen.append((roh[0], neu or token))
            elif neu is not None:
                aenderungen.append((token, neu))
            if neu is not None:
                teile.append(text[pos:start])
                teile.append(neu)
                pos = ende
    teile.append(text[pos:])
    return Korrektur("".join(teile), tuple(aenderungen))


def _trennungen_aufloesen(text: str, korrektor: _Korrektor) -> tuple[str, dict[int, tuple[str, int]]]:
    """Join words split at line ends; returns the new text and, per joined word, its start offset →
    (the word as printed, „Kooperationsmög-lichkeiten“, and its end offset)."""
    if "-" not in text:
        return text, {}
    zeilen = text.split("\n")
    ausgabe: list[str] = []
    verbunden: dict[int, tuple[str, int]] = {}
    versatz = 0
    i = 0
    while i < len(zeilen):
        zeile = zeilen[i]
        while i + 1 < len(zeilen):
            ende = _TRENNUNG_ENDE.search(zeile)
            anfang = _TRENNUNG_ANFANG.match(zeilen[i + 1]) if ende else None
            if not ende or not anfang:
                break
            links, rechts = ende.group(1), anfang.group(1)
            bindestrich = _bindestrich_bleibt(links, rechts, korrektor)
            if bindestrich is None:
                break
            wort = f"{links}-{rechts}" if bindestrich else links + rechts
            if not bindestrich:
                verbunden[versatz + ende.start()] = (f"{links}-{rechts}", versatz + ende.start() + len(wort))
            zeile = zeile[: ende.start()] + wort + anfang.group(2)
            rest = zeilen[i + 1][anfang.end() :]
            if rest:
                zeilen[i + 1] = rest
                break
            del zeilen[i + 1]
        ausgabe.append(zeile)
        versatz += len(zeile) + 1
        i += 1
    return "\n".join(ausgabe), verbunden


def _bindestrich_bleibt(links: str, rechts: str, korrektor: _Korrektor) -> bool | None:
    """True: a real hyphen („Digital-Lotsen“); False: a syllable break to join; None: leave the
    line break alone („Vorgangs-⏎und Aktenbearbeitung“)."""
    if rechts.lower() in _BINDEWOERTER:
        return None
    if rechts[0].isupper():
        return True
    verbunden = links + rechts
    if korrektor.gueltig(verbunden) or korrektor.korrektur(verbunden) is not None:
        return False
    teile_gueltig = korrektor.gueltig(links) and korrektor.gueltig(rechts) and len(rechts) > 3
    return teile_gueltig
