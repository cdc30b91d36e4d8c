"""``suchen``: the one entry point that web, API and CLI call.

Order of work: parse → visible rows (the manager applies the rule book) → filters → full-text
match → the newest ``MAX_ANZAHL`` matches give count and facets (a broader query is ranked within
them) → if that finds little, the fuzzy stage → one page by keyset → snippets for that page only.
Everything counted or shown comes from the same permitted queryset, so facet counts can never
reveal what a user may not open.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.urls import reverse
from django.utils.safestring import SafeString

from rathausnetz.akten.models import Akte, Aktenplaneintrag, Dokument, Dokumenttyp, Dokumentversion
from rathausnetz.kommunen.models import Organisation
from rathausnetz.pagination import after, decode_cursor, encode_cursor
from rathausnetz.suche.models import Suchtext
from rathausnetz.suche.services import backend
from rathausnetz.suche.services.aehnlich import nahe_terme
from rathausnetz.suche.services.anfrage import Anfrage, parsen
from rathausnetz.suche.services.ausschnitt import Markierer, ausschnitt, markieren
from rathausnetz.suche.services.backend import Ersetzungen
from rathausnetz.suche.services.kommunen import Kommunentreffer, kommunen_treffer

#: a broad query is ranked, counted and faceted within its newest matches (``backend.fenster``);
#: beyond this a clerk narrows the search rather than reading on
MAX_ANZAHL = 1_000
#: fewer exact hits than this start the fuzzy stage (about one screen of results)
AEHNLICH_SCHWELLE = 10
SORTIERUNGEN = {"relevanz": ("-exakt", "-nah", "-rang", "id"), "datum": ("-exakt", "-datum", "-id")}
FACETTEN = ("aktenplan", "typ", "jahr", "richtung", "organisation")
RICHTUNGEN = dict(Dokument.Richtung.choices)


@dataclass(frozen=True)
class Auswahl:
    """Facet values a user clicked (URL parameters), on top of the query text."""

    aktenplan: int | None = None
    typ: int | None = None
    jahr: int | None = None
    richtung: str = ""
    organisation: int | None = None


@dataclass
class Treffer:
    art: str
    id: int
    titel: str
    titel_html: SafeString
    aktenzeichen: str
    datum: dt.date
    url: str
    score: float
    aehnlich: bool
    snippet: SafeString | str = ""
    seite: int | None = None
    richtung: str = ""
    dokumenttyp: str = ""


@dataclass
class Facettenwert:
    wert: str
    name: str
    anzahl: int


@dataclass
class Ergebnis:
    anfrage: Anfrage
    treffer: list[Treffer] = field(default_factory=list)
    anzahl: int = 0
    #: the count stopped at ``MAX_ANZAHL``; there are more
    mehr_als: bool = False
    facetten: dict[str, list[Facettenwert]] = field(default_factory=dict)
    weiter: str | None = None
    aehnliche: bool = False
    #: municipalities by name: only on the first page of a search without Akte or facet choice
    kommunen: list[Kommunentreffer] = field(default_factory=list)

    @property
    def hinweise(self) -> list[str]:
        return self.anfrage.hinweise


def _gefiltert(anfrage: Anfrage, akte_id: int | None, auswahl: Auswahl) -> QuerySet[Suchtext]:
    qs = Suchtext.objects.all()
    if akte_id is not None:
        qs = qs.filter(akte_id=akte_id)
    for teil in anfrage.aktenzeichen:
        qs = qs.filter(aktenzeichen__icontains=teil)
    for typ in anfrage.typen:
        qs = qs.filter(dokumenttyp__name__icontains=typ)
    if anfrage.datum_von:
        qs = qs.filter(datum__gte=anfrage.datum_von)
    if anfrage.datum_bis:
        qs = qs.filter(datum__lte=anfrage.datum_bis)
    if anfrage.arten:
        qs = qs.filter(art__in=anfrage.arten)
    if auswahl.aktenplan:
        qs = qs.filter(aktenplaneintrag_id=auswahl.aktenplan)
    if auswahl.typ:
        qs = qs.filter(dokumenttyp_id=auswahl.typ)
    if auswahl.jahr:
        qs = qs.filter(datum__gte=dt.date(auswahl.jahr, 1, 1), datum__lte=dt.date(auswahl.jahr, 12, 31))
    if auswahl.richtung:
        qs = qs.filter(richtung=auswahl.richtung)
    if auswahl.organisation:
        qs = qs.filter(organisation_id=auswahl.organisation)
    return qs


def _auswerten(
    basis: QuerySet, anfrage: Anfrage, ersetzungen: Ersetzungen, facetten: bool, *, wenige: bool = False
) -> tuple[QuerySet, int, bool, list[tuple]]:
    """Matches, their number, whether there are more than ``MAX_ANZAHL``, and the window rows:
    id, the facet columns (if ``facetten``), and where the database ranks them in the same pass
    (``backend.rang_im_fenster``) rank and date.

    One query reads the newest ``MAX_ANZAHL + 1`` matches in the order the database walks its
    index anyway; count and facets are tallied from those rows. A broad query is then ranked
    within that window (``backend.fenster``), so a word found in half the archive costs no more
    than one found in a thousand documents.
    """
    passend = backend.treffer(basis, anfrage, ersetzungen)
    neueste = passend.order_by(backend.neueste_zuerst(anfrage, ersetzungen, wenige=wenige))
    spalten = ["id"]
    if facetten:
        neueste = neueste.annotate(jahr_=backend.jahr())
        spalten += [*_FACETTENSPALTEN, "jahr_"]
    if backend.rang_im_fenster():
        spalten += ["rang", "datum"]
    zeilen = list(neueste.values_list(*spalten, named=True)[: MAX_ANZAHL + 1])
    mehr = len(zeilen) > MAX_ANZAHL
    if mehr:
        zeilen = zeilen[:MAX_ANZAHL]
        passend = backend.fenster(basis, passend, anfrage, ersetzungen, [zeile.id for zeile in zeilen])
    return passend, len(zeilen), mehr, zeilen


_FACETTENSPALTEN = ("aktenplaneintrag_id", "dokumenttyp_id", "richtung", "organisation_id")


def _erste_seite(zeilen: list[tuple], ordnung: tuple[str, ...], anzahl: int) -> list[int]:
    """The ids of the first ``anzahl`` window rows in ``ordnung``, from the ranks the window query
    computed: the page query then ranks these instead of the whole window again (12 → 2 ms for a
    frequent word in a million documents on PostgreSQL). Every row of a full window is an exact
    match (the fuzzy stage runs only when there are few), and PostgreSQL has no ``nah``."""
    fest = {"exakt": 1, "nah": 0}
    zeilen = list(zeilen)
    for name in reversed(ordnung):  # stable sorts, last key first
        feld = name.removeprefix("-")
        if feld not in fest:
            zeilen.sort(key=lambda zeile, f=feld: getattr(zeile, f), reverse=name.startswith("-"))
    return [zeile.id for zeile in zeilen[:anzahl]]


def _facetten(zeilen: list[tuple]) -> dict[str, list[Facettenwert]]:
    aktenplan, typ, richtung, organisation, jahr = (
        Counter(getattr(zeile, spalte) for zeile in zeilen) for spalte in (*_FACETTENSPALTEN, "jahr_")
    )

    def haeufigste(zaehler: Counter, grenze: int = 12) -> list[tuple]:
        werte = [(wert, n) for wert, n in zaehler.items() if wert not in (None, "")]
        return sorted(werte, key=lambda paar: (-paar[1], str(paar[0])))[:grenze]

    ergebnis: dict[str, list[Facettenwert]] = {}
    plan = haeufigste(aktenplan)
    namen = {
        e.pk: f"{e.kennzeichen} {e.titel}"
        for e in Aktenplaneintrag._base_manager.filter(pk__in=[p for p, _ in plan]).order_by()
    }
    ergebnis["aktenplan"] = [Facettenwert(str(p), namen.get(p, "?"), n) for p, n in plan]
    typen = haeufigste(typ)
    typnamen = dict(
        Dokumenttyp._base_manager.filter(pk__in=[t for t, _ in typen]).order_by().values_list("pk", "name")
    )
    ergebnis["typ"] = [Facettenwert(str(t), typnamen.get(t, "?"), n) for t, n in typen]
    jahre = haeufigste(jahr, grenze=30)
    ergebnis["jahr"] = sorted(
        (Facettenwert(str(int(j)), str(int(j)), n) for j, n in jahre), key=lambda f: f.wert, reverse=True
    )
    ergebnis["richtung"] = [Facettenwert(r, str(RICHTUNGEN.get(r, r)), n) for r, n in haeufigste(richtung)]
    orgs = haeufigste(organisation)
    if len(orgs) > 1:
        orgnamen = dict(
            Organisation.objects.filter(pk__in=[o for o, _ in orgs]).order_by().values_list("pk", "name")
        )
        ergebnis["organisation"] = [Facettenwert(str(o), orgnamen.get(o, "?"), n) for o, n in orgs]
    else:
        ergebnis["organisation"] = []
    return ergebnis


def suchen(
    text: str,
    *,
    akte_id: int | None = None,
    auswahl: Auswahl = Auswahl(),
    sortierung: str = "relevanz",
    limit: int = 20,
    cursor: str | None = None,
    facetten: bool = True,
) -> Ergebnis:
    """Search what the current ``Zugriff`` may open. Raises ``CursorError`` for a foreign cursor."""
    anfrage = parsen(text)
    ergebnis = Ergebnis(anfrage=anfrage)
    if anfrage.leer:
        return ergebnis
    if not anfrage.gruppen and anfrage.ausschluesse and not anfrage.hat_filter:
        return ergebnis
    basis = _gefiltert(anfrage, akte_id, auswahl)
    praefixe = backend.praefixe_aufloesen(anfrage)
    passend, anzahl, mehr, gruppen = _auswerten(basis, anfrage, praefixe, facetten)
    exakte_ids: list[int] = []
    markierer = Markierer(anfrage.terme(), anfrage.praefixe())
    if anzahl < AEHNLICH_SCHWELLE and anfrage.gruppen:
        naehe = nahe_terme(anfrage.terme())
        if naehe:
            erweitert, anzahl_neu, mehr_neu, gruppen_neu = _auswerten(
                basis, anfrage, {**praefixe, **naehe}, facetten, wenige=True
            )
            if anzahl_neu > anzahl:
                exakte_ids = list(passend.values_list("id", flat=True)[:AEHNLICH_SCHWELLE])
                passend, anzahl, mehr, gruppen = erweitert, anzahl_neu, mehr_neu, gruppen_neu
                ergebnis.aehnliche = True
                markierer = Markierer(
                    anfrage.terme() | {t for v in naehe.values() for t in v}, anfrage.praefixe()
                )
    ergebnis.anzahl, ergebnis.mehr_als = anzahl, mehr
    if facetten:
        ergebnis.facetten = _facetten(gruppen) if gruppen else {name: [] for name in FACETTEN}
    ordnung = SORTIERUNGEN.get(sortierung, SORTIERUNGEN["relevanz"])
    if mehr and not cursor and not ergebnis.aehnliche and backend.rang_im_fenster():
        ids = _erste_seite(gruppen, ordnung, limit + 1)
        passend = backend.fenster(basis, passend, anfrage, praefixe, ids)
    if ergebnis.aehnliche:
        passend = passend.annotate(
            exakt=Case(When(id__in=exakte_ids, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    else:
        passend = passend.annotate(exakt=Value(1, output_field=IntegerField()))
    seite = passend.order_by(*ordnung)
    if cursor:
        seite = after(seite, ordnung, decode_cursor(cursor, ordnung))
    zeilen = list(seite.select_related("dokumenttyp").defer(*_INDEXSPALTEN)[: limit + 1])
    if len(zeilen) > limit:
        zeilen = zeilen[:limit]
        ergebnis.weiter = encode_cursor(zeilen[-1], ordnung)
    ergebnis.treffer = _treffer(zeilen, markierer, ergebnis.aehnliche)
    if not cursor and akte_id is None and auswahl == Auswahl():
        ergebnis.kommunen = kommunen_treffer(anfrage)
    return ergebnis


#: the normalised index text is large and never shown; a column stored after it
#: (``aktualisiert_am``) would make SQLite read each row's overflow pages
_INDEXSPALTEN = ("titel_index", "inhalt_index", "varianten_index", "absender_index", "aktualisiert_am")


def _texte(zeilen: list[Suchtext]) -> dict[int, str]:
    """Newest version text of the page's documents (two small queries)."""
    neueste: dict[int, tuple[int, int]] = {}
    versionen = Dokumentversion._base_manager.filter(
        dokument_id__in=[z.dokument_id for z in zeilen if z.dokument_id]
    )
    for dokument_id, nummer, pk in versionen.order_by().values_list("dokument_id", "nummer", "pk"):
        if nummer > neueste.get(dokument_id, (0, 0))[0]:
            neueste[dokument_id] = (nummer, pk)
    return dict(
        Dokumentversion._base_manager.filter(pk__in=[pk for _, pk in neueste.values()])
        .order_by()
        .values_list("dokument_id", "text")
    )


