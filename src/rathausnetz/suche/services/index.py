"""Keeping ``Suchtext`` rows in step with Akten, Vorgänge and Dokumente.

``werte_*`` compute what a row must hold; ``indexieren`` writes it (skipping no-op writes), and
the database derives its full-text structures from the row inside the same transaction. The
signal handlers in ``suche.signale`` call these on every save, so any code path that saves a model
keeps the index current; ``neuaufbau`` and ``pruefen`` exist for operators.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import OuterRef, Subquery

from rathausnetz.akten.models import Akte, Dokument, Dokumentversion, Vertraulichkeit, Vorgang
from rathausnetz.suche.models import Suchtext, Suchwort
from rathausnetz.suche.normaliser import suchformen, varianten

#: normalised text a row takes per column; beyond it a document is searchable by its beginning.
#: Keeps a PostgreSQL tsvector well below its 1 MB limit and the cost of huge files bounded.
MAX_INDEX_ZEICHEN = 400_000

Werte = dict[str, object]


def _index_text(text: str) -> str:
    formen = " ".join(suchformen(text))
    if len(formen) > MAX_INDEX_ZEICHEN:
        formen = formen[:MAX_INDEX_ZEICHEN].rsplit(" ", 1)[0]
    return formen


def _tag(zeitpunkt: dt.datetime | None) -> dt.date:
    return (zeitpunkt or dt.datetime.now(dt.UTC)).date()


def werte_akte(akte: Akte) -> Werte:
    return {
        "organisation_id": akte.organisation_id,
        "art": Suchtext.Art.AKTE,
        "akte_id": akte.pk,
        "vorgang_id": None,
        "dokument_id": None,
        "titel": akte.titel[:300],
        "aktenzeichen": akte.aktenzeichen,
        "aktenplaneintrag_id": akte.aktenplaneintrag_id,
        "dokumenttyp_id": None,
        "richtung": "",
        "datum": akte.eroeffnet_am,
        "vertraulichkeit": Vertraulichkeit.OFFEN,  # the Akte rule decides
        "titel_index": _index_text(f"{akte.aktenzeichen} {akte.titel}"),
        "inhalt_index": _index_text(akte.beschreibung),
        "varianten_index": "",
        "absender_index": "",
    }


def werte_vorgang(vorgang: Vorgang, akte: Akte) -> Werte:
    return {
        "organisation_id": vorgang.organisation_id,
        "art": Suchtext.Art.VORGANG,
        "akte_id": akte.pk,
        "vorgang_id": vorgang.pk,
        "dokument_id": None,
        "titel": vorgang.betreff[:300],
        "aktenzeichen": akte.aktenzeichen,
        "aktenplaneintrag_id": akte.aktenplaneintrag_id,
        "dokumenttyp_id": None,
        "richtung": "",
        "datum": _tag(vorgang.erstellt_am),
        "vertraulichkeit": Vertraulichkeit.OFFEN,
        "titel_index": _index_text(vorgang.betreff),
        "inhalt_index": "",
        "varianten_index": "",
        "absender_index": "",
    }


def dokumenttext(dokument: Dokument) -> str:
    """Text of the newest version: what search and snippets work on."""
    return (
        Dokumentversion._base_manager.filter(dokument_id=dokument.pk)
        .order_by("-nummer")
        .values_list("text", flat=True)
        .first()
        or ""
    )


def werte_dokument(dokument: Dokument, akte: Akte, text: str | None = None) -> Werte:
    text = dokumenttext(dokument) if text is None else text
    return {
        "organisation_id": dokument.organisation_id,
        "art": Suchtext.Art.DOKUMENT,
        "akte_id": akte.pk,
        "vorgang_id": dokument.vorgang_id,
        "dokument_id": dokument.pk,
        "titel": dokument.betreff[:300],
        "aktenzeichen": akte.aktenzeichen,
        "aktenplaneintrag_id": akte.aktenplaneintrag_id,
        "dokumenttyp_id": dokument.dokumenttyp_id,
        "richtung": dokument.richtung,
        "datum": dokument.dokumentdatum or dokument.eingangsdatum or _tag(dokument.erstellt_am),
        "vertraulichkeit": dokument.vertraulichkeit,
        "titel_index": _index_text(dokument.betreff),
        "inhalt_index": _index_text(text),
        "varianten_index": " ".join(varianten(f"{dokument.betreff}\n{text}"))[:MAX_INDEX_ZEICHEN],
        "absender_index": _index_text(f"{dokument.absender} {dokument.empfaenger}"),
    }


def _schluessel(werte: Werte) -> dict[str, object]:
    art = werte["art"]
    if art == Suchtext.Art.AKTE:
        return {"art": art, "akte_id": werte["akte_id"]}
    if art == Suchtext.Art.VORGANG:
        return {"art": art, "vorgang_id": werte["vorgang_id"]}
    return {"art": art, "dokument_id": werte["dokument_id"]}


def abweichungen(zeile: Suchtext, werte: Werte) -> list[str]:
    """Fields in which a stored row differs from what the data demands."""
    return [name for name, wert in werte.items() if getattr(zeile, name) != wert]


def schreiben(werte: Werte) -> Suchtext:
    zeile = Suchtext._base_manager.filter(**_schluessel(werte)).first()
    if zeile is None:
        zeile = Suchtext._base_manager.create(**werte)
        woerter_merken(werte, {})
        return zeile
    geaendert = abweichungen(zeile, werte)
    if geaendert:
        alt = {spalte: getattr(zeile, spalte) for spalte in _TEXTSPALTEN}
        for name in geaendert:
            setattr(zeile, name, werte[name])
        zeile.save(update_fields=[*geaendert, "aktualisiert_am"])
        woerter_merken(werte, alt)
    return zeile


_TEXTSPALTEN = ("titel_index", "inhalt_index", "varianten_index", "absender_index")


def woerter_merken(werte: Werte, alt: Werte) -> None:
    """Add the row's new terms to the vocabulary (terms it already had are there)."""
    woerter: set[str] = set()
    for spalte in _TEXTSPALTEN:
        if werte[spalte] != alt.get(spalte):
            woerter.update(str(werte[spalte]).split())
            woerter.difference_update(str(alt.get(spalte, "")).split())
    if woerter:
        Suchwort.objects.bulk_create(
            [Suchwort(wort=w) for w in woerter if len(w) <= 60], ignore_conflicts=True, batch_size=500
        )


