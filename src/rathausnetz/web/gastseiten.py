"""Public pages for guests, rendered once per state of their data instead of once per request.

When registration for a Fachveranstaltung opens, a hundred people load the same event page
within a minute; rendering it costs more than everything else in the request. A visitor without
a session (no login, no pending message) sees exactly the same page as every other such visitor,
so the HTML is kept in the cache under a key made from the data the page shows: when that data
changes, the key changes, and no invalidation can be forgotten. For two seconds after a check even
that look at the data is skipped (each web process has its own cache).

The one per-visitor part of such a page is the CSRF token of its form: the page is rendered with a
placeholder, and each response gets the visitor's own token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token

#: how long a page may stay in the cache; its key already changes with the data, this only bounds
#: what the page takes from elsewhere (e.g. the municipality list, itself cached for five minutes)
SEKUNDEN = 60
#: for so long a kept page is answered without looking at the data: a guest may see a seat count or
#: a change by the organisers up to two seconds late (seats are given at confirmation, not here)
FRISCH = 2
PLATZHALTER = "rathausnetz-csrf-platzhalter-0f3a9c"


def ist_gast(request: HttpRequest) -> bool:
    """Nobody logged in and nothing personal to show: no session cookie, no message cookie."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def werte(obj: Model) -> tuple[object, ...]:
    """All stored values of a record, for the ``stand`` of a page: a new field is never forgotten."""
    return tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)


def ausliefern(
    request: HttpRequest,
    name: str,
    stand: Callable[[], Iterable[object]],
    rendern: Callable[[dict[str, object]], HttpResponse],
) -> HttpResponse:
    """The page ``name`` with this visitor's CSRF token.

    ``stand()`` returns everything the page shows (it may raise ``Http404``); ``rendern(extra)``
    renders it with ``extra`` added to the context. Within ``FRISCH`` seconds of the last check the
    kept page is answered without asking the database at all; after that, ``stand()`` decides
    whether the kept page still fits. Only complete 200 pages are kept."""
    frisch_key = f"rathausnetz:gastseite:{name}"
    html = cache.get(frisch_key)
    if html is None:
        pruefsumme = hashlib.sha256(repr(tuple(stand())).encode()).hexdigest()[:32]
        key = f"{frisch_key}:{pruefsumme}"
        html = cache.get(key)
        if html is None:
            response = rendern({"csrf_token": PLATZHALTER})
            if response.status_code != 200:
                response.content = response.content.replace(PLATZHALTER.encode(), get_token(request).encode())
                return response
            html = response.content.decode()
            cache.set(key, html, SEKUNDEN)
        cache.set(frisch_key, html, FRISCH)
    return HttpResponse(html.replace(PLATZHALTER, get_token(request)))
