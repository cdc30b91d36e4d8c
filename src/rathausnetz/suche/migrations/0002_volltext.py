"""The database's own full-text structures over ``Suchtext`` and ``Suchwort``.

SQLite: an FTS5 table with external content (the ``*_index`` columns of ``suche_suchtext``) and
triggers that keep it in step on every insert, update and delete; a trigram FTS5 table over the
vocabulary for the fuzzy stage. PostgreSQL: a generated, stored ``tsvector`` column with weights
(A titel, B absender, C inhalt, D OCR variants) and a GIN index; ``pg_trgm`` over the vocabulary.
Both are derived by the database itself, so they cannot drift from the rows.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE suche_fts USING fts5(
        titel_index, inhalt_index, varianten_index, absender_index,
        content='suche_suchtext', content_rowid='id', prefix='3 5', tokenize='unicode61')""",
    """CREATE TRIGGER suche_fts_ai AFTER INSERT ON suche_suchtext BEGIN
        INSERT INTO suche_fts(rowid, titel_index, inhalt_index, varianten_index, absender_index)
        VALUES (new.id, new.titel_index, new.inhalt_index, new.varianten_index, new.absender_index);
    END""",
    """CREATE TRIGGER suche_fts_ad AFTER DELETE ON suche_suchtext BEGIN
        INSERT INTO suche_fts(suche_fts, rowid, titel_index, inhalt_index, varianten_index, absender_index)
        VALUES ('delete', old.id, old.titel_index, old.inhalt_index, old.varianten_index, old.absender_index);
    END""",
    """CREATE TRIGGER suche_fts_au AFTER UPDATE OF titel_index, inhalt_index, varianten_index, absender_index
        ON suche_suchtext BEGIN
        INSERT INTO suche_fts(suche_fts, rowid, titel_index, inhalt_index, varianten_index, absender_index)
        VALUES ('delete', old.id, old.titel_index, old.inhalt_index, old.varianten_index, old.absender_index);
        INSERT INTO suche_fts(rowid, titel_index, inhalt_index, varianten_index, absender_index)
        VALUES (new.id, new.titel_index, new.inhalt_index, new.varianten_index, new.absender_index);
    END""",
    """CREATE VIRTUAL TABLE suche_wort_tri USING fts5(
        wort, content='suche_suchwort', content_rowid='rowid', tokenize='trigram')""",
    """CREATE TRIGGER suche_wort_tri_ai AFTER INSERT ON suche_suchwort BEGIN
        INSERT INTO suche_wort_tri(rowid, wort) VALUES (new.rowid, new.wort);
    END""",
    """CREATE TRIGGER suche_wort_tri_ad AFTER DELETE ON suche_suchwort BEGIN
        INSERT INTO suche_wort_tri(suche_wort_tri, rowid, wort) VALUES ('delete', old.rowid, old.wort);
    END""",
]

SQLITE_RUECKWAERTS = [
    "DROP TABLE IF EXISTS suche_wort_tri",
    "DROP TABLE IF EXISTS suche_fts",
]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE suche_suchtext ADD COLUMN vektor tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', titel_index), 'A') ||
        setweight(to_tsvector('simple', absender_index), 'B') ||
        setweight(to_tsvector('simple', inhalt_index), 'C') ||
        setweight(to_tsvector('simple', varianten_index), 'D')) STORED""",
    "CREATE INDEX suche_suchtext_vektor ON suche_suchtext USING gin (vektor)",
    "CREATE INDEX suche_suchwort_trgm ON suche_suchwort USING gin (wort gin_trgm_ops)",
]

POSTGRES_RUECKWAERTS = [
    "DROP INDEX IF EXISTS suche_suchwort_trgm",
    "ALTER TABLE suche_suchtext DROP COLUMN IF EXISTS vektor",
]


def _ausfuehren(befehle_je_db):
    def ausfuehren(apps, schema_editor):
        for befehl in befehle_je_db.get(schema_editor.connection.vendor, []):
            schema_editor.execute(befehl)

    return ausfuehren


class Migration(migrations.Migration):
    dependencies = [("suche", "0001_initial")]

    operations = [
        migrations.RunPython(
            _ausfuehren({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _ausfuehren({"sqlite": SQLITE_RUECKWAERTS, "postgresql": POSTGRES_RUECKWAERTS}),
        )
    ]