def akte_indexieren(akte: Akte) -> None:
    with transaction.atomic():
        schreiben(werte_akte(akte))
        # Vorgänge and Dokumente repeat the Akte's Aktenzeichen and Aktenplan entry.
        Suchtext._base_manager.filter(akte_id=akte.pk).exclude(art=Suchtext.Art.AKTE).exclude(
            aktenzeichen=akte.aktenzeichen, aktenplaneintrag_id=akte.aktenplaneintrag_id
        ).update(aktenzeichen=akte.aktenzeichen, aktenplaneintrag_id=akte.aktenplaneintrag_id)


def vorgang_indexieren(vorgang: Vorgang) -> None:
    akte = Akte._base_manager.get(pk=vorgang.akte_id)
    with transaction.atomic():
        schreiben(werte_vorgang(vorgang, akte))
        # A Vorgang moved to another Akte takes its documents along.
        Suchtext._base_manager.filter(vorgang_id=vorgang.pk, art=Suchtext.Art.DOKUMENT).exclude(
            akte_id=akte.pk, aktenzeichen=akte.aktenzeichen, aktenplaneintrag_id=akte.aktenplaneintrag_id
        ).update(
            akte_id=akte.pk, aktenzeichen=akte.aktenzeichen, aktenplaneintrag_id=akte.aktenplaneintrag_id
        )


def dokument_indexieren(dokument: Dokument) -> None:
    akte = Akte._base_manager.get(vorgaenge__pk=dokument.vorgang_id)
    with transaction.atomic():
        schreiben(werte_dokument(dokument, akte))


# --- operators: rebuild and proof ---------------------------------------------------------


def _alle_werte(chunk: int = 500) -> Iterator[Werte]:
    """What the index must hold, computed from the data, in id order per kind."""
    akten: dict[int, Akte] = {}

    def akte_von(akte_id: int) -> Akte:
        if akte_id not in akten:
            if len(akten) > 20_000:
                akten.clear()
            akten[akte_id] = Akte._base_manager.get(pk=akte_id)
        return akten[akte_id]

    for akte in Akte._base_manager.order_by("pk").iterator(chunk_size=chunk):
        akten[akte.pk] = akte
        yield werte_akte(akte)
    for vorgang in Vorgang._base_manager.order_by("pk").iterator(chunk_size=chunk):
        yield werte_vorgang(vorgang, akte_von(vorgang.akte_id))
    vorgang_akte = dict(Vorgang._base_manager.values_list("pk", "akte_id"))
    neueste = Dokumentversion._base_manager.filter(dokument=OuterRef("pk")).order_by("-nummer")
    dokumente = Dokument._base_manager.annotate(_text=Subquery(neueste.values("text")[:1])).order_by("pk")
    for dokument in dokumente.iterator(chunk_size=chunk):
        yield werte_dokument(dokument, akte_von(vorgang_akte[dokument.vorgang_id]), dokument._text or "")


