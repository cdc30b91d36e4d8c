"""Security headers Django 5.2 does not set by itself (Content-Security-Policy, Permissions-Policy).

The UI needs no inline scripts or styles and no foreign origins, so the policy is strict: an
injected ``<script>`` would not run even if escaping ever failed somewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.http.multipartparser import MultiPartParserError

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI (served from django-ninja's own static files) and the Django admin set inline styles.
CSP_INLINE_STYLES = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(("/api/docs", "/admin/")):
            response.setdefault("Content-Security-Policy", CSP_INLINE_STYLES)
        else:
            response.setdefault("Content-Security-Policy", CSP)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class ApiMethodeMiddleware:
    """django-ninja answers an unsupported HTTP method with plain text; the API speaks JSON only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            erlaubt = response.get("Allow", "")
            response = JsonResponse(
                {"detail": f"Methode {request.method} ist hier nicht erlaubt (erlaubt: {erlaubt})."},
                status=405,
            )
            response["Allow"] = erlaubt
        return response


class NulZeichenMiddleware:
    """Text with NUL characters is refused at the door: no user types them, and PostgreSQL cannot
    store them (SQLite would silently keep them), so every entry point behaves the same."""

    MELDUNG = "Die Eingabe enthält unzulässige Steuerzeichen (NUL)."

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            nul = self._enthaelt_nul(request)
        except MultiPartParserError:
            return self._abweisen(
                request, "Die Anfrage ist kein gültiges Formular (multipart/form-data).", 400
            )
        if nul:
            return self._abweisen(request, self.MELDUNG, 422)
        return self.get_response(request)

    @staticmethod
    def _abweisen(request: HttpRequest, meldung: str, status: int) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": [{"feld": "", "meldung": meldung, "typ": "ungueltig"}]}, status=status
            )
        return HttpResponseBadRequest(meldung, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _enthaelt_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or any(
            "\x00" in k or "\x00" in v for k, werte in request.GET.lists() for v in [k, *werte]
        ):
            return True
        if request.method in {"POST", "PUT", "PATCH"}:
            typ = request.content_type or ""
            if typ == "application/json":
                rumpf = request.body
                return b"\x00" in rumpf or b"\\u0000" in rumpf.lower()
            if typ in {"application/x-www-form-urlencoded", "multipart/form-data"}:
                return any(
                    "\x00" in v for _, werte in request.POST.lists() for v in werte if isinstance(v, str)
                )
        return False
