"""The two databases' full-text dialects behind one function: ``treffer(queryset, anfrage)``.

SQLite FTS5 with ``bm25`` and PostgreSQL ``tsquery`` with ``ts_rank_cd`` get the same parsed
query; both rank title hits above body hits and lift recent documents a little. Terms are
normalised index terms (``[a-z0-9]+``), so nothing a user types reaches the SQL unquoted.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, Expression, FloatField, IntegerField, QuerySet, Value
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import ExtractYear, Substr

from rathausnetz.suche.services.anfrage import Anfrage, Begriff

#: alternative terms per term (from the fuzzy stage): ``{"begrusst": ("begrisst",)}``; under
#: ``"term*"`` the index words a prefix stands for (``praefixe_aufloesen``)
Ersetzungen = dict[str, tuple[str, ...]]

#: a prefix that stands for more index words than this is left to the database's own prefix search
MAX_PRAEFIXWOERTER = 50

# Column weights: titel, inhalt, OCR variants, absender. A title hit is worth ten body hits.
_SQLITE_GEWICHTE = "10.0, 1.0, 0.5, 3.0"
_PG_GEWICHTE = "'{0.1, 0.4, 0.6, 1.0}'"  # D (variants), C (inhalt), B (absender), A (titel)
#: words at most this many index terms apart (stop words do not count) stand "near": one sentence
NAEHE = 10


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
    woerter = ersetzungen.get(term + "*") if begriff.praefix else None
    varianten = [_fts_term(w, False) for w in woerter] if woerter else [_fts_term(term, begriff.praefix)]
    varianten += [_fts_term(t, False) for t in ersetzungen.get(term, ())]
    ausdruck = varianten[0] if len(varianten) == 1 else "(" + " OR ".join(varianten) + ")"
    return f"{{absender_index}} : {ausdruck}" if begriff.feld else ausdruck


def _nur_praefixe(ersetzungen: Ersetzungen) -> Ersetzungen:
    """Excluded words are excluded as typed, not with their near spellings."""
    return {term: woerter for term, woerter in ersetzungen.items() if term.endswith("*")}


def fts5_ausdruck(anfrage: Anfrage, ersetzungen: Ersetzungen | None = None) -> str:
    ersetzungen = ersetzungen or {}
    gruppen = []
    for gruppe in anfrage.gruppen:
        teile = [_fts_begriff(b, ersetzungen) for b in gruppe]
        gruppen.append(teile[0] if len(teile) == 1 else "(" + " OR ".join(teile) + ")")
    ausdruck = " AND ".join(gruppen)
    if anfrage.ausschluesse and ausdruck:
        ausdruck = (
            f"({ausdruck}) NOT ("
            + " OR ".join(_fts_begriff(b, _nur_praefixe(ersetzungen)) for b in anfrage.ausschluesse)
            + ")"
        )
    return ausdruck


def naehe_ausdruck(anfrage: Anfrage) -> str:
    """FTS5 ``NEAR`` over the query's plain words, or ``""`` where nearness means nothing (one
    word, phrases, ``oder`` groups, field words). Exact terms only: a prefix would make FTS5
    gather the postings of every word it starts."""
    if len(anfrage.gruppen) < 2:
        return ""
    phrasen = []
    for gruppe in anfrage.gruppen:
        if len(gruppe) != 1 or gruppe[0].phrase or gruppe[0].feld:
            return ""
        phrasen.append(_fts_term(gruppe[0].terme[0], False))
    return f"{{titel_index inhalt_index}} : NEAR({' '.join(phrasen)}, {NAEHE})"


def praefixe_aufloesen(anfrage: Anfrage) -> Ersetzungen:
    """The index words each prefix term of ``anfrage`` stands for.

    Both databases answer a prefix (FTS5 ``haushalt*``, tsquery ``haushalt:*``) by gathering the
    postings of every word it starts over the whole index before they can look at a single row:
    15 ms for a common word in 100,000 documents on SQLite, 45 ms in a million on PostgreSQL, once
    per query. The same words as an ``OR`` of exact terms, taken from the vocabulary, are read
    lazily and skip to the rows that the other words allow. The vocabulary holds every index word
    (``Suchwort``), so nothing is lost.
    """
    from rathausnetz.suche.models import Suchwort

    ergebnis: Ersetzungen = {}
    for begriff in [b for gruppe in anfrage.gruppen for b in gruppe] + anfrage.ausschluesse:
        if not begriff.praefix or begriff.phrase:
            continue
        term = begriff.terme[0]
        if connection.vendor == "sqlite":  # BINARY collation: a range on the primary key
            woerter = Suchwort.objects.filter(wort__gte=term, wort__lt=term + "\uffff")
        else:  # LIKE 'term%' on the varchar_pattern_ops index, right in any collation
            woerter = Suchwort.objects.filter(wort__startswith=term)
        gefunden = list(woerter.order_by("wort").values_list("wort", flat=True)[: MAX_PRAEFIXWOERTER + 1])
        if len(gefunden) <= MAX_PRAEFIXWOERTER:
            ergebnis[term + "*"] = tuple(gefunden) or (term,)
    return ergebnis


# --- PostgreSQL tsquery ----------------------------------------------------------------------


def _ts_term(term: str, praefix: bool, gewichte: str) -> str:
    marke = ("*" if praefix else "") + gewichte
    return f"{term}:{marke}" if marke else term


def _ts_begriff(begriff: Begriff, ersetzungen: Ersetzungen) -> str:
    gewichte = "B" if begriff.feld else ""
    if begriff.phrase:
        return "(" + " <-> ".join(_ts_term(t, False, gewichte or "AC") for t in begriff.terme) + ")"
    term = begriff.terme[0]
    woerter = ersetzungen.get(term + "*") if begriff.praefix else None
    if woerter:
        varianten = [_ts_term(w, False, gewichte) for w in woerter]
    else:
        varianten = [_ts_term(term, begriff.praefix, gewichte)]
    varianten += [_ts_term(t, False, gewichte) for t in ersetzungen.get(term, ())]
    return varianten[0] if len(varianten) == 1 else "(" + " | ".join(varianten) + ")"


def tsquery_ausdruck(anfrage: Anfrage, ersetzungen: Ersetzungen | None = None) -> str:
    ersetzungen = ersetzungen or {}
    gruppen = []
    for gruppe in anfrage.gruppen:
        teile = [_ts_begriff(b, ersetzungen) for b in gruppe]
        gruppen.append(teile[0] if len(teile) == 1 else "(" + " | ".join(teile) + ")")
    ausdruck = " & ".join(gruppen)
    if anfrage.ausschluesse and ausdruck:
        praefixe = _nur_praefixe(ersetzungen)
        ausdruck += " & !(" + " | ".join(_ts_begriff(b, praefixe) for b in anfrage.ausschluesse) + ")"
    return ausdruck


# --- applying it ---------------------------------------------------------------------------


def _sql(sql: str, params: list[str], feld=None) -> RawSQL:
    """SQL built from constants above; user input only ever travels in ``params``."""
    return RawSQL(sql, params, output_field=feld or FloatField())  # noqa: S611


def treffer(
    queryset: QuerySet, anfrage: Anfrage, ersetzungen: Ersetzungen | None = None, *, gefunden: bool = False
) -> QuerySet:
    """Rows matching the words of ``anfrage``, annotated with ``rang`` (higher is better) and
    ``nah`` (1 where all words stand within one sentence, SQLite; PostgreSQL's cover density
    rank weighs nearness itself).

    Without words (filters only) every row matches and ``rang`` orders by recency alone.
    ``gefunden``: the rows are known matches (PostgreSQL ranks them without testing again).
    """
    if connection.vendor == "postgresql":
        ausdruck = tsquery_ausdruck(anfrage, ersetzungen)
        boost = _boost("GREATEST(0, CURRENT_DATE - suche_suchtext.datum)")
        if not ausdruck:
            return queryset.annotate(rang=_sql(boost, []), nah=_KEIN)
        abfrage = "to_tsquery('simple', %s)"
        if not gefunden:
            passt = _sql(f"suche_suchtext.vektor @@ {abfrage}", [ausdruck], BooleanField())
            queryset = queryset.filter(passt)
        return queryset.annotate(
            rang=_sql(f"ts_rank_cd({_PG_GEWICHTE}, suche_suchtext.vektor, {abfrage}) * {boost}", [ausdruck]),
            nah=_KEIN,
        )
    ausdruck = fts5_ausdruck(anfrage, ersetzungen)
    boost = _boost("max(0, julianday(date('now')) - julianday(suche_suchtext.datum))")
    if not ausdruck:
        return queryset.annotate(rang=_sql(boost, []), nah=_KEIN)
    naehe = naehe_ausdruck(anfrage)
    return queryset.extra(
        tables=["suche_fts"],
        where=["suche_fts.rowid = suche_suchtext.id", "suche_fts MATCH %s"],
        params=[ausdruck],
    ).annotate(
        rang=_sql(f"-bm25(suche_fts, {_SQLITE_GEWICHTE}) * {boost}", []),
        nah=_sql(_NAH_SQL, [naehe], IntegerField()) if naehe else _KEIN,
    )


_KEIN = Value(0, output_field=IntegerField())
_NAH_SQL = "suche_fts.rowid IN (SELECT rowid FROM suche_fts WHERE suche_fts MATCH %s)"


def _zeilen_id(anfrage: Anfrage, ersetzungen: Ersetzungen | None) -> str:
    """The row id column the database walks in order: FTS5's own rowid where it is joined."""
    if connection.vendor == "sqlite" and fts5_ausdruck(anfrage, ersetzungen):
        return "suche_fts.rowid"
    return "suche_suchtext.id"


