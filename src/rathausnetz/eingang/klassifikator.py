"""Filing suggestions for incoming documents, learnt from what the organisation has already filed.

One model per target (Aktenplaneintrag, Akte, Dokumenttyp) on a shared TF-IDF representation:
word uni-/bigrams carry the vocabulary ("Hundesteuer", "Einvernehmen"), character 3–5-grams carry
scans whose words came out damaged ("Grundsteuerbcscheid", "Burgermeisterin"). Before both, the text
is folded (lower case, ä→a, ß→ss, accents off, hyphenated line breaks joined) so that a scan that lost
its umlauts meets the same features as the clean original. A multinomial logistic regression gives
probabilities that are reasonably calibrated for a linear text model without a second calibration
step — such a step would need held-out data per class, which a small town's archive lacks.

Akten are suggested consistently with the entry: an Akte belongs to one Aktenplaneintrag, so
P(Akte) = P(Eintrag of the Akte) × P(Akte | its Eintrag). The first factor comes from the entry model
(fewer, better-trained classes), the second from a small model per entry that only tells that
entry's Akten apart (often by year: "Hundesteuer 2023" / "Hundesteuer 2024"). A clerk thus never sees
"Grundsteuer 2024" suggested under entry 922 Hundesteuer, and training stays fast: one model over
all Akten of an archive (hundreds of classes) would cost a minute, two dozen small ones cost little.
The year of the document's date (read by ``metadaten.extrahieren``) is an explicit one-hot feature
block of the weight of a whole TF-IDF block: as one token among hundreds it would drown, and Akten
are so often kept per year.

Serialisation: ``als_bytes`` pickles the model (zlib-compressed, with a header naming format and
scikit-learn version). **Trust assumption:** unpickling executes code, so ``aus_bytes`` may only be
given bytes that ``als_bytes`` wrote into our own database — never an upload, an API payload or a
file from another installation. A model written by another scikit-learn version is refused
(``ModellVeraltet``); the caller then trains anew, which takes seconds.
"""

from __future__ import annotations

import datetime
import pickle
import re
import unicodedata
import warnings
import zlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import sklearn
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import ThreadpoolController

from rathausnetz.eingang.metadaten import extrahieren

__all__ = ["Ablagemodell", "Beispiel", "ModellVeraltet", "Vorschlag", "normalisieren"]

ZIELE = ("aktenplaneintrag", "akte", "dokumenttyp")
_KENNUNG = b"RNABLAGE"
_FORMAT = 1
#: long documents are cut: the head (letterhead, subject, first paragraphs) decides, the rest costs time
MAX_ZEICHEN = 6000
#: character n-grams only on the head: they serve damaged words, and cost most of the time
MAX_ZEICHEN_NGRAMME = 2500
#: Akten are scored under this many most probable entries
AKTEN_AUS_EINTRAEGEN = 5


_THREADS = ThreadpoolController()  # scanning the loaded BLAS libraries once, not per suggestion


class ModellVeraltet(ValueError):
    """The stored bytes are no model of this format/scikit-learn version: train a new one."""


@dataclass(frozen=True)
class Beispiel:
    """One document already filed by a clerk."""

    text: str
    absender: str
    betreff: str
    aktenplaneintrag_id: int
    akte_id: int
    dokumenttyp_id: int | None


@dataclass(frozen=True)
class Vorschlag:
    ziel: str  # "aktenplaneintrag" | "akte" | "dokumenttyp"
    wert_id: int
    konfidenz: float  # 0..1


_ERSETZUNGEN = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "–": "-", "—": "-"})


def normalisieren(text: str) -> str:
    """Folded text for the features: what a clean letter and its damaged scan have in common."""
    text = re.sub(r"(\w)-\s*\n\s*(?=[a-zäöü])", r"\1", text)  # "Zweck-\nverband" → "Zweckverband"
    text = text.lower().translate(_ERSETZUNGEN)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(z for z in text if not unicodedata.combining(z))
    return re.sub(r"\s+", " ", text).strip()


def _eingabe(text: str, absender: str, betreff: str) -> str:
    # subject and sender are short but telling: repeated, they weigh about as much as a paragraph
    return normalisieren(f"{betreff} {betreff} {absender} {text[:MAX_ZEICHEN]}")


ERSTES_JAHR, LETZTES_JAHR = 1990, 2060


def _jahre(texte: Sequence[str]) -> sparse.csr_matrix:
    """One column per year 1990–2060: the year of the document's date, if one was found."""
    zeilen, spalten = [], []
    for zeile, text in enumerate(texte):
        datum = extrahieren(text[:MAX_ZEICHEN]).datum
        if datum and ERSTES_JAHR <= datum.year <= LETZTES_JAHR:
            zeilen.append(zeile)
            spalten.append(datum.year - ERSTES_JAHR)
    return sparse.csr_matrix(
        (np.ones(len(zeilen), dtype=np.float32), (zeilen, spalten)),
        shape=(len(texte), LETZTES_JAHR - ERSTES_JAHR + 1),
    )


