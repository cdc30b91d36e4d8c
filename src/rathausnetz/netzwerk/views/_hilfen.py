"""What the network's views share: the staff check, German "not found" pages, PDF answers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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


@dataclass
class Loeschung:
    """What the confirmation page of a deletion says, and what happens on POST."""

    #: "den Kurs „Praxiskurs E-Akte“" – what is deleted, in the accusative
    was: str
    #: runs the service; raises ValidationError when it refuses
    ausfuehren: Callable[[], object]
    #: where to go afterwards, and back to on refusal or "Abbrechen"
    ziel: str
    zurueck: str
    #: why it cannot be deleted (the service's own check); empty when it can
    grund: str = ""
    #: what goes with it (shown as a list)
    folgen: list[str] = field(default_factory=list)
    #: POST target of the alternative (archiving), if there is one
    archivieren_url: str = ""
    knopf: str = "Endgültig löschen"
    titel: str = "Löschen"
    erfolg: str = "Gelöscht."


def loeschen_bestaetigen(request: HttpRequest, loeschung: Loeschung) -> HttpResponse:
    """GET: the confirmation page (or the reason why not); POST: delete and say so."""
    if request.method == "POST":
        try:
            loeschung.ausfuehren()
        except ValidationError as e:
            messages.error(request, " ".join(e.messages))
            return redirect(loeschung.zurueck)
        messages.success(request, loeschung.erfolg)
        return redirect(loeschung.ziel)
    return render(request, "netzwerk/loeschen.html", {"l": loeschung})
