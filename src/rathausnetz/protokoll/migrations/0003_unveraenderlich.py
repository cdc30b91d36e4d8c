"""Audit entries cannot be UPDATEd, not even with direct SQL (a second line behind the hash chain).

DELETE stays possible at the database level because test databases are flushed row by row; the
chain head (length and last hash) reveals deleted entries instead.
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
BEFORE UPDATE ON protokoll_protokolleintrag
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
    dependencies = [("protokoll", "0002_initial")]
    operations = [migrations.RunPython(vorwaerts, rueckwaerts)]
