from __future__ import annotations

from functools import cache

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from rathausnetz.zugang.kontext import ANONYM
from rathausnetz.zugang.rechte import Recht


def zugriff(request: HttpRequest) -> dict[str, object]:
    """Template variables for the header: the user's organisations and what they may do."""
    aktuell = getattr(request, "zugriff", ANONYM)

    @cache
    def organisationen() -> list:
        if not aktuell.angemeldet:
            return []
        from rathausnetz.zugang.services import organisationen_des_benutzers

        return organisationen_des_benutzers(request.user)

    def aktive():
        return next((o for o in organisationen() if o.pk == aktuell.organisation_id), None)

    return {
        "zugriff": aktuell,
        "meine_organisationen": SimpleLazyObject(organisationen),
        "aktive_organisation": SimpleLazyObject(aktive),
        "rechte": {r.name: aktuell.darf(r) for r in Recht},
    }
