"""Pages for the network staff: plan events, see and export participants, check-in at the door,
certificates, press releases."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from rathausnetz.veranstaltungen.forms import PressemitteilungForm, VeranstaltungForm
from rathausnetz.veranstaltungen.models import Anmeldung, Pressemitteilung
from rathausnetz.veranstaltungen.services import anmeldungen, exporte, presse
from rathausnetz.veranstaltungen.services.veranstaltungen import (
    daten_von,
    veranstaltung_aendern,
    veranstaltung_anlegen,
)
from rathausnetz.veranstaltungen.views.oeffentlich import bescheinigung_pdf, veranstaltung_oder_404
from rathausnetz.web import pdf as berichte
from rathausnetz.zugang.forms import fehler_ins_formular
from rathausnetz.zugang.rechte import Recht


def netzwerk_recht(view):
    @login_required
    @wraps(view)
    def innen(request: HttpRequest, *args, **kwargs):
        if not request.zugriff.darf(Recht.NETZWERK_VERWALTEN):
            raise PermissionDenied("Veranstaltungen pflegen die Servicestelle und die Digital-Lotsen.")
        return view(request, *args, **kwargs)

    return innen


@netzwerk_recht
def neu(request: HttpRequest) -> HttpResponse:
    form = VeranstaltungForm(request.POST or None, initial={"status": "entwurf", "art": "fachveranstaltung"})
    if request.method == "POST" and form.is_valid() and (d := form.daten()) is not None:
        try:
            v = veranstaltung_anlegen(d)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Veranstaltung „{v.titel}“ angelegt.")
            return redirect(v.get_absolute_url())
    return render(request, "veranstaltungen/form.html", {"form": form})


@netzwerk_recht
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    form = VeranstaltungForm(request.POST or None, initial=VeranstaltungForm.initial_von(daten_von(v)))
    if request.method == "POST" and form.is_valid() and (d := form.daten()) is not None:
        try:
            veranstaltung_aendern(v, d)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Änderungen gespeichert.")
            return redirect(v.get_absolute_url())
    return render(request, "veranstaltungen/form.html", {"form": form, "v": v})


@netzwerk_recht
def teilnehmende(request: HttpRequest, pk: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    liste = (
        Anmeldung.objects.filter(veranstaltung=v)
        .select_related("kommune")
        .order_by("status", "platz_seit", "pk")
    )
    return render(
        request,
        "veranstaltungen/teilnehmende.html",
        {"v": v, "liste": liste, "belegung": anmeldungen.belegung(v), "checkin": False},
    )


@netzwerk_recht
def checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """Big buttons for a tablet at the door; a tap checks in or out without reloading the page."""
    v = veranstaltung_oder_404(pk)
    liste = (
        Anmeldung.objects.filter(veranstaltung=v, status=Anmeldung.Status.ANGEMELDET)
        .select_related("kommune")
        .order_by("name")
    )
    return render(request, "veranstaltungen/checkin.html", {"v": v, "liste": liste})


@netzwerk_recht
@require_POST
def checkin_setzen(request: HttpRequest, pk: int, anmeldung_id: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    a = get_object_or_404(Anmeldung.objects, pk=anmeldung_id, veranstaltung=v)
    try:
        a = anmeldungen.einchecken(a, request.POST.get("erschienen") == "1")
    except ValidationError as e:
        if request.headers.get("HX-Request"):
            return HttpResponse(" ".join(e.messages), status=422)
        messages.error(request, " ".join(e.messages))
    if not request.headers.get("HX-Request"):  # without JavaScript: back to the list
        return redirect("veranstaltungen:checkin", pk=v.pk)
    return render(request, "veranstaltungen/_checkin_zeile.html", {"a": a, "v": v})


@netzwerk_recht
def export(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    if format not in ("csv", "xlsx"):
        raise Http404("Export gibt es als .csv und .xlsx.")
    if format == "csv":
        antwort = HttpResponse(exporte.als_csv(v), content_type="text/csv; charset=utf-8")
    else:
        antwort = HttpResponse(
            exporte.als_xlsx(v),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    antwort["Content-Disposition"] = (
        f'attachment; filename="{berichte.dateiname(f"Teilnehmende-{v.titel}", format)}"'
    )
    return antwort


@netzwerk_recht
def bescheinigung(request: HttpRequest, pk: int, anmeldung_id: int) -> HttpResponse:
    v = veranstaltung_oder_404(pk)
    return bescheinigung_pdf(
        get_object_or_404(Anmeldung.objects.select_related("veranstaltung"), pk=anmeldung_id, veranstaltung=v)
    )


@netzwerk_recht
def presse_neu(request: HttpRequest) -> HttpResponse:
    v = None
    initial: dict[str, str] = {"ort": "Dresden"}
    if request.GET.get("veranstaltung", "").isdigit():
        v = veranstaltung_oder_404(int(request.GET["veranstaltung"]))
        initial |= presse.vorschlag_aus_veranstaltung(v)
    form = PressemitteilungForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            pm = presse.entwurf_anlegen(**form.cleaned_data, veranstaltung=v)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Entwurf gespeichert.")
            return redirect(pm.get_absolute_url())
    return render(request, "veranstaltungen/presse_form.html", {"form": form, "v": v})


@netzwerk_recht
def presse_bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    pm = get_object_or_404(Pressemitteilung.objects, pk=pk)
    initial = {f: getattr(pm, f) for f in ("titel", "untertitel", "ort", "text", "kontakt")}
    form = PressemitteilungForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            presse.entwurf_aendern(pm, **form.cleaned_data)
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            return redirect(pm.get_absolute_url())
    return render(request, "veranstaltungen/presse_form.html", {"form": form, "pm": pm})


@netzwerk_recht
@require_POST
def presse_veroeffentlichen(request: HttpRequest, pk: int) -> HttpResponse:
    pm = presse.veroeffentlichen(get_object_or_404(Pressemitteilung.objects, pk=pk))
    messages.success(request, f"Veröffentlicht als {pm.nummer_text}.")
    return redirect(pm.get_absolute_url())
