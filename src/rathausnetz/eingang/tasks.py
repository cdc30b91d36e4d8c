"""Background work of the Posteingang. Tasks take ids and re-load (STYLE 6)."""

from __future__ import annotations

from django_tasks import task

from rathausnetz.zugang.kontext import systemzugriff


@task()
def eingang_verarbeiten(eingang_id: int) -> bool:
    from rathausnetz.eingang.services.verarbeitung import verarbeiten

    with systemzugriff("Posteingang"):
        return verarbeiten(eingang_id)


@task()
def ablagemodell_trainieren(organisation_id: int) -> bool:
    from rathausnetz.eingang.services.vorschlaege import trainieren

    with systemzugriff("Ablagemodell"):
        return trainieren(organisation_id) is not None