@dataclass
class Pruefbericht:
    geprueft: int = 0
    fehlend: list[str] = field(default_factory=list)
    abweichend: list[str] = field(default_factory=list)
    verwaist: list[int] = field(default_factory=list)
    volltext_fehler: str = ""

    @property
    def in_ordnung(self) -> bool:
        return not (self.fehlend or self.abweichend or self.verwaist or self.volltext_fehler)


def _beschreibung(werte: Werte) -> str:
    art = werte["art"]
    return f"{art} {werte['dokument_id'] or werte['vorgang_id'] or werte['akte_id']}"


def pruefen(fortschritt=None) -> Pruefbericht:
    """Prove that index and data agree: every object has exactly the row it demands, no row is
    left over, and the database's full-text structure matches the rows."""
    bericht = Pruefbericht()
    gesehen: set[int] = set()
    vorhandene = _vorhandene_zeilen()
    stapel: list[Werte] = []

    def stapel_pruefen() -> None:
        ids = [vorhandene.get((w["art"], _objekt_id(w))) for w in stapel]
        zeilen = Suchtext._base_manager.in_bulk([i for i in ids if i])
        for werte, zeilen_id in zip(stapel, ids, strict=True):
            bericht.geprueft += 1
            if zeilen_id is None:
                bericht.fehlend.append(_beschreibung(werte))
                continue
            gesehen.add(zeilen_id)
            felder = abweichungen(zeilen[zeilen_id], werte)
            if felder:
                bericht.abweichend.append(f"{_beschreibung(werte)}: {', '.join(felder)}")
        stapel.clear()
        if fortschritt:
            fortschritt(bericht.geprueft)

    for werte in _alle_werte():
        stapel.append(werte)
        if len(stapel) >= 500:
            stapel_pruefen()
    stapel_pruefen()
    bericht.verwaist = sorted(set(vorhandene.values()) - gesehen)
    bericht.volltext_fehler = _volltext_pruefen()
    return bericht


def _vorhandene_zeilen() -> dict[tuple[str, object], int]:
    """Existing rows by (art, object id) — the key ``_objekt_id`` gives for computed values."""
    return {
        (z.art, _objekt_id(vars(z))): z.pk
        for z in Suchtext._base_manager.only("pk", "art", "akte_id", "vorgang_id", "dokument_id")
    }


def _objekt_id(werte: Werte) -> object:
    art = werte["art"]
    return (
        werte["akte_id"]
        if art == "akte"
        else werte["vorgang_id"]
        if art == "vorgang"
        else werte["dokument_id"]
    )


def _volltext_pruefen() -> str:
    if connection.vendor == "sqlite":
        from django.db import DatabaseError

        try:
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO suche_fts(suche_fts, rank) VALUES ('integrity-check', 1)")
        except DatabaseError as fehler:
            return f"FTS5-Index weicht von den Suchtext-Zeilen ab: {fehler}"
    # PostgreSQL: the tsvector is a generated column of the row itself and cannot differ.
    return ""


def neuaufbau(fortschritt=None) -> int:
    """Rewrite every row from the data and remove rows without an object; returns rows written.

    Missing rows are inserted in batches (a first build of a large archive), existing ones are
    compared and only rewritten where they differ.
    """
    anzahl = 0
    with transaction.atomic():
        vorhandene = _vorhandene_zeilen()
        behalten: set[int] = set()
        neu: list[Werte] = []

        def einfuegen() -> None:
            Suchtext._base_manager.bulk_create([Suchtext(**w) for w in neu], batch_size=500)
            woerter: set[str] = set()
            for werte in neu:
                for spalte in _TEXTSPALTEN:
                    woerter.update(str(werte[spalte]).split())
            Suchwort.objects.bulk_create(
                [Suchwort(wort=w) for w in woerter if len(w) <= 60], ignore_conflicts=True, batch_size=1000
            )
            neu.clear()

        for werte in _alle_werte():
            zeilen_id = vorhandene.get((werte["art"], _objekt_id(werte)))
            if zeilen_id is None:
                neu.append(werte)
                if len(neu) >= 500:
                    einfuegen()
            else:
                behalten.add(schreiben(werte).pk)
            anzahl += 1
            if fortschritt and anzahl % 1000 == 0:
                fortschritt(anzahl)
        einfuegen()
        ueberzaehlig = set(vorhandene.values()) - behalten
        for teil in _teile(sorted(ueberzaehlig), 500):
            Suchtext._base_manager.filter(pk__in=teil).delete()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO suche_fts(suche_fts) VALUES ('rebuild')")
                cursor.execute("INSERT INTO suche_wort_tri(suche_wort_tri) VALUES ('rebuild')")
    return anzahl


def _teile(werte: list[int], groesse: int) -> Iterable[list[int]]:
    for start in range(0, len(werte), groesse):
        yield werte[start : start + groesse]
