"""Background work of the Geschäftsgang. Tasks take ids and load what they need themselves."""

from __future__ import annotations

from django_tasks import task

from rathausnetz.zugang.kontext import systemzugriff


@task()
def aufgabe_melden(schritt_id: int, benutzer_id: int) -> bool:
    """The „sofort“ mail about one new task to one person."""
    from rathausnetz.geschaeftsgang.services.benachrichtigung import aufgabe_mailen

    with systemzugriff("Aufgabe melden"):
        return aufgabe_mailen(schritt_id, benutzer_id)