class _Ziel:
    """A classifier for one target, or the constant answer when only one class was ever seen.

    Only the fitted weights are kept, not the estimator: a suggestion is one sparse product and a
    softmax (scikit-learn's input validation would cost more than the arithmetic), and the stored
    model carries no estimator internals.
    """

    def __init__(self, x: sparse.csr_matrix, y: np.ndarray) -> None:
        self.klassen = np.unique(y)
        # Only the columns the training rows use: a model for the dozen letters of one entry would
        # otherwise carry (and L-BFGS would update) weights for the whole vocabulary.
        self.spalten = np.flatnonzero(x.getnnz(axis=0))
        self.gewichte: np.ndarray | None = None
        self.achsenabschnitt: np.ndarray | None = None
        if len(self.klassen) > 1:
            modell = LogisticRegression(C=20.0, max_iter=200, tol=1e-3)
            with warnings.catch_warnings():
                # an entry with three letters in three Akten is normal, not a regression problem;
                # not converging within 200 steps only happens on such tiny, separable sets
                warnings.simplefilter("ignore", UserWarning)
                warnings.simplefilter("ignore", ConvergenceWarning)
                modell.fit(x[:, self.spalten], y)
            self.klassen = modell.classes_
            self.gewichte = modell.coef_.astype(np.float32)
            self.achsenabschnitt = modell.intercept_.astype(np.float32)

    def wahrscheinlichkeiten(self, x: sparse.csr_matrix) -> np.ndarray:
        """Same as ``LogisticRegression.predict_proba`` on the training columns."""
        if self.gewichte is None or self.achsenabschnitt is None:
            return np.ones((x.shape[0], 1))
        x = x.tocsr()
        if len(self.spalten) == 0:
            return np.full((x.shape[0], len(self.klassen)), 1 / len(self.klassen))
        position = np.minimum(np.searchsorted(self.spalten, x.indices), len(self.spalten) - 1)
        bekannt = self.spalten[position] == x.indices
        teil = sparse.csr_matrix(
            (np.where(bekannt, x.data, 0), position, x.indptr), shape=(x.shape[0], len(self.spalten))
        )
        z = np.asarray(teil @ self.gewichte.T, dtype=np.float64) + self.achsenabschnitt
        if z.shape[1] == 1:  # two classes: scikit-learn keeps one weight vector for the second
            p = 1 / (1 + np.exp(-z))
            return np.hstack([1 - p, p])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def verteilung(self, x: sparse.csr_matrix) -> dict[int, float]:
        p = self.wahrscheinlichkeiten(x)[0]
        return {int(k): float(w) for k, w in zip(self.klassen, p, strict=True)}


def _vektorisierer() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    woerter = TfidfVectorizer(
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.9,
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w[\w./-]*\w\b",  # noqa: S106 - a regular expression, not a password
        dtype=np.float32,
    )
    zeichen = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=2,
        sublinear_tf=True,
        max_features=100_000,
        dtype=np.float32,
    )
    return woerter, zeichen


