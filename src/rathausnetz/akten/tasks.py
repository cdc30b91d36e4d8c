"""Background work of the E-Akte."""

from __future__ import annotations

from django_tasks import task


@task()
def originale_vernichten() -> dict[str, int]:
    from rathausnetz.akten.services.originale import vernichten

    return dict(vernichten())