def neueste_zuerst(anfrage: Anfrage, ersetzungen: Ersetzungen | None, *, wenige: bool = False) -> OrderBy:
    """Newest index rows first, in the order the database can walk without sorting.

    ``wenige``: the caller knows the matches are few (the fuzzy stage runs only after the exact
    words found little). PostgreSQL then must not walk its primary key backwards hoping to meet
    enough matches soon: it guesses an ``OR`` of rare spellings far too common and reads the
    whole table (3.7 s in a million rows). ``id + 0`` is the same order without that index, so
    it takes the matches from the full-text index and sorts those few.
    """
    spalte = _zeilen_id(anfrage, ersetzungen)
    if wenige and connection.vendor == "postgresql":
        spalte += " + 0"
    return OrderBy(RawSQL(spalte, []), descending=True)  # noqa: S611


def rang_im_fenster() -> bool:
    """Whether the window query also ranks its rows, so that the first page can be picked from
    them. PostgreSQL: its window is exactly the newest matches, and the rank costs little where
    the row was just read (3 ms for 1,000). SQLite's window also keeps older near matches."""
    return connection.vendor == "postgresql"


def fenster(
    basis: QuerySet, passend: QuerySet, anfrage: Anfrage, ersetzungen: Ersetzungen | None, ids: list[int]
) -> QuerySet:
    """The matches of a broad query reduced to ``ids``, its newest ones (from ``passend``, the
    matches of ``basis``), ranked as ``treffer`` ranks.

    SQLite: FTS5 seeks to the oldest of them by rowid, and also keeps the older matches whose
    words stand near each other: they are the likeliest to be meant, however old. PostgreSQL:
    the ids themselves, without matching again; testing ``@@`` would unpack every row's vector
    a second time.
    """
    if connection.vendor == "postgresql":
        # one array parameter, not a thousand placeholders for the driver to splice in
        unter_ids = _sql("suche_suchtext.id = ANY(%s)", [ids], BooleanField())
        return treffer(basis.filter(unter_ids), anfrage, ersetzungen, gefunden=True)
    spalte = _zeilen_id(anfrage, ersetzungen)
    bedingung, params = f"{spalte} >= %s", [min(ids)]
    naehe = naehe_ausdruck(anfrage) if spalte == "suche_fts.rowid" else ""
    if naehe:
        bedingung, params = f"({bedingung} OR {_NAH_SQL})", [min(ids), naehe]
    return passend.filter(_sql(bedingung, params, BooleanField()))


def jahr() -> Expression:
    """The year of ``datum``; on SQLite from the ISO text (Django's year extract is a Python
    function called once per row)."""
    if connection.vendor == "sqlite":
        return Substr("datum", 1, 4)
    return ExtractYear("datum")
