"""Sets the ``Zugriff`` of every web request: who, for which organisation, with which roles."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rathausnetz.zugang import services
from rathausnetz.zugang.kontext import ANONYM, Zugriff, zugriff_als

SESSION_ORGANISATION = "rathausnetz_organisation_id"


class ZugriffMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = services.request_id_aus(request.headers.get("X-Request-ID"))
        request.request_id = request_id  # type: ignore[attr-defined]
        zugriff = self._zugriff(request, request_id)
        request.zugriff = zugriff  # type: ignore[attr-defined]
        with zugriff_als(zugriff):
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response

    @staticmethod
    def _zugriff(request: HttpRequest, request_id: str) -> Zugriff:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return Zugriff(benutzer_id=None, benutzername="", organisation_id=None, request_id=request_id)
        if user.is_superuser and request.path.startswith("/admin/"):
            # The Django admin is the operators' tool: it sees every tenant, and says so in the log.
            return Zugriff(
                benutzer_id=user.pk,
                benutzername=user.username,
                organisation_id=None,
                system=True,
                grund="Admin-Oberfläche",
                request_id=request_id,
            )
        gewuenscht = request.session.get(SESSION_ORGANISATION)
        zugriff = services.zugriff_fuer(user, gewuenscht, request_id)
        if zugriff.organisation_id != gewuenscht:
            request.session[SESSION_ORGANISATION] = zugriff.organisation_id
        return zugriff


__all__ = ["ANONYM", "SESSION_ORGANISATION", "ZugriffMiddleware"]
