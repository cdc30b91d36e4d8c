"""Security headers Django 5.2 does not set by itself (Content-Security-Policy, Permissions-Policy).

The UI needs no inline scripts or styles and no foreign origins, so the policy is strict: an
injected ``<script>`` would not run even if escaping ever failed somewhere.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

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
