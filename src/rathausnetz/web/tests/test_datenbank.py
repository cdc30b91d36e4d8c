"""Planner statistics from ``datenbank-pflegen`` (also run by ``serve``): after a large insert the
planner of either database knows how many Akten an organisation has."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection

from rathausnetz.akten.models import Akte, Aktenplaneintrag
from rathausnetz.zugang.kontext import systemzugriff


def _akten(organisation, anzahl: int) -> None:
    with systemzugriff("Test"):
        eintraege = list(Aktenplaneintrag.objects.filter(organisation=organisation))
        Akte.objects.bulk_create(
            [
                Akte(
                    organisation=organisation,
                    aktenplaneintrag=eintraege[i % len(eintraege)],
                    aktenzeichen=f"T-{i:06d}",
                    laufnummer=i + 1,
                    jahr=2020,
                    titel=f"Akte {i}",
                    eroeffnet_am=dt.date(2020, 1, 1),
                )
                for i in range(anzahl)
            ],
            batch_size=2000,
        )


def _geschaetzte_akten_der_organisation(organisation_id: int) -> float:
    """What the planner expects a filter on one organisation to return."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'akten_akte'")
            stat = next(s for i, s in cursor.fetchall() if i.startswith("akten_akte_organisation_id"))
            return float(stat.split()[1])  # rows per value of the index
        cursor.execute(
            "EXPLAIN (FORMAT JSON) SELECT id FROM akten_akte WHERE organisation_id = %s", [organisation_id]
        )
        plan = cursor.fetchone()[0]
        plan = plan if isinstance(plan, list) else json.loads(plan)
        return float(plan[0]["Plan"]["Plan Rows"])


@pytest.mark.django_db(transaction=True)
def test_statistik_kennt_die_grossen_organisationen(gemeinde_a, capsys):
    """3,000 Akten of one organisation, freshly inserted: after ``datenbank-pflegen`` the planner
    knows that a filter on this organisation is not selective."""
    _akten(gemeinde_a, 3000)
    call_command("datenbank_pflegen")
    assert "aktualisiert" in capsys.readouterr().out
    assert _geschaetzte_akten_der_organisation(gemeinde_a.pk) >= 1000
