"""Audit entries cannot be changed with direct SQL either (a second line behind the hash chain).

UPDATE is refused on both databases. DELETE is refused on PostgreSQL; on SQLite it stays possible
because Django empties test databases row by row there (PostgreSQL uses TRUNCATE, which row
triggers do not see). The chain head (length and last hash) reveals deleted entries in any case.
"""

from django.db import migrations

SQLITE = """
CREATE TRIGGER protokoll_eintrag_unveraenderlich
BEFORE UPDATE ON protokoll_protokolleintrag
BEGIN
    SELECT RAISE(ABORT, 'Protokolleinträge sind unveränderlich');
END;
"""

POSTGRES = """
CREATE OR REPLACE FUNCTION protokoll_eintrag_unveraenderlich() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Protokolleinträge sind unveränderlich';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER protokoll_eintrag_unveraenderlich
BEFORE UPDATE OR DELETE ON protokoll_protokolleintrag
FOR EACH ROW EXECUTE FUNCTION protokoll_eintrag_unveraenderlich();
"""


def vorwaerts(apps, schema_editor):
    sql = POSTGRES if schema_editor.connection.vendor == "postgresql" else SQLITE
    schema_editor.execute(sql)


def rueckwaerts(apps, schema_editor):
    schema_editor.execute(
        "DROP TRIGGER IF EXISTS protokoll_eintrag_unveraenderlich"
        + (" ON protokoll_protokolleintrag" if schema_editor.connection.vendor == "postgresql" else "")
    )


class Migration(migrations.Migration):
    dependencies = [("protokoll", "0001_initial")]
    operations = [migrations.RunPython(vorwaerts, rueckwaerts)]
