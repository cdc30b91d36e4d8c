"""Certificates: the PDF for the Navigator's administration and the staff, and the public page
that confirms a code (name, course, date) — or says plainly that it does not exist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from rathausnetz.netzwerk.models import Teilnahme, Zertifikat
from rathausnetz.netzwerk.services import zertifikate
from rathausnetz.netzwerk.views._hilfen import nicht_gefunden, nur_netzwerk, pdf_antwort


@login_required
def zertifikat_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    teilnahme = get_object_or_404(Teilnahme, pk=pk)
    z = Zertifikat.objects.filter(teilnahme=teilnahme).first()
    if z is None:
        return nicht_gefunden(
            request,
            "Kein Zertifikat",
            "Für diese Teilnahme gibt es kein Zertifikat: Zertifikate erhalten nur Teilnehmende, deren "
            "Abschluss festgestellt wurde.",
        )
    if z.widerrufen_am is not None:
        return render(
            request,
            "web/fehler.html",
            {
                "code": 410,
                "titel": "Zertifikat widerrufen",
                "text": f"Dieses Zertifikat wurde am {z.widerrufen_am:%d.%m.%Y} widerrufen "
                "und wird nicht mehr ausgegeben.",
            },
            status=410,
        )
    url = request.build_absolute_uri(reverse("netzwerk:zertifikat_pruefen", args=[z.code]))
    return pdf_antwort(zertifikate.pdf(z, url), zertifikate.dateiname(z))


def _adresse(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unbekannt"


def zertifikat_suche(request: HttpRequest) -> HttpResponse:
    """The form to type a code from paper; sends to the code's page."""
    eingabe = (request.GET.get("code") or "").strip()[:40]
    if eingabe:
        code = zertifikate.normalisieren(eingabe)
        return redirect(
            "netzwerk:zertifikat_pruefen", code=code or "".join(c for c in eingabe if c.isalnum())[:20] or "-"
        )
    return render(request, "netzwerk/zertifikat_suche.html", {})


@never_cache
def zertifikat_pruefen(request: HttpRequest, code: str) -> HttpResponse:
    adresse = _adresse(request)
    if zertifikate.gesperrt(adresse):
        antwort = render(
            request,
            "netzwerk/zertifikat_pruefung.html",
            {"gesperrt": True, "eingabe": code[:20]},
            status=429,
        )
        antwort["Retry-After"] = str(zertifikate.SPERRFENSTER)
        return antwort
    z = zertifikate.finden(code)
    if z is None:
        zertifikate.fehlversuch(adresse)
    antwort = render(
        request,
        "netzwerk/zertifikat_pruefung.html",
        {"z": z, "eingabe": code[:20]},
        status=200 if z else 404,
    )
    antwort["X-Robots-Tag"] = "noindex"
    return antwort


@nur_netzwerk
@require_POST
def zertifikat_widerrufen(request: HttpRequest, pk: int) -> HttpResponse:
    teilnahme = get_object_or_404(Teilnahme.objects.select_related("durchgang"), pk=pk)
    z = get_object_or_404(Zertifikat, teilnahme=teilnahme)
    try:
        zertifikate.widerrufen(z, request.POST.get("grund", "")[:1000])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(
            request, f"Zertifikat {z.code_lesbar} widerrufen; die öffentliche Prüfung sagt das nun."
        )
    return redirect(teilnahme.durchgang.get_absolute_url())