def _treffer(zeilen: list[Suchtext], markierer: Markierer, aehnliche: bool) -> list[Treffer]:
    texte = _texte(zeilen)
    beschreibungen = dict(
        Akte._base_manager.filter(pk__in=[z.akte_id for z in zeilen if z.art == "akte"]).values_list(
            "pk", "beschreibung"
        )
    )
    liste = []
    for zeile in zeilen:
        if zeile.art == Suchtext.Art.DOKUMENT:
            url = reverse("akten:dokument", args=[zeile.dokument_id])
            quelle, objekt_id = texte.get(zeile.dokument_id, ""), zeile.dokument_id
        elif zeile.art == Suchtext.Art.VORGANG:
            url = reverse("akten:vorgang", args=[zeile.vorgang_id])
            quelle, objekt_id = "", zeile.vorgang_id
        else:
            url = reverse("akten:akte", args=[zeile.akte_id])
            quelle, objekt_id = beschreibungen.get(zeile.akte_id, ""), zeile.akte_id
        schnitt = ausschnitt(quelle, markierer) if quelle else None
        liste.append(
            Treffer(
                art=zeile.art,
                id=objekt_id,
                titel=zeile.titel,
                titel_html=markieren(zeile.titel, markierer),
                aktenzeichen=zeile.aktenzeichen,
                datum=zeile.datum,
                url=url,
                score=round(float(zeile.rang), 6),
                aehnlich=aehnliche and not zeile.exakt,
                snippet=schnitt.html if schnitt else "",
                seite=schnitt.seite if schnitt else None,
                richtung=zeile.richtung,
                dokumenttyp=zeile.dokumenttyp.name if zeile.dokumenttyp_id else "",
            )
        )
    return liste
