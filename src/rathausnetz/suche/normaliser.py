"""One normaliser for German text, used alike when indexing and when querying.

``fold`` makes spellings of the same German word meet: case, accents, ``ä``/``ae``/``a``,
``ß``/``ss``. ``name_key`` goes further for proper names, where people also double or drop
letters (``Lößnitz``, ``Lössnitz``, ``Loessnitz``, ``Lossnitz``, ``Lösnitz`` all become
``losnitz``). Both run on index and query side alike, so over-folding only costs precision,
never recall.

``suchform`` turns one word into the form the full-text index stores: Snowball German stem of
the case-folded word, then folded, so that ``Geschäftsführer``, ``Geschaeftsfuehrer`` and
``Geschaftsfuhrer`` are one term. Stemming runs *before* folding because the Snowball rules count
umlauts as vowels; folding first would stem ``Steuer`` and ``Steuern`` apart.

OCR damage that folding cannot undo in general — ``é`` read for ``ä`` *or* ``ö``, ``3`` or ``B``
read for ``ß`` — is handled by ``ocr_varianten``: the indexer stores the plausible repairs as
extra terms, so a correctly spelled query meets the damaged word without touching clean text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DOUBLE = re.compile(r"(.)\1+")

#: a word split at a line end: ``Kooperations-⏎möglichkeiten``; a capital after the break means a
#: real hyphen (``Sachsen-⏎Anhalt``), which is kept
_TRENNUNG = re.compile(r"(\w)[-\u00ad\u2010\u2011][ \t]*\r?\n[ \t\f]*(?=[a-zäöüß])")
_WORT = re.compile(r"\w+", re.UNICODE)

#: words that carry no meaning for search; dropped on both sides (also inside phrases)
STOPPWOERTER = frozenset(
    """aber alle allem allen aller alles als also am an ans auch auf aus bei beim bin bis bist da
    damit dann das dass dem den denn der des die dies diese diesem diesen dieser dieses doch dort du
    durch ein eine einem einen einer eines er es etwa für fur hat hatte hier ich ihr im in ins ist
    ja kann mit nach nicht noch nur ob oder sich sie sind so um und uns vom von vor war waren was
    weil wenn wer wie wir wird wo zu zum zur über uber""".split()  # noqa: SIM905 — readable as prose
)

#: longest word the index takes; longer "words" are OCR garbage or encoded data
MAX_WORTLAENGE = 60
#: terms with at least this many letters also match as prefix, which finds compounds that start
#: with them (``Zusammenarbeit`` → ``Zusammenarbeitsformate``) without flooding short words
MIN_PRAEFIXLAENGE = 6

_stemmer = Stemmer.Stemmer("german")


def fold(text: str) -> str:
    """Case-fold, turn ``ß`` into ``ss`` and umlauts/accents into their base letter."""
    text = unicodedata.normalize("NFKC", text).casefold()  # casefold: ß → ss
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters that NFKD does not decompose but that appear in Sorbian and Polish names.
    return text.replace("ł", "l").replace("đ", "d").replace("ø", "o")


def name_key(text: str) -> str:
    """Folded, punctuation to single spaces, repeated letters collapsed."""
    text = _NON_WORD.sub(" ", fold(text)).strip()
    return _DOUBLE.sub(r"\1", text)


def entrennen(text: str) -> str:
    """Join words that were hyphenated at a line end; ``\\f`` page breaks stay where they were."""
    return _TRENNUNG.sub(r"\1", unicodedata.normalize("NFKC", text))


def woerter(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` with their positions (for snippets)."""
    return _WORT.finditer(text)


@lru_cache(maxsize=500_000)
def suchform(wort: str) -> str:
    """Index term of one word, or ``""`` for stop words and junk."""
    wort = unicodedata.normalize("NFKC", wort).casefold()
    if len(wort) > MAX_WORTLAENGE or wort in STOPPWOERTER or "_" in wort:
        return ""
    # OCR reads "m" as "rn" (Gerneinde); folding both sides costs almost no precision.
    wort = wort.replace("rn", "m")
    if not wort.isdigit():
        wort = _stemmer.stemWord(wort)
    return _NON_WORD.sub("", fold(wort))


_OCR_VOKALE = {
    "é": "äöe",
    "è": "äöe",
    "ê": "äöe",
    "á": "äa",
    "à": "äa",
    "ó": "öo",
    "ò": "öo",
    "í": "üi",
    "ú": "üu",
}
#: ``3``/``B``/``f3`` between small letters, also accented ones OCR made of umlauts (``Parkversté3e``)
_OCR_ESZETT = re.compile(r"(?<=[a-zäöüéèêáàóòíú])(?:3|B|f3)(?=[a-zäöüéèêáàóòíú])")


@lru_cache(maxsize=100_000)
def ocr_varianten(wort: str) -> tuple[str, ...]:
    """Index terms of plausible repairs of an OCR-damaged word (none for a clean word).

    ``Geschéftsfuhrer`` → the terms of ``Geschäftsfuhrer``, ``Geschöftsfuhrer``, ``Gescheftsfuhrer``;
    ``gro3e``/``groBe`` → the term of ``große``. Only the first accented letter is expanded; OCR
    rarely damages one word twice in the same way, and the fuzzy stage catches the rest.
    """
    kandidaten: list[str] = []
    klein = wort[:1] + wort[1:].replace("B", "ß") if _OCR_ESZETT.search(wort) else wort
    repariert = _OCR_ESZETT.sub("ß", klein)
    if repariert != wort:
        kandidaten.append(repariert)
    for index, zeichen in enumerate(repariert):
        ersatz = _OCR_VOKALE.get(zeichen.lower())
        if ersatz:
            kandidaten.extend(repariert[:index] + e + repariert[index + 1 :] for e in ersatz)
            break
    eigene = suchform(wort)
    formen = {suchform(k) for k in kandidaten} - {"", eigene}
    return tuple(sorted(formen))


def suchformen(text: str) -> list[str]:
    """Index terms of a text in order (stop words dropped): what the full-text index stores."""
    formen = []
    for treffer in _WORT.finditer(entrennen(text)):
        form = suchform(treffer.group())
        if form:
            formen.append(form)
    return formen


def varianten(text: str) -> list[str]:
    """OCR repair terms of a text, each once (stored in a column that phrases do not search)."""
    gesehen: dict[str, None] = {}
    for treffer in _WORT.finditer(entrennen(text)):
        wort = treffer.group()
        if wort.isascii() and wort.isalpha() and "B" not in wort[1:]:
            continue  # fast path: nothing to repair
        for form in ocr_varianten(wort):
            gesehen.setdefault(form, None)
    return list(gesehen)
