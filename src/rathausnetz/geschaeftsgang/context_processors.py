"""The count on the nav entry „Meine Aufgaben“, computed only when a page shows it."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest

from rathausnetz.zugang.kontext import ANONYM


def aufgaben(request: HttpRequest) -> dict[str, object]:
    zugriff = getattr(request, "zugriff", ANONYM)

    @cache
    def anzahl() -> int:
        if not zugriff.angemeldet or zugriff.organisation_id is None:
            return 0
        from rathausnetz.geschaeftsgang.services.verfuegungen import anzahl_offen

        return anzahl_offen(zugriff)

    # a callable: templates call it on first use, pages without the nav never query
    return {"offene_aufgaben": anzahl}
