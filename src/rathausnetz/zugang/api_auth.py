"""API authentication: bearer tokens for applications, the session (with CSRF) for the UI."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from rathausnetz.zugang import services
from rathausnetz.zugang.kontext import Zugriff, setze_zugriff


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Zugriff | None:
        zugriff = services.token_pruefen(token, getattr(request, "request_id", ""))
        if zugriff is None:
            return None
        # From here on, this request acts as the token's user and organisation.
        setze_zugriff(zugriff)
        request.zugriff = zugriff  # type: ignore[attr-defined]
        request.user = get_user_model().objects.get(pk=zugriff.benutzer_id)
        return zugriff


class SitzungAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request.user.is_authenticated:
            return request.zugriff  # type: ignore[attr-defined]
        return None


ANGEMELDET = [TokenAuth(), SitzungAuth()]


def _gast(request: HttpRequest) -> bool:
    """Last resort for public endpoints: without credentials the request stays a guest."""
    return True


#: public reads that show more to those who authenticate (e.g. members-only cooperations)
ANGEMELDET_ODER_GAST = [TokenAuth(), SitzungAuth(), _gast]
