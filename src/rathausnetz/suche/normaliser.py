"""Text folding shared by indexing and querying.

``fold`` makes spellings of the same German word meet: case, accents, ``ä``/``ae``/``a``,
``ß``/``ss``. ``name_key`` goes further for proper names, where people also double or drop
letters (``Lößnitz``, ``Lössnitz``, ``Loessnitz``, ``Lossnitz``, ``Lösnitz`` all become
``losnitz``). Both run on index and query side alike, so over-folding only costs precision,
never recall.
"""

from __future__ import annotations

import re
import unicodedata

_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DOUBLE = re.compile(r"(.)\1+")


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
