"""The two databases' full-text dialects behind one function: ``treffer(queryset, anfrage)``.

SQLite FTS5 with ``bm25`` and PostgreSQL ``tsquery`` with ``ts_rank_cd`` get the same parsed
query; both rank title hits above body hits and lift recent documents a little. Terms are
normalised index terms (``[a-z0-9]+``), so nothing a user types reaches the SQL unquoted.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from rathausnetz.suche.services.anfrage import Anfrage, Begriff

#: alternative terms per term (from the fuzzy stage): ``{"begrusst": ("begrisst",)}``
Ersetzungen = dict[str, tuple[str, ...]]

# Column weights: titel, inhalt, OCR variants, absender. A title hit is worth ten body hits.
_SQLITE_GEWICHTE = "10.0, 1.0, 0.5, 3.0"
_PG_GEWICHTE = "'{0.1, 0.4, 0.6, 1.0}'"  # D (variants), C (inhalt), B (absender), A (titel)


def _boost(alter: str) -> str:
    """Up to +50 % for today's documents, +25 % after a year, fading after that."""
    return f"(1.0 + 0.5 / (1.0 + ({alter}) / 365.0))"


# --- SQLite FTS5 -----------------------------------------------------------------------------


def _fts_term(term: str, praefix: bool) -> str:
    return f'"{term}"' + ("*" if praefix else "")


def _fts_begriff(begriff: Begriff, ersetzungen: Ersetzungen) -> str:
    spalten = "{absender_index}" if begriff.feld else "{titel_index inhalt_index}"
    if begriff.phrase:
        return f'{spalten} : "{" ".join(begriff.terme)}"'
    term = begriff.terme[0]
    varianten = [_fts_term(term, begriff.praefix)] + [_fts_term(t, False) for t in ersetzungen.get(term, ())]
    ausdruck = varianten[0] if len(varianten) == 1 else "(" + " OR ".join(varianten) + ")"
    return f"{{absender_index}} : {ausdruck}" if begriff.feld else ausdruck


def fts5_ausdruck(anfrage: Anfrage, ersetzungen: Ersetzungen | None = None) -> str:
    ersetzungen = ersetzungen or {}
    gruppen = []
    for gruppe in anfrage.gruppen:
        teile = [_fts_begriff(b, ersetzungen) for b in gruppe]
        gruppen.append(teile[0] if len(teile) == 1 else "(" + " OR ".join(teile) + ")")
    ausdruck = " AND ".join(gruppen)
    if anfrage.ausschluesse and ausdruck:
        ausdruck = (
            f"({ausdruck}) NOT (" + " OR ".join(_fts_begriff(b, {}) for b in anfrage.ausschluesse) + ")"
        )
    return ausdruck


# --- PostgreSQL tsquery ----------------------------------------------------------------------


def _ts_term(term: str, praefix: bool, gewichte: str) -> str:
    marke = ("*" if praefix else "") + gewichte
    return f"{term}:{marke}" if marke else term


def _ts_begriff(begriff: Begriff, ersetzungen: Ersetzungen) -> str:
    gewichte = "B" if begriff.feld else ""
    if begriff.phrase:
        return "(" + " <-> ".join(_ts_term(t, False, gewichte or "AC") for t in begriff.terme) + ")"
    term = begriff.terme[0]
    varianten = [_ts_term(term, begriff.praefix, gewichte)] + [
        _ts_term(t, False, gewichte) for t in ersetzungen.get(term, ())
    ]
    return varianten[0] if len(varianten) == 1 else "(" + " | ".join(varianten) + ")"


def tsquery_ausdruck(anfrage: Anfrage, ersetzungen: Ersetzungen | None = None) -> str:
    ersetzungen = ersetzungen or {}
    gruppen = []
    for gruppe in anfrage.gruppen:
        teile = [_ts_begriff(b, ersetzungen) for b in gruppe]
        gruppen.append(teile[0] if len(teile) == 1 else "(" + " | ".join(teile) + ")")
    ausdruck = " & ".join(gruppen)
    if anfrage.ausschluesse and ausdruck:
        ausdruck += " & !(" + " | ".join(_ts_begriff(b, {}) for b in anfrage.ausschluesse) + ")"
    return ausdruck


# --- applying it ---------------------------------------------------------------------------


def _sql(sql: str, params: list[str], feld=None) -> RawSQL:
    """SQL built from constants above; user input only ever travels in ``params``."""
    return RawSQL(sql, params, output_field=feld or FloatField())  # noqa: S611


def treffer(queryset: QuerySet, anfrage: Anfrage, ersetzungen: Ersetzungen | None = None) -> QuerySet:
    """Rows matching the words of ``anfrage``, annotated with ``rang`` (higher is better).

    Without words (filters only) every row matches and ``rang`` orders by recency alone.
    """
    if connection.vendor == "postgresql":
        ausdruck = tsquery_ausdruck(anfrage, ersetzungen)
        boost = _boost("GREATEST(0, CURRENT_DATE - suche_suchtext.datum)")
        if not ausdruck:
            return queryset.annotate(rang=_sql(boost, []))
        abfrage = "to_tsquery('simple', %s)"
        return queryset.filter(
            _sql(f"suche_suchtext.vektor @@ {abfrage}", [ausdruck], BooleanField())
        ).annotate(
            rang=_sql(f"ts_rank_cd({_PG_GEWICHTE}, suche_suchtext.vektor, {abfrage}) * {boost}", [ausdruck])
        )
    ausdruck = fts5_ausdruck(anfrage, ersetzungen)
    boost = _boost("max(0, julianday(date('now')) - julianday(suche_suchtext.datum))")
    if not ausdruck:
        return queryset.annotate(rang=_sql(boost, []))
    return queryset.extra(
        tables=["suche_fts"],
        where=["suche_fts.rowid = suche_suchtext.id", "suche_fts MATCH %s"],
        params=[ausdruck],
    ).annotate(rang=_sql(f"-bm25(suche_fts, {_SQLITE_GEWICHTE}) * {boost}", []))
