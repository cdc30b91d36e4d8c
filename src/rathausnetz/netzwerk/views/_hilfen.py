"""What the network's views share: the staff check, German "not found" pages, PDF answers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rathausnetz.zugang.rechte import Recht

STAFF_MELDUNG = "Diese Seite ist der Servicestelle und den Digital-Lotsen vorbehalten."


def ist_staff(request: HttpRequest) -> bool:
    return request.zugriff.darf(Recht.NETZWERK_VERWALTEN)  # type: ignore[attr-defined]


def nur_netzwerk(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in, and with the right to run the network (NETZWERK_VERWALTEN)."""

    @login_required
    @wraps(view)
    def gepruefte_view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not ist_staff(request):
            raise PermissionDenied(STAFF_MELDUNG)
        return view(request, *args, **kwargs)

    return gepruefte_view


def nicht_gefunden(request: HttpRequest, titel: str, text: str) -> HttpResponse:
    return render(request, "web/fehler.html", {"code": 404, "titel": titel, "text": text}, status=404)


def pdf_antwort(inhalt: bytes, dateiname: str) -> HttpResponse:
    antwort = HttpResponse(inhalt, content_type="application/pdf")
    antwort["Content-Disposition"] = f'attachment; filename="{dateiname}"'
    return antwort
