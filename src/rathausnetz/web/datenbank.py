"""Planner statistics, refreshed by ``rathausnetz datenbank-pflegen`` and at every ``serve`` start.

SQLite has no statistics until ``ANALYZE`` runs, and without them it guesses every index to be
equally selective: with 100,000 Akten it walked the organisation index and joined every row to the
file plan to count a Kennzeichen filter (28 ms; 14 ms once analysed). PostgreSQL's autovacuum
analyses by itself, but only a while after large changes: right after 100,000 Akten were imported
it still expected 40 rows for the organisation and sorted all of them for the first page of the
list (225 ms instead of 1 ms).

SQLite reads every index whole (about 0.1 s for 100,000 Akten): with ``analysis_limit`` it samples
only the start of each index, saw a single organisation there and took the organisation index for
highly selective, which planned worse than no statistics at all. PostgreSQL samples by itself.

PostgreSQL also collects new entries of its full-text (GIN) indexes in a pending list that every
search reads linearly until a vacuum merges it; after a large import that cost each search
6–10 ms in a million documents. Merging it here does not wait for autovacuum.
"""

from __future__ import annotations

from django.db import connection

#: GIN indexes whose pending list is merged (``suche`` migrations 0002)
GIN_INDIZES = ("suche_suchtext_vektor", "suche_suchwort_trgm")


def statistik_aktualisieren() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        if connection.vendor == "postgresql":
            for index in GIN_INDIZES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