class Ablagemodell:
    """Suggests where an incoming document belongs; see the module docstring for the approach."""

    MINDESTBEISPIELE = 20

    def __init__(
        self,
        vektorisierer: tuple[TfidfVectorizer, TfidfVectorizer],
        eintrag: _Ziel,
        akten_je_eintrag: dict[int, _Ziel],
        dokumenttyp: _Ziel | None,
        anzahl_beispiele: int,
    ) -> None:
        self._vektorisierer = vektorisierer
        self._eintrag = eintrag
        self._akten_je_eintrag = akten_je_eintrag
        self._dokumenttyp = dokumenttyp
        self.anzahl_beispiele = anzahl_beispiele
        self.trainiert_am = datetime.datetime.now(datetime.UTC)

    # --- training ------------------------------------------------------------------------------

    @classmethod
    def trainieren(cls, beispiele: Sequence[Beispiel]) -> Ablagemodell | None:
        """A model, or ``None`` when there is too little to learn from (few documents, one entry).

        BLAS runs single-threaded: the matrices are small, and a multi-threaded BLAS on a shared
        server (web workers, other tasks) spends more time waiting for cores than computing —
        measured 3× slower training on a busy 2-core machine.
        """
        with _THREADS.limit(limits=1):
            return cls._trainieren(beispiele)

    @classmethod
    def _trainieren(cls, beispiele: Sequence[Beispiel]) -> Ablagemodell | None:
        if len(beispiele) < cls.MINDESTBEISPIELE:
            return None
        if len({b.aktenplaneintrag_id for b in beispiele}) < 2:
            return None
        texte = [_eingabe(b.text, b.absender, b.betreff) for b in beispiele]
        woerter, zeichen = _vektorisierer()
        x = sparse.hstack(
            [
                woerter.fit_transform(texte),
                zeichen.fit_transform([t[:MAX_ZEICHEN_NGRAMME] for t in texte]),
                _jahre([b.text for b in beispiele]),
            ]
        ).tocsr()
        eintraege = np.array([b.aktenplaneintrag_id for b in beispiele])
        eintrag = _Ziel(x, eintraege)

        # an Akte belongs to the entry it was filed under most often (one, if the data are clean)
        zaehler: dict[int, Counter[int]] = defaultdict(Counter)
        for b in beispiele:
            zaehler[b.akte_id][b.aktenplaneintrag_id] += 1
        akte_zu_eintrag = {akte: eintraege_.most_common(1)[0][0] for akte, eintraege_ in zaehler.items()}
        zeilen_je_eintrag: dict[int, list[int]] = defaultdict(list)
        for i, b in enumerate(beispiele):
            if akte_zu_eintrag[b.akte_id] == b.aktenplaneintrag_id:
                zeilen_je_eintrag[b.aktenplaneintrag_id].append(i)
        akten_je_eintrag = {
            e: _Ziel(x[zeilen], np.array([beispiele[i].akte_id for i in zeilen]))
            for e, zeilen in zeilen_je_eintrag.items()
        }

        dokumenttyp = None
        mit_typ = [i for i, b in enumerate(beispiele) if b.dokumenttyp_id is not None]
        if len({beispiele[i].dokumenttyp_id for i in mit_typ}) >= 2:
            dokumenttyp = _Ziel(x[mit_typ], np.array([beispiele[i].dokumenttyp_id for i in mit_typ]))
        return cls((woerter, zeichen), eintrag, akten_je_eintrag, dokumenttyp, len(beispiele))

    # --- suggestions ---------------------------------------------------------------------------

    def _merkmale(self, text: str, absender: str, betreff: str) -> sparse.csr_matrix:
        woerter, zeichen = self._vektorisierer
        eingabe = [_eingabe(text, absender, betreff)]
        return sparse.hstack(
            [
                woerter.transform(eingabe),
                zeichen.transform([eingabe[0][:MAX_ZEICHEN_NGRAMME]]),
                _jahre([text]),
            ]
        ).tocsr()

    def wahrscheinlichkeiten(
        self, text: str, absender: str = "", betreff: str = ""
    ) -> dict[str, dict[int, float]]:
        """All classes with their probability, per target (the Akte already combined with its entry)."""
        with _THREADS.limit(limits=1):
            return self._wahrscheinlichkeiten(text, absender, betreff)

    def _wahrscheinlichkeiten(self, text: str, absender: str, betreff: str) -> dict[str, dict[int, float]]:
        x = self._merkmale(text, absender, betreff)
        eintraege = self._eintrag.verteilung(x)
        akten: dict[int, float] = {}
        # Akten only under the likely entries: the rest could not reach the top anyway, and each
        # entry's model costs a prediction
        wahrscheinlich = sorted(eintraege, key=eintraege.__getitem__, reverse=True)[:AKTEN_AUS_EINTRAEGEN]
        for eintrag in wahrscheinlich:
            p_eintrag = eintraege[eintrag]
            if modell := self._akten_je_eintrag.get(eintrag):
                for akte, p_akte in modell.verteilung(x).items():
                    akten[akte] = p_eintrag * p_akte
        ergebnis = {"aktenplaneintrag": eintraege, "akte": akten}
        if self._dokumenttyp is not None:
            ergebnis["dokumenttyp"] = self._dokumenttyp.verteilung(x)
        return ergebnis

    def vorschlagen(
        self, text: str, absender: str = "", betreff: str = "", anzahl: int = 3
    ) -> list[Vorschlag]:
        """The ``anzahl`` most probable values per target, best first, targets in ``ZIELE`` order."""
        vorschlaege = []
        for ziel, werte in self.wahrscheinlichkeiten(text, absender, betreff).items():
            beste = sorted(werte.items(), key=lambda kv: (-kv[1], kv[0]))[:anzahl]
            vorschlaege += [Vorschlag(ziel, wert, min(1.0, max(0.0, p))) for wert, p in beste]
        return sorted(vorschlaege, key=lambda v: ZIELE.index(v.ziel))  # stable: keeps best first

    # --- storage -------------------------------------------------------------------------------

    def als_bytes(self) -> bytes:
        """Bytes for our own database (see the trust assumption in the module docstring)."""
        kopf = f"{_FORMAT}:{sklearn.__version__}".encode().ljust(32)
        return _KENNUNG + kopf + zlib.compress(pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL), 6)

    @classmethod
    def aus_bytes(cls, daten: bytes) -> Ablagemodell:
        """The model stored by ``als_bytes``; ``ModellVeraltet`` for anything else or another version."""
        if not daten.startswith(_KENNUNG) or len(daten) < len(_KENNUNG) + 32:
            raise ModellVeraltet("Keine gespeicherte Ablagemodell-Datei.")
        kopf = daten[len(_KENNUNG) : len(_KENNUNG) + 32].decode(errors="replace").strip()
        if kopf != f"{_FORMAT}:{sklearn.__version__}":
            raise ModellVeraltet(f"Modell aus anderer Version ({kopf}); bitte neu trainieren.")
        # Trusted input only: the bytes were written by als_bytes into our own database.
        modell = pickle.loads(zlib.decompress(daten[len(_KENNUNG) + 32 :]))  # noqa: S301
        if not isinstance(modell, cls):
            raise ModellVeraltet("Gespeicherte Daten sind kein Ablagemodell.")
        return modell
