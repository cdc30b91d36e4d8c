#!/usr/bin/env python3
"""Search benchmark: Rathausnetz's search against Tantivy (configured like paperless-ngx) and plain
FTS5, on the same generated corpus and the same queries, with the same permission filter.

    .venv/bin/pip install tantivy==0.27.0          # baseline only, not needed by the application
    .venv/bin/python bench/suche_bench.py --anzahl 10000 --ocr --kalibrieren
    RATHAUSNETZ_BENCH_DB=postgresql .venv/bin/python bench/suche_bench.py --anzahl 100000 --ocr

Prints figures; see bench/README.md for a run and how to read it.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suche_korpus import ANFRAGEN, RELEVANTE_JE_ANFRAGE, Korpus, Rauschmodell, zeichenfehlerrate

EINZELWOERTER = ["Winterdienst", "Bescheid", "Gemeinderat", "Rechnung", "Haushalt", "Zweckvereinbarung"]
TIPPFEHLER = ["Glockentrum Sanierung", "Schöffenwahl Vorschlagslitse", "Löschfahrzueg"]
WIEDERHOLUNGEN = 5


# --- calibration of the noise model on real Tesseract output --------------------------------


def kalibrieren(stichprobe: int, arbeitsordner: Path) -> Rauschmodell:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont
    from rapidfuzz.distance import Levenshtein

    schrift = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 19)
    korpus = Korpus(seed=7)
    zaehler = {
        "umlaute": 0,
        "verloren": 0,
        "falsch": 0,
        "eszett": 0,
        "eszett_falsch": 0,
        "buchstaben": 0,
        "fehler": 0,
    }
    cer = []
    modell_cer = []
    for nummer in range(stichprobe):
        dok = korpus.dokument(nummer, 1)
        text = "\n".join(__import__("textwrap").wrap(f"{dok.betreff}. {dok.text}", 80))
        bild = Image.new("L", (1240, 40 + 26 * (text.count("\n") + 2)), 255)
        ImageDraw.Draw(bild).multiline_text((40, 30), text, font=schrift, fill=0, spacing=6)
        # A poor office scan: low resolution, blur, speckles.
        bild = bild.resize((bild.width * 3 // 5, bild.height * 3 // 5)).filter(ImageFilter.GaussianBlur(0.7))
        zufall = random.Random(nummer)
        punkte = bild.load()
        for _ in range(bild.width * bild.height // 300):
            punkte[zufall.randrange(bild.width), zufall.randrange(bild.height)] = zufall.choice((0, 255))
        pfad = arbeitsordner / f"probe{nummer}.png"
        bild.save(pfad)
        ocr = subprocess.run(
            ["tesseract", str(pfad), "-", "-l", "deu"], capture_output=True, text=True, check=True
        ).stdout
        soll, ist = " ".join(text.split()), " ".join(ocr.split())
        cer.append(zeichenfehlerrate(soll, ist))
        for op in Levenshtein.editops(soll, ist):
            zeichen = soll[op.src_pos] if op.src_pos < len(soll) else ""
            if op.tag == "replace":
                neu = ist[op.dest_pos]
                if zeichen in "äöüÄÖÜ":
                    base = {"ä": "a", "ö": "o", "ü": "u", "Ä": "A", "Ö": "O", "Ü": "U"}[zeichen]
                    zaehler["verloren" if neu == base else "falsch"] += 1
                elif zeichen == "ß":
                    zaehler["eszett_falsch"] += 1
                elif zeichen.isalpha():
                    zaehler["fehler"] += 1
        zaehler["umlaute"] += sum(soll.count(u) for u in "äöüÄÖÜ")
        zaehler["eszett"] += soll.count("ß")
        zaehler["buchstaben"] += sum(c.isalpha() for c in soll)
    # Rendered pages keep their umlauts far better than real scans of letters and faxes; the
    # umlaut and ß rates never go below the defaults, which follow real scanned press releases.
    standard = Rauschmodell()
    modell = Rauschmodell(
        umlaut_verloren=max(standard.umlaut_verloren, zaehler["verloren"] / max(1, zaehler["umlaute"])),
        umlaut_falsch=max(standard.umlaut_falsch, zaehler["falsch"] / max(1, zaehler["umlaute"])),
        eszett_falsch=max(standard.eszett_falsch, zaehler["eszett_falsch"] / max(1, zaehler["eszett"])),
        zeichen_falsch=zaehler["fehler"] / max(1, zaehler["buchstaben"]),
    )
    korpus = Korpus(seed=7)
    for nummer in range(stichprobe):
        dok = korpus.dokument(nummer, 1)
        soll = f"{dok.betreff}. {dok.text}"
        modell_cer.append(zeichenfehlerrate(soll, modell.anwenden(soll, random.Random(nummer))))
    print(
        f"  gemessen: Umlaut verloren {zaehler['verloren'] / max(1, zaehler['umlaute']):.1%}, "
        f"Umlaut falsch {zaehler['falsch'] / max(1, zaehler['umlaute']):.1%}, "
        f"ß falsch {zaehler['eszett_falsch'] / max(1, zaehler['eszett']):.1%}"
    )
    print(f"Kalibrierung an {stichprobe} gerenderten, verrauschten Seiten mit Tesseract (deu):")
    print(
        f"  Zeichenfehlerrate Tesseract  {statistics.mean(cer):.3%}   Rauschmodell {statistics.mean(modell_cer):.3%}"
    )
    print(
        f"  Umlaut verloren {modell.umlaut_verloren:.1%}, Umlaut falsch {modell.umlaut_falsch:.1%}, "
        f"ß falsch {modell.eszett_falsch:.1%}, andere Buchstaben {modell.zeichen_falsch:.2%}"
    )
    return modell


# --- corpus into the database -----------------------------------------------------------------


def django_starten(arbeitsordner: Path, behalten: str | None) -> str:
    os.environ["RATHAUSNETZ_DATA_DIR"] = str(arbeitsordner)
    db = os.environ.get("RATHAUSNETZ_BENCH_DB", "sqlite")
    if db == "postgresql":
        import psycopg

        name = behalten or f"rathausnetz_bench_{os.getpid()}"
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as verbindung:
            if not verbindung.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                verbindung.execute(f"CREATE DATABASE {name}")
        os.environ["RATHAUSNETZ_DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{name}"
    else:
        os.environ["RATHAUSNETZ_DATABASE_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rathausnetz.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if behalten and _korpus_aufbewahrt():
        return db
    from rathausnetz.web.demo import demo_laden
    from rathausnetz.zugang.kontext import systemzugriff

    with systemzugriff("Bench"):
        demo_laden("Bench-Passwort-2026!")
    return db


def aufbewahrter_korpus() -> tuple[dict[str, set[int]], list[tuple[int, int, str, str]]] | None:
    """The corpus of an earlier run with --behalten: relevant ids per query and the corpus rows.

    Building a million documents takes most of an hour; keeping them lets one compare changes to
    the search on the same data.
    """
    from django.db import connection

    from rathausnetz.akten.models import Dokumentversion
    from rathausnetz.zugang.kontext import systemzugriff

    if not _korpus_aufbewahrt():
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT anfrage, dokument_id FROM bench_relevant")
        relevant: dict[str, set[int]] = {q: set() for q in ANFRAGEN}
        for anfrage, dokument_id in cursor.fetchall():
            relevant[anfrage].add(dokument_id)
        cursor.execute("SELECT min(dokument_id) FROM bench_korpus_beginn")
        erstes = cursor.fetchone()[0]
    with systemzugriff("Bench"):
        zeilen = list(
            Dokumentversion.objects.filter(dokument_id__gte=erstes)
            .order_by("dokument_id")
            .values_list("dokument_id", "organisation_id", "dokument__betreff", "text")
        )
    return relevant, zeilen


def _korpus_aufbewahrt() -> bool:
    from django.db import connection

    return "bench_relevant" in connection.introspection.table_names()


def korpus_aufbewahren(relevant: dict[str, set[int]], zeilen: list[tuple[int, int, str, str]]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE bench_relevant (anfrage text, dokument_id bigint)")
        cursor.execute("CREATE TABLE bench_korpus_beginn (dokument_id bigint)")
        cursor.executemany(
            "INSERT INTO bench_relevant VALUES (%s, %s)", [(q, d) for q, ids in relevant.items() for d in ids]
        )
        cursor.execute("INSERT INTO bench_korpus_beginn VALUES (%s)", [min(z[0] for z in zeilen)])


def korpus_anlegen(
    anzahl: int, rauschen: Rauschmodell | None
) -> tuple[dict[str, set[int]], list[tuple[int, int, str, str]]]:
    """Akten/Vorgänge/Dokumente in three organisations; returns relevant ids per query and rows."""
    import hashlib

    from django.db import transaction

    from rathausnetz.akten.models import Akte, Aktenplaneintrag, Datei, Dokument, Dokumentversion, Vorgang
    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.zugang.kontext import systemzugriff

    korpus = Korpus()
    zufall = random.Random(99)
    relevant: dict[str, set[int]] = {q: set() for q in ANFRAGEN}
    zeilen: list[tuple[int, int, str, str]] = []  # (dokument id, organisation id, betreff, text)
    with systemzugriff("Bench"), transaction.atomic():
        orgs = list(
            Organisation.objects.filter(
                name__in=["Stadtverwaltung Geyer", "Stadtverwaltung Ehrenfriedersdorf"]
            )
        )
        orgs.sort(key=lambda o: o.name != "Stadtverwaltung Geyer")  # Geyer first: the user's own
        datei, _ = Datei.objects.get_or_create(
            sha256=hashlib.sha256(b"bench").hexdigest(), defaults={"groesse": 5, "mime_typ": "text/plain"}
        )
        vorgaenge = {}
        for org in orgs:
            eintraege = list(Aktenplaneintrag.objects.filter(organisation=org, aktiv=True))
            akten = Akte.objects.bulk_create(
                [
                    Akte(
                        organisation=org,
                        aktenplaneintrag=eintraege[i % len(eintraege)],
                        aktenzeichen=f"BS-{i:06d}",
                        laufnummer=i + 1,
                        jahr=2026,
                        titel=f"Sammelakte {i}",
                    )
                    for i in range(max(1, anzahl // 200))
                ]
            )
            vorgaenge[org.pk] = Vorgang.objects.bulk_create(
                [Vorgang(organisation=org, akte=a, betreff=f"Schriftverkehr {a.aktenzeichen}") for a in akten]
            )
        nadeln = [(q, s) for q, s in ANFRAGEN.items() for _ in range(RELEVANTE_JE_ANFRAGE)]
        nadel_an = dict(zip(zufall.sample(range(anzahl), len(nadeln)), nadeln, strict=True))
        for start in range(0, anzahl, 2000):
            stapel = []
            for nummer in range(start, min(anzahl, start + 2000)):
                dok = korpus.dokument(nummer, len(orgs))
                text, org = dok.text, orgs[dok.organisation]
                if nummer in nadel_an:
                    org = orgs[0]
                    saetze = text.split(". ")
                    saetze.insert(zufall.randrange(len(saetze)), nadel_an[nummer][1].rstrip("."))
                    text = ". ".join(saetze)
                if rauschen:
                    text = rauschen.anwenden(text, zufall)
                stapel.append((nummer, org, dok, text))
            dokumente = Dokument.objects.bulk_create(
                [
                    Dokument(
                        organisation=org,
                        vorgang=zufall.choice(vorgaenge[org.pk]),
                        betreff=dok.betreff,
                        dokumentdatum=__import__("datetime").date(dok.jahr, 1 + nummer % 12, 1 + nummer % 28),
                    )
                    for nummer, org, dok, _ in stapel
                ]
            )
            Dokumentversion.objects.bulk_create(
                [
                    Dokumentversion(
                        organisation=d.organisation,
                        dokument=d,
                        nummer=1,
                        datei=datei,
                        dateiname="d.txt",
                        text=text,
                    )
                    for d, (_, _, _, text) in zip(dokumente, stapel, strict=True)
                ]
            )
            for d, (nummer, org, dok, text) in zip(dokumente, stapel, strict=True):
                zeilen.append((d.pk, org.pk, dok.betreff, text))
                if nummer in nadel_an:
                    relevant[nadel_an[nummer][0]].add(d.pk)
    return relevant, zeilen


def datenbankgroesse() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
        else:
            cursor.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
        return cursor.fetchone()[0]


# --- the systems under test ------------------------------------------------------------------


def rathausnetz_suche(zugriff, erstes_dokument: int):
    from rathausnetz.suche.services import suchen
    from rathausnetz.zugang.kontext import zugriff_als

    def suche(q: str, facetten: bool = True) -> list[int]:
        # The first page a clerk sees (20 rows); recall counts its first ten corpus documents,
        # as the baselines index nothing else (no Akten, Vorgänge, or the demo's documents).
        with zugriff_als(zugriff):
            treffer = suchen(q, limit=20, facetten=facetten).treffer
        return [t.id for t in treffer if t.art == "dokument" and t.id >= erstes_dokument][:10]

    return suche


def fts5_roh(zeilen, geyer_id: int):
    """Plain FTS5 as shipped: default tokenizer (unicode61, diacritics removed), no stemming."""
    import sqlite3

    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE roh USING fts5(betreff, text)")
    db.execute("CREATE TABLE besitz(id INTEGER PRIMARY KEY, organisation INTEGER)")
    db.executemany(
        "INSERT INTO roh(rowid, betreff, text) VALUES (?, ?, ?)", [(z[0], z[2], z[3]) for z in zeilen]
    )
    db.executemany("INSERT INTO besitz VALUES (?, ?)", [(z[0], z[1]) for z in zeilen])

    def suche(q: str) -> list[int]:
        ausdruck = " AND ".join('"' + w.replace('"', "") + '"' for w in q.split())
        return [
            r[0]
            for r in db.execute(
                "SELECT roh.rowid FROM roh JOIN besitz ON besitz.id = roh.rowid WHERE roh MATCH ? "
                "AND besitz.organisation = ? ORDER BY bm25(roh) LIMIT 10",
                (ausdruck, geyer_id),
            )
        ]

    return suche


def tantivy_wie_paperless(zeilen, geyer_id: int, ordner: Path, zugriff):
    """Tantivy set up as paperless-ngx 3 sets it up (``documents/search/_schema.py``,
    ``_tokenizer.py``, ``_query.py``): the ``paperless_text`` analyser (simple tokenizer, tokens over
    65 characters dropped, lower case, ASCII folding, Snowball German), content stored for snippets,
    owner and viewers as fast fields, and its permission filter (no owner, or owned by the user, or
    shared with the user). The organisation plays the owner.

    Returns two searches: the index call alone (top 10), and the page a clerk sees, answered the
    way paperless-ngx 3's document list answers a full-text query (``views.py``): all matching ids
    from the index, intersected with what the database lets the user see, snippets for the page,
    and the page's rows from the database.
    """
    import tantivy

    from rathausnetz.akten.models import Dokument
    from rathausnetz.zugang.kontext import zugriff_als

    analyse = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(65))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("german"))
        .build()
    )
    schema = (
        tantivy.SchemaBuilder()
        .add_integer_field("id", stored=True, indexed=True, fast=True)
        .add_integer_field("owner_id", indexed=True, fast=True)
        .add_integer_field("viewer_id", indexed=True, fast=True)
        .add_text_field("betreff", stored=True, tokenizer_name="deutsch")
        .add_text_field("text", stored=True, tokenizer_name="deutsch")
        .build()
    )
    ordner.mkdir(parents=True, exist_ok=True)
    index = tantivy.Index(schema, path=str(ordner))
    index.register_tokenizer("deutsch", analyse)
    schreiber = index.writer(heap_size=200_000_000, num_threads=1)
    beginn = time.perf_counter()
    for dok_id, org, betreff, text in zeilen:
        schreiber.add_document(tantivy.Document(id=dok_id, owner_id=org, betreff=betreff, text=text))
    schreiber.commit()
    schreiber.wait_merging_threads()
    dauer = time.perf_counter() - beginn
    index.reload()
    sucher = index.searcher()
    Occur, Query = tantivy.Occur, tantivy.Query
    ohne_besitzer = Query.boolean_query(
        [(Occur.Must, Query.all_query()), (Occur.MustNot, Query.exists_query("owner_id"))]
    )
    rechte = Query.disjunction_max_query(
        [
            ohne_besitzer,
            Query.term_query(schema, "owner_id", geyer_id),
            Query.term_query(schema, "viewer_id", geyer_id),
        ]
    )

    def anfrage(q: str, unscharf: bool = False):
        if not unscharf:
            # AND between words, as the other systems here; paperless-ngx parses with OR, which
            # returns more matches and would make its page slower still.
            return index.parse_query(
                q, ["betreff", "text"], field_boosts={"betreff": 2.0}, conjunction_by_default=True
            )
        teile = []
        for wort in q.split():
            for token in analyse.analyze(wort):
                feld = [
                    (Occur.Should, Query.fuzzy_term_query(schema, f, token, distance=1))
                    for f in ("betreff", "text")
                ]
                teile.append((Occur.Must, Query.boolean_query(feld)))
        return Query.boolean_query(teile)

    def index_allein(q: str, unscharf: bool = False) -> list[int]:
        gesamt = Query.boolean_query([(Occur.Must, anfrage(q, unscharf)), (Occur.Must, rechte)])
        return [sucher.doc(adresse)["id"][0] for _, adresse in sucher.search(gesamt, 10).hits]

    def seite(q: str) -> list[int]:
        benutzeranfrage = anfrage(q)
        gesamt = Query.boolean_query([(Occur.Must, benutzeranfrage), (Occur.Must, rechte)])
        treffer = sucher.search(gesamt, limit=sucher.num_docs).hits  # search_ids(): every match
        alle = sucher.fast_field_values("id", [adresse for _, adresse in treffer])
        with zugriff_als(zugriff):
            # intersect_and_order(): an IN list up to 5,000 ids, else every visible id
            sichtbar_qs = Dokument.objects.values_list("pk", flat=True)
            if len(alle) <= 5_000:
                sichtbar_qs = sichtbar_qs.filter(pk__in=alle)
            sichtbar = set(sichtbar_qs)
            geordnet = [dok_id for dok_id in alle if dok_id in sichtbar]
            ids = geordnet[:20]
            # highlight_hits(): the page's documents fetched again with the query, snippets from
            # their stored content
            nur_seite = Query.boolean_query([(Occur.Should, Query.term_query(schema, "id", i)) for i in ids])
            seitentreffer = sucher.search(
                Query.boolean_query([(Occur.Must, benutzeranfrage), (Occur.Must, nur_seite)]),
                limit=max(1, len(ids)),
            ).hits
            if seitentreffer:
                schnipsel = tantivy.SnippetGenerator.create(sucher, benutzeranfrage, schema, "text")
                for _, adresse in seitentreffer:
                    schnipsel.snippet_from_doc(sucher.doc(adresse)).to_html()
            list(Dokument.objects.filter(pk__in=ids).values("pk", "betreff", "dokumentdatum", "vorgang_id"))
        return ids[:10]

    return index_allein, seite, dauer, sum(f.stat().st_size for f in ordner.iterdir())


# --- measuring -------------------------------------------------------------------------------


def messen(name: str, suche, anfragen: list[str], relevant: dict[str, set[int]]) -> dict[str, float]:
    for q in anfragen:
        suche(q)  # warm caches
    zeiten = []
    recall = []
    verfehlt: dict[str, float] = {}
    for _ in range(WIEDERHOLUNGEN):
        for q in anfragen:
            beginn = time.perf_counter()
            treffer = suche(q)
            zeiten.append((time.perf_counter() - beginn) * 1000)
            if q in relevant:
                recall.append(len(set(treffer) & relevant[q]) / min(10, len(relevant[q])))
                verfehlt[q] = recall[-1]
    zeiten.sort()
    p95 = zeiten[int(len(zeiten) * 0.95) - 1]
    ergebnis = {
        "p50": statistics.median(zeiten),
        "p95": p95,
        "recall": statistics.mean(recall) if recall else 0,
    }
    print(
        f"  {name:<42} p50 {ergebnis['p50']:7.1f} ms   p95 {p95:7.1f} ms   recall@10 {ergebnis['recall']:.3f}"
    )
    schwach = ", ".join(f"{q} ({r:.1f})" for q, r in verfehlt.items() if r < 1)
    if schwach and os.environ.get("RATHAUSNETZ_BENCH_DETAILS"):
        print(f"    unvollständig: {schwach}")
    return ergebnis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anzahl", type=int, default=10_000, help="Dokumente im Korpus")
    parser.add_argument("--ocr", action="store_true", help="Korpus mit OCR-Rauschen")
    parser.add_argument("--kalibrieren", action="store_true", help="Rauschmodell an Tesseract messen")
    parser.add_argument("--stichprobe", type=int, default=12)
    parser.add_argument(
        "--behalten",
        metavar="DATENBANK",
        help="nur PostgreSQL: Korpus und Index in dieser Datenbank behalten; "
        "ein späterer Lauf mit demselben Namen misst auf ihnen, ohne neu anzulegen",
    )
    args = parser.parse_args()
    arbeitsordner = Path(tempfile.mkdtemp(prefix="rathausnetz-suche-bench-"))
    rauschen = None
    if args.ocr:
        rauschen = kalibrieren(args.stichprobe, arbeitsordner) if args.kalibrieren else Rauschmodell()
    if args.behalten and os.environ.get("RATHAUSNETZ_BENCH_DB") != "postgresql":
        parser.error("--behalten gibt es nur mit RATHAUSNETZ_BENCH_DB=postgresql")
    db = django_starten(arbeitsordner, args.behalten)
    from django.contrib.auth import get_user_model

    from rathausnetz.kommunen.models import Organisation
    from rathausnetz.suche.services.index import neuaufbau
    from rathausnetz.zugang.kontext import systemzugriff

    aufbewahrt = aufbewahrter_korpus() if args.behalten else None
    if aufbewahrt:
        relevant, zeilen = aufbewahrt
        print(f"Korpus: {len(zeilen)} Dokumente aus der Datenbank {args.behalten}, Index wie aufbewahrt")
    else:
        beginn = time.perf_counter()
        relevant, zeilen = korpus_anlegen(args.anzahl, rauschen)
        print(
            f"Korpus: {args.anzahl} Dokumente ({'mit' if rauschen else 'ohne'} OCR-Rauschen) auf {db}, "
            f"angelegt in {time.perf_counter() - beginn:.0f} s"
        )
        groesse_vorher = datenbankgroesse()
        beginn = time.perf_counter()
        with systemzugriff("Bench"):
            neuaufbau()
        dauer = time.perf_counter() - beginn
        print(
            f"Rathausnetz-Index: {args.anzahl / dauer:.0f} Dokumente/s, Index {(datenbankgroesse() - groesse_vorher) / 2**20:.0f} MiB"
        )
        if args.behalten:
            korpus_aufbewahren(relevant, zeilen)
        if db == "postgresql":
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")  # what autovacuum does some time after an import
    from rathausnetz.web.datenbank import statistik_aktualisieren

    statistik_aktualisieren()  # as `serve` does at every start
    with systemzugriff("Bench"):
        geyer = Organisation.objects.get(name="Stadtverwaltung Geyer")
        bob = get_user_model().objects.get(username="bob")
    anfragen = list(ANFRAGEN) + EINZELWOERTER + TIPPFEHLER
    print(
        f"Anfragen: {len(anfragen)} ({len(ANFRAGEN)} mit je {RELEVANTE_JE_ANFRAGE} relevanten Dokumenten), "
        f"je {WIEDERHOLUNGEN}×, als Sachbearbeiter mit Rechteprüfung"
    )
    from rathausnetz.zugang.services import zugriff_fuer

    zugriff = zugriff_fuer(bob, geyer.pk)
    unsere = rathausnetz_suche(zugriff, min(z[0] for z in zeilen))
    ergebnisse = {
        "rathausnetz": messen("Rathausnetz (mit Facetten und Ausschnitten)", unsere, anfragen, relevant)
    }
    messen("Rathausnetz (nur Trefferliste)", lambda q: unsere(q, facetten=False), anfragen, relevant)
    ergebnisse["fts5"] = messen(
        "FTS5 roh (unicode61, kein Stemming)", fts5_roh(zeilen, geyer.pk), anfragen, relevant
    )
    try:
        tantivy_index, tantivy_seite, tantivy_dauer, tantivy_groesse = tantivy_wie_paperless(
            zeilen, geyer.pk, arbeitsordner / "tantivy", zugriff
        )
    except ImportError:
        print("  Tantivy fehlt: .venv/bin/pip install tantivy==0.27.0")
    else:
        print(
            f"  (Tantivy-Index: {len(zeilen) / tantivy_dauer:.0f} Dokumente/s, {tantivy_groesse / 2**20:.0f} MiB)"
        )
        ergebnisse["tantivy_seite"] = messen(
            "Tantivy: Seite wie paperless-ngx 3", tantivy_seite, anfragen, relevant
        )
        ergebnisse["tantivy"] = messen("Tantivy: nur Indexaufruf (Top 10)", tantivy_index, anfragen, relevant)
        ergebnisse["tantivy_fuzzy"] = messen(
            "Tantivy: nur Indexaufruf, unscharf (Abstand 1)",
            lambda q: tantivy_index(q, True),
            anfragen,
            relevant,
        )
    eigene = ergebnisse["rathausnetz"]
    for name, werte in ergebnisse.items():
        if name != "rathausnetz":
            print(f"  Verhältnis p95 Rathausnetz / {name}: {eigene['p95'] / werte['p95']:.2f}")
    if db == "postgresql" and not args.behalten:
        from django.db import connections

        connections.close_all()
        import psycopg

        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as verbindung:
            verbindung.execute(f"DROP DATABASE IF EXISTS rathausnetz_bench_{os.getpid()}")


if __name__ == "__main__":
    main()
