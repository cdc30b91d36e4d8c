"""PostgreSQL: an index for ``LIKE 'wort%'`` on the vocabulary, whatever the database collation.

The search resolves a prefix into the index words it stands for (``backend.praefixe_aufloesen``);
SQLite walks the primary key by range, PostgreSQL needs the pattern operator class for that.
"""

from django.db import migrations


def _anlegen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS suche_suchwort_praefix ON suche_suchwort (wort varchar_pattern_ops)"
        )


def _entfernen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS suche_suchwort_praefix")


class Migration(migrations.Migration):
    dependencies = [("suche", "0002_volltext")]

    operations = [migrations.RunPython(_anlegen, _entfernen)]
