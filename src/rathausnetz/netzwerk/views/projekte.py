"""Digitalisation projects: the own municipality's (all of them for the network staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from rathausnetz.netzwerk.forms.projekte import ProjektForm
from rathausnetz.netzwerk.models import Digitalisierungsprojekt
from rathausnetz.netzwerk.services import projekte
from rathausnetz.netzwerk.views._hilfen import Loeschung, ist_staff, loeschen_bestaetigen, nur_netzwerk
from rathausnetz.zugang.forms import fehler_ins_formular

KEIN_RECHT = "Projekte erfasst die Verwaltung der Kommune selbst oder die Servicestelle / die Digital-Lotsen."


@login_required
def liste(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = Digitalisierungsprojekt.objects.select_related("kommune", "navigator", "lotse")
    if status in Digitalisierungsprojekt.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "netzwerk/projekte.html",
        {
            "projekte": qs.order_by("kommune__name", "titel"),
            "status": status,
            "stati": Digitalisierungsprojekt.Status.choices,
            "darf_anlegen": projekte.darf_bearbeiten(request.zugriff),
        },
    )


def _projekt(pk: int) -> Digitalisierungsprojekt:
    return get_object_or_404(
        Digitalisierungsprojekt.objects.select_related("kommune", "navigator", "lotse"), pk=pk
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    p = _projekt(pk)
    return render(
        request,
        "netzwerk/projekt.html",
        {
            "p": p,
            "praxisbeispiele": p.praxisbeispiele.all(),
            "modelle": p.modelle.all(),
            "darf_bearbeiten": projekte.darf_bearbeiten(request.zugriff, p),
            "darf_loeschen": ist_staff(request),
        },
    )


@login_required
def neu(request: HttpRequest) -> HttpResponse:
    if not projekte.darf_bearbeiten(request.zugriff):
        raise PermissionDenied(KEIN_RECHT)
    kommunen = projekte.kommunen_fuer(request.zugriff)
    initial = {"status": Digitalisierungsprojekt.Status.IDEE}
    if len(kommunen) == 1:
        initial["kommune"] = kommunen[0].ags
    form = ProjektForm(request.POST or None, kommunen=kommunen, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            p = projekte.projekt_anlegen(form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, f"Projekt „{p.titel}“ erfasst.")
            return redirect(p.get_absolute_url())
    return render(request, "netzwerk/projekt_form.html", {"form": form, "titel": "Projekt erfassen"})


@login_required
def bearbeiten(request: HttpRequest, pk: int) -> HttpResponse:
    p = _projekt(pk)
    if not projekte.darf_bearbeiten(request.zugriff, p):
        raise PermissionDenied(KEIN_RECHT)
    form = ProjektForm(
        request.POST or None,
        kommunen=projekte.kommunen_fuer(request.zugriff),
        initial=ProjektForm.initial_von(projekte.daten_von(p)),
    )
    if request.method == "POST" and form.is_valid():
        try:
            projekte.projekt_aendern(p, form.daten())
        except ValidationError as e:
            fehler_ins_formular(form, e)
        else:
            messages.success(request, "Änderungen gespeichert.")
            return redirect(p.get_absolute_url())
    return render(
        request, "netzwerk/projekt_form.html", {"form": form, "titel": f"{p.titel} bearbeiten", "p": p}
    )


@nur_netzwerk
def loeschen(request: HttpRequest, pk: int) -> HttpResponse:
    p = _projekt(pk)
    return loeschen_bestaetigen(
        request,
        Loeschung(
            was=f"das Digitalisierungsprojekt „{p.titel}“ von {p.kommune.name}",
            ausfuehren=lambda: projekte.projekt_loeschen(p),
            ziel=reverse("netzwerk:projekte"),
            zurueck=p.get_absolute_url(),
            folgen=["Die Verwaltung der Kommune sieht die Löschung mit allen Angaben in ihrem Protokoll."],
            titel=f"Projekt „{p.titel}“ löschen",
            erfolg=f"Projekt „{p.titel}“ gelöscht.",
        ),
    )
