"""The search as a clerk uses it — the same suite runs on SQLite (FTS5) and PostgreSQL (tsvector)."""

import sys

import pytest
from django.db import connection, transaction

from rathausnetz.akten.models import Dokument
from rathausnetz.akten.services import akten, dokumente
from rathausnetz.pagination import CursorError
from rathausnetz.suche.models import Suchtext
from rathausnetz.suche.services import Auswahl, backend, suchen
from rathausnetz.suche.tests.fixtures import textdatei

pytestmark = pytest.mark.django_db
#: the module (the package exports its function of the same name)
suchen_modul = sys.modules["rathausnetz.suche.services.suchen"]


def ids(bestand, ergebnis):
    """Documents found, except those of the demo data that every test database holds."""
    return {t.id for t in ergebnis.treffer if t.art == "dokument" and t.id not in bestand["demo"]}


def test_ocr_damaged_press_release_is_found_by_correct_spelling(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Geschäftsführer")
    assert ids(bestand, ergebnis) == {bestand["presse"].pk}
    treffer = ergebnis.treffer[0]
    assert "<mark>Geschéftsfuhrer</mark>" in treffer.snippet
    assert not treffer.aehnlich and not ergebnis.aehnliche


def test_word_split_over_two_lines_is_found(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Kooperationsmöglichkeiten")
    assert ids(bestand, ergebnis) == {bestand["presse"].pk}
    assert "<mark>Kooperationsméglichkeiten</mark>" in ergebnis.treffer[0].snippet


def test_umlaut_spellings_meet(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        for schreibweise in ("Loessnitz", "Lößnitz", "Lossnitz", "LÖSSNITZ"):
            ergebnis = suchen(schreibweise)
            assert {bestand["brief"].pk, bestand["presse"].pk} <= ids(bestand, ergebnis), schreibweise


def test_compound_head_finds_longer_compounds(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Zusammenarbeit")
    # "interkommunale Zusammenarbeit" and "Zusammenarbeitsformate"
    assert ids(bestand, ergebnis) == {bestand["brief"].pk, bestand["presse"].pk}


def test_inflected_forms_meet_by_stemming(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        assert bestand["bescheid"].pk in ids(bestand, suchen("Gebühr"))
        assert bestand["brief"].pk in ids(bestand, suchen("Grüße"))


def test_phrase_exclusion_and_or(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        assert ids(bestand, suchen('"interkommunale Zusammenarbeit"')) == {bestand["brief"].pk}
        assert ids(bestand, suchen('"Zusammenarbeit interkommunale"')) == set()
        assert ids(bestand, suchen("Bauhof -Bescheid")) == {bestand["presse"].pk}
        assert ids(bestand, suchen("Widerspruch oder Fachtagung")) == {
            bestand["bescheid"].pk,
            bestand["brief"].pk,
        }
        assert ids(bestand, suchen("Widerspruch Fachtagung")) == set()


def test_prefix(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        assert bestand["brief"].pk in ids(bestand, suchen("Standes*"))
        assert bestand["bescheid"].pk in ids(bestand, suchen("rechtsbehelf*"))


def test_field_filters(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        assert ids(bestand, suchen("absender:Zweckverband")) == {bestand["presse"].pk}
        assert ids(bestand, suchen("absender:Schubert")) == {bestand["bescheid"].pk}  # Empfänger too
        assert ids(bestand, suchen("Bauhof typ:Bescheid")) == {bestand["bescheid"].pk}
        assert ids(bestand, suchen("Bauhof datum:2024")) == {bestand["bescheid"].pk}
        assert ids(bestand, suchen("datum:2025-01..2025-06 art:dokument")) == {bestand["presse"].pk}
        aktenzeichen = bestand["akte"].aktenzeichen
        ergebnis = suchen(f"aktenzeichen:{aktenzeichen[:5]} art:akte")
        assert [t.id for t in ergebnis.treffer] == [bestand["akte"].pk]


def test_malformed_queries_are_searched_as_words_with_a_hint(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen('"Geschäftsführer Bauhof')
        assert bestand["presse"].pk in ids(bestand, ergebnis)
        assert "Anführungszeichen" in ergebnis.hinweise[0]
        ergebnis = suchen("datum:gestern Bauhof")
        assert "datum:gestern" in ergebnis.hinweise[0]
        ergebnis = suchen("farbe:rot Bauhof")
        assert "farbe" in ergebnis.hinweise[0]
        for unsinn in (
            "",
            "   ",
            "-",
            "*",
            '""',
            "(((",
            "AND OR NOT",
            "-Bauhof",
            "::",
            "datum:..",
            "oder oder",
        ):
            suchen(unsinn)  # never an exception


def test_fuzzy_stage_finds_typos_and_ocr_damage_marked_as_similar(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Streugutlaager")  # typo
        assert ergebnis.aehnliche
        assert bestand["presse"].pk in ids(bestand, ergebnis)
        assert all(t.aehnlich for t in ergebnis.treffer)
        ergebnis = suchen("begrüßt")  # the scan says "begrif3t"
        assert bestand["presse"].pk in ids(bestand, ergebnis)
        assert ergebnis.aehnliche


def test_snippet_names_the_pdf_page_and_escapes_html(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Widerspruch")
        treffer = next(t for t in ergebnis.treffer if t.id == bestand["bescheid"].pk)
        assert treffer.seite == 2
        assert "<mark>Widerspruch</mark>" in treffer.snippet
        vorgang = bestand["vorgang"]
        boese = dokumente.dokument_hochladen(
            vorgang,
            textdatei("Widerspruch gegen den Bescheid <img src=x onerror=alert(1)> wegen Gebühren"),
            "x.txt",
            betreff="<b>Widerspruch</b>",
        )
        treffer = next(t for t in suchen("Widerspruch").treffer if t.id == boese.pk)
    assert "<img" not in treffer.snippet and "&lt;img src=x" in treffer.snippet
    assert "<b>" not in treffer.titel_html and "<mark>Widerspruch</mark>" in treffer.titel_html


def test_facets_and_facet_selection(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        ergebnis = suchen("Bauhof")
        jahre = {f.wert: f.anzahl for f in ergebnis.facetten["jahr"]}
        assert jahre["2024"] >= 1 and jahre["2025"] >= 1
        richtungen = {f.wert: f.anzahl for f in ergebnis.facetten["richtung"]}
        assert richtungen["ausgang"] == 1
        typ = ergebnis.facetten["typ"][0]
        assert typ.name == "Bescheid"
        eingeschraenkt = suchen("Bauhof", auswahl=Auswahl(typ=int(typ.wert)))
        assert ids(bestand, eingeschraenkt) == {bestand["bescheid"].pk}
        assert ids(bestand, suchen("Bauhof", auswahl=Auswahl(jahr=2025))) == {bestand["presse"].pk}


def test_search_inside_one_akte(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        eintrag = bestand["akte"].aktenplaneintrag
        andere = akten.akte_anlegen(eintrag, "Bauhof Fuhrpark")
        drinnen = suchen("Bauhof", akte_id=bestand["akte"].pk)
        assert {t.aktenzeichen for t in drinnen.treffer} == {bestand["akte"].aktenzeichen}
        assert andere.pk in {t.id for t in suchen("Bauhof").treffer if t.art == "akte"}


def test_title_hits_rank_above_body_hits(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        nur_text = dokumente.dokument_hochladen(
            bestand["vorgang"],
            textdatei("Protokoll der Dienstberatung. Punkt 4: Teilnahme an einer Fachtagung geprüft."),
            "protokoll.txt",
            betreff="Protokoll Dienstberatung",
        )
        ergebnis = suchen("Fachtagung")
    reihenfolge = [t.id for t in ergebnis.treffer]
    assert reihenfolge.index(bestand["brief"].pk) < reihenfolge.index(nur_text.pk)
    assert ergebnis.treffer[0].score >= ergebnis.treffer[-1].score > 0


def test_keyset_pages_cover_all_hits_once(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        for nummer in range(7):
            dokumente.dokument_hochladen(
                bestand["vorgang"], textdatei(f"Streugut Lieferung Nummer {nummer}"), f"l{nummer}.txt"
            )
        for sortierung in ("relevanz", "datum"):
            gesehen, cursor = [], None
            while True:
                seite = suchen("Streugut", limit=3, cursor=cursor, sortierung=sortierung)
                gesehen += [(t.art, t.id) for t in seite.treffer]
                cursor = seite.weiter
                if not cursor:
                    break
            assert len(gesehen) == len(set(gesehen)) == seite.anzahl == 9  # 7 + press release + Vorgang
        with pytest.raises(CursorError):
            suchen("Streugut", cursor="kaputt")


def test_deleting_a_document_removes_it_in_the_same_transaction(bestand, bob, gemeinde_a, als):
    dokument = bestand["presse"]
    dokument_id = dokument.pk
    with als(bob, gemeinde_a):
        with transaction.atomic():
            dokumente.dokument_loeschen(dokument, "versehentlich in falsche Akte hochgeladen")
            assert ids(bestand, suchen("Geschäftsführer")) == set()
            assert not Suchtext.objects.filter(dokument_id=dokument_id).exists()
        assert not Dokument.objects.filter(pk=dokument_id).exists()


def test_new_version_replaces_the_searchable_text(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        assert ids(bestand, suchen("Einladung")) == {bestand["brief"].pk}
        dokumente.version_hinzufuegen(bestand["brief"], textdatei("Absage wegen Krankheit"), "absage.txt")
        assert ids(bestand, suchen("Einladung")) == set()
        assert ids(bestand, suchen("Krankheit")) == {bestand["brief"].pk}


def _hochladen(bestand, text: str, nummer: int, betreff: str = "Schreiben") -> Dokument:
    return dokumente.dokument_hochladen(
        bestand["vorgang"], textdatei(text), f"s{nummer}.txt", betreff=betreff
    )


FUELLTEXT = (
    "Die Unterlagen liegen im Rathaus zur Einsichtnahme aus. Die Frist beträgt einen Monat. "
    "Für Rückfragen steht Ihnen das Hauptamt gern zur Verfügung. "
)


def test_words_standing_near_each_other_rank_first(bestand, bob, gemeinde_a, als):
    with als(bob, gemeinde_a):
        # The far one is shorter and names the tower twice: plain BM25 would put it first.
        fern = _hochladen(bestand, f"Glockenturm. {FUELLTEXT}Glockenturm. {FUELLTEXT}Sanierung.", 1)
        nah = _hochladen(bestand, f"{FUELLTEXT * 2}Die Sanierung des Glockenturms beginnt. {FUELLTEXT}", 2)
        ergebnis = suchen("Glockenturm Sanierung")
    assert [t.id for t in ergebnis.treffer if t.art == "dokument"] == [nah.pk, fern.pk]


def test_broad_query_is_ranked_counted_and_faceted_within_its_newest_matches(
    bestand, bob, gemeinde_a, als, monkeypatch
):
    monkeypatch.setattr(suchen_modul, "MAX_ANZAHL", 4)
    with als(bob, gemeinde_a):
        neu = [_hochladen(bestand, f"Lieferschein Streusalz Charge {n}", n) for n in range(6)]
        ergebnis = suchen("Streusalz", limit=10)
        seiten, cursor = [], None
        while True:
            seite = suchen("Streusalz", limit=3, cursor=cursor, facetten=False)
            seiten += [t.id for t in seite.treffer]
            if not (cursor := seite.weiter):
                break
    assert ergebnis.mehr_als and ergebnis.anzahl == 4
    assert {t.id for t in ergebnis.treffer} == {d.pk for d in neu[2:]}
    assert sum(f.anzahl for f in ergebnis.facetten["jahr"]) == 4
    assert sorted(seiten) == sorted(d.pk for d in neu[2:])


@pytest.mark.parametrize("sortierung", ["relevanz", "datum"])
def test_first_page_taken_from_the_windows_ranks_is_the_page_the_database_ranks(
    bestand, bob, gemeinde_a, als, monkeypatch, sortierung
):
    """PostgreSQL picks the first page of a full window from the ranks its window query computed;
    page by page it must list exactly what ranking the whole window in SQL lists."""
    monkeypatch.setattr(suchen_modul, "MAX_ANZAHL", 8)
    with als(bob, gemeinde_a):
        for n in range(10):  # different ranks: the word once to four times, some in the title
            betreff = "Streusalz Lieferung" if n % 3 == 0 else "Lieferung"
            _hochladen(bestand, f"Lieferschein. {'Streusalz ' * (1 + n % 4)}{FUELLTEXT}", n, betreff)

        def seitenweise() -> list[list[int]]:
            seiten, cursor = [], None
            while True:
                seite = suchen("Streusalz", limit=3, cursor=cursor, sortierung=sortierung, facetten=False)
                seiten.append([t.id for t in seite.treffer])
                if not (cursor := seite.weiter):
                    return seiten

        aus_dem_fenster = seitenweise()
        monkeypatch.setattr(backend, "rang_im_fenster", lambda: False)
        in_sql = seitenweise()
    assert aus_dem_fenster == in_sql
    assert [len(seite) for seite in in_sql] == [3, 3, 2]


def test_an_old_match_whose_words_stand_near_stays_in_the_window(bestand, bob, gemeinde_a, als, monkeypatch):
    monkeypatch.setattr(suchen_modul, "MAX_ANZAHL", 2)
    with als(bob, gemeinde_a):
        alt = _hochladen(bestand, "Die Sanierung des Glockenturms beginnt im Frühjahr.", 1)
        neuere = [
            _hochladen(bestand, f"Der Glockenturm ist alt. {FUELLTEXT * 2}Die Sanierung folgt {n}.", n + 2)
            for n in range(3)
        ]
        ergebnis = suchen("Glockenturm Sanierung")
    gefunden = [t.id for t in ergebnis.treffer if t.art == "dokument"]
    assert ergebnis.mehr_als and ergebnis.anzahl == 2
    assert set(gefunden) >= {d.pk for d in neuere[1:]}
    if connection.vendor == "sqlite":
        # FTS5 finds words near each other cheaply (NEAR); PostgreSQL's rank weighs nearness,
        # but its window holds only the newest matches.
        assert gefunden[0] == alt.pk
    else:
        assert alt.pk not in gefunden


def test_prefix_through_the_vocabulary_finds_what_the_database_prefix_finds(
    bestand, bob, gemeinde_a, als, monkeypatch
):
    with als(bob, gemeinde_a):
        ueber_wortschatz = ids(bestand, suchen("Zusammenarbeit"))
        monkeypatch.setattr(backend, "MAX_PRAEFIXWOERTER", 0)  # every prefix left to the database
        ueber_datenbank = ids(bestand, suchen("Zusammenarbeit"))
    assert ueber_wortschatz == ueber_datenbank == {bestand["brief"].pk, bestand["presse"].pk}
